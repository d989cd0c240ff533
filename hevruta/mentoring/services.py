"""Every write of mentoring, one transaction each, with a clear message when something is refused."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hevruta.core.jobs import services as jobs
from hevruta.core.jobs.models import Job
from hevruta.directory.models import Network, Organization, Person, Position, PositionRole, Topic
from hevruta.insights import activity
from hevruta.notifications.services import notify
from hevruta.programs.models import Program, ProgramKind, ProgramStaff, StaffRole
from hevruta.programs.services import add_staff, create_program
from hevruta.standards.models import Item, PerformanceLevel

from . import notices
from .models import (
    DEFAULT_WEIGHTS,
    Application,
    ApplicationStatus,
    Assessment,
    AssessmentRating,
    ClosingSurvey,
    ConstraintKind,
    Eligibility,
    Goal,
    MatchingRun,
    MatchRequest,
    MeetingLog,
    MentoringProgram,
    Milestone,
    OrganizationPreference,
    PairConstraint,
    PrivateNote,
    ProposedPair,
    Relationship,
    RelationshipKind,
    RelationshipState,
    RunStatus,
    Side,
)

# Positions that evaluate the teachers of their organization: a mentor holding one at the mentee's
# organization (or the body above it) is in the mentee's evaluation chain.
EVALUATING_ROLES = (
    PositionRole.PRINCIPAL,
    PositionRole.INSPECTOR,
    PositionRole.PEDAGOGIC_SUPERVISOR,
    PositionRole.DEPARTMENT_HEAD,
)
MAX_CAPACITY = 20


# Programs -----------------------------------------------------------------------------------------------


def _clean_weights(weights: dict[str, Any] | None) -> dict[str, int]:
    cleaned = dict(DEFAULT_WEIGHTS)
    for name, value in (weights or {}).items():
        if name not in DEFAULT_WEIGHTS:
            raise ValidationError(_("“%(name)s” is not a matching criterion.") % {"name": name})
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10:
            raise ValidationError(_("A criterion's weight is a whole number from 0 to 10."))
        cleaned[name] = value
    return cleaned


SETTINGS_FIELDS = (
    "starts_on",
    "ends_on",
    "application_deadline",
    "mentors_may_apply",
    "mentees_may_apply",
    "questions",
    "default_capacity",
    "max_distance_km",
    "exclude_evaluation_chain",
    "self_matching",
    "meeting_every_days",
)


def _check_settings(fields: dict[str, Any]) -> None:
    starts, ends = fields.get("starts_on"), fields.get("ends_on")
    if starts is None or ends is None:
        raise ValidationError(_("A mentoring program needs a start and an end."))
    if ends < starts:
        raise ValidationError(_("A mentoring program cannot end before it starts."))
    capacity = fields.get("default_capacity", 2)
    if not 1 <= int(capacity) <= MAX_CAPACITY:
        raise ValidationError(_("A mentor takes from 1 to %(most)d mentees.") % {"most": MAX_CAPACITY})
    questions = fields.get("questions") or []
    if not isinstance(questions, list) or not all(isinstance(q, str) and q.strip() for q in questions):
        raise ValidationError(_("Each application question is a line of text."))


@transaction.atomic
def create_mentoring_program(
    network: Network,
    *,
    coordinator: Person | None = None,
    kind: str = ProgramKind.MENTORING,
    weights: dict[str, Any] | None = None,
    created_by: Any = None,
    slug: str = "",
    program_fields: dict[str, Any] | None = None,
    **settings: Any,
) -> MentoringProgram:
    """A program of kind mentoring (or supervision) with its matching settings and its coordinator."""
    if kind not in (ProgramKind.MENTORING, ProgramKind.SUPERVISION):
        raise ValidationError(_("A mentoring program is of kind mentoring or supervision."))
    _check_settings(settings)
    program = create_program(network, kind=kind, slug=slug, created_by=created_by, **(program_fields or {}))
    mentoring = MentoringProgram.objects.create(
        program=program,
        weights=_clean_weights(weights),
        **{name: value for name, value in settings.items() if name in SETTINGS_FIELDS},
    )
    if coordinator is not None:
        add_staff(program, coordinator, StaffRole.COORDINATOR)
    return mentoring


@transaction.atomic
def update_settings(
    program: MentoringProgram, *, weights: dict[str, Any] | None = None, **fields: Any
) -> MentoringProgram:
    merged = {name: getattr(program, name) for name in SETTINGS_FIELDS} | fields
    _check_settings(merged)
    for name, value in fields.items():
        if name in SETTINGS_FIELDS:
            setattr(program, name, value)
    if weights is not None:
        program.weights = _clean_weights(weights)
    program.save()
    return program


# Applications ---------------------------------------------------------------------------------------------


def _may_apply(program: MentoringProgram, person: Person, side: str) -> bool:
    eligibility = program.mentors_may_apply if side == Side.MENTOR else program.mentees_may_apply
    if eligibility == Eligibility.ENROLLED:
        return False
    return program.program.network.memberships.filter(person=person).exists()


def _coordinators(program: Program) -> list:
    staff = ProgramStaff.objects.filter(program=program, role=StaffRole.COORDINATOR).select_related("person__user")
    managers = program.network.memberships.filter(role="manager").select_related("person__user")
    return [s.person.user for s in staff] + [m.person.user for m in managers]


def _program_name(program: Program) -> dict[str, str]:
    return {"he": program.name_he, "en": program.name_en, "ar": program.name_ar}


def _write_application(
    program: MentoringProgram,
    person: Person,
    side: str,
    *,
    answers: dict[str, str] | None,
    capacity: int | None,
    goals: Iterable[Topic],
    organization_preference: str,
    avoid: Iterable[Person],
    enrolled_by: Any = None,
) -> Application:
    if side not in Side.values:
        raise ValidationError(_("An application is as mentor or as mentee."))
    if organization_preference not in OrganizationPreference.values:
        raise ValidationError(_("Choose the same organization, a different one, or no preference."))
    if side == Side.MENTOR:
        capacity = program.default_capacity if capacity is None else capacity
        if not 1 <= capacity <= MAX_CAPACITY:
            raise ValidationError(_("A mentor takes from 1 to %(most)d mentees.") % {"most": MAX_CAPACITY})
    else:
        capacity = 1
    avoid = [other for other in avoid if other.pk != person.pk]
    questions = set(program.questions or [])
    answers = {question: str(text).strip() for question, text in (answers or {}).items() if question in questions}
    if Application.objects.filter(program=program, person=person, side=side).exists():
        raise ValidationError(_("You have already applied to this program as %(side)s.") % {"side": Side(side).label})
    application = Application.objects.create(
        program=program,
        person=person,
        side=side,
        answers=answers,
        capacity=capacity,
        organization_preference=organization_preference,
        enrolled_by=enrolled_by if getattr(enrolled_by, "is_authenticated", False) else None,
    )
    application.goals.set(list(goals))
    application.avoid.set(avoid)
    return application


@transaction.atomic
def apply(
    program: MentoringProgram,
    person: Person,
    side: str,
    *,
    answers: dict[str, str] | None = None,
    capacity: int | None = None,
    goals: Iterable[Topic] = (),
    organization_preference: str = OrganizationPreference.ANY,
    avoid: Iterable[Person] = (),
    today: date | None = None,
) -> Application:
    today = today or timezone.localdate()
    if not program.accepts_applications_on(today):
        raise ValidationError(
            _("Applications to this program closed on %(date)s.") % {"date": program.application_deadline}
        )
    if today > program.ends_on:
        raise ValidationError(_("This mentoring program has ended."))
    if not _may_apply(program, person, side):
        raise ValidationError(_("Only members of the program's network may apply; or the coordinator enrolls you."))
    application = _write_application(
        program,
        person,
        side,
        answers=answers,
        capacity=capacity,
        goals=goals,
        organization_preference=organization_preference,
        avoid=avoid,
    )
    notify(
        _coordinators(program.program),
        notices.APPLICATION_ARRIVED,
        url=reverse("mentoring:applications", args=[program.program.slug]),
        context={"person": person.full_name, "side": side, "program": _program_name(program.program)},
        actor=person.user,
    )
    return application


@transaction.atomic
def enroll_from_directory(
    program: MentoringProgram, people: Iterable[Person], side: str, *, capacity: int | None = None, by_user: Any = None
) -> list[Application]:
    """The coordinator enrolls people in bulk; those who already applied on that side are left as they are."""
    people = list(people)
    already = set(
        Application.objects.filter(program=program, side=side, person__in=people).values_list("person_id", flat=True)
    )
    return [
        _write_application(
            program,
            person,
            side,
            answers=None,
            capacity=capacity,
            goals=(),
            organization_preference=OrganizationPreference.ANY,
            avoid=(),
            enrolled_by=by_user,
        )
        for person in people
        if person.pk not in already
    ]


@transaction.atomic
def withdraw(application: Application) -> Application:
    if application.status == ApplicationStatus.MATCHED:
        raise ValidationError(_("A matched application is not withdrawn; the relationship is ended instead."))
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    PairConstraint.objects.filter(Q(mentee=application) | Q(mentor=application)).delete()
    return application


# Locks and forbids ---------------------------------------------------------------------------------------


def _pair_applications(program: MentoringProgram, mentee: Application, mentor: Application) -> None:
    if mentee.program_id != program.pk or mentor.program_id != program.pk:
        raise ValidationError(_("Both applications must be of this program."))
    if mentee.side != Side.MENTEE or mentor.side != Side.MENTOR:
        raise ValidationError(_("A pair is a mentee and a mentor."))
    if mentee.person_id == mentor.person_id:
        raise ValidationError(_("Nobody mentors themselves."))


@transaction.atomic
def lock_pair(program: MentoringProgram, mentee: Application, mentor: Application) -> PairConstraint:
    """Keeps this pair in every run. Refused when it contradicts the other locks or the program's rules."""
    _pair_applications(program, mentee, mentor)
    constraints = PairConstraint.objects.select_for_update().filter(program=program)
    existing = constraints.filter(mentee=mentee, mentor=mentor).first()
    if existing is not None and existing.kind == ConstraintKind.FORBID:
        raise ValidationError(_("This pair is forbidden; remove the prohibition before locking it."))
    if constraints.filter(mentee=mentee, kind=ConstraintKind.LOCK).exclude(mentor=mentor).exists():
        raise ValidationError(_("This mentee is already locked to another mentor."))
    locked_to_mentor = constraints.filter(mentor=mentor, kind=ConstraintKind.LOCK).exclude(mentee=mentee).count()
    if locked_to_mentor + 1 > mentor.capacity:
        raise ValidationError(_("The mentor's locked pairs would exceed the mentor's capacity."))
    if mentee.avoid.filter(pk=mentor.person_id).exists() or mentor.avoid.filter(pk=mentee.person_id).exists():
        raise ValidationError(_("One of the two asked not to be matched with the other."))
    if existing is not None:
        return existing
    return PairConstraint.objects.create(program=program, mentee=mentee, mentor=mentor, kind=ConstraintKind.LOCK)


