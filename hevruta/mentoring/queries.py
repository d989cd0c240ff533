"""The read side of mentoring: what each user may see, with the pair's confidentiality built in.

- Relationships: the two people in it, and the program's staff (coordinators, network managers).
- Meetings: the same people see that a meeting took place, its date, length and topics. Its summary is
  read by the two only, and by the staff only when the pair shared it (`shown_summary`; pages, API and
  exports read that annotation, never `summary`).
- Private notes: their writer, nobody else, ever.
- Applications and matching runs: the applicant sees their own; the program's staff see all.
"""

from datetime import date, timedelta
from typing import Any

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from hevruta.core.names import local_name_text
from hevruta.directory.models import Person
from hevruta.directory.queries import current_positions, viewer_for
from hevruta.programs.models import Program, ProgramStaff, StaffRole
from hevruta.programs.queries import program_access, programs_visible_to, staff_programs

from .models import (
    Application,
    Assessment,
    AssessmentPoint,
    Goal,
    MatchingRun,
    MeetingLog,
    MentoringProgram,
    PrivateNote,
    Relationship,
    RelationshipKind,
    RelationshipState,
)


def mentoring_programs_visible_to(user: Any) -> QuerySet[MentoringProgram]:
    return MentoringProgram.objects.filter(program__in=programs_visible_to(user)).select_related(
        "program", "program__network"
    )


def mentoring_program_by_slug(user: Any, slug: str) -> MentoringProgram | None:
    return mentoring_programs_visible_to(user).filter(program__slug=slug).first()


def relationships_visible_to(user: Any) -> QuerySet[Relationship]:
    viewer = viewer_for(user)
    if viewer.person_id is None and not viewer.is_operator:
        return Relationship.objects.none()
    condition: Any = Q(program__in=staff_programs(user))
    if viewer.person_id:
        condition |= Q(mentor_id=viewer.person_id) | Q(mentee_id=viewer.person_id)
    return Relationship.objects.filter(condition)


def _per_relationship(rows: QuerySet[Any], value: Any) -> Subquery:
    """One number of each relationship's meetings (or goals), as a subquery: joining meetings and goals in
    one grouped query would multiply the rows each count reads, and would group every relationship of the
    program before a page takes its 25."""
    grouped = rows.filter(relationship=OuterRef("pk")).order_by().values("relationship")
    return Subquery(grouped.annotate(value=value).values("value")[:1])


def with_activity(relationships: QuerySet[Relationship]) -> QuerySet[Relationship]:
    """What a coordinator may know of a relationship: how many meetings, the last contact, goals' progress."""
    meetings = MeetingLog.objects.all()
    return relationships.select_related("program", "mentor", "mentee").annotate(
        meetings_held=Coalesce(_per_relationship(meetings, Count("id")), 0),
        last_contact=_per_relationship(meetings, Max("date")),
        goals_count=Coalesce(_per_relationship(Goal.objects.all(), Count("id")), 0),
    )


def my_relationships(user: Any) -> QuerySet[Relationship]:
    person_id = viewer_for(user).person_id
    if person_id is None:
        return Relationship.objects.none()
    return with_activity(Relationship.objects.filter(Q(mentor_id=person_id) | Q(mentee_id=person_id)))


def program_relationships(program: MentoringProgram) -> QuerySet[Relationship]:
    return with_activity(Relationship.objects.filter(program_id=program.program_id)).order_by(
        "mentor__family_name", "mentee__family_name", "id"
    )


