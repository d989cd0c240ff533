"""The programs API: programs, cohorts, sessions and attendance, evidence and reviews, supervision,
accreditation decisions, credentials and alumni figures.

Reading follows the pages' rules: what one may not see answers 404, what one sees but may not do 403.
Evidence is its author's and the program staff's; supervision notes the supervisor's and the supervised
teacher's; decisions (with who took them) the staff's, while a participant reads their own outcome.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.params.functions import Path as PathParam

from hevruta.api.auth import OPTIONAL, REQUIRED
from hevruta.api.pagination import BoundedLimitOffsetPagination as LimitOffsetPagination
from hevruta.credentials.contexts import ContextError
from hevruta.credentials.dataintegrity import ProofError
from hevruta.directory.models import Person
from hevruta.directory.queries import network_by_slug, people_visible_to, viewer_for
from hevruta.standards.models import Framework, Item, PerformanceLevel, Role

from . import queries, services
from .models import (
    AccreditationDecision,
    Cohort,
    CohortSession,
    Enrollment,
    Evidence,
    EvidenceStatus,
    Program,
    ProgramKind,
    SessionKind,
)
from .queries import ProgramAccess

router = Router(tags=["programs"])

# Identifiers are positive and fit the database's 64-bit integers; anything else is refused with 422.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
PathId = Annotated[int, PathParam(ge=1, le=2**63 - 1)]


# Finding things the user may see ---------------------------------------------------------------------


def _program(request: HttpRequest, program_id: int, need: str | None = None) -> tuple[Program, ProgramAccess]:
    program = queries.program_by_id(request.user, program_id)
    if program is None:
        raise Http404("No such program, or it is not shown to you.")
    access = queries.program_access(request.user, program)
    _require(access, need)
    return program, access


def _require(access: ProgramAccess, need: str | None) -> None:
    if need == "manage" and not access.manages:
        raise PermissionDenied("Only the program's coordinators and the network's managers may do this.")
    if need == "staff" and not access.is_staff:
        raise PermissionDenied("Only the program's staff may do this.")


def _cohort(request: HttpRequest, cohort_id: int, need: str | None = None) -> tuple[Cohort, ProgramAccess]:
    cohort = queries.cohort_of(queries.programs_visible_to(request.user), cohort_id)
    if cohort is None:
        raise Http404("No such cohort, or it is not shown to you.")
    access = queries.program_access(request.user, cohort.program)
    _require(access, need)
    return cohort, access


def _session(request: HttpRequest, session_id: int, need: str | None = None) -> tuple[CohortSession, ProgramAccess]:
    session = queries.session_of(queries.programs_visible_to(request.user), session_id)
    if session is None:
        raise Http404("No such session, or it is not shown to you.")
    access = queries.program_access(request.user, session.cohort.program)
    _require(access, need)
    return session, access


def _enrollment(request: HttpRequest, enrollment_id: int) -> tuple[Enrollment, ProgramAccess]:
    enrollment = queries.enrollment_of(queries.programs_visible_to(request.user), enrollment_id)
    if enrollment is None:
        raise Http404("No such participant, or it is not shown to you.")
    return enrollment, queries.program_access(request.user, enrollment.cohort.program)


def _evidence(request: HttpRequest, evidence_id: int) -> Evidence:
    evidence = queries.evidence_detail(request.user, evidence_id)
    if evidence is None:
        raise Http404("No such evidence, or it is not shown to you.")
    return evidence


def _me(request: HttpRequest) -> Person:
    person_id = viewer_for(request.user).person_id
    person = Person.objects.filter(pk=person_id).first() if person_id else None
    if person is None:
        raise PermissionDenied("Your account has no profile in the directory yet.")
    return person


# Programs ---------------------------------------------------------------------------------------------


class ProgramOut(Schema):
    id: int
    slug: str
    name: str
    name_he: str
    name_ar: str
    name_en: str
    kind: str
    network: str
    description: str
    vision: str
    framework_id: int | None
    issuing_organization_id: int | None

    @staticmethod
    def resolve_network(program: Any) -> str:
        # The detail hands over a dict already resolved; lists hand over Program objects.
        return program["network"] if isinstance(program, dict) else program.network.slug


class ObjectiveOut(Schema):
    order: int
    text: str
    language: str


class GoalOut(Schema):
    order: int
    text: str
    language: str
    objectives: list[ObjectiveOut]

    @staticmethod
    def resolve_objectives(goal: Any) -> list:
        return list(goal.objectives.all())


class RequirementOut(Schema):
    id: int
    kind: str
    label: str
    min_percent: int | None
    hours: Decimal | None
    competency_id: int | None
    min_level: str | None

    @staticmethod
    def resolve_label(requirement: Any) -> str:
        return queries.requirement_label(requirement)

    @staticmethod
    def resolve_min_level(requirement: Any) -> str | None:
        return requirement.min_level.name if requirement.min_level else None


class StaffOut(Schema):
    person_id: int
    name: str
    role: str

    @staticmethod
    def resolve_name(staff: Any) -> str:
        return staff.person.full_name


class RoleRef(Schema):
    id: int
    name: str


class CohortOut(Schema):
    id: int
    program_id: int
    name: str
    start_date: date
    end_date: date


class ProgramDetailOut(ProgramOut):
    goals: list[GoalOut]
    requirements: list[RequirementOut]
    roles: list[RoleRef]
    staff: list[StaffOut]
    cohorts: list[CohortOut]


@router.get("", response=list[ProgramOut], auth=OPTIONAL, summary="Programs you may see")
@paginate(LimitOffsetPagination)
def list_programs(request: HttpRequest):  # type: ignore[no-untyped-def]
    return queries.program_list(request.user)


@router.get("/{int:program_id}", response=ProgramDetailOut, auth=OPTIONAL, summary="A program")
def get_program(request: HttpRequest, program_id: PathId):  # type: ignore[no-untyped-def]
    program, _access = _program(request, program_id)
    page = queries.program_page(request.user, program)
    return {
        **ProgramOut.from_orm(program).dict(),
        "goals": page.goals,
        "requirements": page.requirements,
        "roles": page.roles,
        "staff": page.staff,
        "cohorts": page.cohorts,
    }


class ProgramIn(Schema):
    network: str = Field(..., description="The slug of the network the program belongs to")
    name_he: str = ""
    name_ar: str = ""
    name_en: str = ""
    kind: ProgramKind = ProgramKind.ACCREDITATION
    description: str = ""
    vision: str = ""
    role_ids: list[int] = []
    framework_id: int | None = None
    issuing_organization_id: int | None = None


@router.post("", response={201: ProgramOut}, auth=REQUIRED, summary="Create a program (network managers)")
def create_program(request: HttpRequest, data: ProgramIn):  # type: ignore[no-untyped-def]
    from hevruta.directory.models import Organization

    network = network_by_slug(data.network)
    if network is None or not request.user.has_perm("directory.view_network", network):
        raise Http404("No such network.")
    if not request.user.has_perm("directory.manage_network", network):
        raise PermissionDenied("Only the network's managers may create its programs.")
    program = services.create_program(
        network,
        roles=Role.objects.filter(pk__in=data.role_ids, network=network),
        created_by=request.user,
        name_he=data.name_he,
        name_ar=data.name_ar,
        name_en=data.name_en,
        kind=data.kind,
        description=data.description,
        vision=data.vision,
        framework=Framework.objects.filter(pk=data.framework_id).first() if data.framework_id else None,
        issuing_organization=(
            Organization.objects.filter(pk=data.issuing_organization_id).first()
            if data.issuing_organization_id
            else None
        ),
    )
    return Status(201, program)


@router.get("/{int:program_id}/cohorts", response=list[CohortOut], auth=OPTIONAL, summary="A program's cohorts")
def list_cohorts(request: HttpRequest, program_id: PathId):  # type: ignore[no-untyped-def]
    program, _access = _program(request, program_id)
    return list(program.cohorts.order_by("-start_date", "id"))


class CohortIn(Schema):
    name: str = Field(..., max_length=200)
    start_date: date
    end_date: date


@router.post("/{int:program_id}/cohorts", response={201: CohortOut}, auth=REQUIRED, summary="Open a cohort")
def create_cohort(request: HttpRequest, program_id: PathId, data: CohortIn):  # type: ignore[no-untyped-def]
    program, _access = _program(request, program_id, "manage")
    return Status(201, services.create_cohort(program, data.name, data.start_date, data.end_date))


# Alumni -----------------------------------------------------------------------------------------------


class FiguresOut(Schema):
    alumni: int = Field(..., description="Alumni across all cohorts")
    senior_now: int = Field(..., description="Alumni who hold a senior post now")
    senior_after: int = Field(..., description="Alumni who took a senior post after their cohort ended")


@router.get(
    "/{int:program_id}/alumni/figures",
    response=FiguresOut,
    auth=OPTIONAL,
    summary="How many alumni hold a senior post now, and how many took one after the program",
    description="Counted over all alumni (the participants of ended cohorts and everyone who completed "
    "the program); counts do not reveal who.",
)
def alumni_figures(request: HttpRequest, program_id: PathId):  # type: ignore[no-untyped-def]
    program, _access = _program(request, program_id)
    return queries.alumni_figures(program).as_json()


class PositionOut(Schema):
    title: str
    organization: str
    start_date: date | None
    end_date: date | None
    is_senior: bool

    @staticmethod
    def resolve_organization(position: Any) -> str:
        return position.organization.name


class AlumnusOut(Schema):
    id: int
    given_name: str
    family_name: str
    cohorts: list[str]
    positions: list[PositionOut]

    @staticmethod
    def resolve_cohorts(person: Any) -> list[str]:
        return [enrollment.cohort.name for enrollment in person.alumni_enrollments]

    @staticmethod
    def resolve_positions(person: Any) -> list:
        return person.timeline


@router.get(
    "/{int:program_id}/alumni",
    response=list[AlumnusOut],
    auth=OPTIONAL,
    summary="The program's alumni you may see, with their positions over time",
)
@paginate(LimitOffsetPagination)
def list_alumni(request: HttpRequest, program_id: PathId):  # type: ignore[no-untyped-def]
    program, _access = _program(request, program_id)
    return queries.alumni_directory(request.user, program)


# Cohorts and participants ----------------------------------------------------------------------------


@router.get("/cohorts/{int:cohort_id}", response=CohortOut, auth=OPTIONAL, summary="A cohort")
def get_cohort(request: HttpRequest, cohort_id: PathId):  # type: ignore[no-untyped-def]
    return _cohort(request, cohort_id)[0]


class EnrollmentOut(Schema):
    id: int
    person_id: int
    name: str
    organization: str | None
    status: str

    @staticmethod
    def resolve_name(enrollment: Any) -> str:
        # An "only me" profile is not named to fellow participants (queries.named_people).
        return gettext("A participant") if getattr(enrollment, "unnamed", False) else enrollment.person.full_name

    @staticmethod
    def resolve_organization(enrollment: Any) -> str | None:
        if getattr(enrollment, "unnamed", False) or not enrollment.organization:
            return None
        return enrollment.organization.name


@router.get(
    "/cohorts/{int:cohort_id}/participants",
    response=list[EnrollmentOut],
    auth=REQUIRED,
    summary="A cohort's participants (program staff and the cohort's participants)",
)
def list_participants(request: HttpRequest, cohort_id: PathId):  # type: ignore[no-untyped-def]
    cohort, access = _cohort(request, cohort_id)
    if not (access.is_staff or access.in_cohort(cohort.pk)):
        raise PermissionDenied("Only the program's staff and the cohort's participants see who takes part.")
    participants = queries.cohort_participants(cohort)
    named = queries.named_people(request.user, access, [enrollment.person_id for enrollment in participants])
    for enrollment in participants:
        enrollment.unnamed = named is not None and enrollment.person_id not in named  # type: ignore[attr-defined]
    return participants


class EnrollIn(Schema):
    person_id: Id


@router.post(
    "/cohorts/{int:cohort_id}/participants", response={201: EnrollmentOut}, auth=REQUIRED, summary="Add a participant"
)
def add_participant(request: HttpRequest, cohort_id: PathId, data: EnrollIn):  # type: ignore[no-untyped-def]
    cohort, _access = _cohort(request, cohort_id, "manage")
    person = Person.objects.filter(pk=data.person_id).first()
    if person is None:
        raise Http404("No such person.")
    return Status(201, services.enroll(cohort, person))


class SessionOut(Schema):
    id: int
    cohort_id: int
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    check_in_code: str | None = Field(None, description="Shown to the program's staff only")


def _session_out(session: CohortSession, access: ProgramAccess) -> dict:
    return {
        "id": session.pk,
        "cohort_id": session.cohort_id,
        "kind": session.kind,
        "title": session.title,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "place": session.place,
        "check_in_code": session.check_in_code if access.is_staff else None,
    }


@router.get("/cohorts/{int:cohort_id}/sessions", response=list[SessionOut], auth=OPTIONAL, summary="Sessions")
def list_sessions(request: HttpRequest, cohort_id: PathId):  # type: ignore[no-untyped-def]
    cohort, access = _cohort(request, cohort_id)
    return [_session_out(session, access) for session in cohort.sessions.order_by("starts_at", "id")]


class SessionIn(Schema):
    kind: SessionKind = SessionKind.MEETING
    title: str = Field(..., max_length=300)
    starts_at: datetime
    ends_at: datetime
    place: str = Field("", max_length=300)


@router.post("/cohorts/{int:cohort_id}/sessions", response={201: SessionOut}, auth=REQUIRED, summary="Add a session")
def create_session(request: HttpRequest, cohort_id: PathId, data: SessionIn):  # type: ignore[no-untyped-def]
    cohort, access = _cohort(request, cohort_id, "manage")
    session = services.add_session(cohort, **data.dict())
    return Status(201, _session_out(session, access))


@router.get("/sessions/{int:session_id}", response=SessionOut, auth=OPTIONAL, summary="A session")
def get_session(request: HttpRequest, session_id: PathId):  # type: ignore[no-untyped-def]
    session, access = _session(request, session_id)
    return _session_out(session, access)


class AttendanceOut(Schema):
    person_id: int
    name: str
    present: bool
    method: str | None

    @staticmethod
    def resolve_name(row: Any) -> str:
        return row["name"] if isinstance(row, dict) else row.person.full_name


@router.get(
    "/sessions/{int:session_id}/attendance",
    response=list[AttendanceOut],
    auth=REQUIRED,
    summary="The attendance sheet (program staff)",
)
def get_attendance(request: HttpRequest, session_id: PathId):  # type: ignore[no-untyped-def]
    session, _access = _session(request, session_id, "staff")
    return [
        {
            "person_id": row.enrollment.person_id,
            "name": row.enrollment.person.full_name,
            "present": row.present,
            "method": row.attendance.method if row.attendance else None,
        }
        for row in queries.attendance_sheet(session)
    ]


class Mark(Schema):
    person_id: Id
    present: bool


class AttendanceIn(Schema):
    marks: list[Mark] = Field(..., max_length=5000)


@router.put(
    "/sessions/{int:session_id}/attendance",
    response=list[AttendanceOut],
    auth=REQUIRED,
    summary="Take attendance (program staff)",
)
def put_attendance(request: HttpRequest, session_id: PathId, data: AttendanceIn):  # type: ignore[no-untyped-def]
    session, _access = _session(request, session_id, "staff")
    services.record_attendance(session, {mark.person_id: mark.present for mark in data.marks}, by=request.user)
    return get_attendance(request, session_id)


class CheckInIn(Schema):
    code: str = Field(..., max_length=20)


class CheckInOut(Schema):
    session_id: int
    present: bool
    method: str


CHECK_IN_STATUS = {"not_enrolled": 403, "already": 409, "too_many": 429}


@router.post(
    "/sessions/{int:session_id}/check-in",
    response=CheckInOut,
    auth=REQUIRED,
    summary="Check in with the session's code (the cohort's participants, while the session is open)",
)
def check_in(request: HttpRequest, session_id: PathId, data: CheckInIn):  # type: ignore[no-untyped-def]
    session, _access = _session(request, session_id)
    try:
        mark = services.check_in(session, _me(request), data.code)
    except services.CheckInRefused as refused:
        raise HttpError(CHECK_IN_STATUS.get(refused.code, 400), refused.message) from None
    return {"session_id": session.pk, "present": mark.present, "method": mark.method}


# Progress, evidence and reviews ----------------------------------------------------------------------


class ProgressOut(Schema):
    requirement_id: int
    kind: str
    label: str
    target: str
    current: str
    met: bool
    percent: int
    target_value: float | None
    current_value: float | None


@router.get(
    "/enrollments/{int:enrollment_id}/progress",
    response=list[ProgressOut],
    auth=REQUIRED,
    summary="Progress toward every requirement (the participant and the program's staff)",
)
def get_progress(request: HttpRequest, enrollment_id: PathId):  # type: ignore[no-untyped-def]
    enrollment, access = _enrollment(request, enrollment_id)
    if enrollment.person_id != access.person_id and not access.is_staff:
        raise PermissionDenied("Only the participant and the program's staff see this progress.")
    return [row.as_json() for row in queries.progress(enrollment)]


class EvidenceOut(Schema):
    id: int
    enrollment_id: int
    person_id: int
    competency_id: int
    assignment_id: int | None
    status: str
    revision: int
    level: str | None
    submitted_at: datetime

    @staticmethod
    def resolve_person_id(evidence: Any) -> int:
        return evidence.enrollment.person_id

    @staticmethod
    def resolve_level(evidence: Any) -> str | None:
        return evidence.level.name if evidence.level else None


class RevisionOut(Schema):
    number: int
    text: str
    file_name: str
    video_url: str
    reflection: str
    submitted_at: datetime


class ReviewOut(Schema):
    id: int
    revision: int
    reviewer_id: int | None
    decision: str
    level: str | None
    comments: str
    reviewed_at: datetime

    @staticmethod
    def resolve_revision(review: Any) -> int:
        return review.revision.number

    @staticmethod
    def resolve_level(review: Any) -> str | None:
        return review.level.name if review.level else None


class EvidenceDetailOut(EvidenceOut):
    text: str
    file_name: str
    video_url: str
    reflection: str
    revisions: list[RevisionOut]
    reviews: list[ReviewOut]

    @staticmethod
    def resolve_revisions(evidence: Any) -> list:
        return list(evidence.revisions.all())

    @staticmethod
    def resolve_reviews(evidence: Any) -> list:
        return list(evidence.reviews.all())


@router.get(
    "/evidence",
    response=list[EvidenceOut],
    auth=REQUIRED,
    summary="Evidence you may see; scope=review lists what waits for your review",
)
@paginate(LimitOffsetPagination)
def list_evidence(request: HttpRequest, scope: Literal["all", "mine", "review"] = "all"):  # type: ignore[no-untyped-def]
    if scope == "review":
        return queries.review_queue(request.user)
    found = queries.evidence_visible_to(request.user)
    if scope == "mine":
        found = found.filter(enrollment__person_id=viewer_for(request.user).person_id or 0)
    return found.select_related("enrollment", "level").order_by("-submitted_at", "id")


@router.get("/evidence/{int:evidence_id}", response=EvidenceDetailOut, auth=REQUIRED, summary="An evidence")
def get_evidence(request: HttpRequest, evidence_id: PathId):  # type: ignore[no-untyped-def]
    return _evidence(request, evidence_id)


def _upload_or_none(file: Any) -> Any:
    return file if file else None


@router.post(
    "/enrollments/{int:enrollment_id}/evidence",
    response={201: EvidenceDetailOut},
    auth=REQUIRED,
    summary="Submit evidence of a competency (the participant)",
    description="Multipart form: competency_id, optionally assignment_id, text, video_url, reflection, "
    "language, and a file (a document or an image).",
)
def submit_evidence(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    enrollment_id: PathId,
    competency_id: Form[int],
    assignment_id: Form[int] = 0,
    text: Form[str] = "",
    video_url: Form[str] = "",
    reflection: Form[str] = "",
    language: Form[str] = "",
    file: File[UploadedFile] = None,  # type: ignore[assignment]
):
    enrollment, access = _enrollment(request, enrollment_id)
    if enrollment.person_id != access.person_id:
        raise PermissionDenied("Only the participant submits their own evidence.")
    competency = Item.objects.filter(pk=competency_id).first()
    if competency is None:
        raise Http404("No such competency.")
    assignment = enrollment.cohort.assignments.filter(pk=assignment_id).first() if assignment_id else None
    evidence = services.submit_evidence(
        enrollment,
        competency,
        assignment=assignment,
        text=text,
        upload=_upload_or_none(file),
        video_url=video_url,
        reflection=reflection,
        language=language if language in ("he", "ar", "en") else "",
    )
    return Status(201, _evidence(request, evidence.pk))


@router.post(
    "/evidence/{int:evidence_id}/revisions",
    response={201: EvidenceDetailOut},
    auth=REQUIRED,
    summary="Edit evidence before review, or resubmit returned evidence as a new revision (its author)",
)
def revise_evidence(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    evidence_id: PathId,
    text: Form[str] = "",
    video_url: Form[str] = "",
    reflection: Form[str] = "",
    language: Form[str] = "",
    remove_file: Form[bool] = False,
    file: File[UploadedFile] = None,  # type: ignore[assignment]
):
    evidence = _evidence(request, evidence_id)
    if not request.user.has_perm("programs.change_evidence", evidence):
        raise PermissionDenied("Only its author changes evidence, and not once it is accepted.")
    services.update_evidence(
        evidence,
        text=text,
        video_url=video_url,
        reflection=reflection,
        upload=_upload_or_none(file),
        remove_file=remove_file,
        language=language if language in ("he", "ar", "en") else "",
    )
    return Status(201, _evidence(request, evidence_id))


class ReviewIn(Schema):
    decision: Literal["accept", "return"]
    level_id: int | None = None
    comments: str = Field("", max_length=20000)


@router.post(
    "/evidence/{int:evidence_id}/reviews",
    response={201: ReviewOut},
    auth=REQUIRED,
    summary="Review evidence: accept at a level, or return with comments (the program's reviewers)",
)
def review_evidence(request: HttpRequest, evidence_id: PathId, data: ReviewIn):  # type: ignore[no-untyped-def]
    evidence = _evidence(request, evidence_id)
    if not request.user.has_perm("programs.review_evidence", evidence):
        raise PermissionDenied("Only the program's reviewers review evidence, and never their own.")
    if evidence.status != EvidenceStatus.SUBMITTED:
        raise HttpError(409, "This evidence was already reviewed; it waits for the participant.")
    level = PerformanceLevel.objects.filter(pk=data.level_id).first() if data.level_id else None
    review = services.review_evidence(evidence, _me(request), data.decision, level=level, comments=data.comments)
    return Status(201, review)


# Supervision ------------------------------------------------------------------------------------------


class MeetingOut(Schema):
    id: int
    supervisor_id: int
    supervisee_id: int
    program_id: int | None
    date: date
    hours: Decimal
    notes: str
    competency_ids: list[int]

    @staticmethod
    def resolve_competency_ids(meeting: Any) -> list[int]:
        return [item.pk for item in meeting.competencies.all()]


@router.get(
    "/supervision",
    response=list[MeetingOut],
    auth=REQUIRED,
    summary="Supervision meetings you held or had (confidential to the two people)",
)
@paginate(LimitOffsetPagination)
def list_meetings(request: HttpRequest):  # type: ignore[no-untyped-def]
    return queries.supervision_log(request.user)


@router.get("/supervision/{int:meeting_id}", response=MeetingOut, auth=REQUIRED, summary="A supervision meeting")
def get_meeting(request: HttpRequest, meeting_id: PathId):  # type: ignore[no-untyped-def]
    meeting = queries.supervision_log(request.user).filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404("No such meeting, or it is not shown to you.")
    return meeting


class MeetingIn(Schema):
    supervisee_id: Id
    program_id: int | None = None
    date: date
    hours: Decimal = Field(..., gt=0, le=24, max_digits=4, decimal_places=1)
    notes: str = Field("", max_length=50000)
    competency_ids: list[int] = Field([], max_length=200)


@router.post(
    "/supervision",
    response={201: MeetingOut},
    auth=REQUIRED,
    summary="Record a supervision meeting (a program's supervisors, with its participants)",
)
def record_meeting(request: HttpRequest, data: MeetingIn):  # type: ignore[no-untyped-def]
    supervisor = _me(request)
    supervisee = Person.objects.filter(pk=data.supervisee_id).first()
    if supervisee is None:
        raise Http404("No such person.")
    program = None
    if data.program_id:
        program = queries.programs_visible_to(request.user).filter(pk=data.program_id).first()
        if program is None:
            raise Http404("No such program, or it is not shown to you.")
    if not services.may_supervise(supervisor, supervisee, program):
        raise PermissionDenied("You can record supervision only of participants of a program you supervise in.")
    meeting = services.record_meeting(
        supervisor,
        supervisee,
        program=program,
        date=data.date,
        hours=data.hours,
        notes=data.notes,
        competencies=Item.objects.filter(pk__in=data.competency_ids),
        created_by=request.user,
    )
    return Status(201, meeting)


# Decisions and credentials ---------------------------------------------------------------------------


class DecisionOut(Schema):
    id: int
    enrollment_id: int
    decision: str
    reason: str
    decided_at: datetime
    decided_by: str | None = Field(None, description="Shown to the program's staff only")
    roles: list[str]


def _decision_out(decision: AccreditationDecision, staff: bool) -> dict:
    return {
        "id": decision.pk,
        "enrollment_id": decision.enrollment_id,
        "decision": decision.decision,
        "reason": decision.reason,
        "decided_at": decision.decided_at,
        "decided_by": decision.decided_by_name if staff else None,
        "roles": [accreditation.role.name for accreditation in decision.accreditations.all()],
    }


@router.get(
    "/enrollments/{int:enrollment_id}/decisions",
    response=list[DecisionOut],
    auth=REQUIRED,
    summary="Accreditation decisions: the staff see them whole, the participant their outcome and reason",
)
def list_decisions(request: HttpRequest, enrollment_id: PathId):  # type: ignore[no-untyped-def]
    enrollment, access = _enrollment(request, enrollment_id)
    if not access.is_staff and enrollment.person_id != access.person_id:
        raise PermissionDenied("Only the program's staff see decisions.")
    return [_decision_out(decision, access.is_staff) for decision in queries.decisions_of(enrollment)]


class DecisionIn(Schema):
    decision: Literal["approve", "defer"]
    reason: str = Field("", max_length=20000)


@router.post(
    "/enrollments/{int:enrollment_id}/decisions",
    response={201: DecisionOut},
    auth=REQUIRED,
    summary="Approve (only when every requirement is met) or defer with a reason",
)
def decide(request: HttpRequest, enrollment_id: PathId, data: DecisionIn):  # type: ignore[no-untyped-def]
    enrollment, access = _enrollment(request, enrollment_id)
    _require(access, "staff")
    _require(access, "manage")
    decision = services.decide(enrollment, data.decision, reason=data.reason, by=request.user)
    return Status(201, _decision_out(decision, staff=True))


class CredentialIn(Schema):
    kind: Literal["accreditation", "completion", "competency"]
    competency_id: int | None = None


class CredentialOut(Schema):
    id: str
    kind: str
    name: str
    url: str
    json_url: str


@router.post(
    "/enrollments/{int:enrollment_id}/credentials",
    response={201: CredentialOut},
    auth=REQUIRED,
    summary="Issue an Open Badges 3.0 credential for an approved accreditation, a completed program or a "
    "competency, signed by the program's issuing organization",
)
def issue_credential(request: HttpRequest, enrollment_id: PathId, data: CredentialIn):  # type: ignore[no-untyped-def]
    from hevruta.credentials.queries import credential_page_url, credential_url

    enrollment, access = _enrollment(request, enrollment_id)
    _require(access, "staff")
    _require(access, "manage")
    competency = Item.objects.filter(pk=data.competency_id).first() if data.competency_id else None
    try:
        link = services.issue_program_credential(enrollment, data.kind, competency=competency, issued_by=request.user)
    except (ContextError, ProofError) as error:
        raise HttpError(503, f"The credential could not be signed: {error}") from None
    return Status(
        201,
        {
            "id": str(link.credential_id),
            "kind": link.kind,
            "name": link.credential.name,
            "url": credential_page_url(link.credential_id),
            "json_url": credential_url(link.credential_id),
        },
    )


class AccreditationOut(Schema):
    role_id: int
    role: str
    program_id: int
    program: str
    granted_at: datetime


@router.get(
    "/people/{int:person_id}/accreditations",
    response=list[AccreditationOut],
    auth=OPTIONAL,
    summary="A person's role accreditations (of roles and programs you may see)",
)
def person_accreditations(request: HttpRequest, person_id: PathId):  # type: ignore[no-untyped-def]
    person = people_visible_to(request.user).filter(pk=person_id).first()
    if person is None:
        raise Http404("No such person, or the profile is not shown to you.")
    return [
        {
            "role_id": accreditation.role_id,
            "role": accreditation.role.name,
            "program_id": accreditation.decision.enrollment.cohort.program_id,
            "program": accreditation.decision.enrollment.cohort.program.name,
            "granted_at": accreditation.granted_at,
        }
        for accreditation in queries.accreditations_of(request.user, person)
    ]