@transaction.atomic
def forbid_pair(program: MentoringProgram, mentee: Application, mentor: Application) -> PairConstraint:
    _pair_applications(program, mentee, mentor)
    constraint, created = PairConstraint.objects.get_or_create(
        program=program, mentee=mentee, mentor=mentor, defaults={"kind": ConstraintKind.FORBID}
    )
    if not created and constraint.kind == ConstraintKind.LOCK:
        raise ValidationError(_("This pair is locked; unlock it before forbidding it."))
    return constraint


@transaction.atomic
def remove_constraint(constraint: PairConstraint) -> None:
    constraint.delete()


# Matching --------------------------------------------------------------------------------------------


def _current_organization(person: Person, organizations: dict[int, list[Position]]) -> Organization | None:
    positions = organizations.get(person.pk) or []
    return positions[0].organization if positions else None


def _positions_by_person(person_ids: list[int]) -> dict[int, list[Position]]:
    today = timezone.localdate()
    found: dict[int, list[Position]] = {}
    positions = (
        Position.objects.filter(person_id__in=person_ids)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("organization")
        .order_by("person_id", "-start_date", "id")
    )
    for position in positions:
        found.setdefault(position.person_id, []).append(position)
    return found


def _applicant(application: Application, positions: dict[int, list[Position]], *, mentor: bool) -> Any:
    from .matching import Applicant

    person = application.person
    organization = _current_organization(person, positions)
    locality = person.locality
    if mentor:
        topics = frozenset(t.pk for t in person.strengths.all())
    else:
        topics = frozenset(t.pk for t in application.goals.all()) or frozenset(
            t.pk for t in person.areas_to_develop.all()
        )
    return Applicant(
        key=application.pk,
        subjects=frozenset(s.pk for s in person.subjects.all()),
        grade_bands=frozenset(g.pk for g in person.grade_bands.all()),
        languages=frozenset(lang.pk for lang in person.languages.all()),
        topics=topics,
        sector=(organization.sector if organization else "") or "",
        organization=organization.pk if organization else None,
        latitude=locality.latitude if locality else None,
        longitude=locality.longitude if locality else None,
        capacity=application.capacity if mentor else 1,
        organization_preference=application.organization_preference,
    )


