"""Records that could be made wrong silently: attendance for a session still ahead, sessions out of date
order, "added" for someone already enrolled."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hevruta.events.models import Attendance, EventKind
from hevruta.programs import queries, services
from hevruta.programs.models import Enrollment, RequirementKind

from .conftest import at
from .test_api_permissions import token_client


@pytest.mark.django_db
def test_attendance_for_a_future_session_is_refused_by_the_service(cast):
    future = cast.sessions[3]
    with pytest.raises(ValidationError):
        services.record_attendance(future, {cast.participant.pk: True}, by=cast.coordinator.user)
    assert not Attendance.objects.filter(event=future).exists()


@pytest.mark.django_db
def test_attendance_for_a_future_session_is_refused_on_the_page(cast):
    future = cast.sessions[3]
    client = cast.client("coordinator")
    page = client.get(reverse("programs:session", args=[future.pk])).content.decode()
    assert 'data-testid="attendance-not-yet"' in page
    assert reverse("programs:attendance", args=[future.pk]) not in page
    response = client.post(
        reverse("programs:attendance", args=[future.pk]), {"present": [cast.participant.pk]}, follow=True
    )
    assert "Attendance can be taken only once the session begins" in response.content.decode()
    assert not Attendance.objects.filter(event=future).exists()
    # A session that has begun takes attendance as before.
    begun = cast.sessions[2]
    client.post(reverse("programs:attendance", args=[begun.pk]), {"present": [cast.participant.pk]})
    assert Attendance.objects.get(event=begun, person=cast.participant).present


@pytest.mark.django_db
def test_attendance_for_a_future_session_is_refused_by_the_api(cast):
    future = cast.sessions[3]
    response = token_client(cast, "coordinator").put(
        f"/api/v1/programs/sessions/{future.pk}/attendance",
        json.dumps({"marks": [{"person_id": cast.participant.pk, "present": True}]}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "once the session begins" in response.json()["detail"]
    assert not Attendance.objects.filter(event=future).exists()


@pytest.mark.django_db
def test_marks_on_future_sessions_never_meet_a_requirement(cast):
    # A mark written before this rule (or by hand) on a session still ahead does not count.
    for session in cast.sessions[:2]:
        services.record_attendance(session, {cast.participant.pk: True})
    Attendance.objects.create(event=cast.sessions[3], person=cast.participant, present=True, method="staff")
    (row,) = [r for r in queries.progress(cast.enrollment) if r.kind == RequirementKind.ATTENDANCE]
    assert row.current_value == 50.0  # 2 of 4, not 3 of 4 (75%, which would meet the requirement)
    assert not row.met


@pytest.mark.django_db
def test_sessions_are_listed_by_date_not_creation(cast):
    earliest = services.add_session(
        cast.cohort, kind=EventKind.MEETING, title="Kick-off added later", starts_at=at(-50), ends_at=at(-50, 2)
    )
    page = queries.cohort_page(cast.cohort, participants=False, with_progress=False)
    html = cast.client("coordinator").get(reverse("programs:cohort", args=[cast.cohort.pk])).content.decode()
    titles = [earliest.title] + [session.title for session in cast.sessions]
    positions = [html.index(title) for title in titles]
    assert positions == sorted(positions), titles
    assert [s.pk for s in page.sessions] == [earliest.pk] + [s.pk for s in cast.sessions]


@pytest.mark.django_db
def test_enrolling_someone_already_enrolled_says_so(cast):
    client = cast.client("coordinator")
    url = reverse("programs:enroll", args=[cast.cohort.pk])
    response = client.post(url, {"person": cast.participant.email}, follow=True)
    html = response.content.decode()
    assert "already takes part in the cohort" in html
    assert "was added to the cohort" not in html
    assert Enrollment.objects.filter(cohort=cast.cohort, person=cast.participant).count() == 1


@pytest.mark.django_db
def test_the_api_answers_200_for_someone_already_enrolled(cast, world):
    client = token_client(cast, "coordinator")
    url = f"/api/v1/programs/cohorts/{cast.cohort.pk}/participants"
    first = client.post(url, {"person_id": world.network_person.pk}, content_type="application/json")
    again = client.post(url, {"person_id": world.network_person.pk}, content_type="application/json")
    assert (first.status_code, again.status_code) == (201, 200)


@pytest.mark.django_db
def test_the_cohort_pages_table_headers_all_have_text(cast):
    html = cast.client("coordinator").get(reverse("programs:cohort", args=[cast.cohort.pk])).content.decode()
    assert 'data-testid="participants"' in html
    assert '<th scope="col"></th>' not in html
    assert '<th scope="col" class="text-end"></th>' not in html
