"""The programs API: programs, cohorts, sessions and attendance, evidence and reviews,
accreditation decisions, credentials and alumni figures.

Reading follows the pages' rules: what one may not see answers 404, what one sees but may not do 403.
Evidence is its author's and the program staff's (supervision, at the same paths, is mentoring's:
hevruta/mentoring/api.py); decisions (with who took them) the staff's, while a participant reads their own outcome.
"""

from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status, UploadedFile
from ninja.errors import HttpError
from ninja.pagination import paginate

from hevruta.api.auth import OPTIONAL, REQUIRED
from hevruta.api.pagination import BoundedLimitOffsetPagination as LimitOffsetPagination
from hevruta.api.schemas import ErrorOut
from hevruta.api.types import Id, Int, PathId, Text
from hevruta.credentials.contexts import ContextError
from hevruta.credentials.dataintegrity import ProofError
from hevruta.directory.models import Person
from hevruta.directory.queries import network_by_slug, people_visible_to, viewer_for
from hevruta.events.models import Event
from hevruta.standards.models import Framework, Item, PerformanceLevel, Role

from . import queries, services
from .models import (
    AccreditationDecision,
    Cohort,
    CohortApplication,
    Enrollment,
    Evidence,
    EvidenceStatus,
    Program,
)
from .queries import ProgramAccess
from .schemas import (
    AccreditationDecisionIn,
    AccreditationDecisionOut,
    AlumniFiguresOut,
    AlumnusOut,
    AttendanceIn,
    AttendanceOut,
    CheckInIn,
    CheckInOut,
    CohortApplicationIn,
    CohortApplicationOut,
    CohortIn,
    CohortOut,
    CohortSessionIn,
    CohortSessionOut,
    EvidenceDetailOut,
    EvidenceOut,
    EvidenceReviewIn,
    EvidenceReviewOut,
    ParticipantIn,
    ParticipantOut,
    ProgramCredentialIn,
    ProgramCredentialOut,
    ProgramDetailOut,
    ProgramIn,
    ProgramOut,
    RequirementProgressOut,
    RoleAccreditationOut,
)

router = Router(tags=["programs"])


# Finding things the user may see ---------------------------------------------------------------------


def _program(request: HttpRequest, program_id: int, need: str | None = None) -> tuple[Program, ProgramAccess]:
    program = queries.program_by_id(request.user, program_id)
    if program is None:
        raise Http404(_("No such program, or it is not shown to you."))
    access = queries.program_access(request.user, program)
    _require(access, need)
    return program, access


def _require(access: ProgramAccess, need: str | None) -> None:
    if need == "manage" and not access.manages:
        raise PermissionDenied(_("Only the program's coordinators and the network's managers may do this."))
    if need == "staff" and not access.is_staff:
        raise PermissionDenied(_("Only the program's staff may do this."))


def _cohort(request: HttpRequest, cohort_id: int, need: str | None = None) -> tuple[Cohort, ProgramAccess]:
    cohort = queries.cohort_of(queries.programs_visible_to(request.user), cohort_id)
    if cohort is None:
        raise Http404(_("No such cohort, or it is not shown to you."))
    access = queries.program_access(request.user, cohort.program)
    _require(access, need)
    return cohort, access


def _session(request: HttpRequest, session_id: int, need: str | None = None) -> tuple[Event, ProgramAccess]:
    session = queries.session_of(queries.programs_visible_to(request.user), session_id)
    if session is None:
        raise Http404(_("No such session, or it is not shown to you."))
    access = queries.program_access(request.user, queries.cohort_of_session(session).program)
    _require(access, need)
    return session, access


def _enrollment(request: HttpRequest, enrollment_id: int) -> tuple[Enrollment, ProgramAccess]:
    enrollment = queries.enrollment_of(queries.programs_visible_to(request.user), enrollment_id)
    if enrollment is None:
        raise Http404(_("No such participant, or it is not shown to you."))
    return enrollment, queries.program_access(request.user, enrollment.cohort.program)


def _evidence(request: HttpRequest, evidence_id: int) -> Evidence:
    evidence = queries.evidence_detail(request.user, evidence_id)
    if evidence is None:
        raise Http404(_("No such evidence, or it is not shown to you."))
    return evidence


