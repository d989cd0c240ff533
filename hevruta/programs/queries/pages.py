"""What each page and endpoint reads, with select/prefetch done once so the count of queries stays fixed."""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from hevruta.directory.models import Decision, Person
from hevruta.directory.queries import viewer_for
from hevruta.events.models import Attendance, Event
from hevruta.standards.models import Association, AssociationType, Item
from hevruta.standards.queries import roles_visible_to

from ..models import (
    AccreditationDecision,
    Cohort,
    CohortApplication,
    Enrollment,
    EnrollmentStatus,
    Evidence,
    EvidenceStatus,
    Program,
    ProgramCredential,
    ProgramGoal,
    ProgramStaff,
    Requirement,
    RoleAccreditation,
    StaffRole,
    SupervisionMeeting,
)
from .access import (
    evidence_visible_to,
    programs_visible_to,
    reviewable_programs,
    staff_programs,
    supervision_visible_to,
)
from .progress import RequirementProgress, progress_for


def program_list(user: Any) -> QuerySet[Program]:
    return (
        programs_visible_to(user)
        .select_related("network")
        .annotate(cohort_count=Count("cohorts", distinct=True))
        .order_by("name_he", "name_en", "id")
    )


def program_by_slug(user: Any, slug: str) -> Program | None:
    if "\x00" in slug:
        return None
    return (
        programs_visible_to(user)
        .select_related("network", "framework", "issuing_organization")
        .filter(slug=slug)
        .first()
    )


def program_by_id(user: Any, program_id: int) -> Program | None:
    return (
        programs_visible_to(user)
        .select_related("network", "framework", "issuing_organization")
        .filter(pk=program_id)
        .first()
    )


@dataclass
class ProgramPage:
    goals: list[ProgramGoal]
    roles: list
    # Roles whose own page (in the standards app) the viewer may open.
    linked_role_ids: set[int]
    requirements: list[Requirement]
    staff: list[ProgramStaff]
    cohorts: list[Cohort]


def program_page(user: Any, program: Program) -> ProgramPage:
    """Everything the program page shows, in seven queries whatever the number of cohorts and people."""
    return ProgramPage(
        goals=list(program.goals.prefetch_related("objectives").order_by("order")),
        roles=list(program.roles.order_by("name")),
        linked_role_ids=set(roles_visible_to(user).filter(programs=program).values_list("pk", flat=True)),
        requirements=list(program.requirements.select_related("competency", "min_level")),
        staff=list(program.staff.select_related("person")),
        cohorts=list(
            program.cohorts.annotate(
                participant_count=Count("enrollments", filter=~Q(enrollments__status=EnrollmentStatus.WITHDRAWN))
            ).order_by("-start_date", "id")
        ),
    )


def cohort_of(program_ids: QuerySet[Program], cohort_id: int) -> Cohort | None:
    return (
        Cohort.objects.filter(pk=cohort_id, program__in=program_ids)
        .select_related("program__network", "program__framework", "program__issuing_organization")
        .first()
    )


def cohort_participants(cohort: Cohort) -> list[Enrollment]:
    return list(
        cohort.enrollments.select_related("person", "organization", "cohort").order_by(
            "person__family_name", "person__given_name", "id"
        )
    )


@dataclass
class CohortPage:
    sessions: list[Event]
    assignments: list
    participants: list[Enrollment] = field(default_factory=list)
    progress: dict[int, list[RequirementProgress]] = field(default_factory=dict)


def cohort_page(cohort: Cohort, *, participants: bool, with_progress: bool) -> CohortPage:
    page = CohortPage(
        # By date: an annotated (grouped) query drops the model's ordering, and sessions came in creation order.
        sessions=list(
            cohort.sessions.annotate(present_count=Count("attendance", filter=Q(attendance__present=True))).order_by(
                "starts_at", "id"
            )
        ),
        assignments=list(cohort.assignments.select_related("competency")),
    )
    if participants:
        page.participants = cohort_participants(cohort)
        if with_progress:
            page.progress = progress_for(page.participants)
    return page


def pending_applications(cohort: Cohort) -> QuerySet[CohortApplication]:
    """Applications waiting for the cohort's managers. They see who applies even from a private
    profile: the person chose to apply to them."""
    return cohort.applications.filter(status=Decision.PENDING).select_related("person").order_by("created_at", "id")