def _evaluates(mentor_positions: list[Position], mentee_organization: Organization | None) -> bool:
    if mentee_organization is None:
        return False
    chain = {mentee_organization.pk, mentee_organization.parent_id}
    return any(p.role in EVALUATING_ROLES and p.organization_id in chain for p in mentor_positions)


def _hard_forbidden(
    program: MentoringProgram,
    mentees: list[Application],
    mentors: list[Application],
    positions: dict[int, list[Position]],
) -> set[tuple[int, int]]:
    """Pairs no run may propose: avoided people, oneself, and (if the program says so) the evaluation chain."""
    forbidden: set[tuple[int, int]] = set()
    for mentee in mentees:
        avoided = {p.pk for p in mentee.avoid.all()}
        mentee_org = _current_organization(mentee.person, positions)
        for mentor in mentors:
            if (
                mentor.person_id == mentee.person_id
                or mentor.person_id in avoided
                or mentee.person_id in {p.pk for p in mentor.avoid.all()}
                or (program.exclude_evaluation_chain and _evaluates(positions.get(mentor.person_id, []), mentee_org))
            ):
                forbidden.add((mentee.pk, mentor.pk))
    return forbidden


def _pending(program: MentoringProgram, side: str) -> list[Application]:
    return list(
        Application.objects.filter(program=program, side=side, status=ApplicationStatus.PENDING)
        .select_related("person", "person__locality")
        .prefetch_related(
            "goals",
            "avoid",
            "person__subjects",
            "person__grade_bands",
            "person__languages",
            "person__strengths",
            "person__areas_to_develop",
        )
        .order_by("id")
    )