def export_rows(program: MentoringProgram) -> tuple[list[str], list[list[object]]]:
    """The program's relationships for its coordinators' spreadsheet: who, since when, and how active.
    What the pair wrote (summaries, private notes) is never read here."""
    submitted = Assessment.objects.filter(relationship=OuterRef("pk"), submitted_at__isnull=False)
    positions = current_positions().queryset
    relationships = (
        with_activity(Relationship.objects.filter(program_id=program.program_id))
        .prefetch_related(
            Prefetch("mentor__positions", queryset=positions, to_attr="current_positions"),
            Prefetch("mentee__positions", queryset=positions, to_attr="current_positions"),
        )
        .annotate(
            hours=Coalesce(
                _per_relationship(MeetingLog.objects.all(), Sum("hours")), Value(0), output_field=DecimalField()
            ),
            mid_year_done=Exists(submitted.filter(point=AssessmentPoint.MID_YEAR)),
            end_year_done=Exists(submitted.filter(point=AssessmentPoint.END_YEAR)),
        )
        .order_by("mentor__family_name", "mentee__family_name", "id")
    )
    header = [
        _("Mentor"),
        _("Mentor's organization"),
        _("Mentee"),
        _("Mentee's organization"),
        _("State"),
        _("Started"),
        _("Meetings held"),
        _("Hours"),
        _("Last contact"),
        _("Next assessment due"),
    ]
    assessed = program.program.framework_id is not None
    rows: list[list[object]] = [
        [
            r.mentor.full_name,
            _organizations(r.mentor),
            r.mentee.full_name,
            _organizations(r.mentee),
            r.get_state_display(),
            r.starts_on,
            r.meetings_held,  # type: ignore[attr-defined]
            float(r.hours),  # type: ignore[attr-defined]
            r.last_contact,  # type: ignore[attr-defined]
            _next_assessment(program, r) if assessed else None,
        ]
        for r in relationships.iterator(chunk_size=2000)
    ]
    return header, rows


def _organizations(person: Person) -> str:
    names = dict.fromkeys(local_name_text(p.organization) for p in person.current_positions)  # type: ignore[attr-defined]
    return "; ".join(names)


def _next_assessment(program: MentoringProgram, relationship: Relationship) -> date | None:
    if relationship.state != RelationshipState.ACTIVE:
        return None
    done = {"mid_year": relationship.mid_year_done, "end_year": relationship.end_year_done}  # type: ignore[attr-defined]
    return next((due for point, due in program.assessment_dates() if not done[point]), None)


def relationship_of(user: Any, pk: int) -> Relationship | None:
    return (
        relationships_visible_to(user)
        .select_related("program", "program__network", "mentor", "mentee")
        .filter(pk=pk)
        .first()
    )


def meetings_of(relationship: Relationship, user: Any) -> QuerySet[MeetingLog]:
    """The relationship's meetings as this user may read them: `shown_summary` is the summary for the pair,
    and for anyone else only what the pair shared."""
    meetings = MeetingLog.objects.filter(relationship=relationship).prefetch_related("topics", "competencies")
    if relationship.includes(viewer_for(user).person_id):
        return meetings.annotate(shown_summary=F("summary"))
    return meetings.defer("summary").annotate(
        shown_summary=Case(When(summary_shared=True, then=F("summary")), default=Value(""), output_field=TextField())
    )


def my_private_notes(relationship: Relationship, user: Any) -> QuerySet[PrivateNote]:
    person_id = viewer_for(user).person_id
    if person_id is None:
        return PrivateNote.objects.none()
    return PrivateNote.objects.filter(relationship=relationship, author_id=person_id)


def applications_visible_to(user: Any) -> QuerySet[Application]:
    viewer = viewer_for(user)
    if viewer.person_id is None and not viewer.is_operator:
        return Application.objects.none()
    condition: Any = Q(program__program__in=staff_programs(user))
    if viewer.person_id:
        condition |= Q(person_id=viewer.person_id)
    return Application.objects.filter(condition)


def program_applications(program: MentoringProgram) -> QuerySet[Application]:
    return (
        Application.objects.filter(program=program)
        .select_related("person", "person__locality")
        .prefetch_related("goals")
        .order_by("side", "person__family_name", "person__given_name", "id")
    )


def my_applications(user: Any, program: MentoringProgram) -> list[Application]:
    person_id = viewer_for(user).person_id
    if person_id is None:
        return []
    return list(Application.objects.filter(program=program, person_id=person_id))


