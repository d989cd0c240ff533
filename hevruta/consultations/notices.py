"""The kinds of notice consultations send (hevruta/notifications). Each goes only to people who may
read the consultation: the asker, the people invited to it, and for an open thread its repliers."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hevruta.notifications.kinds import Email, NoticeKind, register

INVITED = "consultations.invited"
ANSWERED = "consultations.answered"
CLOSED = "consultations.closed"
RATED = "consultations.rated"
REPLIED = "consultations.replied"


def _answered(context: Mapping[str, Any]) -> str:
    values = {"person": context.get("person", ""), "title": context.get("title", "")}
    if context.get("offered"):
        return _("%(person)s offers help with “%(title)s”") % values
    return _("%(person)s cannot help with “%(title)s” this time") % values


register(
    NoticeKind(
        key=INVITED,
        label=gettext_lazy("You are invited to help with a consultation"),
        default_email=Email.IMMEDIATELY,
        text=gettext_lazy("%(asker)s asks for your help: “%(title)s”"),
        email_body=gettext_lazy("Offer help or decline from the consultation's page."),
    )
)
register(
    NoticeKind(
        key=ANSWERED,
        label=gettext_lazy("Someone answered your invitation to help"),
        default_email=Email.IMMEDIATELY,
        text=_answered,
    )
)
register(
    NoticeKind(
        key=CLOSED,
        label=gettext_lazy("A consultation you helped with was closed"),
        default_email=Email.DAILY,
        text=gettext_lazy("“%(title)s” was closed with its outcome; rate it from its page"),
    )
)
register(
    NoticeKind(
        key=RATED,
        label=gettext_lazy("A helper rated your consultation"),
        default_email=Email.DAILY,
        text=gettext_lazy("%(person)s rated “%(title)s”"),
    )
)
register(
    NoticeKind(
        key=REPLIED,
        label=gettext_lazy("A reply in a consultation you take part in"),
        default_email=Email.DAILY,
        text=gettext_lazy("%(person)s replied in “%(title)s”"),
    )
)