def _me(request: HttpRequest) -> Person:
    person_id = viewer_for(request.user).person_id
    person = Person.objects.filter(pk=person_id).first() if person_id else None
    if person is None:
        raise PermissionDenied(_("Your account has no profile in the directory yet."))
    return person


# Programs ---------------------------------------------------------------------------------------------


@router.get("", response=list[ProgramOut], auth=OPTIONAL, summary="Programs you may see")
@paginate(LimitOffsetPagination)
def list_programs(request: HttpRequest) -> QuerySet[Program]:
    return queries.program_list(request.user)


@router.get("/{int:program_id}", response=ProgramDetailOut, auth=OPTIONAL, summary="A program")
def get_program(request: HttpRequest, program_id: PathId) -> dict[str, Any]:
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


@router.post("", response={201: ProgramOut}, auth=REQUIRED, summary="Create a program (network managers)")
def create_program(request: HttpRequest, data: ProgramIn) -> Status:
    from hevruta.directory.models import Organization

    network = network_by_slug(data.network)
    if network is None or not request.user.has_perm("directory.view_network", network):
        raise Http404(_("No such network."))
    if not request.user.has_perm("directory.manage_network", network):
        raise PermissionDenied(_("Only the network's managers may create its programs."))
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
def list_cohorts(request: HttpRequest, program_id: PathId) -> list[Cohort]:
    program, _access = _program(request, program_id)
    return list(program.cohorts.order_by("-start_date", "id"))


@router.post("/{int:program_id}/cohorts", response={201: CohortOut}, auth=REQUIRED, summary="Open a cohort")
def create_cohort(request: HttpRequest, program_id: PathId, data: CohortIn) -> Status:
    program, _access = _program(request, program_id, "manage")
    return Status(201, services.create_cohort(program, data.name, data.start_date, data.end_date))


# Alumni -----------------------------------------------------------------------------------------------


@router.get(
    "/{int:program_id}/alumni/figures",
    response=AlumniFiguresOut,
    auth=OPTIONAL,
    summary="How many alumni hold a senior post now, and how many took one after the program",
    description="Counted over all alumni (the participants of ended cohorts and everyone who completed "
    "the program); counts do not reveal who.",
)
def alumni_figures(request: HttpRequest, program_id: PathId) -> dict[str, Any]:
    program, _access = _program(request, program_id)
    return queries.alumni_figures(program).as_json()


@router.get(
    "/{int:program_id}/alumni",
    response=list[AlumnusOut],
    auth=OPTIONAL,
    summary="The program's alumni you may see, with their positions over time",
)
@paginate(LimitOffsetPagination)
def list_alumni(request: HttpRequest, program_id: PathId) -> QuerySet[Person]:
    program, _access = _program(request, program_id)
    return queries.alumni_directory(request.user, program)


# Cohorts and participants ----------------------------------------------------------------------------


@router.get("/cohorts/{int:cohort_id}", response=CohortOut, auth=OPTIONAL, summary="A cohort")
def get_cohort(request: HttpRequest, cohort_id: PathId) -> Cohort:
    return _cohort(request, cohort_id)[0]


@router.get(
    "/cohorts/{int:cohort_id}/participants",
    response=list[ParticipantOut],
    auth=REQUIRED,
    summary="A cohort's participants (program staff and the cohort's participants)",
)
def list_participants(request: HttpRequest, cohort_id: PathId) -> list[Enrollment]:
    cohort, access = _cohort(request, cohort_id)
    if not (access.is_staff or access.in_cohort(cohort.pk)):
        raise PermissionDenied(_("Only the program's staff and the cohort's participants see who takes part."))
    participants = queries.cohort_participants(cohort)
    named = queries.named_people(request.user, access, [enrollment.person_id for enrollment in participants])
    for enrollment in participants:
        enrollment.unnamed = named is not None and enrollment.person_id not in named  # type: ignore[attr-defined]
    return participants


