"""In-service supervision: a program's supervisors record meetings with its participants; the notes are
read by the supervisor and the supervised teacher only, not by program staff or network managers.

The meetings are those of a supervision relationship of the mentoring app (docs/architecture.md)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hevruta.mentoring import queries
from hevruta.mentoring.models import MeetingLog, Relationship
from hevruta.mentoring.services import record_supervision

from .conftest import EVERYONE

NOTES = "She is unsure how to handle disagreement in the community; we practised it."


@pytest.fixture
def meeting(cast):  # type: ignore[no-untyped-def]
    return record_supervision(
        cast.supervisor,
        cast.participant,
        program=cast.program,
        date=date(2025, 1, 12),
        hours="1.5",
        summary=NOTES,
        competencies=cast.competencies[:2],
        recorded_by=cast.supervisor.user,
    )


@pytest.mark.django_db
def test_only_the_two_of_them_read_the_notes(cast, meeting):
    for who in EVERYONE:
        user = cast.user(who)
        visible = list(queries.supervision_log(user))
        assert (visible == [meeting]) == (who in ("supervisor", "participant")), who
        summaries = {m.shown_summary for m in queries.meetings_of(meeting.relationship, user)}
        assert (NOTES in summaries) == (who in ("supervisor", "participant")), who


@pytest.mark.django_db
def test_the_api_keeps_them_confidential(cast, meeting):
    for who in EVERYONE:
        client = cast.client(who)
        listing = client.get("/api/v1/programs/supervision")
        detail = client.get(f"/api/v1/programs/supervision/{meeting.pk}")
        if who == "anonymous":
            assert (listing.status_code, detail.status_code) == (401, 401)
        elif who in ("supervisor", "participant"):
            assert listing.json()["items"][0]["notes"] == NOTES
            assert detail.json()["hours"] == "1.5"
        else:
            assert listing.json()["items"] == [], who
            assert detail.status_code == 404, who


@pytest.mark.django_db
def test_staff_see_the_hours_in_progress_not_the_notes(cast, meeting):
    page = cast.client("coordinator").get(reverse("programs:decision", args=[cast.enrollment.pk])).content.decode()
    assert "1.5 hours" in page
    assert NOTES not in page


@pytest.mark.django_db
def test_who_may_record(cast, world):
    today = date(2025, 2, 1)
    for supervisor, supervisee in (
        (cast.reviewer, cast.participant),  # a reviewer is not a supervisor
        (cast.supervisor, world.member),  # not a participant of the program
        (cast.supervisor, cast.supervisor),  # not oneself
    ):
        with pytest.raises(ValidationError, match="only of participants"):
            record_supervision(supervisor, supervisee, program=cast.program, date=today, hours=1)
    with pytest.raises(ValidationError, match="at most 24"):
        record_supervision(cast.supervisor, cast.participant, program=cast.program, date=today, hours=25)
    assert not Relationship.objects.exists()
    # Without naming the program: in-service supervision of someone who took part in one they supervise in.
    meeting = record_supervision(cast.supervisor, cast.participant, date=today, hours=1)
    assert meeting.relationship.program == cast.program
    assert meeting.relationship.kind == "supervision"
    assert MeetingLog.objects.count() == 1


@pytest.mark.django_db
def test_the_log_pages(cast, meeting):
    supervisor = cast.client("supervisor")
    form = supervisor.get(reverse("programs:supervision_create"), follow=True).content.decode()
    assert cast.participant.full_name in form
    response = supervisor.post(
        reverse("mentoring:supervision_create"),
        {
            "supervisee": cast.participant.pk,
            "program": cast.program.pk,
            "date": "2025-03-01",
            "hours": "2",
            "summary": "Second meeting",
            "competencies": [cast.competencies[0].pk],
        },
    )
    assert response.status_code == 302
    created = MeetingLog.objects.get(summary="Second meeting")
    assert created.relationship == meeting.relationship
    assert list(created.competencies.all()) == [cast.competencies[0]]
    edit = supervisor.get(reverse("programs:supervision_edit", args=[created.pk]), follow=True)
    assert edit.redirect_chain[-1][0] == reverse("mentoring:meeting_edit", args=[created.relationship_id, created.pk])
    supervisor.post(edit.redirect_chain[-1][0], {"date": "2025-03-02", "hours": "2.5", "summary": "Edited"})
    created.refresh_from_db()
    assert (created.summary, str(created.hours)) == ("Edited", "2.5")
    log = cast.client("participant").get(reverse("programs:supervision"), follow=True).content.decode()
    assert cast.supervisor.full_name in log