def my_application(cohort: Cohort, person_id: int | None) -> CohortApplication | None:
    if person_id is None:
        return None
    return cohort.applications.filter(person_id=person_id, status=Decision.PENDING).first()


def session_of(program_ids: QuerySet[Program], session_id: int) -> Event | None:
    return (
        Event.objects.filter(pk=session_id, cohort__program__in=program_ids)
        .select_related("cohort__program__network")
        .first()
    )


@dataclass
class AttendanceRow:
    enrollment: Enrollment
    attendance: Attendance | None

    @property
    def present(self) -> bool:
        return bool(self.attendance and self.attendance.present)


def cohort_of_session(session: Event) -> Cohort:
    """The cohort of one of its sessions: programs reads only cohorts' events (`session_of` finds no other)."""
    if session.cohort is None:
        raise ValueError(f"Event {session.pk} is not a cohort's session.")
    return session.cohort


def attendance_sheet(session: Event) -> list[AttendanceRow]:
    """Every participant of the session's cohort (not withdrawn) with their attendance, if taken."""
    marks = {mark.person_id: mark for mark in Attendance.objects.filter(event=session)}
    enrollments = (
        cohort_of_session(session)
        .enrollments.exclude(status=EnrollmentStatus.WITHDRAWN)
        .select_related("person", "organization")
        .order_by("person__family_name", "person__given_name", "id")
    )
    return [AttendanceRow(enrollment, marks.get(enrollment.person_id)) for enrollment in enrollments]


def own_attendance(session: Event, person_id: int | None) -> Attendance | None:
    if person_id is None:
        return None
    return Attendance.objects.filter(event=session, person_id=person_id).first()


# The participant's dashboard -------------------------------------------------------------------------


@dataclass
class EnrollmentSummary:
    enrollment: Enrollment
    progress: list[RequirementProgress]
    evidence: list[Evidence]
    upcoming: list[Event]
    decision: AccreditationDecision | None
    credentials: list[ProgramCredential]

    @property
    def met_count(self) -> int:
        return sum(1 for row in self.progress if row.met)


def my_programs(user: Any) -> list[EnrollmentSummary]:
    """My enrollments with progress at a glance, my evidence, upcoming sessions and my latest decision."""
    viewer = viewer_for(user)
    if viewer.person_id is None:
        return []
    enrollments = list(
        Enrollment.objects.filter(person_id=viewer.person_id)
        .select_related("cohort__program", "organization")
        .order_by("-cohort__start_date", "id")
    )
    if not enrollments:
        return []
    ids = [e.pk for e in enrollments]
    progress = progress_for(enrollments)
    evidence: dict[int, list[Evidence]] = {pk: [] for pk in ids}
    for item in Evidence.objects.filter(enrollment_id__in=ids).select_related("competency", "level"):
        evidence[item.enrollment_id].append(item)
    now = timezone.now()
    upcoming: dict[int, list[Event]] = {e.cohort_id: [] for e in enrollments}
    for session in Event.objects.filter(cohort_id__in=list(upcoming), ends_at__gte=now - timedelta(hours=12)).order_by(
        "starts_at"
    )[:50]:
        mine = upcoming[session.cohort_id]  # type: ignore[index]  # filtered on cohort_id just above
        if len(mine) < 3:
            mine.append(session)
    decisions: dict[int, AccreditationDecision] = {}
    for decision in AccreditationDecision.objects.filter(enrollment_id__in=ids).order_by("decided_at", "id"):
        decisions[decision.enrollment_id] = decision  # the latest wins
    credentials: dict[int, list[ProgramCredential]] = {pk: [] for pk in ids}
    for link in ProgramCredential.objects.filter(enrollment_id__in=ids).select_related("credential"):
        credentials[link.enrollment_id].append(link)
    return [
        EnrollmentSummary(
            enrollment=e,
            progress=progress[e.pk],
            evidence=evidence[e.pk],
            upcoming=upcoming[e.cohort_id],
            decision=decisions.get(e.pk),
            credentials=credentials[e.pk],
        )
        for e in enrollments
    ]


def my_staff_programs(user: Any) -> list[Program]:
    return list(staff_programs(user).select_related("network").order_by("name_he", "name_en", "id"))


def review_queue(user: Any) -> QuerySet[Evidence]:
    """Evidence waiting for review in programs where the user reviews; never their own."""
    viewer = viewer_for(user)
    queue = Evidence.objects.filter(
        status=EvidenceStatus.SUBMITTED, enrollment__cohort__program__in=reviewable_programs(user)
    )
    if viewer.person_id:
        queue = queue.exclude(enrollment__person_id=viewer.person_id)
    return queue.select_related(
        "enrollment__person", "enrollment__cohort__program", "competency", "assignment"
    ).order_by("submitted_at", "id")