@router.post(
    "/cohorts/{int:cohort_id}/participants",
    response={200: ParticipantOut, 201: ParticipantOut},
    auth=REQUIRED,
    summary="Add a participant",
    description="201 when the person was added (or a withdrawn participant reinstated); 200 when they "
    "already took part, and nothing changed.",
)
def add_participant(request: HttpRequest, cohort_id: PathId, data: ParticipantIn) -> Status:
    cohort, _access = _cohort(request, cohort_id, "manage")
    person = Person.objects.filter(pk=data.person_id).first()
    if person is None:
        raise Http404(_("No such person."))
    enrollment = services.enroll(cohort, person)
    changed = enrollment.was_new or enrollment.was_reinstated  # type: ignore[attr-defined]
    return Status(201 if changed else 200, enrollment)


# Applications, where a program takes them -----------------------------------------------------------


@router.post(
    "/cohorts/{int:cohort_id}/applications",
    response={201: CohortApplicationOut, 409: ErrorOut},
    auth=REQUIRED,
    summary="Apply to a cohort of a program that takes applications",
)
def apply_to_cohort(request: HttpRequest, cohort_id: PathId, data: CohortApplicationIn) -> Status:
    cohort, access = _cohort(request, cohort_id)
    if access.person_id is None:
        raise PermissionDenied(_("Log in with an account that has a profile first."))
    person = Person.objects.get(pk=access.person_id)
    try:
        return Status(201, services.apply_to_cohort(cohort, person, data.message))
    except ValidationError as refusal:
        raise HttpError(409, " ".join(refusal.messages)) from None


@router.get(
    "/cohorts/{int:cohort_id}/applications",
    response=list[CohortApplicationOut],
    auth=REQUIRED,
    summary="Applications waiting for the program's managers",
)
def list_applications(request: HttpRequest, cohort_id: PathId) -> QuerySet[CohortApplication]:
    cohort, _access = _cohort(request, cohort_id, "manage")
    return queries.pending_applications(cohort)


def _answer(request: HttpRequest, application_id: int, accept: bool) -> CohortApplication:
    application = CohortApplication.objects.filter(pk=application_id).select_related("person").first()
    if application is None:
        raise Http404(_("No such application."))
    _cohort(request, application.cohort_id, "manage")
    try:
        return services.answer_application(application, request.user, accept)
    except ValidationError as refusal:
        raise HttpError(409, " ".join(refusal.messages)) from None


@router.post(
    "/applications/{int:application_id}/accept",
    response={200: CohortApplicationOut, 409: ErrorOut},
    auth=REQUIRED,
    summary="Accept an application: the person joins the cohort",
)
def accept_application(request: HttpRequest, application_id: PathId) -> CohortApplication:
    return _answer(request, application_id, accept=True)


@router.post(
    "/applications/{int:application_id}/decline",
    response={200: CohortApplicationOut, 409: ErrorOut},
    auth=REQUIRED,
    summary="Decline an application",
)
def decline_application(request: HttpRequest, application_id: PathId) -> CohortApplication:
    return _answer(request, application_id, accept=False)


@router.delete(
    "/applications/{int:application_id}",
    response={204: None, 409: ErrorOut},
    auth=REQUIRED,
    summary="Withdraw your own application",
)
def withdraw_application(request: HttpRequest, application_id: PathId) -> Status:
    person_id = viewer_for(request.user).person_id or 0
    application = CohortApplication.objects.filter(pk=application_id, person_id=person_id).first()
    if application is None:
        raise Http404(_("No such application."))
    try:
        services.withdraw_application(application)
    except ValidationError as refusal:
        raise HttpError(409, " ".join(refusal.messages)) from None
    return Status(204, None)


def _session_out(session: Event, access: ProgramAccess) -> dict:
    return {
        "id": session.pk,
        "cohort_id": session.cohort_id,
        "kind": session.kind,
        "title": session.title,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "place": session.address,
        "check_in_code": session.check_in_code if access.is_staff else None,
    }


@router.get("/cohorts/{int:cohort_id}/sessions", response=list[CohortSessionOut], auth=OPTIONAL, summary="Sessions")
def list_sessions(request: HttpRequest, cohort_id: PathId) -> list[dict[str, Any]]:
    cohort, access = _cohort(request, cohort_id)
    return [_session_out(session, access) for session in cohort.sessions.order_by("starts_at", "id")]


