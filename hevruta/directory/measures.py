"""What the directory offers the measures catalogue (docs/insights.md): members, leading and senior teachers."""

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from hevruta.insights.activity import name_kind
from hevruta.insights.measures import Measure, Unit, activity_in, register, share


def _people(scope: Any):  # type: ignore[no-untyped-def]
    from hevruta.insights.refresh import counted_members, counted_participants
    from hevruta.programs.models import Program

    return counted_participants(scope) if isinstance(scope, Program) else counted_members(scope)


def members(scope: Any, start: date, end: date) -> float | None:
    return _people(scope).count()


def members_joined(scope: Any, start: date, end: date) -> float | None:
    return activity_in(scope, start, end).filter(kind="directory.member_joined").count()


def _tiers(scope: Any) -> dict[str, int]:
    from hevruta.insights.refresh import _tier_of

    return _tier_of(_people(scope))


def leading_share(scope: Any, start: date, end: date) -> float | None:
    tiers = _tiers(scope)
    return share(tiers["leading"], tiers["teacher"] + tiers["leading"] + tiers["senior"])


def senior_share(scope: Any, start: date, end: date) -> float | None:
    tiers = _tiers(scope)
    return share(tiers["senior"], tiers["teacher"] + tiers["leading"] + tiers["senior"])


register(
    Measure(
        "directory.members",
        _("Members"),
        Unit.COUNT,
        _("Members of the network (participants of a program) now, private profiles not counted."),
        members,
    )
)
register(
    Measure(
        "directory.members_joined",
        _("Members who joined"),
        Unit.COUNT,
        _("People who joined the network in the period."),
        members_joined,
    )
)
register(
    Measure(
        "directory.leading_share",
        _("Leading teachers among teachers"),
        Unit.PERCENT,
        _("Coordinators, instructors, community facilitators and pedagogic supervisors, as a share of all teachers."),
        leading_share,
    )
)
register(
    Measure(
        "directory.senior_share",
        _("Senior teachers among teachers"),
        Unit.PERCENT,
        _("Senior teachers and senior management posts, as a share of all teachers."),
        senior_share,
    )
)

name_kind("directory.member_joined", _("A member joined"))
