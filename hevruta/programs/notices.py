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
