"""The catalogue of what the platform can measure: each app registers its measures in its own
measures.py (found at start-up), and outcomes' indicators and the dashboards choose from it without
knowing any app's tables.

    from hevruta.insights.measures import Measure, register

    register(Measure(
        key="mentoring.mentees_matched",
        label=_("Mentees matched"),
        unit=Unit.COUNT,
        description=_("Mentees with a published match in the period."),
        compute=mentees_matched,  # (scope, start, end) -> float | None
    ))

`scope` is a directory.Network or a programs.Program; `start` and `end` are dates, end inclusive.
A measure returns None when it does not apply to the scope (a program measure asked of a network
it cannot sum over, say).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    COUNT = "count", _("number")
    PERCENT = "percent", _("percent")
    HOURS = "hours", _("hours")
    SCORE = "score", _("score")


# The CBS peripherality clusters every measure, dashboard and graph counts as the periphery
# (1 is the most peripheral of ten).
PERIPHERY = (1, 2, 3, 4)

Compute = Callable[[Any, date, date], float | None]


@dataclass(frozen=True)
class Measure:
    key: str
    label: str | Promise
    unit: Unit
    description: str | Promise
    compute: Compute


_measures: dict[str, Measure] = {}


def register(measure: Measure) -> None:
    """Adds a measure; registering the same key again replaces it (ready() may run twice in tests)."""
    _measures[measure.key] = measure


def get(key: str) -> Measure | None:
    return _measures.get(key)


def catalogue() -> list[Measure]:
    return sorted(_measures.values(), key=lambda measure: measure.key)


def activity_in(scope: Any, start: date, end: date) -> "models.QuerySet":
    """The Activity rows of a scope (a network, its programs included, or a program) in a period, end
    inclusive: what most measures count. Read by the refresh, never on a page."""
    from hevruta.directory.models import Network

    from .models import Activity

    owner = {"network": scope} if isinstance(scope, Network) else {"program": scope}
    return Activity.objects.filter(**owner, **period(start, end))


def period(start: date, end: date) -> dict[str, datetime]:
    """The filter of Activity in a period of local days, end inclusive, as a range of times (not a
    function of the column, so that the (network, kind, occurred_at) index serves it)."""
    since = timezone.make_aware(datetime.combine(start, time.min))
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
    return {"occurred_at__gte": since, "occurred_at__lt": until}


def share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def cross_organization_ties(scope: Any, start: date, end: date) -> float | None:
    """Activities that tied two different organizations (a mentor and an intern of two schools, ...)."""
    return (
        activity_in(scope, start, end)
        .filter(counterpart__isnull=False, organization__isnull=False)
        .exclude(counterpart=models.F("organization"))
        .count()
    )


def cross_sector_share(scope: Any, start: date, end: date) -> float | None:
    """Of the ties between organizations, the share between organizations of different sectors."""
    ties = (
        activity_in(scope, start, end)
        .filter(counterpart__isnull=False, organization__isnull=False)
        .exclude(counterpart=models.F("organization"))
    )
    crossing = ties.exclude(sector=models.F("counterpart__sector"))
    return share(crossing.count(), ties.count())


register(
    Measure(
        "insights.cross_organization_ties",
        _("Ties across organizations"),
        Unit.COUNT,
        _("Activities in the period that tied two different organizations (the network graph's edges)."),
        cross_organization_ties,
    )
)
register(
    Measure(
        "insights.cross_sector_share",
        _("Ties across sectors"),
        Unit.PERCENT,
        _("Of the ties between organizations in the period, the share joining two sectors."),
        cross_sector_share,
    )
)
