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
from datetime import date
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    COUNT = "count", _("number")
    PERCENT = "percent", _("percent")
    HOURS = "hours", _("hours")
    SCORE = "score", _("score")


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