@router.post(
    "/cohorts/{int:cohort_id}/sessions", response={201: CohortSessionOut}, auth=REQUIRED, summary="Add a session"
)
def create_session(request: HttpRequest, cohort_id: PathId, data: CohortSessionIn) -> Status:
    cohort, access = _cohort(request, cohort_id, "manage")
    session = services.add_session(cohort, **data.dict())
    return Status(201, _session_out(session, access))


@router.get("/sessions/{int:session_id}", response=CohortSessionOut, auth=OPTIONAL, summary="A session")
def get_session(request: HttpRequest, session_id: PathId) -> dict[str, Any]:
    session, access = _session(request, session_id)
    return _session_out(session, access)


@router.get(
    "/sessions/{int:session_id}/attendance",
    response=list[AttendanceOut],
    auth=REQUIRED,
    summary="The attendance sheet (program staff)",
)
def get_attendance(request: HttpRequest, session_id: PathId) -> list[dict[str, Any]]:
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


@router.put(
    "/sessions/{int:session_id}/attendance",
    response=list[AttendanceOut],
    auth=REQUIRED,
    summary="Take attendance (program staff)",
)
def put_attendance(request: HttpRequest, session_id: PathId, data: AttendanceIn) -> list[dict[str, Any]]:
    session, _access = _session(request, session_id, "staff")
    services.record_attendance(session, {mark.person_id: mark.present for mark in data.marks}, by=request.user)
    return get_attendance(request, session_id)


CHECK_IN_STATUS = {"not_enrolled": 403, "already": 409, "too_many": 429}


@router.post(
    "/sessions/{int:session_id}/check-in",
    response=CheckInOut,
    auth=REQUIRED,
    summary="Check in with the session's code (the cohort's participants, while the session is open)",
)
def check_in(request: HttpRequest, session_id: PathId, data: CheckInIn) -> dict[str, Any]:
    session, _access = _session(request, session_id)
    try:
        mark = services.check_in(session, _me(request), data.code)
    except services.CheckInRefused as refused:
        raise HttpError(CHECK_IN_STATUS.get(refused.code, 400), refused.message) from None
    return {"session_id": session.pk, "present": mark.present, "method": mark.method}


# Progress, evidence and reviews ----------------------------------------------------------------------


@router.get(
    "/enrollments/{int:enrollment_id}/progress",
    response=list[RequirementProgressOut],
    auth=REQUIRED,
    summary="Progress toward every requirement (the participant and the program's staff)",
)
def get_progress(request: HttpRequest, enrollment_id: PathId) -> list[dict[str, Any]]:
    enrollment, access = _enrollment(request, enrollment_id)
    if enrollment.person_id != access.person_id and not access.is_staff:
        raise PermissionDenied(_("Only the participant and the program's staff see this progress."))
    return [row.as_json() for row in queries.progress(enrollment)]


@router.get(
    "/evidence",
    response=list[EvidenceOut],
    auth=REQUIRED,
    summary="Evidence you may see; scope=review lists what waits for your review",
)
@paginate(LimitOffsetPagination)
def list_evidence(request: HttpRequest, scope: Literal["all", "mine", "review"] = "all") -> QuerySet[Evidence]:
    if scope == "review":
        return queries.review_queue(request.user)
    found = queries.evidence_visible_to(request.user)
    if scope == "mine":
        found = found.filter(enrollment__person_id=viewer_for(request.user).person_id or 0)
    return found.select_related("enrollment", "level").order_by("-submitted_at", "id")


@router.get("/evidence/{int:evidence_id}", response=EvidenceDetailOut, auth=REQUIRED, summary="An evidence")
def get_evidence(request: HttpRequest, evidence_id: PathId) -> Evidence:
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
def submit_evidence(
    request: HttpRequest,
    enrollment_id: PathId,
    competency_id: Id = Form(...),
    assignment_id: Int = Form(0),
    text: Text = Form(""),
    video_url: Text = Form(""),
    reflection: Text = Form(""),
    language: Text = Form(""),
    file: File[UploadedFile] = None,  # type: ignore[assignment]
) -> Status:
    enrollment, access = _enrollment(request, enrollment_id)
    if enrollment.person_id != access.person_id:
        raise PermissionDenied(_("Only the participant submits their own evidence."))
    competency = Item.objects.filter(pk=competency_id).first()
    if competency is None:
        raise Http404(_("No such competency."))
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
def revise_evidence(
    request: HttpRequest,
    evidence_id: PathId,
    text: Text = Form(""),
    video_url: Text = Form(""),
    reflection: Text = Form(""),
    language: Text = Form(""),
    remove_file: bool = Form(False),
    file: File[UploadedFile] = None,  # type: ignore[assignment]
) -> Status:
    evidence = _evidence(request, evidence_id)
    if not request.user.has_perm("programs.change_evidence", evidence):
        raise PermissionDenied(_("Only its author changes evidence, and not once it is accepted."))
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


