"""The mentoring API: programs, applications, matching runs with their reasons, relationships, meetings,
private notes and assessments.

What one may not see answers 404; what one sees but may not do, 403. A meeting's summary is empty for
anyone but the pair unless the pair shared it; private notes are listed to their writer only.
"""

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router, Status
from ninja.pagination import paginate

from hevruta.api.auth import OPTIONAL, REQUIRED
from hevruta.api.jobs import job_out
from hevruta.api.pagination import BoundedLimitOffsetPagination as LimitOffsetPagination
from hevruta.api.schemas import JobOut
from hevruta.api.types import PathId
from hevruta.core.exports import XLSX, table_download
from hevruta.core.jobs.models import Job
from hevruta.directory.models import Person, Topic
from hevruta.directory.queries import viewer_for
from hevruta.standards.models import Item

from . import queries, reasons, services
from .models import Application, Assessment, MatchingRun, MeetingLog, MentoringProgram, PrivateNote, Relationship
from .schemas import (
    ApplicationIn,
    ApplicationOut,
    AssessmentOut,
    ConstraintOut,
    MeetingIn,
    MeetingOut,
    MentoringProgramOut,
    NoteIn,
    NoteOut,
    PairIn,
    RelationshipOut,
    RunOut,
    SupervisionMeetingIn,
    SupervisionMeetingOut,
)

router = Router(tags=["mentoring"])


def _program(request: HttpRequest, program_id: int, *, manage: bool = False) -> MentoringProgram:
    program = queries.mentoring_programs_visible_to(request.user).filter(program_id=program_id).first()
    if program is None:
        raise Http404("No such mentoring program, or it is not shown to you.")
    if manage and not request.user.has_perm("mentoring.run_program", program):
        raise PermissionDenied("Only the program's coordinators and the network's managers may do this.")
    return program


def _relationship(request: HttpRequest, relationship_id: int) -> Relationship:
    relationship = queries.relationship_of(request.user, relationship_id)
    if relationship is None:
        raise Http404("No such relationship, or it is not shown to you.")
    return relationship


def _me(request: HttpRequest) -> Person:
    person_id = viewer_for(request.user).person_id
    person = Person.objects.filter(pk=person_id).first() if person_id else None
    if person is None:
        raise PermissionDenied("Only people in the directory take part in mentoring.")
    return person


@router.get("/programs", response=list[MentoringProgramOut], auth=OPTIONAL, summary="Mentoring programs you may see")
@paginate(LimitOffsetPagination)
def list_mentoring_programs(request: HttpRequest) -> QuerySet[MentoringProgram]:
    return queries.mentoring_programs_visible_to(request.user).order_by("-starts_on", "id")


@router.get("/programs/{int:program_id}", response=MentoringProgramOut, auth=OPTIONAL, summary="A mentoring program")
def get_mentoring_program(request: HttpRequest, program_id: PathId) -> MentoringProgram:
    return _program(request, program_id)


@router.post(
    "/programs/{int:program_id}/applications",
    response={201: ApplicationOut},
    auth=REQUIRED,
    summary="Apply as mentor or mentee",
)
def apply_to_mentoring_program(request: HttpRequest, program_id: PathId, data: ApplicationIn) -> Status:
    program = _program(request, program_id)
    application = services.apply(
        program,
        _me(request),
        data.side,
        answers=dict(data.answers),
        capacity=data.capacity,
        goals=Topic.objects.filter(pk__in=data.goal_ids),
        organization_preference=data.organization_preference,
        avoid=Person.objects.filter(pk__in=data.avoid_ids, memberships__network_id=program.program.network_id),
    )
    return Status(201, application)


@router.get(
    "/programs/{int:program_id}/applications",
    response=list[ApplicationOut],
    auth=REQUIRED,
    summary="The program's applications (its coordinators); yours for anyone else",
)
@paginate(LimitOffsetPagination)
def list_mentoring_applications(request: HttpRequest, program_id: PathId) -> QuerySet[Application]:
    program = _program(request, program_id)
    return (
        queries.applications_visible_to(request.user)
        .filter(program=program)
        .select_related("person")
        .prefetch_related("goals")
        .order_by("side", "id")
    )


def _run_out(run: MatchingRun) -> dict[str, Any]:
    pairs = list(queries.run_pairs(run))
    texts = reasons.texts_for(pairs)
    return {
        **{name: getattr(run, name) for name in ("id", "status", "created_at", "published_at", "total_score")},
        **{name: getattr(run, name) for name in ("unmatched", "blocking_pairs", "proven_optimal", "missing_profiles")},
        "pairs": [
            {
                "mentee_application_id": pair.mentee_id,
                "mentor_application_id": pair.mentor_id,
                "mentee_name": pair.mentee.person.full_name,
                "mentor_name": pair.mentor.person.full_name,
                "score": pair.score,
                "locked": pair.locked,
                "reasons": [
                    {"component": raw.get("component", ""), "points": points, "text": text}
                    for raw, (text, points) in zip(pair.reasons, texts[pair.pk], strict=True)
                ],
            }
            for pair in pairs
        ],
    }


