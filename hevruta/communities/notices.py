"""The kinds of notice communities send (hevruta/notifications, docs/notifications.md).

Each is sent only to people who may read what it names: mentions to the members named, replies to the
thread's author while they may read it, join requests and reports to the community's facilitators; a
removed or restored post or thread to its author alone (never to the thread's other readers)."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hevruta.notifications.kinds import Email, NoticeKind, register

MENTIONED = "communities.mentioned"
REPLIED = "communities.replied"
POST_REMOVED = "communities.post_removed"
POST_RESTORED = "communities.post_restored"
THREAD_REMOVED = "communities.thread_removed"
THREAD_RESTORED = "communities.thread_restored"
JOIN_REQUESTED = "communities.join_requested"
JOIN_ANSWERED = "communities.join_answered"
INVITED = "communities.invited"
REPORTS_REACHED = "communities.reports_reached"


def _answered(context: Mapping[str, Any]) -> str:
    values = {"community": context.get("community", "")}
    if context.get("accepted"):
        return _("Your request to join the community %(community)s was accepted: welcome!") % values
    return _("Your request to join the community %(community)s was declined") % values


register(
    NoticeKind(
        key=MENTIONED,
        label=gettext_lazy("Someone mentions you in a community"),
        default_email=Email.IMMEDIATELY,
        text=gettext_lazy("%(person)s mentioned you in “%(title)s” (%(community)s)"),
    )
)
register(
    NoticeKind(
        key=REPLIED,
        label=gettext_lazy("A reply in a thread you started"),
        default_email=Email.DAILY,
        text=gettext_lazy("%(person)s replied in your thread “%(title)s” (%(community)s)"),
    )
)
register(
    NoticeKind(
        key=POST_REMOVED,
        label=gettext_lazy("A post of yours was removed"),
        default_email=Email.IMMEDIATELY,
        text=gettext_lazy("Your post in “%(title)s” (%(community)s) was removed: %(reason)s"),
    )
)
register(
    NoticeKind(
        key=POST_RESTORED,
        label=gettext_lazy("A post of yours is shown again"),
        default_email=Email.DAILY,
        text=gettext_lazy("Your post in “%(title)s” (%(community)s) is shown again"),
    )
)
register(
    NoticeKind(
        key=THREAD_REMOVED,
        label=gettext_lazy("A thread you started was removed"),
        default_email=Email.IMMEDIATELY,
        text=gettext_lazy("Your thread “%(title)s” (%(community)s) was removed: %(reason)s"),
    )
)
register(
    NoticeKind(
        key=THREAD_RESTORED,
        label=gettext_lazy("A thread you started is shown again"),
        default_email=Email.DAILY,
        text=gettext_lazy("Your thread “%(title)s” (%(community)s) is shown again"),
    )
)
register(
    NoticeKind(
        key=JOIN_REQUESTED,
        label=gettext_lazy("Someone asks to join a community you facilitate"),
        default_email=Email.IMMEDIATELY,
        text=gettext_lazy("%(person)s asks to join the community %(community)s"),
    )
)
register(
    NoticeKind(
        key=JOIN_ANSWERED,
        label=gettext_lazy("Your request to join a community was answered"),
        default_email=Email.IMMEDIATELY,
        text=_answered,
    )
)
register(
    NoticeKind(
        key=INVITED,
        label=gettext_lazy("You are invited to a community"),
        default_email=Email.IMMEDIATELY,
        text=gettext_lazy("%(inviter)s invites you to the community %(community)s"),
    )
)
register(
    NoticeKind(
        key=REPORTS_REACHED,
        label=gettext_lazy("Members reported a post in a community you facilitate"),
        default_email=Email.IMMEDIATELY,
        text=gettext_lazy(
            "A post in “%(title)s” (%(community)s) was reported %(count)s times and is hidden until you decide"
        ),
    )
)