@router.post(
    "/evidence/{int:evidence_id}/reviews",
    response={201: EvidenceReviewOut},
    auth=REQUIRED,
    summary="Review evidence: accept at a level, or return with comments (the program's reviewers)",
)
def review_evidence(request: HttpRequest, evidence_id: PathId, data: EvidenceReviewIn) -> Status:
    evidence = _evidence(request, evidence_id)
    if not request.user.has_perm("programs.review_evidence", evidence):
        raise PermissionDenied(_("Only the program's reviewers review evidence, and never their own."))
    if evidence.status != EvidenceStatus.SUBMITTED:
        raise HttpError(409, _("This evidence was already reviewed; it waits for the participant."))
    level = PerformanceLevel.objects.filter(pk=data.level_id).first() if data.level_id else None
    review = services.review_evidence(evidence, _me(request), data.decision, level=level, comments=data.comments)
    return Status(201, review)


# Decisions and credentials ---------------------------------------------------------------------------


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
    response=list[AccreditationDecisionOut],
    auth=REQUIRED,
    summary="Accreditation decisions: the staff see them whole, the participant their outcome and reason",
)
def list_decisions(request: HttpRequest, enrollment_id: PathId) -> list[dict[str, Any]]:
    enrollment, access = _enrollment(request, enrollment_id)
    if not access.is_staff and enrollment.person_id != access.person_id:
        raise PermissionDenied(_("Only the program's staff see decisions."))
    return [_decision_out(decision, access.is_staff) for decision in queries.decisions_of(enrollment)]


@router.post(
    "/enrollments/{int:enrollment_id}/decisions",
    response={201: AccreditationDecisionOut},
    auth=REQUIRED,
    summary="Approve (only when every requirement is met) or defer with a reason",
)
def decide_accreditation(request: HttpRequest, enrollment_id: PathId, data: AccreditationDecisionIn) -> Status:
    enrollment, access = _enrollment(request, enrollment_id)
    _require(access, "staff")
    _require(access, "manage")
    decision = services.decide(enrollment, data.decision, reason=data.reason, by=request.user)
    return Status(201, _decision_out(decision, staff=True))


@router.post(
    "/enrollments/{int:enrollment_id}/credentials",
    response={201: ProgramCredentialOut, 503: ErrorOut},
    auth=REQUIRED,
    summary="Issue an Open Badges 3.0 credential for an approved accreditation, a completed program or a "
    "competency, signed by the program's issuing organization",
)
def issue_credential(request: HttpRequest, enrollment_id: PathId, data: ProgramCredentialIn) -> Status:
    from hevruta.credentials.queries import credential_page_url, credential_url

    enrollment, access = _enrollment(request, enrollment_id)
    _require(access, "staff")
    _require(access, "manage")
    competency = Item.objects.filter(pk=data.competency_id).first() if data.competency_id else None
    try:
        link = services.issue_program_credential(enrollment, data.kind, competency=competency, issued_by=request.user)
    except (ContextError, ProofError) as error:
        raise HttpError(503, _("The credential could not be signed: %(error)s") % {"error": error}) from None
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


@router.get(
    "/people/{int:person_id}/accreditations",
    response=list[RoleAccreditationOut],
    auth=OPTIONAL,
    summary="A person's role accreditations (of roles and programs you may see)",
)
def person_accreditations(request: HttpRequest, person_id: PathId) -> list[dict[str, Any]]:
    person = people_visible_to(request.user).filter(pk=person_id).first()
    if person is None:
        raise Http404(_("No such person, or the profile is not shown to you."))
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