@router.post(
    "/programs/{int:program_id}/runs",
    response={201: RunOut, 202: JobOut},
    auth=REQUIRED,
    summary="Run the matching (coordinators); the proposal replaces the previous unpublished one",
    description="A program with at most MENTORING_MATCHING_IN_REQUEST pending applications is matched in the "
    "request: 201 and the run. A bigger one is matched by a worker, as on the matching page: 202 and the "
    "job, whose state and progress GET /jobs/{id} tells; when it succeeds, `result.run` is the run's id "
    "(GET /mentoring/runs/{id}). One matching job per program at a time: a second is refused while one runs.",
)
def run_matching(request: HttpRequest, program_id: PathId) -> Status:
    program = _program(request, program_id, manage=True)
    with transaction.atomic():  # the job is enqueued when this commits
        started = services.start_matching(program, by_user=request.user)
    if isinstance(started, Job):
        return Status(202, job_out(started))
    return Status(201, _run_out(started))


@router.get("/runs/{int:run_id}", response=RunOut, auth=REQUIRED, summary="A matching run with its pairs and reasons")
def get_run(request: HttpRequest, run_id: PathId) -> dict[str, Any]:
    run = queries.runs_visible_to(request.user).filter(pk=run_id).first()
    if run is None:
        raise Http404("No such matching run, or it is not shown to you.")
    return _run_out(run)


@router.post(
    "/runs/{int:run_id}/publish",
    response={201: list[RelationshipOut]},
    auth=REQUIRED,
    summary="Publish a proposal: its pairs become relationships",
)
def publish_matching_run(request: HttpRequest, run_id: PathId) -> Status:
    run = queries.runs_visible_to(request.user).filter(pk=run_id).first()
    if run is None:
        raise Http404("No such matching run, or it is not shown to you.")
    _program(request, run.program.program_id, manage=True)
    published = services.publish(run, by_user=request.user)
    return Status(201, list(queries.with_activity(Relationship.objects.filter(pk__in=[r.pk for r in published]))))


@router.post(
    "/programs/{int:program_id}/constraints",
    response={201: ConstraintOut},
    auth=REQUIRED,
    summary="Lock or forbid a pair (coordinators)",
)
def constrain_pair(request: HttpRequest, program_id: PathId, data: PairIn) -> Status:
    program = _program(request, program_id, manage=True)
    mentee = program.applications.filter(pk=data.mentee_application_id).first()
    mentor = program.applications.filter(pk=data.mentor_application_id).first()
    if mentee is None or mentor is None:
        raise Http404("No such application in this program.")
    lock = services.lock_pair if data.kind == "lock" else services.forbid_pair
    return Status(201, lock(program, mentee, mentor))


@router.get(
    "/relationships",
    response=list[RelationshipOut],
    auth=REQUIRED,
    summary="Relationships you are in, and those of programs you run",
)
@paginate(LimitOffsetPagination)
def list_relationships(request: HttpRequest) -> QuerySet[Relationship]:
    return queries.with_activity(queries.relationships_visible_to(request.user)).order_by("-starts_on", "id")


@router.get(
    "/programs/{int:program_id}/relationships/export",
    auth=REQUIRED,
    summary="The program's relationships as a CSV or XLSX spreadsheet (its coordinators)",
    description="Mentor, mentee, their organizations, state, start, meetings held, hours, last contact and the "
    "next assessment due; never a summary or a private note. `file_format` is csv (the default) or xlsx.",
    openapi_extra={"responses": {"200": {"description": "The spreadsheet", "content": {"text/csv": {}, XLSX: {}}}}},
)
def export_mentoring_relationships(
    request: HttpRequest, program_id: PathId, file_format: Literal["csv", "xlsx"] = "csv"
) -> HttpResponse:
    program = _program(request, program_id, manage=True)
    header, rows = queries.export_rows(program)
    return table_download(header, rows, file_format, f"{program.program.slug}-relationships", title="relationships")


@router.get("/relationships/{int:relationship_id}", response=RelationshipOut, auth=REQUIRED, summary="A relationship")
def get_relationship(request: HttpRequest, relationship_id: PathId) -> Relationship:
    _relationship(request, relationship_id)
    return queries.with_activity(Relationship.objects.filter(pk=relationship_id)).get()


