"""Checking in with the session's code: only while the session is open, only for the cohort's active
participants, once; staff take attendance for everyone enrolled."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hevruta.events.models import Attendance, AttendanceMethod
from hevruta.programs import services
from hevruta.programs.services.cohorts import MAX_WRONG_CODES, CheckInRefused
from tests.factories import PersonFactory


def refused(session, person, code) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(CheckInRefused) as caught:
        services.check_in(session, person, code)
    return caught.value.code


@pytest.mark.django_db
def test_a_participant_checks_in_once_while_the_session_is_open(cast):
    session = cast.sessions[2]  # started an hour ago, ends in two
    mark = services.check_in(session, cast.participant, f" {session.check_in_code.lower()} ")
    assert (mark.present, mark.method, mark.recorded_by) == (True, AttendanceMethod.CODE, None)
    assert refused(session, cast.participant, session.check_in_code) == "already"
    assert Attendance.objects.filter(event=session).count() == 1


@pytest.mark.django_db
def test_not_before_it_opens_nor_after_it_ends(cast):
    future, past = cast.sessions[3], cast.sessions[0]
    assert refused(future, cast.participant, future.check_in_code) == "not_open"
    assert refused(past, cast.participant, past.check_in_code) == "closed"
    assert not Attendance.objects.exists()


@pytest.mark.django_db
def test_only_the_cohorts_active_participants(cast, world):
    session = cast.sessions[2]
    for person in (world.member, cast.coordinator, PersonFactory()):
        assert refused(session, person, session.check_in_code) == "not_enrolled"
    services.set_enrollment_status(cast.enrollment, "withdrawn")
    assert refused(session, cast.participant, session.check_in_code) == "not_enrolled"


@pytest.mark.django_db
def test_wrong_codes_are_limited(cast):
    session = cast.sessions[2]
    wrong = "ZZZZZZ" if session.check_in_code != "ZZZZZZ" else "YYYYYY"
    for _ in range(MAX_WRONG_CODES):
        assert refused(session, cast.participant, wrong) == "wrong_code"
    assert refused(session, cast.participant, session.check_in_code) == "too_many"
    # Staff can still mark the participant present.
    services.record_attendance(session, {cast.participant.pk: True}, by=cast.coordinator.user)
    assert Attendance.objects.get(event=session, person=cast.participant).present


@pytest.mark.django_db
def test_a_participant_marked_absent_early_can_still_check_in(cast):
    session = cast.sessions[2]
    services.record_attendance(session, {cast.participant.pk: False}, by=cast.coordinator.user)
    mark = services.check_in(session, cast.participant, session.check_in_code)
    assert (mark.present, mark.method) == (True, AttendanceMethod.CODE)


@pytest.mark.django_db
def test_a_new_code_replaces_the_old_one(cast):
    session = cast.sessions[2]
    old = session.check_in_code
    services.renew_check_in_code(session)
    if session.check_in_code != old:
        assert refused(session, cast.participant, old) == "wrong_code"
    services.check_in(session, cast.participant, session.check_in_code)


@pytest.mark.django_db
def test_staff_take_attendance_for_the_cohorts_participants_only(cast, world):
    session = cast.sessions[0]
    services.record_attendance(session, {cast.participant.pk: True, world.public_person.pk: False})
    assert dict(Attendance.objects.filter(event=session).values_list("person_id", "present")) == {
        cast.participant.pk: True,
        world.public_person.pk: False,
    }
    with pytest.raises(ValidationError):
        services.record_attendance(session, {world.member.pk: True})


@pytest.mark.django_db
def test_the_session_page_checks_in_and_takes_attendance(cast, world):
    session = cast.sessions[2]
    url = reverse("programs:session", args=[session.pk])
    participant = cast.client("participant")
    response = participant.post(reverse("programs:check_in", args=[session.pk]), {"code": "nope"}, follow=True)
    assert "not this session&#x27;s code" in response.content.decode()
    response = participant.post(
        reverse("programs:check_in", args=[session.pk]), {"code": session.check_in_code}, follow=True
    )
    assert "You are checked in." in response.content.decode()
    assert "You are marked present." in participant.get(url).content.decode()

    staff = cast.client("reviewer")
    staff.post(reverse("programs:attendance", args=[session.pk]), {"present": [str(world.public_person.pk)]})
    # The form lists everyone: the participant, not ticked this time, is now marked absent by staff.
    assert dict(Attendance.objects.filter(event=session).values_list("person_id", "present")) == {
        cast.participant.pk: False,
        world.public_person.pk: True,
    }


@pytest.mark.django_db
def test_the_api_answers_check_in_with_the_right_status(cast):
    session = cast.sessions[2]
    url = f"/api/v1/programs/sessions/{session.pk}/check-in"
    participant = cast.client("participant")
    assert participant.post(url, {"code": "nope"}, content_type="application/json").status_code == 400
    response = participant.post(url, {"code": session.check_in_code}, content_type="application/json")
    assert response.status_code == 200 and response.json()["method"] == "code"
    assert participant.post(url, {"code": session.check_in_code}, content_type="application/json").status_code == 409
    member = cast.client("member")
    assert member.post(url, {"code": session.check_in_code}, content_type="application/json").status_code == 403
    future = f"/api/v1/programs/sessions/{cast.sessions[3].pk}/check-in"
    assert (
        participant.post(future, {"code": cast.sessions[3].check_in_code}, content_type="application/json").status_code
        == 400
    )
