"""The kinds of notice programs send (hevruta/notifications, docs/notifications.md)."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hevruta.notifications.kinds import Email, NoticeKind, register

EVIDENCE_REVIEWED = "programs.evidence_reviewed"


def _reviewed(context: Mapping[str, Any]) -> str:
    values = {"competency": context.get("competency", ""), "program": context.get("program", "")}
    if context.get("decision") == "accept":
        return _("Your evidence for “%(competency)s” (%(program)s) was accepted") % values
    return _("Your evidence for “%(competency)s” (%(program)s) was returned with comments") % values


register(
    NoticeKind(
        key=EVIDENCE_REVIEWED,
        label=gettext_lazy("Your evidence in a program was reviewed"),
        default_email=Email.IMMEDIATELY,
        text=_reviewed,
    )
)


APPLICATION_RECEIVED = "programs.application_received"
APPLICATION_ANSWERED = "programs.application_answered"


def _application_answered(context: Mapping[str, Any]) -> str:
    values = {"cohort": context.get("cohort", ""), "program": context.get("program", "")}
    if context.get("accepted"):
        return _("Your application to %(cohort)s (%(program)s) was accepted: welcome!") % values
    return _("Your application to %(cohort)s (%(program)s) was declined") % values


register(
    NoticeKind(
        key=APPLICATION_RECEIVED,
        label=gettext_lazy("Someone applies to a cohort you run"),
        default_email=Email.IMMEDIATELY,
        text=gettext_lazy("%(person)s applies to %(cohort)s (%(program)s)"),
    )
)
register(
    NoticeKind(
        key=APPLICATION_ANSWERED,
        label=gettext_lazy("Your application to a cohort was answered"),
        default_email=Email.IMMEDIATELY,
        text=_application_answered,
    )
)
