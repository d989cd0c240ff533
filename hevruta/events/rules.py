"""Who may do what with an event, declared once for pages, the API and the feeds (services check the same).

`events_visible_to` (queries.py) answers "which events may this person see"; the predicates here
answer it for one event, and say who runs an event and who writes its summary.
"""

from typing import Any

import rules

from hevruta.directory.queries import viewer_for

from .models import Event


def event_managed_by(user: Any, event: Event) -> bool:
    """Organizers, the network's managers and the site operator run an event: edit, check in, export."""
    viewer = viewer_for(user)
    if viewer.is_operator or (event.network_id and event.network_id in viewer.managed_network_ids):
        return True
    if viewer.person_id is None:
        return False
    return event.organizers.filter(pk=viewer.person_id).exists()


def may_write_summary(user: Any, event: Event, manages: bool | None = None) -> bool:
    """The organizers, or the participant they named, write a network event's summary once, after it."""
    if event.summary_id or not event.has_ended or event.network_id is None:
        return False
    if manages is None:
        manages = event_managed_by(user, event)
    person_id = viewer_for(user).person_id
    return manages or (person_id is not None and person_id == event.summary_writer_id)


@rules.predicate
def can_view_event(user: Any, event: Event) -> bool:
    from .queries import events_visible_to

    return events_visible_to(user).filter(pk=event.pk).exists()


@rules.predicate
def manages_event(user: Any, event: Event) -> bool:
    return event_managed_by(user, event)


@rules.predicate
def can_write_summary(user: Any, event: Event) -> bool:
    return may_write_summary(user, event)


rules.add_perm("events.view_event", can_view_event)
rules.add_perm("events.manage_event", manages_event)
rules.add_perm("events.write_summary", can_write_summary)