def build_problem(program: MentoringProgram) -> Any:
    mentees, mentors = _pending(program, Side.MENTEE), _pending(program, Side.MENTOR)
    if not mentors:
        raise ValidationError(_("The program has no mentors waiting to be matched: matching needs at least one."))
    if not mentees:
        raise ValidationError(_("The program has no mentees waiting to be matched."))
    if any(m.capacity < 1 for m in mentors):
        raise ValidationError(_("A mentor with capacity 0 cannot be matched; give every mentor at least one place."))
    positions = _positions_by_person([a.person_id for a in mentees + mentors])
    constraints = list(PairConstraint.objects.filter(program=program).values_list("mentee_id", "mentor_id", "kind"))
    hard = _hard_forbidden(program, mentees, mentors, positions)
    locked = {(mentee, mentor) for mentee, mentor, kind in constraints if kind == ConstraintKind.LOCK}
    forbidden = hard | {(mentee, mentor) for mentee, mentor, kind in constraints if kind == ConstraintKind.FORBID}
    if locked & hard:
        raise ValidationError(
            _("A locked pair breaks the program's rules (someone to avoid, or the evaluation chain).")
        )
    from .matching import Problem, Weights

    keys = {a.pk for a in mentees} | {a.pk for a in mentors}
    locked = {pair for pair in locked if pair[0] in keys and pair[1] in keys}
    weights = Weights(
        **{name: program.weight(name) for name in DEFAULT_WEIGHTS}, max_distance_km=float(program.max_distance_km)
    )
    return Problem(
        mentees=[_applicant(a, positions, mentor=False) for a in mentees],
        mentors=[_applicant(a, positions, mentor=True) for a in mentors],
        weights=weights,
        forbidden=forbidden,
        locked=locked,
    )


def _matching_error(error: Any) -> str:
    """The solver's refusal in the reader's language, naming the people concerned."""
    names = ", ".join(
        Application.objects.filter(pk__in=error.keys)
        .select_related("person")
        .values_list("person__given_name", flat=True)
    )
    messages = {
        "mentee_locked_twice": _("A mentee is locked to two mentors (%(names)s)."),
        "locked_not_allowed": _("A locked pair breaks the program's rules, e.g. no language in common (%(names)s)."),
        "mentor_over_capacity": _("A mentor has more locked pairs than places (%(names)s)."),
    }
    text = messages.get(error.code, _("The locked and forbidden pairs contradict each other (%(names)s)."))
    return text % {"names": names}


@transaction.atomic
def run_matching(program: MentoringProgram, *, by_user: Any = None) -> MatchingRun:
    """Solves the program's pending applications in this request and stores the proposal; earlier
    proposals are superseded. Big programs go through `start_matching` instead."""
    return _store_run(program, _solve(program), by_user=by_user)


def _solve(program: MentoringProgram, progress: Any = None) -> Any:
    problem = build_problem(program)
    from .matching import MatchingError, solve

    try:
        return solve(problem, progress)
    except MatchingError as error:
        raise ValidationError(_matching_error(error)) from None


def _store_run(program: MentoringProgram, result: Any, *, by_user: Any) -> MatchingRun:
    """The proposal and its pairs, written together (the caller's one transaction)."""
    program.runs.filter(status=RunStatus.PROPOSED).update(status=RunStatus.SUPERSEDED)
    run = MatchingRun.objects.create(
        program=program,
        started_by=by_user if getattr(by_user, "is_authenticated", False) else None,
        total_score=result.total_score,
        unmatched=list(result.unmatched),
        blocking_pairs=result.blocking_pairs,
        proven_optimal=result.proven_optimal,
        missing_profiles=list(result.missing_profiles),
    )
    ProposedPair.objects.bulk_create(
        [
            ProposedPair(
                run=run,
                mentee_id=pair.mentee,
                mentor_id=pair.mentor,
                score=pair.score,
                reasons=[{"component": r.component, "points": r.points, "detail": r.detail} for r in pair.reasons],
                locked=pair.locked,
            )
            for pair in result.pairs
        ],
        batch_size=2000,
    )
    return run


# Matching as a job: above MENTORING_MATCHING_IN_REQUEST pending applications the solve and the writing of
# tens of thousands of pairs outlast a request, so a worker does them (hevruta/core/jobs).
MATCHING_JOB = "mentoring.matching"


def pending_count(program: MentoringProgram) -> int:
    return Application.objects.filter(program=program, status=ApplicationStatus.PENDING).count()


def matching_job(program: MentoringProgram) -> Job | None:
    """The program's latest matching job, if there is one."""
    return (
        Job.objects.filter(
            kind=MATCHING_JOB,
            subject_type=ContentType.objects.get_for_model(MentoringProgram),
            subject_id=program.pk,
        )
        .order_by("-created_at", "-id")
        .first()
    )


def start_matching(program: MentoringProgram, *, by_user: Any = None) -> MatchingRun | Job:
    """Runs the matching now for a small program (the run), or queues it on the worker for a big one
    (the job, whose progress shows on the matching page)."""
    if pending_count(program) <= settings.MENTORING_MATCHING_IN_REQUEST:
        return run_matching(program, by_user=by_user)
    with transaction.atomic():
        MentoringProgram.objects.select_for_update().filter(pk=program.pk).first()  # one job at a time
        ongoing = matching_job(program)
        if ongoing is not None and not ongoing.is_over:
            raise ValidationError(_("The matching of this program is already running; wait for it to finish."))
        # Its total comes from the solver (mentee rows scored), then from the writing (pairs written).
        return jobs.start(MATCHING_JOB, subject=program, user=by_user)


