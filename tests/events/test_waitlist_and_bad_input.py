"""The waitlist's promises, and bad input refused with a clear message and nothing changed."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hevruta.events import services
from hevruta.events.models import Attendance, Event, Registration, RegistrationStatus
from hevruta.notifications.models import Notice

from .conftest import event_input, make_event, people, soon


@pytest.mark.django_db
def test_a_freed_seat_is_offered_confirmed_or_passed_on(world):  # type: ignore[no-untyped-def]
    event = make_event(world.home, world.manager, capacity=1, offer_hours=2)
    first, second, third = people(3)
    services.register(event, first)
    waiting = services.register(event, second)
    services.register(event, third)
    assert waiting.status == RegistrationStatus.WAITLISTED
    services.cancel_registration(Registration.objects.get(event=event, person=first), by=first.user)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.OFFERED and waiting.offer_expires_at is not None
    assert Notice.objects.filter(recipient=second.user, kind="events.offered_a_seat").exists()
    # Not confirmed in time: the seat passes to the third person.
    assert services.expire_offers(now=waiting.offer_expires_at + timedelta(minutes=1)) == 1
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.DECLINED
    last = Registration.objects.get(event=event, person=third)
    assert last.status == RegistrationStatus.OFFERED
    assert services.confirm_offer(last).status == RegistrationStatus.CONFIRMED
    with pytest.raises(services.Refused):
        services.confirm_offer(waiting)


@pytest.mark.django_db
def test_a_session_with_its_own_seats_keeps_its_own_line(world):  # type: ignore[no-untyped-def]
    event = make_event(world.home, world.manager, kind="learning_tour")
    site = services.add_session(event, title="בית ספר", starts_at=soon(), ends_at=soon(hours=1), capacity=1)
    other = services.add_session(event, title="מתנ״ס", starts_at=soon(), ends_at=soon(hours=1), capacity=5)
    a, b, c = people(3)
    assert services.register(event, a, services.Answers(session_id=site.pk)).status == "confirmed"
    assert services.register(event, b, services.Answers(session_id=site.pk)).status == "waitlisted"
    assert services.register(event, c, services.Answers(session_id=other.pk)).status == "confirmed"


def test_an_event_ending_before_it_starts_is_refused(world):  # type: ignore[no-untyped-def]
    starts = soon()
    with pytest.raises(ValidationError) as error:
        services.create_event(
            event_input(starts_at=starts, ends_at=starts - timedelta(hours=1)), by=None, network=world.home
        )
    assert "An event must end after it starts." in str(error.value)
    assert not Event.objects.exists()


def test_an_event_longer_than_a_month_is_refused(world):  # type: ignore[no-untyped-def]
    starts = soon()
    with pytest.raises(ValidationError) as error:
        services.create_event(
            event_input(starts_at=starts, ends_at=starts + timedelta(days=40)), by=None, network=world.home
        )
    assert "An event lasts a month at most" in str(error.value)
    assert not Event.objects.exists()


pytestmark = pytest.mark.django_db


def test_seats_below_those_taken_are_refused(world):  # type: ignore[no-untyped-def]
    event = make_event(world.home, world.manager, capacity=3)
    for person in people(3):
        services.register(event, person)
    with pytest.raises(ValidationError) as error:
        services.update_event(event, event_input(starts_at=event.starts_at, ends_at=event.ends_at, capacity=2))
    assert "3 seats are already taken" in str(error.value)
    event.refresh_from_db()
    assert event.capacity == 3


def test_registration_after_the_deadline_is_refused(world):  # type: ignore[no-untyped-def]
    event = make_event(world.home, world.manager, registration_closes_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(services.Refused) as refused:
        services.register(event, world.member)
    assert refused.value.message == "Registration for this event has closed."
    assert not Registration.objects.exists()


def test_a_qr_code_of_another_event_or_outside_its_window(world):  # type: ignore[no-untyped-def]
    starts = timezone.now() + timedelta(minutes=10)
    event = make_event(world.home, world.manager, starts_at=starts, ends_at=starts + timedelta(hours=2))
    other = make_event(world.home, world.manager, starts_at=starts, ends_at=starts + timedelta(hours=2))
    services.register(event, world.member)
    with pytest.raises(services.Refused) as refused:
        services.check_in(event, world.member, token=services.qr_token(other))
    assert refused.value.code == "other_event"
    with pytest.raises(services.Refused) as refused:
        services.check_in(event, world.member, token=services.qr_token(event), now=starts - timedelta(hours=2))
    assert refused.value.code == "not_open"
    with pytest.raises(services.Refused) as refused:
        services.check_in(event, world.member, token=services.qr_token(event), now=starts + timedelta(hours=3))
    assert refused.value.code == "closed"
    assert not Attendance.objects.exists()
    mark = services.check_in(event, world.member, token=services.qr_token(event))
    assert mark.present and mark.method == "code"


def test_organizers_check_in_and_walk_ins_count_without_a_seat(world):  # type: ignore[no-untyped-def]
    starts = timezone.now() - timedelta(minutes=5)
    event = make_event(world.home, world.manager, starts_at=starts, capacity=1, ends_at=starts + timedelta(hours=2))
    services.register(event, world.member)
    services.mark_present(event, world.member, by=world.manager.user)
    services.walk_in(event, world.outsider, by=world.manager.user)
    assert Attendance.objects.filter(event=event, present=True).count() == 2
    assert Registration.objects.filter(event=event).count() == 1
    with pytest.raises(services.Refused):
        services.mark_present(event, world.network_person, by=world.manager.user)


def test_measures_count_what_was_held_and_who_came(world):  # type: ignore[no-untyped-def]
    from hevruta.events.measures import attendees_from_the_periphery, events_held, series_attendance_rate
    from tests.factories import OrganizationFactory, PositionFactory

    starts = timezone.now() - timedelta(days=2)
    series = services.create_series(world.home, "המטבחון", members=[world.member, world.manager])
    event = make_event(world.home, world.manager, starts_at=starts, ends_at=starts + timedelta(hours=2))
    event.series = series
    event.save()
    Attendance.objects.create(event=event, person=world.member, present=True, method="staff")
    PositionFactory(person=world.member, organization=OrganizationFactory())  # cluster 3: periphery
    day = timezone.localdate()
    assert events_held(world.home, day - timedelta(days=7), day) == 1
    assert attendees_from_the_periphery(world.home, day - timedelta(days=7), day) == 1
    assert series_attendance_rate(world.home, day - timedelta(days=7), day) == 50.0
    assert events_held(object(), day, day) is None
