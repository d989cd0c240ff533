"""The events pages a member opens cost the same number of SQL queries with ten registrations as with
three hundred (and with more events, sessions, speakers and attendance): nothing is read row by row.

The events list, an event page, a series page and the member's calendar feed, rendered for a member who
is logged in (not a page kept for visitors), counted with Django's CaptureQueriesContext."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hevruta.events import calendar, services
from hevruta.events.models import Attendance, AttendanceMethod, Event, Registration, RegistrationStatus, SessionKind

from .conftest import make_event, people

pytestmark = pytest.mark.django_db


def _grow(world, series, events: int, registrations: int, offset: int) -> Event:  # type: ignore[no-untyped-def]
    """Adds events of the series (each with sessions and speakers) and spreads registrations and
    attendance over them; the member is registered for every one. Returns the first event added."""
    crowd = people(registrations, prefix=f"g{offset}-")
    added = []
    for n in range(events):
        starts = timezone.now() + timedelta(days=3 + n, hours=offset)
        event = make_event(world.home, world.manager, title=f"מפגש {offset}-{n}", starts_at=starts)
        event.series = series
        event.save(update_fields=["series"])
        event.host_organizations.add(*[])
        for s in range(2):
            session = services.add_session(
                event,
                title=f"סדנה {s}",
                kind=SessionKind.WORKSHOP,
                starts_at=starts + timedelta(minutes=30 * s),
                ends_at=starts + timedelta(minutes=30 * s + 25),
                capacity=500,
            )
            services.add_speaker(session, person=crowd[s % len(crowd)], role="speaker")
            services.add_speaker(session, guest_name=f"אורחת {s}")
        services.register(event, world.member)
        added.append(event)
    rows = [
        Registration(
            event=added[i % len(added)],
            person=person,
            status=RegistrationStatus.CONFIRMED if i % 3 else RegistrationStatus.WAITLISTED,
            queue_number=1000 + i,
        )
        for i, person in enumerate(crowd)
    ]
    Registration.objects.bulk_create(rows)
    Attendance.objects.bulk_create(
        [Attendance(event=r.event, person=r.person, method=AttendanceMethod.STAFF) for r in rows[::2]]
    )
    series.members.add(*crowd)
    return added[0]


def _counts(client, urls: dict[str, str]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    counts = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(queries)
    return counts


def test_the_pages_cost_the_same_queries_with_ten_and_three_hundred_registrations(world):  # type: ignore[no-untyped-def]
    series = services.create_series(world.home, "המטבחון", members=[world.member])
    event = _grow(world, series, events=2, registrations=10, offset=0)
    client = world.client("member")
    urls = {
        "list": reverse("events:list"),
        "event": reverse("events:event", args=[event.pk]),
        "series": reverse("events:series", args=[series.pk]),
        "feed": reverse("events_calendar:my_feed", args=[calendar.feed_token(world.member.user)]),
    }
    _counts(client, urls)  # the first visit fills the session and the caches a second one would find
    few = _counts(client, urls)

    _grow(world, series, events=12, registrations=300, offset=1)
    more = Registration.objects.bulk_create(
        [
            Registration(event=event, person=person, status=RegistrationStatus.CONFIRMED, queue_number=5000 + i)
            for i, person in enumerate(people(60, prefix="late-"))
        ]
    )
    assert len(more) == 60
    many = _counts(client, urls)

    assert Registration.objects.count() > 300
    assert many == few
