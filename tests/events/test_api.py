"""The events API with the four personas, plus an organizer (who organizes an event without managing the
network) and a participant (registered): what each may see and do, and nothing of an invited-only
event, nor its participants, reaches anyone else (lists, counts, pages, feeds)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from hevruta.accounts.services import create_api_token
from hevruta.directory.models import MembershipRole
from hevruta.events import services
from hevruta.events.certificates import certificate_token
from hevruta.events.models import Attendance, Event, Registration
from tests.factories import member

from .conftest import make_event, people

API = "/api/v1/events"
SEES = {
    # persona: (public, members, invited)
    "manager": (True, True, True),
    "member": (True, True, False),
    "outsider": (True, False, False),
    "anonymous": (True, False, False),
    "organizer": (True, True, False),
    "participant": (True, True, False),
}
CAST = tuple(SEES)


@pytest.fixture
def cast(world, events):  # type: ignore[no-untyped-def]
    """The four personas, an organizer of the members' event (a member of "home", not its manager) and a
    participant registered for it."""
    organizer, participant = people(2, "cast")
    for person in (organizer, participant):
        member(world.home, person, MembershipRole.MEMBER)
    events.members.organizers.add(organizer)
    services.register(events.members, participant)
    return {"organizer": organizer, "participant": participant}


def client(world, cast, who: str, language: str = "en") -> Client:  # type: ignore[no-untyped-def]
    person = cast.get(who) if who in cast else (None if who == "anonymous" else getattr(world, who))
    headers = {"Accept-Language": language}
    if person is not None:
        headers["Authorization"] = f"Bearer {create_api_token(person.user, 'tests')[1]}"
    return Client(headers=headers)


def titles(response) -> set[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    return {row["title"] for row in response.json()["items"]}


@pytest.mark.django_db
@pytest.mark.parametrize("who", CAST)
def test_list_and_detail_show_only_what_each_may_see(world, events, cast, who):  # type: ignore[no-untyped-def]
    services.register(events.invited, events.guest)
    api = client(world, cast, who)
    listed = titles(api.get(API))
    for event, seen in zip((events.public, events.members, events.invited), SEES[who], strict=True):
        assert (event.title in listed) is seen
        detail = api.get(f"{API}/{event.pk}")
        assert detail.status_code == (200 if seen else 404)
        if seen:
            body = detail.json()
            assert body["manages"] is (who == "manager" or (who == "organizer" and event == events.members))
            assert (body["check_in"] is not None) is body["manages"]
    # The invited-only event's registrations are counted for nobody but those who see it.
    counts = {row["id"]: row["seats_taken"] for row in api.get(API).json()["items"]}
    assert (events.invited.pk in counts) is SEES[who][2]


@pytest.mark.django_db
def test_list_filters(world, events, cast):  # type: ignore[no-untyped-def]
    api = client(world, cast, "manager")
    later = make_event(world.home, world.manager, title="Next month", starts_at=timezone.now() + timedelta(days=40))
    assert titles(api.get(API, {"network": "away"})) == set()
    assert later.title in titles(api.get(API, {"network": "home"}))
    in_a_month = (timezone.now() + timedelta(days=30)).date().isoformat()
    assert titles(api.get(API, {"starts_from": in_a_month})) == {later.title}
    assert later.title not in titles(api.get(API, {"starts_to": in_a_month}))
    assert titles(api.get(API, {"kind": "conference"})) == set()
    assert api.get(API, {"kind": "meeting", "limit": 1}).json()["next_offset"] == 1


@pytest.mark.django_db
@pytest.mark.parametrize("who", CAST)
def test_creating_editing_publishing_cancelling(world, events, cast, who):  # type: ignore[no-untyped-def]
    api = client(world, cast, who)
    starts = timezone.now() + timedelta(days=10)
    body = {
        "network": "home",
        "title": "Annual meeting",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=3)).isoformat(),
    }
    created = api.post(API, body, content_type="application/json")
    expected = {"manager": 201, "anonymous": 401, "outsider": 404}.get(who, 403)
    assert created.status_code == expected, created.content
    if who == "manager":
        assert created.json()["status"] == "draft"
    # Editing, publishing and cancelling the members' event: its organizers and the network's managers.
    url = f"{API}/{events.members.pk}"
    change = {**body, "title": "Members meeting, moved"}
    change.pop("network")
    runs = who in ("manager", "organizer")
    denied = {"anonymous": 401, "outsider": 404}.get(who, 403)
    assert api.put(url, change, content_type="application/json").status_code == (200 if runs else denied)
    assert api.post(f"{url}/publish").status_code == (200 if runs else denied)
    cancelled = api.post(f"{url}/cancel")
    assert cancelled.status_code == (200 if runs else denied)
    assert Event.objects.get(pk=events.members.pk).status == ("cancelled" if runs else "published")


@pytest.mark.django_db
def test_bad_input_is_refused_in_the_readers_language_and_nothing_changes(world, events, cast):  # type: ignore[no-untyped-def]
    starts = timezone.now() + timedelta(days=10)
    body = {"network": "home", "title": "Backwards", "starts_at": starts.isoformat(), "ends_at": starts.isoformat()}
    for language, words in (("en", "must end after it starts"), ("he", "אירוע"), ("ar", "الفعالية")):
        refused = client(world, cast, "manager", language).post(API, body, content_type="application/json")
        assert refused.status_code == 400 and words in refused.json()["detail"], refused.json()
    assert not Event.objects.filter(title="Backwards").exists()
    # Fewer seats than are taken: refused, the event unchanged.
    services.register(events.members, world.member)  # two of two seats now
    change = {
        "title": events.members.title,
        "starts_at": events.members.starts_at.isoformat(),
        "ends_at": events.members.ends_at.isoformat(),
        "capacity": 1,
    }
    refused = client(world, cast, "manager", "he").put(
        f"{API}/{events.members.pk}", change, content_type="application/json"
    )
    assert refused.status_code == 400 and "2" in refused.json()["detail"]
    assert Event.objects.get(pk=events.members.pk).capacity == 2


@pytest.mark.django_db
def test_registering_the_waitlist_cancelling_and_confirming_a_freed_seat(world, events, cast):  # type: ignore[no-untyped-def]
    url = f"{API}/{events.members.pk}"
    member, manager = client(world, cast, "member"), client(world, cast, "manager")
    assert member.post(f"{url}/register", {}, content_type="application/json").json()["status"] == "confirmed"
    again = member.post(f"{url}/register", {}, content_type="application/json")
    assert again.status_code == 400 and "already registered" in again.json()["detail"]
    waiting = manager.post(f"{url}/register", {}, content_type="application/json")
    assert waiting.status_code == 201 and waiting.json()["status"] == "waitlisted"
    assert member.post(f"{url}/registration/cancel").json()["status"] == "cancelled"
    assert manager.post(f"{url}/registration/confirm").json()["status"] == "confirmed"
    mine = manager.get(f"{API}/registrations/mine").json()
    assert [(row["event_id"], row["status"]) for row in mine] == [(events.members.pk, "confirmed")]
    # Nobody registers for what they do not see, nor without an invitation for an invited-only event.
    assert (
        client(world, cast, "outsider").post(f"{url}/register", {}, content_type="application/json").status_code == 404
    )
    assert (
        client(world, cast, "anonymous").post(f"{url}/register", {}, content_type="application/json").status_code == 401
    )
    invited_only = manager.post(f"{API}/{events.invited.pk}/register", {}, content_type="application/json")
    assert invited_only.status_code == 400 and "invitation" in invited_only.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize("who", CAST)
def test_participants_list_and_exports_are_the_organizers(world, events, cast, who):  # type: ignore[no-untyped-def]
    api = client(world, cast, who)
    url = f"{API}/{events.members.pk}"
    expected = {"manager": 200, "organizer": 200, "anonymous": 401, "outsider": 404}.get(who, 403)
    listed = api.get(f"{url}/participants")
    assert listed.status_code == expected
    assert api.get(f"{url}/attendance.csv").status_code == expected
    assert api.get(f"{url}/attendance.xlsx").status_code == expected
    if expected == 200:
        assert [row["name"] for row in listed.json()] == [cast["participant"].full_name]
        assert "text/csv" in api.get(f"{url}/attendance.csv")["Content-Type"]
    # The invited-only event's guest list: its organizers' (the manager) only.
    guests = api.get(f"{API}/{events.invited.pk}/participants")
    assert guests.status_code == (200 if who == "manager" else {"anonymous": 401}.get(who, 404))


@pytest.mark.django_db
def test_approving_declining_and_cancelling_participants(world, events, cast):  # type: ignore[no-untyped-def]
    manager = client(world, cast, "manager")
    Event.objects.filter(pk=events.members.pk).update(registration_policy="approval")
    pending = services.register(events.members, world.member)
    assert pending.status == "pending"
    url = f"{API}/{events.members.pk}/registrations/{pending.pk}"
    assert (
        client(world, cast, "member")
        .post(f"{url}/answer", {"accept": True}, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        manager.post(f"{url}/answer", {"accept": True}, content_type="application/json").json()["status"] == "confirmed"
    )
    again = manager.post(f"{url}/answer", {"accept": False}, content_type="application/json")
    assert again.status_code == 400
    assert manager.post(f"{url}/cancel").json()["status"] == "cancelled"
    other = Registration.objects.get(event=events.invited, person=events.guest)
    assert manager.post(f"{API}/{events.members.pk}/registrations/{other.pk}/cancel").status_code == 404


@pytest.mark.django_db
def test_check_in_by_code_by_qr_token_marked_present_and_walk_in(world, events, cast):  # type: ignore[no-untyped-def]
    now = timezone.now()
    event = make_event(world.home, world.manager, title="Happening now", starts_at=now - timedelta(minutes=10))
    services.register(event, world.member)
    services.register(event, cast["participant"])
    url = f"{API}/{event.pk}"
    member, manager = client(world, cast, "member"), client(world, cast, "manager")
    wrong = member.post(f"{url}/check-in", {"code": "ZZZZZZ"}, content_type="application/json")
    assert wrong.status_code == 400 and "not this event's code" in wrong.json()["detail"]
    other_token = services.qr_token(events.public)
    foreign = member.post(f"{url}/check-in", {"token": other_token}, content_type="application/json")
    assert foreign.status_code == 400 and "another event" in foreign.json()["detail"]
    assert (
        member.post(f"{url}/check-in", {"code": event.check_in_code.lower()}, content_type="application/json").json()[
            "method"
        ]
        == "code"
    )
    token = manager.get(url).json()["check_in"]["qr_url"].split("?t=")[1]
    by_qr = client(world, cast, "participant").post(
        f"{url}/check-in", {"token": token}, content_type="application/json"
    )
    assert by_qr.status_code == 200 and by_qr.json()["present"] is True
    marked = manager.post(
        f"{url}/attendance", {"person": world.member.pk, "present": False}, content_type="application/json"
    )
    assert marked.json() == {"person_id": world.member.pk, "present": False, "method": "staff"}
    assert (
        member.post(f"{url}/attendance", {"person": world.member.pk}, content_type="application/json").status_code
        == 403
    )
    walked = manager.post(f"{url}/walk-ins", {"email": world.network_person.email}, content_type="application/json")
    assert walked.status_code == 201 and walked.json()["method"] == "walk_in"
    rows = {row["name"]: row for row in manager.get(f"{url}/participants").json()}
    assert rows[world.network_person.full_name]["walk_in"] and not rows[world.member.full_name]["present"]
    csv = manager.get(f"{url}/attendance.csv").content.decode()
    assert world.network_person.full_name in csv and cast["participant"].full_name in csv


@pytest.mark.django_db
@pytest.mark.parametrize("who", CAST)
def test_series_with_attendance_across_it(world, events, cast, who):  # type: ignore[no-untyped-def]
    series = services.create_series(world.home, "Kitchenette", members=[world.member, cast["participant"]])
    past = make_event(world.home, world.manager, title="Kitchenette I", starts_at=timezone.now() - timedelta(days=30))
    Event.objects.filter(pk=past.pk).update(series=series)
    Attendance.objects.create(event=past, person=world.member, method="staff")
    response = client(world, cast, who).get(f"{API}/series/{series.pk}")
    if not SEES[who][1]:
        assert response.status_code == 404
        return
    body = response.json()
    assert body["attendance_rate"] == 50.0 and body["events"][0]["present"] == 1
    attendance = {row["person_id"]: row["attended"] for row in body["attendance"]}
    assert attendance == ({world.member.pk: 1, cast["participant"].pk: 0} if who == "manager" else {})


@pytest.mark.django_db
@pytest.mark.parametrize("who", CAST)
def test_ics_feed_address_certificates_and_verification(world, events, cast, who):  # type: ignore[no-untyped-def]
    api = client(world, cast, who)
    for event, seen in zip((events.public, events.members, events.invited), SEES[who], strict=True):
        ics = api.get(f"{API}/{event.pk}/ics")
        assert ics.status_code == (200 if seen else 404)
        if seen:
            assert ics["Content-Type"].startswith("text/calendar") and b"BEGIN:VEVENT" in ics.content
    feed = api.get(f"{API}/calendar/feed")
    if who == "anonymous":
        assert feed.status_code == 401 and api.post(f"{API}/calendar/feed/reset").status_code == 401
    else:
        reset = api.post(f"{API}/calendar/feed/reset").json()["url"]
        assert reset != feed.json()["url"] and api.get(f"{API}/calendar/feed").json()["url"] == reset
        feed_text = Client().get(reset.split("testserver")[-1].replace("http://127.0.0.1:8000", "")).content.decode()
        assert ("Closed policy round" in feed_text) is (who == "manager")  # the manager organizes it
    # The participant attended the members' event: their certificate, nobody else's.
    Attendance.objects.create(event=events.members, person=cast["participant"], method="staff")
    pdf = api.get(f"{API}/{events.members.pk}/certificate")
    expected = {"participant": 200, "anonymous": 401, "outsider": 404}.get(who, 404)
    assert pdf.status_code == expected
    if expected == 200:
        assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    token = certificate_token("event", events.members.pk, cast["participant"].pk)
    checked = api.get(f"{API}/certificates/{token}")
    assert checked.status_code == 200 and checked.json()["attended"] == [events.members.title]
    assert api.get(f"{API}/certificates/{token}x").status_code == 404


@pytest.mark.django_db
def test_the_summary_after_the_event(world, events, cast):  # type: ignore[no-untyped-def]
    starts = timezone.now() - timedelta(days=2)
    past = make_event(world.home, world.manager, title="Held", starts_at=starts)
    body = {"title": "What we learned", "insights": "Principals lead.", "recommendations": "Meet monthly."}
    assert (
        client(world, cast, "member")
        .post(f"{API}/{past.pk}/summary", body, content_type="application/json")
        .status_code
        == 403
    )
    written = client(world, cast, "manager").post(f"{API}/{past.pk}/summary", body, content_type="application/json")
    assert written.status_code == 201 and written.json()["status"] != "published"
    again = client(world, cast, "manager").post(f"{API}/{past.pk}/summary", body, content_type="application/json")
    assert again.status_code == 403


@pytest.mark.django_db
def test_invited_people_must_be_shown_to_the_organizer(world, events, cast):  # type: ignore[no-untyped-def]
    manager = client(world, cast, "manager")
    url = f"{API}/{events.invited.pk}/invitations"
    assert manager.post(url, {"people": [world.outsider.pk]}, content_type="application/json").status_code == 404
    invited = manager.post(url, {"people": [world.member.pk, world.network_person.pk]}, content_type="application/json")
    assert invited.status_code == 201 and invited.json() == {"invited": 2}
    again = manager.post(url, {"people": [world.member.pk]}, content_type="application/json")
    assert again.json() == {"invited": 0}
    assert client(world, cast, "member").get(f"{API}/{events.invited.pk}").status_code == 200
    assert (
        client(world, cast, "member")
        .post(url, {"people": [world.member.pk]}, content_type="application/json")
        .status_code
        == 403
    )


@pytest.mark.django_db
@pytest.mark.parametrize("who", CAST)
def test_every_write_endpoint_answers_each_persona_as_it_may(world, events, cast, who):  # type: ignore[no-untyped-def]
    """Each write, as each of the six: the organizers' writes are theirs (403 to others who see the event,
    404 to those who do not, 401 without credentials); nothing of the invited-only event can be touched."""
    api = client(world, cast, who)
    registration = Registration.objects.get(event=events.members, person=cast["participant"])
    url = f"{API}/{events.members.pk}"
    organizers_writes = [
        (f"{url}/registrations/{registration.pk}/answer", {"accept": True}),
        (f"{url}/invitations", {"people": [world.network_person.pk]}),
        (f"{url}/attendance", {"person": cast["participant"].pk}),
        (f"{url}/walk-ins", {"person": world.network_person.pk}),
        (f"{url}/registrations/{registration.pk}/cancel", {}),
    ]
    runs = who in ("manager", "organizer")
    for path, body in organizers_writes:
        answer = api.post(path, body, content_type="application/json").status_code
        if runs:
            assert answer in (200, 201, 400), (path, answer)  # 400: not pending, not yet open
        else:
            assert answer == {"anonymous": 401, "outsider": 404}.get(who, 403), (path, answer)
    for path in (f"{url}/registration/confirm", f"{url}/registration/cancel", f"{url}/check-in"):
        answer = api.post(path, {"code": "ABCDEF"}, content_type="application/json").status_code
        assert answer == {"anonymous": 401, "outsider": 404}.get(who, answer)
    invited = f"{API}/{events.invited.pk}"
    guest = Registration.objects.get(event=events.invited, person=events.guest)
    for path in (f"{invited}/registrations/{guest.pk}/cancel", f"{invited}/publish", f"{invited}/cancel"):
        answer = api.post(path).status_code
        assert answer == (200 if who == "manager" else {"anonymous": 401}.get(who, 404)), (path, answer)
