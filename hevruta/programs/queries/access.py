"""Who is what in a program, and which programs, evidence, meetings and decisions each user may see.

Program rights come from the program's own staff table (coordinator, reviewer, supervisor, instructor)
and from managing the program's network; never from a global flag except the site operator's.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from hevruta.directory.queries import people_visible_to, viewer_for

from ..models import (
    AccreditationDecision,
    Enrollment,
    EnrollmentStatus,
    Evidence,
    Program,
    ProgramStaff,
    StaffRole,
)


@dataclass(frozen=True)
class ProgramAccess:
    """What one user is in one program; computed with two queries and passed to templates."""

    program_id: int
    person_id: int | None = None
    is_operator: bool = False
    manages_network: bool = False
    sees_network: bool = False
    staff_roles: frozenset[str] = frozenset()
    # (enrollment id, cohort id, status) of the user's own enrollments in the program.
    enrollments: tuple[tuple[int, int, str], ...] = field(default_factory=tuple)

    @property
    def manages(self) -> bool:
        """Runs the program: edits it, its cohorts and staff, and decides on accreditation."""
        return self.is_operator or self.manages_network or StaffRole.COORDINATOR in self.staff_roles

    @property
    def is_staff(self) -> bool:
        return self.manages or bool(self.staff_roles)

    @property
    def reviews(self) -> bool:
        return self.manages or StaffRole.REVIEWER in self.staff_roles

    @property
    def supervises(self) -> bool:
        return StaffRole.SUPERVISOR in self.staff_roles

    @property
    def is_participant(self) -> bool:
        return bool(self.enrollments)

    @property
    def cohort_ids(self) -> set[int]:
        return {cohort_id for _enrollment, cohort_id, _status in self.enrollments}

    @property
    def may_view(self) -> bool:
        return self.is_operator or self.sees_network or self.is_staff or self.is_participant

    def in_cohort(self, cohort_id: int) -> bool:
        return cohort_id in self.cohort_ids

    def active_enrollment_in(self, cohort_id: int) -> int | None:
        for enrollment_id, enrolled_cohort, status in self.enrollments:
            if enrolled_cohort == cohort_id and status == EnrollmentStatus.ACTIVE:
                return enrollment_id
        return None


def program_access(user: Any, program: Program) -> ProgramAccess:
    viewer = viewer_for(user)
    network = program.network
    base = {
        "program_id": program.pk,
        "person_id": viewer.person_id,
        "is_operator": viewer.is_operator,
        "manages_network": program.network_id in viewer.managed_network_ids,
        "sees_network": network.is_public or program.network_id in viewer.network_ids,
    }
    if viewer.person_id is None:
        return ProgramAccess(**base)  # type: ignore[arg-type]
    roles = frozenset(
        ProgramStaff.objects.filter(program=program, person_id=viewer.person_id).values_list("role", flat=True)
    )
    enrollments = tuple(
        Enrollment.objects.filter(cohort__program=program, person_id=viewer.person_id).values_list(
            "pk", "cohort_id", "status"
        )
    )
    return ProgramAccess(**base, staff_roles=roles, enrollments=enrollments)  # type: ignore[arg-type]


def programs_visible_to(user: Any) -> QuerySet[Program]:
    """Programs of public networks, of my networks, and those I staff or take part in."""
    viewer = viewer_for(user)
    programs = Program.objects.all()
    if viewer.is_operator:
        return programs
    condition: Any = Q(network__is_public=True) | Q(network_id__in=viewer.network_ids)
    if viewer.person_id:
        condition |= Exists(ProgramStaff.objects.filter(program=OuterRef("pk"), person_id=viewer.person_id))
        condition |= Exists(Enrollment.objects.filter(cohort__program=OuterRef("pk"), person_id=viewer.person_id))
    return programs.filter(condition)


def _staffed_programs(user: Any, roles: tuple[str, ...] | None) -> QuerySet[Program]:
    viewer = viewer_for(user)
    if viewer.is_operator:
        return Program.objects.all()
    condition: Any = Q(network_id__in=viewer.managed_network_ids)
    if viewer.person_id:
        staff = ProgramStaff.objects.filter(program=OuterRef("pk"), person_id=viewer.person_id)
        if roles is not None:
            staff = staff.filter(role__in=roles)
        condition |= Exists(staff)
    return Program.objects.filter(condition)


def staff_programs(user: Any) -> QuerySet[Program]:
    """Programs where the user is staff in any role (or manages the network)."""
    return _staffed_programs(user, None)


def managed_programs(user: Any) -> QuerySet[Program]:
    return _staffed_programs(user, (StaffRole.COORDINATOR,))


def reviewable_programs(user: Any) -> QuerySet[Program]:
    return _staffed_programs(user, (StaffRole.COORDINATOR, StaffRole.REVIEWER))


def evidence_visible_to(user: Any) -> QuerySet[Evidence]:
    """Evidence is seen by its author, and by the staff (reviewers included) of its program; nobody else."""
    viewer = viewer_for(user)
    if viewer.person_id is None and not viewer.is_operator:
        return Evidence.objects.none()
    condition: Any = Q(enrollment__cohort__program__in=staff_programs(user))
    if viewer.person_id:
        condition |= Q(enrollment__person_id=viewer.person_id)
    return Evidence.objects.filter(condition)


def decisions_visible_to(user: Any) -> QuerySet[AccreditationDecision]:
    """Decisions, with who took them, are seen by program staff only; participants see their own outcome
    through `own_decisions`."""
    return AccreditationDecision.objects.filter(enrollment__cohort__program__in=staff_programs(user))


def own_decisions(user: Any) -> QuerySet[AccreditationDecision]:
    viewer = viewer_for(user)
    if viewer.person_id is None:
        return AccreditationDecision.objects.none()
    return AccreditationDecision.objects.filter(enrollment__person_id=viewer.person_id)


def named_people(user: Any, access: ProgramAccess, person_ids: Iterable[int | None]) -> set[int] | None:
    """Whose names this viewer may read among these people: None (everyone's) for the program's staff,
    who work with every participant by name; else those `people_visible_to` shows. An "only me"
    profile, or one shown to its networks only, is "a participant" to the others."""
    if access.is_staff:
        return None
    wanted = {pk for pk in person_ids if pk}
    if not wanted:
        return set()
    return set(people_visible_to(user).filter(pk__in=wanted).values_list("pk", flat=True))
