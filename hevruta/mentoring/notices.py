"""The kinds of notice mentoring sends (hevruta/notifications, docs/notifications.md).

No notice carries a meeting's summary or a private note: only names, dates and counts.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hevruta.notifications.kinds import Email, NoticeKind, register

APPLICATION_ARRIVED = "mentoring.application_arrived"
MATCH_PUBLISHED = "mentoring.match_published"
MEETING_OVERDUE = "mentoring.meeting_overdue"
ASSESSMENT_DUE = "mentoring.assessment_due"
ASSESSMENT_SUBMITTED = "mentoring.assessment_submitted"
MATCHING_FINISHED = "mentoring.matching_finished"


def _application(context: Mapping[str, Any]) -> str:
    values = {"person": context.get("person", ""), "program": context.get("program", "")}
    if context.get("side") == "mentor":
        return _("%(person)s applies to %(program)s as a mentor") % values
    return _("%(person)s applies to %(program)s as a mentee") % values


register(
    NoticeKind(
        key=APPLICATION_ARRIVED,
        label=gettext_lazy("Someone applies to a mentoring program you run"),
        default_email=Email.DAILY,
        text=_application,
    )
)
register(
    NoticeKind(
        key=MATCH_PUBLISHED,
        label=gettext_lazy("You were matched in a mentoring program"),
        default_email=Email.IMMEDIATELY,
        text=gettext_lazy("Your match in %(program)s is published"),
    )
)
register(
    NoticeKind(
        key=MEETING_OVERDUE,
        label=gettext_lazy("A meeting with your mentee is overdue"),
        default_email=Email.IMMEDIATELY,
        text=gettext_lazy("No meeting with %(mentee)s logged for %(days)s days"),
    )
)
register(
    NoticeKind(
        key=ASSESSMENT_DUE,
        label=gettext_lazy("Your part of an intern's assessment is due"),
        default_email=Email.IMMEDIATELY,
        text=gettext_lazy("Your assessment of %(mentee)s is due by %(date)s"),
    )
)
register(
    NoticeKind(
        key=ASSESSMENT_SUBMITTED,
        label=gettext_lazy("Your mentor submitted an assessment of you"),
        default_email=Email.IMMEDIATELY,
        text=gettext_lazy("%(mentor)s submitted an assessment: read it and add your response"),
    )
)


def _matching_finished(context: Mapping[str, Any]) -> str:
    values = {"program": context.get("program", "")}
    if context.get("succeeded"):
        return _("The matching of %(program)s is ready: review the proposal") % values
    return _("The matching of %(program)s failed; nothing was written") % values


register(
    NoticeKind(
        key=MATCHING_FINISHED,
        label=gettext_lazy("A matching run in the background has finished"),
        default_email=Email.IMMEDIATELY,
        text=_matching_finished,
    )
)
