"""Whom a program's survey can be sent to (hevruta/surveys/audiences.py): a cohort, or the whole program."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from hevruta.surveys.audiences import Audience, register

from .models import Cohort, Enrollment, EnrollmentStatus, Program


def _cohorts(scope: Any) -> list[tuple[int, str]]:
    if not isinstance(scope, Program):
        return []
    return [(cohort.pk, cohort.name) for cohort in Cohort.objects.filter(program=scope).order_by("-start_date")]


def _taking_part(scope: Any, **where: Any) -> list[tuple[Any, str]]:
    if not isinstance(scope, Program):
        return []
    enrollments = (
        Enrollment.objects.filter(cohort__program=scope, **where)
        .exclude(status=EnrollmentStatus.WITHDRAWN)
        .select_related("person", "cohort")
    )
    return [(enrollment.person, enrollment.cohort.name) for enrollment in enrollments]


register(
    Audience(
        key="programs.cohort",
        label=_("The participants of a cohort"),
        options=_cohorts,
        people=lambda scope, option: _taking_part(scope, cohort_id=option),
    )
)
register(
    Audience(
        key="programs.program",
        label=_("Every participant of the program"),
        options=lambda scope: [(scope.pk, scope.name)] if isinstance(scope, Program) else [],
        people=lambda scope, option: _taking_part(scope),
    )
)
