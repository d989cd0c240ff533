"""Whom a survey can be sent to from here (hevruta/surveys/audiences.py): the people who attended an
event, or any event of a series. A network's events and series, or a program's (its cohorts' too);
drafts and cancelled events have no attendees to ask."""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hevruta.directory.models import Network
from hevruta.surveys.audiences import Audience, register

from .models import Attendance, Event, EventStatus, Series


def _events(scope: Any):  # type: ignore[no-untyped-def]
    held = Event.objects.exclude(status__in=[EventStatus.DRAFT, EventStatus.CANCELLED])
    return held.filter(network=scope) if isinstance(scope, Network) else held.filter(program=scope)


def _series(scope: Any):  # type: ignore[no-untyped-def]
    if isinstance(scope, Network):
        return Series.objects.filter(network=scope)
    return Series.objects.filter(pk__in=_events(scope).values("series_id"))


def _attended(scope: Any, where: Q, group: str) -> list[tuple[Any, str]]:
    present = Attendance.objects.filter(where, present=True, event__in=_events(scope)).select_related("person")
    people = {attendance.person_id: attendance.person for attendance in present}  # once, however many events
    return [(person, group) for person in people.values()]


def _event_attendees(scope: Any, event_id: int) -> list[tuple[Any, str]]:
    event = _events(scope).filter(pk=event_id).first()
    return _attended(scope, Q(event=event), event.title) if event else []


def _series_attendees(scope: Any, series_id: int) -> list[tuple[Any, str]]:
    series = _series(scope).filter(pk=series_id).first()
    return _attended(scope, Q(event__series=series), series.name) if series else []


register(
    Audience(
        key="events.event",
        label=_("The people who attended an event"),
        options=lambda scope: [(event.pk, event.title) for event in _events(scope).order_by("-starts_at")],
        people=_event_attendees,
    )
)
register(
    Audience(
        key="events.series",
        label=_("The people who attended an event of a series"),
        options=lambda scope: [(series.pk, series.name) for series in _series(scope).order_by("name")],
        people=_series_attendees,
    )
)