@router.get(
    "/relationships/{int:relationship_id}/meetings",
    response=list[MeetingOut],
    auth=REQUIRED,
    summary="The relationship's meetings; summaries as you may read them",
)
@paginate(LimitOffsetPagination)
def list_meetings(request: HttpRequest, relationship_id: PathId) -> QuerySet[MeetingLog]:
    return queries.meetings_of(_relationship(request, relationship_id), request.user)


@router.post(
    "/relationships/{int:relationship_id}/meetings",
    response={201: MeetingOut},
    auth=REQUIRED,
    summary="Log a meeting (the two people of the relationship)",
)
def log_meeting(request: HttpRequest, relationship_id: PathId, data: MeetingIn) -> Status:
    relationship = _relationship(request, relationship_id)
    person = _me(request)
    if not relationship.includes(person.pk):
        raise PermissionDenied("Only the two people of a relationship log its meetings.")
    meeting = services.log_meeting(
        relationship,
        by=person,
        date=data.date,
        hours=data.hours,
        topics=Topic.objects.filter(pk__in=data.topic_ids),
        competencies=Item.objects.filter(pk__in=data.competency_ids),
        summary=data.summary,
        summary_shared=data.summary_shared,
        recorded_by=request.user,
    )
    return Status(201, queries.meetings_of(relationship, request.user).get(pk=meeting.pk))


@router.get(
    "/relationships/{int:relationship_id}/notes",
    response=list[NoteOut],
    auth=REQUIRED,
    summary="Your private notes on the relationship (nobody else's, ever)",
)
@paginate(LimitOffsetPagination)
def list_notes(request: HttpRequest, relationship_id: PathId) -> QuerySet[PrivateNote]:
    return queries.my_private_notes(_relationship(request, relationship_id), request.user)


@router.post(
    "/relationships/{int:relationship_id}/notes",
    response={201: NoteOut},
    auth=REQUIRED,
    summary="Keep a private note",
)
def write_note(request: HttpRequest, relationship_id: PathId, data: NoteIn) -> Status:
    relationship = _relationship(request, relationship_id)
    person = _me(request)
    if not relationship.includes(person.pk):
        raise PermissionDenied("Only the two people of a relationship keep notes on it.")
    return Status(201, services.write_private_note(relationship, person, data.text))


@router.get(
    "/relationships/{int:relationship_id}/assessments",
    response=list[AssessmentOut],
    auth=REQUIRED,
    summary="The mentor's assessments of the intern (drafts to the mentor only)",
)
def list_assessments(request: HttpRequest, relationship_id: PathId) -> QuerySet[Assessment]:
    relationship = _relationship(request, relationship_id)
    return (
        queries.assessments_visible_to(request.user)
        .filter(relationship=relationship)
        .prefetch_related("ratings")
        .order_by("point", "-version")
    )


# In-service supervision, at the programs API's paths where it has always been --------------------------

supervision_router = Router(tags=["programs"])


@supervision_router.get(
    "/supervision",
    response=list[SupervisionMeetingOut],
    auth=REQUIRED,
    summary="Supervision meetings you held or had (confidential to the two people)",
)
@paginate(LimitOffsetPagination)
def list_supervision(request: HttpRequest) -> QuerySet[MeetingLog]:
    return queries.supervision_log(request.user)


@supervision_router.get(
    "/supervision/{int:meeting_id}", response=SupervisionMeetingOut, auth=REQUIRED, summary="A supervision meeting"
)
def get_supervision(request: HttpRequest, meeting_id: PathId) -> MeetingLog:
    meeting = queries.supervision_log(request.user).filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404("No such meeting, or it is not shown to you.")
    return meeting


@supervision_router.post(
    "/supervision",
    response={201: SupervisionMeetingOut},
    auth=REQUIRED,
    summary="Record a supervision meeting (a program's supervisors, with its participants)",
)
def record_supervision(request: HttpRequest, data: SupervisionMeetingIn) -> Status:
    from hevruta.programs.queries import programs_visible_to

    supervisor = _me(request)
    supervisee = Person.objects.filter(pk=data.supervisee_id).first()
    if supervisee is None:
        raise Http404("No such person.")
    program = None
    if data.program_id:
        program = programs_visible_to(request.user).filter(pk=data.program_id).first()
        if program is None:
            raise Http404("No such program, or it is not shown to you.")
    if not services.may_supervise(supervisor, supervisee, program):
        raise PermissionDenied("You can record supervision only of participants of a program you supervise in.")
    meeting = services.record_supervision(
        supervisor,
        supervisee,
        program=program,
        date=data.date,
        hours=data.hours,
        summary=data.notes,
        competencies=Item.objects.filter(pk__in=data.competency_ids),
        recorded_by=request.user,
    )
    return Status(201, queries.supervision_log(request.user).get(pk=meeting.pk))
