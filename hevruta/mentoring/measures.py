"""What mentoring offers the measures catalogue (docs/insights.md): counts over a network or a program.

Every measure counts rows, never reads a meeting's content.
"""

from datetime import date
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hevruta.insights.measures import Measure, Unit, register

from .models import MeetingLog, Relationship


def _scope(scope: Any, prefix: str = "") -> Q:
    from hevruta.programs.models import Program

    if isinstance(scope, Program):
        return Q(**{f"{prefix}program": scope})
    return Q(**{f"{prefix}program__network": scope})


def mentees_matched(scope: Any, start: date, end: date) -> float:
    relationships = Relationship.objects.filter(_scope(scope), starts_on__gte=start, starts_on__lte=end)
    return float(relationships.values("mentee").distinct().count())


def meetings_held(scope: Any, start: date, end: date) -> float:
    return float(MeetingLog.objects.filter(_scope(scope, "relationship__"), date__gte=start, date__lte=end).count())


def active_relationships(scope: Any, start: date, end: date) -> float:
    overlapping = Q(starts_on__lte=end) & (Q(ends_on__isnull=True) | Q(ends_on__gte=start))
    return float(Relationship.objects.filter(_scope(scope), overlapping).count())


register(
    Measure(
        key="mentoring.mentees_matched",
        label=_("Mentees matched"),
        unit=Unit.COUNT,
        description=_(
            "Mentees whose relationship (from a published match or their own request) started in the period."
        ),
        compute=mentees_matched,
    )
)
register(
    Measure(
        key="mentoring.meetings_held",
        label=_("Mentoring meetings held"),
        unit=Unit.COUNT,
        description=_("Meetings logged in mentoring and supervision relationships in the period."),
        compute=meetings_held,
    )
)
register(
    Measure(
        key="mentoring.active_relationships",
        label=_("Active mentoring relationships"),
        unit=Unit.COUNT,
        description=_("Relationships under way at some time in the period."),
        compute=active_relationships,
    )
)