def evidence_detail(user: Any, evidence_id: int) -> Evidence | None:
    return (
        evidence_visible_to(user)
        .select_related(
            "enrollment__person",
            "enrollment__cohort__program__network",
            "competency__framework",
            "assignment",
            "level",
        )
        .prefetch_related("revisions", "reviews__reviewer", "reviews__level", "reviews__revision")
        .filter(pk=evidence_id)
        .first()
    )


def framework_competencies(framework_id: int | None) -> QuerySet[Item]:
    """The competencies of a framework: its leaves, the items nothing else is a child of (domains and
    standards have children; the item types differ from one framework and language to another)."""
    if framework_id is None:
        return Item.objects.none()
    has_children = Association.objects.filter(
        destination_item=OuterRef("pk"), association_type=AssociationType.IS_CHILD_OF
    )
    return Item.objects.filter(framework_id=framework_id).filter(~Exists(has_children))


def competencies_for(enrollment: Enrollment) -> QuerySet[Item]:
    """What a participant may show evidence of: the competencies of the program's requirements and of the
    cohort's assignments, and every competency of the program's framework."""
    program = enrollment.cohort.program
    condition = Q(
        pk__in=Requirement.objects.filter(program=program, competency__isnull=False).values("competency_id")
    ) | Q(pk__in=enrollment.cohort.assignments.filter(competency__isnull=False).values("competency_id"))
    if program.framework_id:
        condition |= Q(pk__in=framework_competencies(program.framework_id).values("pk"))
    return Item.objects.filter(condition).order_by("human_coding_scheme", "id")


def supervision_log(user: Any) -> QuerySet[SupervisionMeeting]:
    return (
        supervision_visible_to(user)
        .select_related("supervisor", "supervisee", "program")
        .prefetch_related("competencies")
        .order_by("-date", "-id")
    )


def supervisees_of(user: Any) -> QuerySet[Person]:
    """The people a supervisor may record meetings with: participants of programs they supervise in."""
    viewer = viewer_for(user)
    if viewer.person_id is None:
        return Person.objects.none()
    programs = ProgramStaff.objects.filter(person_id=viewer.person_id, role=StaffRole.SUPERVISOR).values("program_id")
    return (
        Person.objects.filter(enrollments__cohort__program_id__in=programs)
        .exclude(pk=viewer.person_id)
        .distinct()
        .order_by("family_name", "given_name", "id")
    )


def supervised_programs(user: Any) -> QuerySet[Program]:
    viewer = viewer_for(user)
    if viewer.person_id is None:
        return Program.objects.none()
    return Program.objects.filter(staff__person_id=viewer.person_id, staff__role=StaffRole.SUPERVISOR).distinct()


def decisions_of(enrollment: Enrollment) -> list[AccreditationDecision]:
    return list(
        enrollment.decisions.select_related("decided_by")
        .prefetch_related("accreditations__role")
        .order_by("-decided_at", "-id")
    )


def credentials_of(enrollment: Enrollment) -> list[ProgramCredential]:
    return list(enrollment.credentials.select_related("credential", "competency").order_by("-issued_at"))


def enrollment_of(program_ids: QuerySet[Program], enrollment_id: int) -> Enrollment | None:
    return (
        Enrollment.objects.filter(pk=enrollment_id, cohort__program__in=program_ids)
        .select_related("person", "organization", "cohort__program__network", "cohort__program__issuing_organization")
        .first()
    )


def accreditations_of(user: Any, person: Person) -> list[RoleAccreditation]:
    """A person's role accreditations, for their profile: those granted by programs the viewer may see (a
    program shows the roles it prepares for to whoever sees the program)."""
    return list(
        RoleAccreditation.objects.filter(
            person=person, decision__enrollment__cohort__program__in=programs_visible_to(user)
        )
        .select_related("role", "decision__enrollment__cohort__program")
        .order_by("-granted_at", "id")
    )


def evidence_for_enrollment(enrollment: Enrollment) -> list[Evidence]:
    return list(
        Evidence.objects.filter(enrollment=enrollment)
        .select_related("competency", "level", "assignment")
        .order_by("-submitted_at")
    )
