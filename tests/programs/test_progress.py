"""Progress toward requirements: attendance as an exact share of the cohort's sessions, hours of supervised
practice (supervision meetings in the program and supervised practice sessions attended), and evidence
of a competency accepted at the minimum level or above."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from hevruta.events.models import EventKind
from hevruta.programs import queries, services
from hevruta.programs.models import RequirementKind, ReviewDecision
from tests.factories import PersonFactory

from .conftest import at


def rows_by_kind(enrollment):  # type: ignore[no-untyped-def]
    rows = queries.progress(enrollment)
    found: dict = {}
    for row in rows:
        found.setdefault(row.kind, []).append(row)
    return found


def attend(cast, sessions, present=True):  # type: ignore[no-untyped-def]
    for session in sessions:
        services.record_attendance(session, {cast.participant.pk: present})


@pytest.mark.django_db
def test_attendance_is_an_exact_share_of_all_the_cohorts_sessions(cast):
    (row,) = rows_by_kind(cast.enrollment)[RequirementKind.ATTENDANCE]
    assert (row.met, row.current_value, row.target_value) == (False, 0.0, 75.0)

    attend(cast, cast.sessions[:2])
    attend(cast, cast.sessions[2:3], present=False)  # marked absent: not attended
    (row,) = rows_by_kind(cast.enrollment)[RequirementKind.ATTENDANCE]
    assert (row.met, row.current_value, row.percent) == (False, 50.0, 66)

    attend(cast, cast.sessions[2:3])  # 3 of 4 is 75%: exactly the minimum, which meets it
    (row,) = rows_by_kind(cast.enrollment)[RequirementKind.ATTENDANCE]
    assert (row.met, row.current_value, row.percent) == (True, 75.0, 100)
    assert "3 of 4 sessions" in row.current

    # A fifth session, not attended: 3 of 5 is 60%.
    services.add_session(cast.cohort, kind=EventKind.MEETING, title="Fifth", starts_at=at(30), ends_at=at(30, 1))
    (row,) = rows_by_kind(cast.enrollment)[RequirementKind.ATTENDANCE]
    assert (row.met, row.current_value) == (False, 60.0)


@pytest.mark.django_db
def test_four_of_five_meets_eighty_percent_and_three_of_four_does_not(cast):
    requirement = cast.program.requirements.get(kind=RequirementKind.ATTENDANCE)
    requirement.min_percent = 80
    requirement.save()
    attend(cast, cast.sessions[:3])
    (row,) = rows_by_kind(cast.enrollment)[RequirementKind.ATTENDANCE]
    assert not row.met  # 75% < 80%
    fifth = services.add_session(
        cast.cohort, kind=EventKind.MEETING, title="Fifth", starts_at=at(-1), ends_at=at(-1, 1)
    )
    attend(cast, [fifth])
    (row,) = rows_by_kind(cast.enrollment)[RequirementKind.ATTENDANCE]
    assert row.met and row.current_value == 80.0


@pytest.mark.django_db
def test_no_sessions_is_no_attendance(cast):
    empty = services.create_cohort(cast.program, "Empty", cast.cohort.start_date, cast.cohort.end_date)
    enrollment = services.enroll(empty, PersonFactory())
    (row,) = rows_by_kind(enrollment)[RequirementKind.ATTENDANCE]
    assert (row.met, row.current_value) == (False, 0.0)


@pytest.mark.django_db
def test_hours_add_supervision_meetings_of_the_program_and_supervised_practice_attended(cast, world):
    today = timezone.localdate()
    services.record_meeting(cast.supervisor, cast.participant, program=cast.program, date=today, hours="1.5")
    services.record_meeting(cast.supervisor, cast.participant, program=cast.program, date=today, hours=2)
    # A meeting in another program does not count toward this one.
    other = services.create_program(world.home, name_en="Other")
    services.add_staff(other, cast.supervisor, "supervisor")
    other_cohort = services.create_cohort(other, "O", cast.cohort.start_date, cast.cohort.end_date)
    services.enroll(other_cohort, cast.participant)
    services.record_meeting(cast.supervisor, cast.participant, program=other, date=today, hours=5)
    (row,) = rows_by_kind(cast.enrollment)[RequirementKind.SUPERVISED_HOURS]
    assert (row.met, row.current_value, row.target_value, row.percent) == (False, 3.5, 4.0, 87)

    practice = services.add_session(
        cast.cohort,
        kind=EventKind.SUPERVISED_PRACTICE,
        title="Practice",
        starts_at=at(-2),
        ends_at=at(-2) + timedelta(minutes=90),
    )
    attend(cast, [practice])
    (row,) = rows_by_kind(cast.enrollment)[RequirementKind.SUPERVISED_HOURS]
    assert (row.met, row.current_value) == (True, 5.0)


@pytest.mark.django_db
def test_evidence_counts_when_accepted_at_the_minimum_level_or_above(cast):
    first, second = cast.competencies[:2]
    developing, proficient, accomplished = cast.levels[:3]

    def competency_rows():  # type: ignore[no-untyped-def]
        return {row.requirement.competency_id: row for row in rows_by_kind(cast.enrollment)["competency_evidence"]}

    assert competency_rows()[first.pk].current == "No evidence yet"
    evidence = services.submit_evidence(cast.enrollment, first, text="First try")
    assert competency_rows()[first.pk].current == "Submitted, waiting for review"
    services.review_evidence(evidence, cast.reviewer, ReviewDecision.RETURN, level=developing, comments="More")
    row = competency_rows()[first.pk]
    assert (row.met, row.current) == (False, "Returned with comments")
    services.update_evidence(evidence, text="Second try")
    services.review_evidence(evidence, cast.reviewer, ReviewDecision.ACCEPT, level=developing)
    row = competency_rows()[first.pk]
    assert not row.met  # accepted, but below the minimum
    assert "below the minimum" in row.current

    other = services.submit_evidence(cast.enrollment, second, text="Shown well")
    services.review_evidence(other, cast.reviewer, ReviewDecision.ACCEPT, level=accomplished)
    row = competency_rows()[second.pk]
    assert (row.met, row.target, row.current_value, row.target_value) == (
        True,
        proficient.name,
        float(accomplished.position),
        float(proficient.position),
    )

    another = services.submit_evidence(cast.enrollment, first, text="A better example")
    services.review_evidence(another, cast.reviewer, ReviewDecision.ACCEPT, level=proficient)
    assert competency_rows()[first.pk].met  # exactly the minimum


@pytest.mark.django_db
def test_a_requirement_without_a_minimum_level_counts_any_acceptance(cast):
    third = cast.competencies[2]
    services.add_requirement(cast.program, RequirementKind.COMPETENCY_EVIDENCE, competency=third)
    evidence = services.submit_evidence(cast.enrollment, third, text="Done")
    services.review_evidence(evidence, cast.reviewer, ReviewDecision.ACCEPT, level=cast.levels[0])
    row = next(r for r in queries.progress(cast.enrollment) if r.requirement.competency_id == third.pk)
    assert row.met


@pytest.mark.django_db
def test_progress_of_a_whole_cohort_takes_a_fixed_number_of_queries(cast, django_assert_num_queries):
    for n in range(20):
        person = PersonFactory()
        services.enroll(cast.cohort, person)
        services.record_attendance(cast.sessions[0], {person.pk: n % 2 == 0})
    enrollments = queries.cohort_participants(cast.cohort)
    with django_assert_num_queries(6):
        progress = queries.progress_for(enrollments)
    assert len(progress) == 22
    assert {len(rows) for rows in progress.values()} == {4}


@pytest.mark.django_db
def test_requirements_are_checked_when_written(cast):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.add_requirement(cast.program, RequirementKind.ATTENDANCE, min_percent=120)
    with pytest.raises(ValidationError):
        services.add_requirement(cast.program, RequirementKind.SUPERVISED_HOURS, hours=Decimal(0))
    with pytest.raises(ValidationError):  # already required
        services.add_requirement(cast.program, RequirementKind.COMPETENCY_EVIDENCE, competency=cast.competencies[0])
