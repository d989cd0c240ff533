"""The kinds of notice events send (hevruta/notifications, docs/notifications.md)."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hevruta.notifications.kinds import Email, NoticeKind, register

REGISTERED = "events.registered"
OFFERED_A_SEAT = "events.offered_a_seat"
CANCELLED_BY_ORGANIZER = "events.cancelled_by_organizer"
EVENT_CHANGED = "events.event_changed"


def _registered(context: Mapping[str, Any]) -> str:
    values = {"event": context.get("event", "")}
    if context.get("status") == "waitlisted":
        return _("%(event)s is full: you are on its waitlist, and we will tell you when a seat frees") % values
    if context.get("status") == "pending":
        return _("Your registration for %(event)s waits for the organizers' approval") % values
    return _("You are registered for %(event)s") % values


def _cancelled(context: Mapping[str, Any]) -> str:
    values = {"event": context.get("event", "")}
    if context.get("whole_event"):
        return _("%(event)s was cancelled by its organizers") % values
    return _("The organizers cancelled your registration for %(event)s") % values


register(
    NoticeKind(
        key=REGISTERED,
        label=gettext_lazy("Your registration for an event"),
        default_email=Email.IMMEDIATELY,
        text=_registered,
    )
)
register(
    NoticeKind(
        key=OFFERED_A_SEAT,
        label=gettext_lazy("A seat freed for you at an event you wait for"),
        default_email=Email.IMMEDIATELY,
        text=gettext_lazy("A seat freed at %(event)s: confirm it by %(deadline)s, or it passes to the next in line"),
    )
)
register(
    NoticeKind(
        key=CANCELLED_BY_ORGANIZER,
        label=gettext_lazy("An event or your registration was cancelled"),
        default_email=Email.IMMEDIATELY,
        text=_cancelled,
    )
)
register(
    NoticeKind(
        key=EVENT_CHANGED,
        label=gettext_lazy("An event you registered for changed"),
        default_email=Email.IMMEDIATELY,
        text=gettext_lazy("%(event)s changed: now %(when)s"),
    )
)
