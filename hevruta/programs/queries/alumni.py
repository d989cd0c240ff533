"""A program's alumni: the participants of its ended cohorts and everyone who completed it.

The directory lists alumni through `people_visible_to`; the figures count all alumni, since a count
tells nobody who is behind it.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from hevruta.directory.models import Person, Position
from hevruta.directory.queries import people_visible_to

from ..models import Enrollment, EnrollmentStatus, Program


def alumni_enrollments(program: Program) -> QuerySet[Enrollment]:
    today = timezone.localdate()
    return Enrollment.objects.filter(cohort__program=program).filter(
        Q(status=EnrollmentStatus.COMPLETED) | (Q(cohort__end_date__lt=today) & ~Q(status=EnrollmentStatus.WITHDRAWN))
    )


def _is_alumnus(program: Program) -> Exists:
    return Exists(alumni_enrollments(program).filter(person=OuterRef("pk")))


def _senior_now() -> Exists:
    today = timezone.localdate()
    return Exists(
        Position.objects.filter(person=OuterRef("pk"), is_senior=True).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=today)
        )
    )


def _senior_after(program: Program) -> Exists:
    """A senior post that started after the end of a cohort the person is an alumnus of."""
    later_post = Position.objects.filter(
        person=OuterRef("person"), is_senior=True, start_date__gt=OuterRef("cohort__end_date")
    )
    return Exists(alumni_enrollments(program).filter(person=OuterRef("pk")).filter(Exists(later_post)))


@dataclass(frozen=True)
class AlumniFigures:
    alumni: int
    senior_now: int
    senior_after: int

    def as_json(self) -> dict:
        return {"alumni": self.alumni, "senior_now": self.senior_now, "senior_after": self.senior_after}


def alumni_figures(program: Program) -> AlumniFigures:
    """How many alumni hold a senior post now, and how many took one after the program; one query."""
    counts = (
        Person.objects.filter(_is_alumnus(program))
        .alias(now=_senior_now(), after=_senior_after(program))
        .aggregate(
            alumni=Count("pk"),
            senior_now=Count("pk", filter=Q(now=True)),
            senior_after=Count("pk", filter=Q(after=True)),
        )
    )
    return AlumniFigures(counts["alumni"], counts["senior_now"], counts["senior_after"])


def alumni_directory(user: Any, program: Program) -> QuerySet[Person]:
    """Alumni the user may see, each with positions over time and the cohorts they were in."""
    return (
        people_visible_to(user)
        .filter(_is_alumnus(program))
        .select_related("locality")
        .prefetch_related(
            Prefetch(
                "positions",
                queryset=Position.objects.select_related("organization").order_by("-start_date", "-end_date", "id"),
                to_attr="timeline",
            ),
            Prefetch(
                "enrollments",
                queryset=alumni_enrollments(program)
                .select_related("cohort", "organization")
                .order_by("cohort__start_date"),
                to_attr="alumni_enrollments",
            ),
        )
        .order_by("family_name", "given_name", "id")
    )