def _program_of(job: Job) -> MentoringProgram:
    return cast(MentoringProgram, job.subject)


def prepare_matching_job(job: Job, progress: Any) -> Any:
    """The solve, outside any transaction: reads the applications and proves the proposal optimal."""
    try:
        return _solve(_program_of(job), progress)
    except ValidationError as error:
        raise jobs.JobRefused(" ".join(error.messages)) from None


def write_matching_job(job: Job, result: Any, progress: Any) -> dict:
    """The proposal, in the job's one transaction: a worker that dies leaves no half-written run."""
    progress(0, len(result.pairs))
    run = _store_run(_program_of(job), result, by_user=job.started_by)
    progress(len(result.pairs))
    return {"run": run.pk, "pairs": len(result.pairs), "unmatched": len(result.unmatched)}


def tell_matching_finished(sender: object, job: Any, **kwargs: Any) -> None:
    """The coordinators hear when a matching job ends, with its proposal or its failure."""
    if job.kind != MATCHING_JOB:
        return
    program = job.subject
    notify(
        _coordinators(program.program) + ([job.started_by] if job.started_by_id else []),
        notices.MATCHING_FINISHED,
        url=reverse("mentoring:matching", args=[program.program.slug]),
        context={"program": _program_name(program.program), "succeeded": job.state == Job.State.SUCCEEDED},
    )


@transaction.atomic
def publish(run: MatchingRun, *, by_user: Any = None, starts_on: date | None = None) -> list[Relationship]:
    """Turns a proposal into relationships and tells both sides."""
    run = MatchingRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.PROPOSED:
        raise ValidationError(_("Only the latest proposal can be published."))
    program = run.program
    pairs = list(run.pairs.select_related("mentee__person__user", "mentor__person__user"))
    if not pairs:
        raise ValidationError(_("This run proposes no pairs; there is nothing to publish."))
    run.status, run.published_at = RunStatus.PUBLISHED, timezone.now()
    run.save(update_fields=["status", "published_at"])
    starts = starts_on or max(program.starts_on, timezone.localdate())
    positions = _positions_by_person([p.mentee.person_id for p in pairs] + [p.mentor.person_id for p in pairs])
    relationships = []
    for pair in pairs:
        relationship, _created = Relationship.objects.get_or_create(
            program=program.program,
            mentor=pair.mentor.person,
            mentee=pair.mentee.person,
            defaults={"kind": _kind(program), "run": run, "starts_on": starts, "ends_on": program.ends_on},
        )
        relationships.append(relationship)
        activity.record(
            "mentoring.matched",
            person=pair.mentee.person,
            organization=_current_organization(pair.mentee.person, positions),
            counterpart=_current_organization(pair.mentor.person, positions),
            network=program.program.network,
            program=program.program,
            subject=relationship,
        )
        notify(
            [pair.mentor.person.user, pair.mentee.person.user],
            notices.MATCH_PUBLISHED,
            url=reverse("mentoring:relationship", args=[relationship.pk]),
            context={"program": _program_name(program.program)},
            actor=by_user,
        )
    Application.objects.filter(pk__in=[p.mentee_id for p in pairs] + [p.mentor_id for p in pairs]).update(
        status=ApplicationStatus.MATCHED
    )
    return relationships


def _kind(program: MentoringProgram) -> str:
    return (
        RelationshipKind.SUPERVISION if program.program.kind == ProgramKind.SUPERVISION else RelationshipKind.MENTORING
    )


# Self-matching -------------------------------------------------------------------------------------------


@transaction.atomic
def request_match(sender: Application, receiver: Application, message: str = "") -> MatchRequest:
    program = sender.program
    if not program.self_matching:
        raise ValidationError(_("In this program the coordinator makes the matches."))
    if receiver.program_id != program.pk or receiver.side == sender.side:
        raise ValidationError(_("Ask someone on the other side of the same program."))
    if ApplicationStatus.PENDING not in (sender.status,) or receiver.status != ApplicationStatus.PENDING:
        raise ValidationError(_("One of you is already matched."))
    if MatchRequest.objects.filter(sender=sender, receiver=receiver).exists():
        raise ValidationError(_("You have already asked this person."))
    return MatchRequest.objects.create(program=program, sender=sender, receiver=receiver, message=message.strip())


