"""Private notes are their writer's alone; a meeting's summary is the pair's, and the coordinator reads it
only when the pair shared it. The coordinator still sees the activity: meetings held, their dates and hours."""

import pytest
from django.urls import reverse

from hevruta.mentoring import queries
from hevruta.notifications.models import Notice

from .conftest import EVERYONE, MENTEE_NOTE, PRIVATE_NOTE, SECRET_SUMMARY, SHARED_SUMMARY


def _page(cast, who):  # type: ignore[no-untyped-def]
    return cast.client(who).get(reverse("mentoring:relationship", args=[cast.relationship.pk]))


@pytest.mark.django_db
def test_the_relationship_page_shows_each_person_what_is_theirs(cast):
    for who in EVERYONE:
        response = _page(cast, who)
        if who == "anonymous":
            assert response.status_code == 302, who
            continue
        if who in ("member", "outsider"):
            assert response.status_code == 404, who
            continue
        assert response.status_code == 200, who
        html = response.content.decode()
        assert (PRIVATE_NOTE in html) == (who == "mentor"), who
        assert (MENTEE_NOTE in html) == (who == "mentee"), who
        assert (SECRET_SUMMARY in html) == (who in ("mentor", "mentee")), who
        assert SHARED_SUMMARY in html, who
        assert f'data-testid="meeting-{cast.secret_meeting.pk}"' in html, who


@pytest.mark.django_db
def test_the_coordinator_sees_activity_on_the_program_page(cast):
    html = cast.client("coordinator").get(reverse("mentoring:relationships", args=[cast.program.program.slug]))
    assert html.status_code == 200
    text = html.content.decode()
    assert cast.mentee.full_name in text and f'data-testid="relationship-{cast.relationship.pk}"' in text
    assert SECRET_SUMMARY not in text and PRIVATE_NOTE not in text
    for who in ("member", "outsider", "mentor", "mentee"):
        assert cast.client(who).get(
            reverse("mentoring:relationships", args=[cast.program.program.slug])
        ).status_code in (
            403,
            404,
        ), who


@pytest.mark.django_db
def test_the_queries_never_hand_out_another_person_s_summary_or_note(cast):
    for who in EVERYONE:
        user = cast.user(who)
        summaries = {m.shown_summary for m in queries.meetings_of(cast.relationship, user)}
        notes = {n.text for n in queries.my_private_notes(cast.relationship, user)}
        assert (SECRET_SUMMARY in summaries) == (who in ("mentor", "mentee")), who
        assert notes == {"mentor": {PRIVATE_NOTE}, "mentee": {MENTEE_NOTE}}.get(who, set()), who


@pytest.mark.django_db
def test_the_api_keeps_summaries_and_notes_confidential(cast):
    url = f"/api/v1/mentoring/relationships/{cast.relationship.pk}"
    for who in EVERYONE:
        client = cast.client(who)
        detail = client.get(url)
        meetings = client.get(url + "/meetings")
        notes = client.get(url + "/notes")
        if who == "anonymous":
            assert {detail.status_code, meetings.status_code, notes.status_code} == {401}
            continue
        if who in ("member", "outsider"):
            assert {detail.status_code, meetings.status_code} == {404}, who
            continue
        body = meetings.content.decode() + detail.content.decode() + notes.content.decode()
        assert (SECRET_SUMMARY in body) == (who in ("mentor", "mentee")), who
        assert (PRIVATE_NOTE in body) == (who == "mentor"), who
        assert (MENTEE_NOTE in body) == (who == "mentee"), who
        assert len(meetings.json()["items"]) == 2, who


@pytest.mark.django_db
def test_no_notice_carries_a_summary_or_a_note(cast):
    from hevruta.mentoring import services

    services.remind_overdue(cast.relationship.starts_on.replace(year=cast.relationship.starts_on.year + 1))
    for notice in Notice.objects.all():
        text = str(notice.context) + notice.url
        assert SECRET_SUMMARY not in text and PRIVATE_NOTE not in text and SHARED_SUMMARY not in text


@pytest.mark.django_db
def test_the_admin_leaves_notes_out(cast, admin_client):  # type: ignore[no-untyped-def]
    from django.contrib import admin

    from hevruta.mentoring.models import PrivateNote

    assert PrivateNote not in admin.site._registry
