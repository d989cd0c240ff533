"""The kinds of notice surveys send (hevruta/notifications, docs/notifications.md)."""

from django.utils.translation import gettext_lazy

from hevruta.notifications.kinds import Email, NoticeKind, register

SURVEY_SENT = "surveys.sent"
SURVEY_REMINDER = "surveys.reminder"

register(
    NoticeKind(
        key=SURVEY_SENT,
        label=gettext_lazy("You are asked to answer a survey"),
        default_email=Email.IMMEDIATELY,
        text=gettext_lazy("You are asked to answer the survey “%(survey)s”"),
    )
)
register(
    NoticeKind(
        key=SURVEY_REMINDER,
        label=gettext_lazy("A reminder of a survey you have not answered"),
        default_email=Email.IMMEDIATELY,
        text=gettext_lazy("A reminder: the survey “%(survey)s” is waiting for your answers"),
    )
)