@transaction.atomic
def answer_match_request(request: MatchRequest, accept: bool) -> Relationship | None:
    request = MatchRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != "pending":
        raise ValidationError(_("This request is already answered."))
    request.status = "accepted" if accept else "declined"
    request.save(update_fields=["status"])
    if not accept:
        return None
    mentee, mentor = (
        (request.sender, request.receiver) if request.sender.side == Side.MENTEE else (request.receiver, request.sender)
    )
    taken = Relationship.objects.filter(program_id=mentor.program.program_id, mentor_id=mentor.person_id).count()
    if taken >= mentor.capacity:
        raise ValidationError(_("The mentor has no room left."))
    program = mentor.program
    relationship = Relationship.objects.create(
        program=program.program,
        kind=_kind(program),
        mentor_id=mentor.person_id,
        mentee_id=mentee.person_id,
        starts_on=max(program.starts_on, timezone.localdate()),
        ends_on=program.ends_on,
    )
    mentee.status = ApplicationStatus.MATCHED
    mentee.save(update_fields=["status", "updated_at"])
    if taken + 1 >= mentor.capacity:
        mentor.status = ApplicationStatus.MATCHED
        mentor.save(update_fields=["status", "updated_at"])
    return relationship


# Relationships: goals, meetings, notes ------------------------------------------------------------------


def _hours(value: Any) -> Decimal:
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("Give the meeting's length in hours.")) from None
    if not Decimal("0") < hours <= Decimal("24"):
        raise ValidationError(_("A meeting lasts more than zero and at most 24 hours."))
    return hours.quantize(Decimal("0.1"))


def _organization_of(person: Person) -> Organization | None:
    return _current_organization(person, _positions_by_person([person.pk]))


def _check_competencies(relationship: Relationship, competencies: list[Item]) -> None:
    framework_id = relationship.program.framework_id
    if any(item.framework_id != framework_id for item in competencies):
        raise ValidationError(_("The competencies must be of the program's framework."))


@transaction.atomic
def log_meeting(
    relationship: Relationship,
    *,
    by: Person,
    date: date,
    hours: Any,
    topics: Iterable[Topic] = (),
    competencies: Iterable[Item] = (),
    summary: str = "",
    summary_language: str = "",
    summary_shared: bool = False,
    recorded_by: Any = None,
) -> MeetingLog:
    if not relationship.includes(by.pk):
        raise ValidationError(_("Only the two people of a relationship log its meetings."))
    if relationship.kind == RelationshipKind.SUPERVISION and by.pk != relationship.mentor_id:
        raise ValidationError(_("The supervisor records supervision meetings."))
    if date > timezone.localdate():
        raise ValidationError(_("A meeting is logged once it has taken place; this date is in the future."))
    if date < relationship.starts_on:
        raise ValidationError(_("This date is before the relationship started."))
    competencies = list(competencies)
    _check_competencies(relationship, competencies)
    meeting = MeetingLog.objects.create(
        relationship=relationship,
        date=date,
        hours=_hours(hours),
        summary=summary.strip(),
        summary_language=summary_language,
        summary_shared=summary_shared and bool(summary.strip()),
        recorded_by=recorded_by if getattr(recorded_by, "is_authenticated", False) else None,
    )
    meeting.topics.set(list(topics))
    meeting.competencies.set(competencies)
    other = relationship.mentee if by.pk == relationship.mentor_id else relationship.mentor
    activity.record(
        "mentoring.meeting_logged",
        person=by,
        organization=_organization_of(by),
        counterpart=_organization_of(other),
        network=relationship.program.network,
        program=relationship.program,
        subject=relationship,
    )
    return meeting


@transaction.atomic
def update_meeting(
    meeting: MeetingLog,
    *,
    by: Person,
    date: date,
    hours: Any,
    topics: Iterable[Topic] = (),
    competencies: Iterable[Item] = (),
    summary: str = "",
    summary_language: str = "",
    summary_shared: bool = False,
) -> MeetingLog:
    relationship = meeting.relationship
    if not relationship.includes(by.pk):
        raise ValidationError(_("Only the two people of a relationship change its meetings."))
    if relationship.kind == RelationshipKind.SUPERVISION and by.pk != relationship.mentor_id:
        raise ValidationError(_("Only the supervisor changes the meeting's record."))
    if date > timezone.localdate():
        raise ValidationError(_("A meeting is logged once it has taken place; this date is in the future."))
    competencies = list(competencies)
    _check_competencies(relationship, competencies)
    meeting.date, meeting.hours = date, _hours(hours)
    meeting.summary, meeting.summary_language = summary.strip(), summary_language
    meeting.summary_shared = summary_shared and bool(meeting.summary)
    meeting.save()
    meeting.topics.set(list(topics))
    meeting.competencies.set(competencies)
    return meeting


@transaction.atomic
def write_private_note(relationship: Relationship, author: Person, text: str) -> PrivateNote:
    if not relationship.includes(author.pk):
        raise ValidationError(_("Only the two people of a relationship keep notes on it."))
    if not text.strip():
        raise ValidationError(_("A note cannot be empty."))
    return PrivateNote.objects.create(relationship=relationship, author=author, text=text.strip())


