"""The calendar side of events with the four personas: an event's .ics, the feeds (a person's with its
secret address, a network's), certificates and their verification page; invited-only events never in
someone else's calendar."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar
from pypdf import PdfReader

from hevruta.accounts.models import User
from hevruta.events import calendar
from hevruta.events.models import (
    Attendance,
    AttendanceMethod,
    Event,
    EventSession,
    EventStatus,
    EventVisibility,
    Registration,
    RegistrationStatus,
    Series,
)
from tests.conftest import PERSONAS
from tests.events.test_ics import read_with_icaljs  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db
ISRAEL = ZoneInfo("Asia/Jerusalem")


def at(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=ISRAEL)  # type: ignore[misc]


def make_event(network, title: str, visibility: str, day: int = 10, **fields) -> Event:  # type: ignore[no-untyped-def]
    start = at(2027, 3, day, 10)
    values = {"status": EventStatus.PUBLISHED, "check_in_code": f"C{title[:6]}"} | fields
    return Event.objects.create(
        network=network,
        title=title,
        visibility=visibility,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        **values,
    )


@pytest.fixture
def calendar_events(world):  # type: ignore[no-untyped-def]
    public = make_event(world.home, "Public meeting", EventVisibility.PUBLIC)
    EventSession.objects.create(event=public, title="Panel", starts_at=at(2027, 3, 10, 11), ends_at=at(2027, 3, 10, 12))
    network = make_event(world.home, "Members meeting", EventVisibility.NETWORK, day=11)
    invited = make_event(world.home, "Invited meeting", EventVisibility.INVITED, day=12)
    secret = make_event(world.home, "Someone else's invitation", EventVisibility.INVITED, day=13)
    draft = make_event(world.home, "Draft meeting", EventVisibility.NETWORK, day=14, status=EventStatus.DRAFT)
    away = make_event(world.away, "Away meeting", EventVisibility.NETWORK, day=15)
    away_public = make_event(world.away, "Away open day", EventVisibility.PUBLIC, day=16)
    draft.organizers.add(world.manager)
    Registration.objects.create(event=invited, person=world.member, status=RegistrationStatus.INVITED)
    Registration.objects.create(event=network, person=world.member, status=RegistrationStatus.CONFIRMED)
    Registration.objects.create(event=secret, person=world.private_person, status=RegistrationStatus.INVITED)
    return {
        "public": public,
        "network": network,
        "invited": invited,
        "secret": secret,
        "draft": draft,
        "away": away,
        "away_public": away_public,
    }


def titles(document: bytes) -> set[str]:
    return {str(component["SUMMARY"]) for component in Calendar.from_ical(document).walk("VEVENT")}


# Who may download which event's .ics.
SEES = {
    # A network's managers run its events, invited-only ones and drafts included.
    "manager": {"public", "network", "invited", "secret", "draft", "away_public"},
    "member": {"public", "network", "invited", "away_public"},
    "outsider": {"public", "away", "away_public"},
    "anonymous": {"public", "away_public"},
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_events_ics_only_for_who_may_see_it(world, calendar_events, persona):
    client = world.client(persona)
    for key, event in calendar_events.items():
        response = client.get(reverse("events_calendar:event_ics", args=[event.pk]))
        expected = key in SEES[persona]
        assert response.status_code == (200 if expected else 404), (persona, key)
        if expected:
            assert response["Content-Type"].startswith("text/calendar")
            assert event.title in titles(response.content)
    document = client.get(reverse("events_calendar:event_ics", args=[calendar_events["public"].pk])).content
    assert titles(document) == {"Public meeting", "Panel"}
    assert b"BEGIN:VTIMEZONE" in document and b"TZID:Asia/Jerusalem" in document


@pytest.mark.parametrize("persona", PERSONAS)
def test_ones_own_feed_holds_ones_own_events_only(world, calendar_events, persona):
    client = world.client(persona)
    settings_url = reverse("events_calendar:settings")
    if persona == "anonymous":
        assert client.get(settings_url).status_code == 302
        assert client.get(reverse("events_calendar:my_feed", args=["not-a-token"])).status_code == 404
        return
    page = client.get(settings_url)
    assert page.status_code == 200
    user = User.objects.get(pk=world.user(persona).pk)
    feed_url = reverse("events_calendar:my_feed", args=[user.calendar_feed_token])
    assert feed_url in page.content.decode()
    # The feed is read without a session, by a calendar program.
    from django.test import Client

    found = titles(Client().get(feed_url).content)
    expected = {
        "manager": {"Draft meeting"},
        "member": {"Members meeting", "Invited meeting"},
        "outsider": set(),
    }[persona]
    assert found == expected
    assert "Someone else's invitation" not in found


def test_a_reset_address_stops_the_old_one(world, calendar_events):
    client = world.client("member")
    client.get(reverse("events_calendar:settings"))
    old = User.objects.get(pk=world.user("member").pk).calendar_feed_token
    assert client.get(reverse("events_calendar:my_feed", args=[old])).status_code == 200
    assert client.post(reverse("events_calendar:reset_feed")).status_code == 302
    new = User.objects.get(pk=world.user("member").pk).calendar_feed_token
    assert new and new != old
    assert client.get(reverse("events_calendar:my_feed", args=[old])).status_code == 404
    assert client.get(reverse("events_calendar:my_feed", args=[new])).status_code == 200
    # Only a POST resets it.
    assert client.get(reverse("events_calendar:reset_feed")).status_code == 405


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_networks_feed_as_its_owner_may_see_it(world, calendar_events, persona):
    from django.test import Client

    user = world.user(persona)
    if user is None:
        # A visitor: the public network's public events only; the private network is not found.
        assert titles(Client().get(reverse("events_calendar:network_feed", args=["away"])).content) == {"Away open day"}
        assert Client().get(reverse("events_calendar:network_feed", args=["home"])).status_code == 404
        return
    token = calendar.feed_token(user)
    response = Client().get(reverse("events_calendar:my_network_feed", args=[token, "home"]))
    if persona == "outsider":
        assert response.status_code == 404  # a private network the outsider does not belong to
        return
    found = titles(response.content)
    assert {"Public meeting", "Members meeting"} <= found
    # Invited-only events: in the feed of whom they invite and of the network's managers, nobody else's.
    assert ("Invited meeting" in found) is True
    assert ("Someone else's invitation" in found) is (persona == "manager")


def test_the_feed_reads_a_fixed_number_of_queries(world, calendar_events):
    user = world.user("member")
    small = len(calendar.feed_document(calendar.my_events(user), "x"))
    with CaptureQueriesContext(connection) as few:
        calendar.feed_document(calendar.my_events(user), "x")
    for day in range(1, 9):
        extra = make_event(world.home, f"More {day}", EventVisibility.NETWORK, day=day)
        EventSession.objects.create(event=extra, title="Part", starts_at=extra.starts_at, ends_at=extra.ends_at)
        extra.organizers.add(world.manager)
        Registration.objects.create(event=extra, person=world.member, status=RegistrationStatus.CONFIRMED)
    with CaptureQueriesContext(connection) as many:
        document = calendar.feed_document(calendar.my_events(user), "x")
    assert len(document) > small
    assert len(many) == len(few)


@pytest.mark.parametrize("persona", PERSONAS)
def test_certificates_for_attendees_only_in_their_language(world, calendar_events, persona):
    event = calendar_events["network"]
    Attendance.objects.create(event=event, person=world.member, method=AttendanceMethod.STAFF)
    User.objects.filter(pk=world.user("member").pk).update(language="ar")
    response = world.client(persona).get(reverse("events_calendar:event_certificate", args=[event.pk]))
    if persona == "anonymous":
        assert response.status_code == 302
        return
    if persona != "member":
        assert response.status_code == 404
        return
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    lines = [line.strip() for line in reader.pages[0].extract_text().splitlines()]
    assert len(reader.pages) == 1
    assert "شهادة حضور" in lines and "Members meeting" in lines


def test_a_series_certificate_and_its_verification_page(world, calendar_events, client):
    series = Series.objects.create(network=world.home, name="The Kitchenette")
    meetings = [make_event(world.home, f"Kitchenette {n}", EventVisibility.NETWORK, day=20 + n) for n in range(3)]
    Event.objects.filter(pk__in=[m.pk for m in meetings]).update(series=series)
    for meeting in meetings[:2]:
        Attendance.objects.create(event=meeting, person=world.member, method=AttendanceMethod.CODE)
    member = world.client("member")
    response = member.get(reverse("events_calendar:series_certificate", args=[series.pk]))
    assert response.status_code == 200
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "The Kitchenette" in text and "attended 2 of the 3 meetings of the series" in text
    link = next(line for line in text.splitlines() if "/events/certificates/" in line)
    path = "/events/certificates/" + link.split("/events/certificates/")[1].split("/")[0] + "/"
    page = client.get(path)
    assert page.status_code == 200
    assert "Mira Member" in page.content.decode() and "Kitchenette 1" in page.content.decode()
    assert "Kitchenette 2" not in page.content.decode()  # not attended
    assert client.get(path.replace("/events/certificates/", "/events/certificates/x")).status_code == 404
    # Someone who attended nothing of the series gets no certificate.
    assert (
        world.client("manager").get(reverse("events_calendar:series_certificate", args=[series.pk])).status_code == 404
    )


@pytest.mark.parametrize("persona", ["manager", "member", "outsider"])
def test_both_implementations_read_each_persons_feed_and_nothing_private(
    world,
    calendar_events,
    persona,
    read_with_icaljs,  # noqa: F811 - the fixture imported above
):
    """The feed as a calendar program gets it, read by ical.js and by icalendar: the same events, no
    one else's invitation, no draft for those who do not run it, and not the secret address itself.
    A title written to break out of its line stays one title."""
    from django.test import Client

    sneaky = calendar_events["network"]
    sneaky.title = "Members meeting\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Someone else's invitation; x, y \\"
    sneaky.save()
    token = calendar.feed_token(world.user(persona))
    document = Client().get(reverse("events_calendar:my_feed", args=[token])).content
    by_icaljs = {event["summary"] for event in read_with_icaljs(document)["events"]}
    assert by_icaljs == titles(document)
    expected = {
        "manager": {"Draft meeting"},
        "member": {sneaky.title.replace("\r\n", "\n"), "Invited meeting"},
        "outsider": set(),
    }[persona]
    assert by_icaljs == expected
    assert document.count(b"\r\nBEGIN:VEVENT\r\n") == len(expected)  # the title's stays inside its line
    assert token.encode() not in document
    for private in ("Someone else's invitation", "Draft meeting" if persona != "manager" else "Away meeting"):
        assert not any(title == private for title in by_icaljs)
