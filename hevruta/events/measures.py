"""What events can measure for a network or a program (docs/insights.md)."""

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from hevruta.directory.models import Network
from hevruta.insights.measures import PERIPHERY, Measure, Unit, register
from hevruta.programs.models import Program

from .models import Attendance, Event, EventStatus


def _held(scope: Any, start: date, end: date) -> QuerySet[Event] | None:
    events = Event.objects.filter(starts_at__date__gte=start, starts_at__date__lte=end).exclude(
        status__in=[EventStatus.CANCELLED, EventStatus.DRAFT]
    )
    if isinstance(scope, Network):
        return events.filter(network=scope)
    if isinstance(scope, Program):
        return events.filter(program=scope)
    return None


def events_held(scope: Any, start: date, end: date) -> float | None:
    held = _held(scope, start, end)
    return None if held is None else float(held.count())


def attendees_from_the_periphery(scope: Any, start: date, end: date) -> float | None:
    """People present at the scope's events who hold a position in a peripheral locality."""
    held = _held(scope, start, end)
    if held is None:
        return None
    periphery = Q(person__positions__organization__locality__peripherality_cluster__in=PERIPHERY)
    present = Attendance.objects.filter(event__in=held, present=True).filter(periphery)
    return float(present.values("person_id").distinct().count())


def series_attendance_rate(scope: Any, start: date, end: date) -> float | None:
    """Present marks at the network's series meetings over the members expected at them."""
    if not isinstance(scope, Network):
        return None
    from .queries import series_attendance_rate as rate

    rates = [r for r in (rate(series, start, end) for series in scope.series.all()) if r is not None]
    return round(sum(rates) / len(rates), 1) if rates else None


register(
    Measure(
        key="events.held",
        label=_("Events held"),
        unit=Unit.COUNT,
        description=_("Published events that took place in the period (cancelled ones not counted)."),
        compute=events_held,
    )
)
register(
    Measure(
        key="events.attendees_from_the_periphery",
        label=_("Attendees from the periphery"),
        unit=Unit.COUNT,
        description=_("People present at the events who work in localities of peripherality clusters 1 to 4."),
        compute=attendees_from_the_periphery,
    )
)
register(
    Measure(
        key="events.series_attendance_rate",
        label=_("Attendance rate of a series"),
        unit=Unit.PERCENT,
        description=_("Across the network's series: members present out of members expected at each meeting."),
        compute=series_attendance_rate,
    )
)
