"""The agenda written by the event's organizers through the API and the pages (sessions, speakers,
documents), refused in the reader's language when wrong; and the description shown in the reader's
language, with a fallback, on the page, in the API and in the .ics."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hevruta.accounts.services import create_api_token
from hevruta.events import services
from hevruta.events.models import EventDocument, EventSession, Speaker

from .conftest import event_input, make_event

PERSONAS = ("manager", "member", "outsider", "anonymous")


def _api(user, language: str = "en") -> Client:  # type: ignore[no-untyped-def]
    headers = {"Accept-Language": language}
    if user is not None:
        headers["Authorization"] = f"Bearer {create_api_token(user, 't')[1]}"
    return Client(headers=headers)


def _session_body(event, hours_in: float = 0, hours: float = 1, **fields):  # type: ignore[no-untyped-def]
    starts = event.starts_at + timedelta(hours=hours_in)
    return {
        "title": "Opening",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=hours)).isoformat(),
    } | fields


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_organizers_write_the_agenda_through_the_api(world, persona):  # type: ignore[no-untyped-def]
    event = make_event(world.home, world.manager, title="Members meeting")
    session = services.add_session(event, title="Talk", starts_at=event.starts_at, ends_at=event.ends_at)
    api = _api(world.user(persona))
    base = f"/api/v1/events/{event.pk}"
    created = api.post(f"{base}/sessions", _session_body(event), content_type="application/json")
    changed = api.put(f"{base}/sessions/{session.pk}", _session_body(event, title="Talk, renamed"), "application/json")
    speaker = api.post(f"{base}/sessions/{session.pk}/speakers", {"guest_name": "Dr. Guest"}, "application/json")
    document = api.post(f"{base}/documents", {"title": "Slides", "url": "https://example.org/s"}, "application/json")
    if persona == "manager":
        assert [r.status_code for r in (created, changed, speaker, document)] == [201, 200, 201, 201]
        assert changed.json()["title"] == "Talk, renamed" and speaker.json()["name"] == "Dr. Guest"
        detail = api.get(base).json()
        assert [s["title"] for s in detail["sessions"]] == ["Talk, renamed", "Opening"]
        assert detail["documents"] == [{"id": document.json()["id"], "title": "Slides", "url": "https://example.org/s"}]
        speaker_id = speaker.json()["id"]
        assert api.delete(f"{base}/sessions/{session.pk}/speakers/{speaker_id}").status_code == 204
        assert api.delete(f"{base}/documents/{document.json()['id']}").status_code == 204
        assert api.delete(f"{base}/sessions/{created.json()['id']}").status_code == 204
        assert not Speaker.objects.exists() and not EventDocument.objects.exists()
        assert list(EventSession.objects.values_list("title", flat=True)) == ["Talk, renamed"]
    else:
        # A member sees the event and is refused; the others do not see it at all.
        expected = {"member": 403, "outsider": 404, "anonymous": 401}[persona]
        assert {r.status_code for r in (created, changed, speaker, document)} == {expected}
        assert EventSession.objects.get().title == "Talk" and not Speaker.objects.exists()
        assert not EventDocument.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"), [("en", "during its event"), ("he", "במהלך האירוע"), ("ar", "خلال الفعالية")]
)
def test_a_session_outside_the_events_time_is_refused_in_the_readers_language(world, language, words):  # type: ignore[no-untyped-def]
    event = make_event(world.home, world.manager)
    api = _api(world.manager.user, language)
    base = f"/api/v1/events/{event.pk}/sessions"
    late = api.post(base, _session_body(event, hours_in=2, hours=2), content_type="application/json")
    assert late.status_code == 400 and words in str(late.json())
    session = services.add_session(event, title="Talk", starts_at=event.starts_at, ends_at=event.ends_at)
    early = api.put(f"{base}/{session.pk}", _session_body(event, hours_in=-1), content_type="application/json")
    assert early.status_code == 400 and words in str(early.json())
    nameless = api.post(f"{base}/{session.pk}/speakers", {"guest_name": " "}, content_type="application/json")
    assert nameless.status_code == 400
    bad_link = api.post(
        f"/api/v1/events/{event.pk}/documents", {"title": "x", "url": "javascript:alert(1)"}, "application/json"
    )
    assert bad_link.status_code == 400
    session.refresh_from_db()
    assert session.starts_at == event.starts_at and not Speaker.objects.exists()
    assert EventSession.objects.count() == 1 and not EventDocument.objects.exists()


@pytest.mark.django_db
def test_a_session_people_chose_is_not_removed(world):  # type: ignore[no-untyped-def]
    event = make_event(world.home, world.manager)
    site = services.add_session(event, title="Site", starts_at=event.starts_at, ends_at=event.ends_at, capacity=5)
    services.register(event, world.member, services.Answers(session_id=site.pk))
    answer = _api(world.manager.user).delete(f"/api/v1/events/{event.pk}/sessions/{site.pk}")
    assert answer.status_code == 400 and EventSession.objects.filter(pk=site.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_the_agenda_pages_are_the_organizers(world, persona):  # type: ignore[no-untyped-def]
    event = make_event(world.home, world.manager)
    client = world.client(persona)
    page = client.get(reverse("events:agenda", args=[event.pk]))
    added = client.post(
        reverse("events:agenda", args=[event.pk]),
        {
            "form": "session",
            "title": "Panel",
            "kind": "panel",
            "starts_at": _local(event, 30),
            "ends_at": _local(event, 90),
        },
    )
    if persona != "manager":
        expected = 302 if persona == "anonymous" else 404 if persona == "outsider" else 403
        assert page.status_code == expected and added.status_code == expected
        assert not EventSession.objects.exists()
        return
    assert page.status_code == 200 and added.status_code == 302
    session = EventSession.objects.get()
    speaker_page = reverse("events:session_edit", args=[event.pk, session.pk])
    answer = client.post(speaker_page, {"form": "speaker", "guest_name": "Guest Speaker", "role": "panelist"})
    assert answer.status_code == 302 and Speaker.objects.get().guest_name == "Guest Speaker"
    outside = client.post(
        speaker_page,
        {
            "form": "session",
            "title": "Panel",
            "kind": "panel",
            "starts_at": _local(event, 240),
            "ends_at": _local(event, 300),
        },
    )
    assert outside.status_code == 400 and "during its event" in outside.content.decode()
    session.refresh_from_db()
    assert timezone.localtime(session.starts_at).strftime(MINUTE) == _local(event, 30)


MINUTE = "%Y-%m-%dT%H:%M"


def _local(event, minutes: int) -> str:  # type: ignore[no-untyped-def]
    """A time `minutes` after the event starts, as a form's field takes it (the site's time zone)."""
    return timezone.localtime(event.starts_at + timedelta(minutes=minutes)).strftime(MINUTE)


TRANSLATED = {
    "description": "מפגש של מנהלי החינוך ברשויות.",
    "description_language": "he",
    "description_en": "A meeting of the heads of education in the municipalities.",
    "description_ar": "لقاء لمديري التربية في السلطات المحلية.",
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "shown", "other"),
    [
        ("he", TRANSLATED["description"], TRANSLATED["description_en"]),
        ("en", TRANSLATED["description_en"], TRANSLATED["description"]),
        ("ar", TRANSLATED["description_ar"], TRANSLATED["description"]),
    ],
)
def test_the_description_in_the_readers_language(world, language, shown, other):  # type: ignore[no-untyped-def]
    event = services.create_event(event_input(**TRANSLATED), by=world.manager, network=world.home, publish=True)
    detail = _api(world.member.user, language).get(f"/api/v1/events/{event.pk}").json()
    assert detail["reader_description"] == shown and detail["reader_description_language"] == language
    assert (
        detail["description"] == TRANSLATED["description"] and detail["description_ar"] == TRANSLATED["description_ar"]
    )
    client = world.client("member")
    page = client.get(reverse("events:event", args=[event.pk]), headers={"Accept-Language": language})
    text = page.content.decode()
    assert shown in text and other not in text
    ics = client.get(reverse("events_calendar:event_ics", args=[event.pk]), headers={"Accept-Language": language})
    unfolded = ics.content.decode().replace("\r\n ", "")
    assert shown.replace(",", "\\,") in unfolded and other.replace(",", "\\,") not in unfolded


@pytest.mark.django_db
def test_without_a_translation_the_reader_gets_the_description_marked_as_another_language(world):  # type: ignore[no-untyped-def]
    event = make_event(world.home, world.manager, description="מפגש בלי תרגום", description_language="he")
    detail = _api(world.member.user, "ar").get(f"/api/v1/events/{event.pk}").json()
    assert detail["reader_description"] == "מפגש בלי תרגום" and detail["reader_description_language"] == "he"
    page = world.client("member").get(reverse("events:event", args=[event.pk]), headers={"Accept-Language": "ar"})
    assert 'lang="he"' in page.content.decode()


@pytest.mark.django_db
def test_an_unknown_language_of_the_description_is_refused(world):  # type: ignore[no-untyped-def]
    body = {
        "network": "home",
        "title": "x",
        "starts_at": "2030-01-01T10:00:00+02:00",
        "ends_at": "2030-01-01T12:00:00+02:00",
        "description_language": "fr",
    }
    answer = _api(world.manager.user).post("/api/v1/events", body, content_type="application/json")
    assert answer.status_code == 400 and not world.home.events.exists()
