"""Bad input gets a clear message and changes nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hevruta.directory.models import MembershipRole
from hevruta.mentoring import services
from hevruta.mentoring.models import Application, MeetingLog, MentoringProgram, PairConstraint, Side

from ..conftest import _person_with_user
from ..factories import member
from .conftest import make_program


@pytest.mark.django_db
def test_an_application_after_the_deadline_is_refused(cast):
    person = cast.world.member
    late = cast.program.application_deadline + timedelta(days=1)
    with pytest.raises(ValidationError, match="closed on"):
        services.apply(cast.program, person, Side.MENTEE, today=late)
    assert not Application.objects.filter(person=person).exists()


@pytest.mark.django_db
def test_an_outsider_may_not_apply(cast):
    with pytest.raises(ValidationError, match="network"):
        services.apply(cast.program, cast.world.outsider, Side.MENTEE)


@pytest.mark.django_db
def test_applying_twice_is_refused_and_the_coordinator_hears_once(cast):
    services.apply(cast.program, cast.world.member, Side.MENTEE)
    with pytest.raises(ValidationError, match="already applied"):
        services.apply(cast.program, cast.world.member, Side.MENTEE)
    assert cast.coordinator.user.notices.filter(kind="mentoring.application_arrived").count() == 1


@pytest.mark.django_db
def test_a_mentor_with_capacity_zero_is_refused(cast):
    with pytest.raises(ValidationError, match="from 1 to"):
        services.apply(cast.program, cast.world.member, Side.MENTOR, capacity=0)
    assert not Application.objects.filter(person=cast.world.member).exists()


@pytest.mark.django_db
def test_matching_a_program_without_mentors_says_so(cast):
    services.apply(cast.program, cast.world.member, Side.MENTEE)
    with pytest.raises(ValidationError, match="no mentors"):
        services.run_matching(cast.program)
    assert not cast.program.runs.exists()


@pytest.mark.django_db
def test_contradictory_locks_are_refused(cast):
    program = cast.program
    mentee = services.apply(program, cast.world.member, Side.MENTEE)
    mentor_a = services.apply(program, cast.world.manager, Side.MENTOR, capacity=1)
    mentor_b = services.apply(program, cast.world.network_person, Side.MENTOR, capacity=1)
    other = services.apply(program, cast.world.public_person, Side.MENTEE)
    services.lock_pair(program, mentee, mentor_a)
    with pytest.raises(ValidationError, match="already locked to another mentor"):
        services.lock_pair(program, mentee, mentor_b)
    with pytest.raises(ValidationError, match="capacity"):
        services.lock_pair(program, other, mentor_a)
    with pytest.raises(ValidationError, match="locked; unlock"):
        services.forbid_pair(program, mentee, mentor_a)
    services.forbid_pair(program, other, mentor_b)
    with pytest.raises(ValidationError, match="forbidden"):
        services.lock_pair(program, other, mentor_b)
    assert PairConstraint.objects.filter(program=program).count() == 2


@pytest.mark.django_db
def test_a_program_that_ends_before_it_starts_is_refused(world):
    coordinator = _person_with_user("c2@example.org", given_name="C", family_name="Two")
    member(world.home, coordinator, MembershipRole.MANAGER)
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="cannot end before"):
        make_program(world, coordinator, starts_on=today, ends_on=today - timedelta(days=1))
    with pytest.raises(ValidationError, match="from 1 to"):
        make_program(world, coordinator, default_capacity=0)
    with pytest.raises(ValidationError, match="whole number"):
        services.create_mentoring_program(
            world.home,
            weights={"subject": 11},
            program_fields={"name_en": "X"},
            starts_on=today,
            ends_on=today,
        )
    assert not MentoringProgram.objects.exists()


@pytest.mark.django_db
def test_meetings_are_logged_by_the_pair_only_and_not_in_the_future(cast):
    before = MeetingLog.objects.count()
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError, match="future"):
        services.log_meeting(cast.relationship, by=cast.mentor, date=tomorrow, hours=1)
    with pytest.raises(ValidationError, match="Only the two"):
        services.log_meeting(cast.relationship, by=cast.coordinator, date=timezone.localdate(), hours=1)
    with pytest.raises(ValidationError, match="at most 24"):
        services.log_meeting(cast.relationship, by=cast.mentor, date=timezone.localdate(), hours=30)
    assert MeetingLog.objects.count() == before


@pytest.mark.django_db
def test_a_meeting_logged_is_recorded_as_activity(cast):
    from hevruta.insights.models import Activity

    assert Activity.objects.filter(kind="mentoring.meeting_logged", person=cast.mentor).count() == 1


@pytest.mark.django_db
def test_the_closing_survey_ends_the_relationship_once(cast):
    services.close_relationship(cast.relationship, cast.mentee, satisfaction=5, goals_met="most")
    cast.relationship.refresh_from_db()
    assert cast.relationship.state == "ended"
    services.close_relationship(cast.relationship, cast.mentor, satisfaction=4, goals_met="some")
    with pytest.raises(ValidationError, match="already answered"):
        services.close_relationship(cast.relationship, cast.mentor, satisfaction=4, goals_met="some")
    with pytest.raises(ValidationError, match="1 to 5"):
        services.answer_closing_survey(cast.relationship, cast.mentee, satisfaction=9, goals_met="all")


@pytest.mark.django_db
def test_overdue_meetings_remind_the_mentor_once_a_period(cast):
    later = timezone.localdate() + timedelta(days=30)
    assert services.remind_overdue(later) == 1
    assert services.remind_overdue(later) == 0
    assert cast.mentor.user.notices.filter(kind="mentoring.meeting_overdue").count() == 1
    assert not cast.mentee.user.notices.filter(kind="mentoring.meeting_overdue").exists()


@pytest.mark.django_db
def test_self_matching_when_the_program_allows_it(cast):
    mentee = services.apply(cast.program, cast.world.member, Side.MENTEE)
    mentor = services.apply(cast.program, cast.world.manager, Side.MENTOR, capacity=1)
    with pytest.raises(ValidationError, match="coordinator makes the matches"):
        services.request_match(mentee, mentor)
    cast.program.self_matching = True
    cast.program.save()
    mentee.refresh_from_db()
    asked = services.request_match(mentee, mentor, "Would you?")
    with pytest.raises(ValidationError, match="already asked"):
        services.request_match(mentee, mentor)
    page = cast.client("manager").get(f"/mentoring/{cast.program.program.slug}/").content.decode()
    assert "Would you?" not in page and cast.world.member.full_name in page
    relationship = services.answer_match_request(asked, accept=True)
    assert relationship.mentor == cast.world.manager and relationship.mentee == cast.world.member
