"""What consultations let a network measure (docs/insights.md), counted from the activity they record:
`consultations.asked` when a consultation opens, `consultations.helped` when a peer offers help (with
the helper's organization, and the asker's as the counterpart). Private consultations count like the
others: a number tells nobody what was asked."""

from datetime import date
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from hevruta.directory.models import Network
from hevruta.insights.measures import PERIPHERY, Measure, Unit, activity_in, register
from hevruta.insights.models import Activity


def _activities(scope: Any, kind: str, start: date, end: date) -> QuerySet[Activity] | None:
    if not isinstance(scope, Network):
        return None
    return activity_in(scope, start, end).filter(kind=kind)


def asked(scope: Any, start: date, end: date) -> float | None:
    found = _activities(scope, "consultations.asked", start, end)
    return None if found is None else float(found.values("subject").distinct().count())


def answered(scope: Any, start: date, end: date) -> float | None:
    found = _activities(scope, "consultations.helped", start, end)
    return None if found is None else float(found.values("subject").distinct().count())


def answered_across_sectors(scope: Any, start: date, end: date) -> float | None:
    found = _activities(scope, "consultations.helped", start, end)
    if found is None:
        return None
    across = found.exclude(sector="").exclude(counterpart__sector="").exclude(sector=F("counterpart__sector"))
    return float(across.values("subject").distinct().count())


def answered_across_periphery(scope: Any, start: date, end: date) -> float | None:
    found = _activities(scope, "consultations.helped", start, end)
    if found is None:
        return None
    helper_periphery = Q(peripherality_cluster__in=PERIPHERY)
    asker_periphery = Q(counterpart__locality__peripherality_cluster__in=PERIPHERY)
    known = found.filter(
        peripherality_cluster__isnull=False, counterpart__locality__peripherality_cluster__isnull=False
    )
    across = known.filter((helper_periphery & ~asker_periphery) | (~helper_periphery & asker_periphery))
    return float(across.values("subject").distinct().count())


register(
    Measure(
        key="consultations.asked",
        label=_("Consultations asked"),
        unit=Unit.COUNT,
        description=_("Consultations opened to the network in the period."),
        compute=asked,
    )
)
register(
    Measure(
        key="consultations.answered",
        label=_("Consultations answered"),
        unit=Unit.COUNT,
        description=_("Consultations in which at least one peer offered help in the period."),
        compute=answered,
    )
)
register(
    Measure(
        key="consultations.answered_across_sectors",
        label=_("Consultations answered across sectors"),
        unit=Unit.COUNT,
        description=_("Consultations in which a peer of another sector than the asker's offered help."),
        compute=answered_across_sectors,
    )
)
register(
    Measure(
        key="consultations.answered_across_periphery",
        label=_("Consultations answered between periphery and center"),
        unit=Unit.COUNT,
        description=_(
            "Consultations in which help crossed between the periphery (peripherality clusters 1 to 4) and the rest."
        ),
        compute=answered_across_periphery,
    )
)