@transaction.atomic
def add_goal(
    relationship: Relationship, by: Person, text: str, milestones: Iterable[tuple[str, date | None]] = ()
) -> Goal:
    if not relationship.includes(by.pk):
        raise ValidationError(_("Only the two people of a relationship set its goals."))
    if not text.strip():
        raise ValidationError(_("A goal cannot be empty."))
    goal = Goal.objects.create(relationship=relationship, text=text.strip()[:500])
    Milestone.objects.bulk_create(
        [Milestone(goal=goal, text=label.strip()[:300], due_on=due) for label, due in milestones if label.strip()]
    )
    return goal


@transaction.atomic
def complete_milestone(milestone: Milestone, by: Person, done_on: date | None = None) -> Milestone:
    if not milestone.goal.relationship.includes(by.pk):
        raise ValidationError(_("Only the two people of a relationship mark its milestones."))
    milestone.done_on = done_on or timezone.localdate()
    milestone.save(update_fields=["done_on"])
    return milestone


@transaction.atomic
def end_relationship(relationship: Relationship, on: date | None = None) -> Relationship:
    on = on or timezone.localdate()
    if relationship.state == RelationshipState.ENDED:
        raise ValidationError(_("This relationship has already ended."))
    if on < relationship.starts_on:
        raise ValidationError(_("A relationship cannot end before it starts."))
    relationship.state, relationship.ends_on = RelationshipState.ENDED, on
    relationship.save(update_fields=["state", "ends_on"])
    return relationship


@transaction.atomic
def answer_closing_survey(
    relationship: Relationship, respondent: Person, *, satisfaction: int, goals_met: str, comment: str = ""
) -> ClosingSurvey:
    if not relationship.includes(respondent.pk):
        raise ValidationError(_("Only the two people of a relationship answer its closing survey."))
    if not 1 <= int(satisfaction) <= 5:
        raise ValidationError(_("Satisfaction is from 1 to 5."))
    if ClosingSurvey.objects.filter(relationship=relationship, respondent=respondent).exists():
        raise ValidationError(_("You have already answered the closing survey."))
    return ClosingSurvey.objects.create(
        relationship=relationship,
        respondent=respondent,
        satisfaction=int(satisfaction),
        goals_met=goals_met,
        comment=comment.strip(),
    )


@transaction.atomic
def close_relationship(
    relationship: Relationship, respondent: Person, *, satisfaction: int, goals_met: str, comment: str = ""
) -> ClosingSurvey:
    """One side's closing survey; the first to answer ends the relationship for both."""
    if relationship.state == RelationshipState.ACTIVE and relationship.includes(respondent.pk):
        end_relationship(relationship, max(relationship.starts_on, timezone.localdate()))
    return answer_closing_survey(
        relationship, respondent, satisfaction=satisfaction, goals_met=goals_met, comment=comment
    )


# Assessment -----------------------------------------------------------------------------------------------


@transaction.atomic
def save_assessment(
    relationship: Relationship,
    mentor: Person,
    point: str,
    *,
    summary: str,
    ratings: dict[Item, tuple[PerformanceLevel | None, str]],
    submit: bool = False,
) -> Assessment:
    """Writes the mentor's draft of a point, or a new version when the latest is already submitted."""
    if mentor.pk != relationship.mentor_id:
        raise ValidationError(_("Only the mentor fills in the mentor's part of the assessment."))
    framework_id = relationship.program.framework_id
    for item, (level, _comment) in ratings.items():
        if item.framework_id != framework_id:
            raise ValidationError(_("The competencies must be of the program's framework."))
        if level is not None and level.framework_id != framework_id:
            raise ValidationError(_("The level must be one of the program's framework."))
    latest = (
        Assessment.objects.select_for_update()
        .filter(relationship=relationship, point=point)
        .order_by("-version")
        .first()
    )
    if latest is None or latest.is_locked:
        latest = Assessment.objects.create(
            relationship=relationship, point=point, version=(latest.version + 1) if latest else 1
        )
    latest.summary = summary.strip()
    if submit:
        latest.submitted_at = timezone.now()
    latest.save()
    latest.ratings.all().delete()
    AssessmentRating.objects.bulk_create(
        [
            AssessmentRating(assessment=latest, competency=item, level=level, comment=comment.strip())
            for item, (level, comment) in ratings.items()
        ]
    )
    if submit:
        notify(
            [relationship.mentee.user],
            notices.ASSESSMENT_SUBMITTED,
            url=reverse("mentoring:relationship", args=[relationship.pk]) + "#assessments",
            context={"mentor": mentor.full_name},
            actor=mentor.user,
        )
    return latest


@transaction.atomic
def respond_to_assessment(assessment: Assessment, intern: Person, response: str) -> Assessment:
    if intern.pk != assessment.relationship.mentee_id:
        raise ValidationError(_("Only the intern responds to the assessment."))
    if not assessment.is_locked:
        raise ValidationError(_("The intern responds to a submitted assessment."))
    if assessment.responded_at is not None:
        raise ValidationError(_("You have already responded to this version."))
    if not response.strip():
        raise ValidationError(_("A response cannot be empty."))
    assessment.response, assessment.responded_at = response.strip(), timezone.now()
    assessment.save(update_fields=["response", "responded_at"])
    return assessment


# In-service supervision -------------------------------------------------------------------------------


