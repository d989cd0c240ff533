"""The kinds of notice the directory sends about joining networks (hevruta/notifications)."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hevruta.notifications.kinds import Email, NoticeKind, register

JOIN_REQUESTED = "directory.join_requested"
JOIN_ANSWERED = "directory.join_answered"
INVITED = "directory.invited"


def _answered(context: Mapping[str, Any]) -> str:
    if context.get("accepted"):
        return _("Your request to join %(network)s was accepted: welcome!") % {"network": context.get("network", "")}
    return _("Your request to join %(network)s was declined") % {"network": context.get("network", "")}


register(
    NoticeKind(
        key=JOIN_REQUESTED,
        label=gettext_lazy("Someone asks to join a network you manage"),
        default_email=Email.IMMEDIATELY,
        text=gettext_lazy("%(person)s asks to join %(network)s"),
        email_body=gettext_lazy("Accept or decline the request on the network's joining page."),
    )
)
register(
    NoticeKind(
        key=JOIN_ANSWERED,
        label=gettext_lazy("Your request to join a network was answered"),
        default_email=Email.IMMEDIATELY,
        text=_answered,
    )
)
register(
    NoticeKind(
        key=INVITED,
        label=gettext_lazy("You are invited to join a network"),
        default_email=Email.IMMEDIATELY,
        text=gettext_lazy("%(inviter)s invites you to join %(network)s"),
        email_body=gettext_lazy("Accept or decline the invitation from its page."),
    )
)

ROSTER_IMPORTED = "directory.roster_imported"


def _roster_imported(context: Mapping[str, Any]) -> str:
    values = {"network": context.get("network", ""), "file": context.get("file", "")}
    if context.get("succeeded"):
        return _("The roster %(file)s was imported into %(network)s") % values
    return _("The roster %(file)s could not be imported into %(network)s") % values


register(
    NoticeKind(
        key=ROSTER_IMPORTED,
        label=gettext_lazy("A roster import you started has finished"),
        default_email=Email.IMMEDIATELY,
        text=_roster_imported,
        email_body=gettext_lazy("Its page shows what was written, or what to fix."),
    )
)