def runs_visible_to(user: Any) -> QuerySet[MatchingRun]:
    return MatchingRun.objects.filter(program__program__in=staff_programs(user))


def latest_run(program: MentoringProgram) -> MatchingRun | None:
    return program.runs.order_by("-created_at", "-id").first()


def run_pairs(run: MatchingRun) -> QuerySet[Any]:
    return run.pairs.select_related("mentee__person", "mentor__person").order_by("-score", "id")


def assessments_visible_to(user: Any) -> QuerySet[Assessment]:
    """The mentor sees their drafts and submissions; the intern and the program's staff see submitted ones."""
    viewer = viewer_for(user)
    if viewer.person_id is None and not viewer.is_operator:
        return Assessment.objects.none()
    submitted = Q(submitted_at__isnull=False)
    condition: Any = submitted & Q(relationship__program__in=staff_programs(user))
    if viewer.person_id:
        condition |= Q(relationship__mentor_id=viewer.person_id)
        condition |= submitted & Q(relationship__mentee_id=viewer.person_id)
    return Assessment.objects.filter(condition)


def current_assessments(relationship: Relationship, user: Any) -> list[Assessment]:
    """The latest visible version of each point."""
    latest: dict[str, Assessment] = {}
    for assessment in assessments_visible_to(user).filter(relationship=relationship).order_by("point", "-version"):
        latest.setdefault(assessment.point, assessment)
    return list(latest.values())


def overdue_relationships(today: date) -> QuerySet[Relationship]:
    """Active relationships whose last meeting (or start) is older than the program's rhythm."""
    rhythm = Subquery(
        MentoringProgram.objects.filter(program_id=OuterRef("program_id")).values("meeting_every_days")[:1]
    )
    relationships = Relationship.objects.filter(state=RelationshipState.ACTIVE, starts_on__lte=today).annotate(
        last=Coalesce(Max("meetings__date"), F("starts_on")), rhythm=Coalesce(rhythm, Value(14))
    )
    return relationships.select_related("program", "mentor", "mentee", "mentor__user")


def is_overdue(relationship: Relationship, every_days: int, today: date) -> bool:
    last = getattr(relationship, "last_contact", None) or relationship.starts_on
    return relationship.state == RelationshipState.ACTIVE and last + timedelta(days=every_days) < today


def supervision_log(user: Any) -> QuerySet[MeetingLog]:
    """The supervision meetings I held or had, with their summaries (I am one of the two)."""
    person_id = viewer_for(user).person_id
    if person_id is None:
        return MeetingLog.objects.none()
    mine = Q(relationship__mentor_id=person_id) | Q(relationship__mentee_id=person_id)
    return (
        MeetingLog.objects.filter(mine, relationship__kind=RelationshipKind.SUPERVISION)
        .annotate(shown_summary=F("summary"))
        .select_related("relationship__mentor", "relationship__mentee", "relationship__program")
        .prefetch_related("competencies")
        .order_by("-date", "-id")
    )


def supervised_programs(user: Any) -> QuerySet[Program]:
    person_id = viewer_for(user).person_id
    if person_id is None:
        return Program.objects.none()
    return Program.objects.filter(staff__person_id=person_id, staff__role=StaffRole.SUPERVISOR).distinct()


def supervisees_of(user: Any) -> QuerySet[Person]:
    """The people a supervisor may record meetings with: participants of programs they supervise in."""
    person_id = viewer_for(user).person_id
    if person_id is None:
        return Person.objects.none()
    programs = ProgramStaff.objects.filter(person_id=person_id, role=StaffRole.SUPERVISOR).values("program_id")
    return (
        Person.objects.filter(enrollments__cohort__program_id__in=programs)
        .exclude(pk=person_id)
        .distinct()
        .order_by("family_name", "given_name", "id")
    )


def access(user: Any, program: MentoringProgram):  # type: ignore[no-untyped-def]
    return program_access(user, program.program)