def may_supervise(supervisor: Person, supervisee: Person, program: Program | None) -> bool:
    """A supervisor of a program supervises its participants (during the program and after it, as alumni)."""
    from hevruta.programs.models import Enrollment

    if supervisor.pk == supervisee.pk:
        return False
    programs = ProgramStaff.objects.filter(person=supervisor, role=StaffRole.SUPERVISOR).values("program_id")
    if program is not None:
        programs = programs.filter(program=program)
    return Enrollment.objects.filter(person=supervisee, cohort__program_id__in=programs).exists()


def _supervised_program(supervisor: Person, supervisee: Person) -> Program | None:
    from hevruta.programs.models import Enrollment

    programs = ProgramStaff.objects.filter(person=supervisor, role=StaffRole.SUPERVISOR).values("program_id")
    enrollment = (
        Enrollment.objects.filter(person=supervisee, cohort__program_id__in=programs)
        .select_related("cohort__program")
        .order_by("-cohort__start_date", "id")
        .first()
    )
    return enrollment.cohort.program if enrollment else None


@transaction.atomic
def record_supervision(
    supervisor: Person,
    supervisee: Person,
    *,
    date: date,
    hours: Any,
    program: Program | None = None,
    summary: str = "",
    summary_language: str = "",
    competencies: Iterable[Item] = (),
    recorded_by: Any = None,
) -> MeetingLog:
    """A supervisor's meeting with a participant of a program they supervise in: the meeting of their
    supervision relationship in that program, begun by its first meeting."""
    if not may_supervise(supervisor, supervisee, program):
        raise ValidationError(_("You can record supervision only of participants of a program you supervise in."))
    program = program or _supervised_program(supervisor, supervisee)
    assert program is not None  # may_supervise found one
    relationship, _created = Relationship.objects.get_or_create(
        program=program,
        mentor=supervisor,
        mentee=supervisee,
        defaults={"kind": RelationshipKind.SUPERVISION, "starts_on": min(date, timezone.localdate())},
    )
    if relationship.starts_on > date:
        relationship.starts_on = date
        relationship.save(update_fields=["starts_on"])
    return log_meeting(
        relationship,
        by=supervisor,
        date=date,
        hours=hours,
        competencies=competencies,
        summary=summary,
        summary_language=summary_language,
        recorded_by=recorded_by,
    )


# Reminders ------------------------------------------------------------------------------------------------


def remind_overdue(today: date | None = None) -> int:
    """Tells each mentor whose relationship has had no meeting for longer than the program's rhythm; once a
    rhythm-period at most, since the notice's own date counts as a reminder."""
    from hevruta.notifications.models import Notice

    from .queries import overdue_relationships

    today = today or timezone.localdate()
    sent = 0
    for relationship in overdue_relationships(today):
        if relationship.last + _days(relationship.rhythm) >= today:  # type: ignore[attr-defined]
            continue
        user = relationship.mentor.user
        if user is None:
            continue
        since = timezone.now() - _days(relationship.rhythm)  # type: ignore[attr-defined]
        url = reverse("mentoring:relationship", args=[relationship.pk])
        if Notice.objects.filter(recipient=user, kind=notices.MEETING_OVERDUE, url=url, created_at__gte=since).exists():
            continue
        with transaction.atomic():
            notify(
                [user],
                notices.MEETING_OVERDUE,
                url=url,
                context={"mentee": relationship.mentee.full_name, "days": (today - relationship.last).days},  # type: ignore[attr-defined]
            )
        sent += 1
    return sent


def remind_assessments_due(today: date | None = None) -> int:
    """Tells each mentor of an intern program (one with a framework) two weeks before the year's middle
    and its end, when that point's assessment is not submitted yet; once per point."""
    from hevruta.notifications.models import Notice

    today = today or timezone.localdate()
    sent = 0
    programs = MentoringProgram.objects.filter(
        program__framework__isnull=False, starts_on__lte=today, ends_on__gte=today
    )
    for program in programs.select_related("program"):
        for point, due in program.assessment_dates():
            if not due - _days(14) <= today <= due:
                continue
            relationships = Relationship.objects.filter(
                program_id=program.program_id, state=RelationshipState.ACTIVE
            ).exclude(assessments__point=point, assessments__submitted_at__isnull=False)
            for relationship in relationships.select_related("mentor__user", "mentee"):
                url = reverse("mentoring:assessment", args=[relationship.pk]) + f"?point={point}"
                user = relationship.mentor.user
                if user is None or Notice.objects.filter(recipient=user, kind=notices.ASSESSMENT_DUE, url=url).exists():
                    continue
                with transaction.atomic():
                    notify(
                        [user],
                        notices.ASSESSMENT_DUE,
                        url=url,
                        context={"mentee": relationship.mentee.full_name, "date": due.isoformat()},
                    )
                sent += 1
    return sent


def send_reminders() -> None:
    """The worker's periodic chore (core/jobs housekeeping): overdue meetings and assessments due."""
    remind_overdue()
    remind_assessments_due()


def _days(count: int) -> Any:
    from datetime import timedelta

    return timedelta(days=int(count))
