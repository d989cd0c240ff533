"""A person's calendar feed is kept in the page cache until the data it reads changes: the second
request is cheap, every change that should show shows at once, and a reset address finds nothing."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from hevruta.events import calendar, services
from hevruta.events.models import EventVisibility, Registration
from tests.events.test_calendar_pages import calendar_events, make_event, titles  # noqa: F401 - a fixture

# Committed writes: the data versions move on when a transaction commits, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def feed(world, calendar_events):  # noqa: F811 - the fixture imported above
    return reverse("events_calendar:my_feed", args=[calendar.feed_token(world.user("member"))])


def starts(document: bytes) -> dict[str, datetime.datetime]:
    return {str(c["SUMMARY"]): c.decoded("DTSTART") for c in Calendar.from_ical(document).walk("VEVENT")}


def get(url: str, **headers: str):  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url, headers=headers)
    return response, len(queries)


def test_the_second_request_comes_from_the_cache(feed):
    first, made = get(feed)
    second, kept = get(feed)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert kept < made and kept <= 2  # the person by the token, and the data's version


def test_a_changed_time_and_a_cancelled_registration_show_at_once(world, calendar_events, feed):  # noqa: F811
    before, _ = get(feed)
    event = calendar_events["network"]
    event.starts_at += datetime.timedelta(hours=1)
    event.ends_at += datetime.timedelta(hours=1)
    event.save()
    moved, _ = get(feed)
    assert moved.content != before.content
    assert starts(moved.content)["Members meeting"] == event.starts_at
    registration = Registration.objects.get(event=event, person=world.member)
    services.cancel_registration(registration, by=world.user("member"))
    assert titles(get(feed)[0].content) == {"Invited meeting"}


def test_an_event_the_person_may_not_see_leaves_the_feed_as_it_was(world, feed):
    before, made = get(feed)
    make_event(world.home, "Invitation for others", EventVisibility.INVITED, day=20)
    after, remade = get(feed)
    assert remade == made  # made anew, since events changed, and the same document
    assert after.content == before.content


def test_a_reset_address_no_longer_serves_the_kept_feed(world, feed):
    assert get(feed)[0].status_code == 200
    calendar.reset_feed_token(world.user("member"))
    assert get(feed)[0].status_code == 404


def test_a_calendar_program_holding_the_feed_gets_304(feed):
    first, _ = get(feed)
    etag = first["ETag"]
    again, _ = get(feed, **{"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert get(feed, **{"If-None-Match": '"other"'})[0].status_code == 200
