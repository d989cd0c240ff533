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
