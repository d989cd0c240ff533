"""Consultations reading events (never writing their tables but through events' services):

- "has hosted a learning tour": Gamma speaks for the strong city; once the city hosted a site of a
  published learning tour, Gamma gains 1 point and the reason; a tour alone makes nobody a candidate.
- A closed consultation's next step becomes a draft event the asker organizes, linked both ways (the
  event's description names the consultation; the consultation keeps the event), once, for the asker only.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from hevruta.consultations import services
from hevruta.consultations.models import FollowUp
from hevruta.consultations.suggestions import suggest
from hevruta.events import services as events
from hevruta.events.models import Event, EventKind, EventStatus, EventVisibility, SessionKind

pytestmark = pytest.mark.django_db


def _tour(world, host, *, publish: bool = True) -> Event:  # type: ignore[no-untyped-def]
    starts = timezone.now() - timedelta(days=30)
    event = events.create_event(
        events.EventInput(
            title="סיור לימודי", kind=EventKind.LEARNING_TOUR, starts_at=starts, ends_at=starts + timedelta(hours=6)
        ),
        by=world.manager,
        network=world.home,
        publish=publish,
    )
    events.add_session(
        event,
        title="ביקור",
        kind=SessionKind.SITE_VISIT,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        host_organization=host,
    )
    return event


def _codes(cities, family_name: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    found = next(s for s in suggest(cities.consultation) if s.person.family_name == family_name)
    return {reason.code: reason.points for reason in found.reasons}


def test_speaking_for_a_tour_host_adds_a_point_and_a_reason(cities):
    assert "hosted_tour" not in _codes(cities, "Gamma")
    _tour(cities.world, cities.strong_city)
    codes = _codes(cities, "Gamma")
    assert codes["hosted_tour"] == 1 and sum(codes.values()) == 11
    gamma = suggest(cities.consultation)[0]
    assert "Their organization has hosted a learning tour" in [reason.text for reason in gamma.reasons]


def test_a_draft_tour_counts_for_nothing_and_a_tour_alone_is_no_reason(cities):
    from hevruta.directory.models import PositionRole
    from tests.factories import OrganizationFactory, PositionFactory

    _tour(cities.world, cities.strong_city, publish=False)
    assert "hosted_tour" not in _codes(cities, "Gamma")
    host = OrganizationFactory()
    PositionFactory(person=cities.epsilon, organization=host, role=PositionRole.PRINCIPAL)
    _tour(cities.world, host)
    assert cities.epsilon not in {s.person for s in suggest(cities.consultation)}


def _closed(cities, follow_up: str = FollowUp.LEARNING_TOUR):  # type: ignore[no-untyped-def]
    consultation = cities.consultation
    services.invite(consultation, cities.world.member, [cities.alpha])
    services.answer(consultation.invitations.get(person=cities.alpha), cities.alpha, offer=True)
    return services.close(consultation, cities.world.member, outcome="ניפגש בסיור", rating=5, follow_up=follow_up)


def _plan(consultation, person, hours: int = 1):  # type: ignore[no-untyped-def]
    starts = timezone.now() + timedelta(days=14)
    return services.plan_follow_up(consultation, person, starts_at=starts, ends_at=starts + timedelta(hours=hours))


def test_the_next_step_becomes_a_draft_event_linked_both_ways(cities):
    consultation = _closed(cities)
    starts = timezone.now() + timedelta(days=14)
    event = services.plan_follow_up(
        consultation, cities.world.member, starts_at=starts, ends_at=starts + timedelta(hours=5)
    )
    consultation.refresh_from_db()
    assert consultation.event == event
    assert (event.kind, event.status, event.visibility) == (
        EventKind.LEARNING_TOUR,
        EventStatus.DRAFT,
        EventVisibility.INVITED,
    )
    assert reverse("consultations:detail", args=[consultation.pk]) in event.description
    assert list(event.organizers.all()) == [cities.world.member]
    with pytest.raises(ValidationError):
        services.plan_follow_up(
            consultation, cities.world.member, starts_at=starts, ends_at=starts + timedelta(hours=1)
        )
    assert Event.objects.filter(title=consultation.title).count() == 1


def test_only_the_asker_and_only_a_closed_consultation_with_a_next_step(cities):
    starts = timezone.now() + timedelta(days=14)
    with pytest.raises(ValidationError):  # still open
        services.plan_follow_up(
            cities.consultation, cities.world.member, starts_at=starts, ends_at=starts + timedelta(hours=1)
        )
    consultation = _closed(cities, follow_up=FollowUp.NONE)
    with pytest.raises(ValidationError):  # no next step
        services.plan_follow_up(
            consultation, cities.world.member, starts_at=starts, ends_at=starts + timedelta(hours=1)
        )
    consultation.follow_up = FollowUp.MEETING
    consultation.save()
    with pytest.raises(PermissionDenied):
        _plan(consultation, cities.alpha, hours=1)
    with pytest.raises(ValidationError):  # ends before it starts: events' own check, nothing made
        services.plan_follow_up(
            consultation, cities.world.member, starts_at=starts, ends_at=starts - timedelta(hours=1)
        )
    consultation.refresh_from_db()
    assert consultation.event is None and not Event.objects.exists()


@pytest.mark.parametrize(
    "persona,expected",
    [("member", 302), ("manager", 404), ("outsider", 404), ("anonymous", 302)],
)
def test_the_page_action_for_each_persona(cities, persona, expected):
    consultation = _closed(cities, follow_up=FollowUp.MEETING)
    url = reverse("consultations:follow_up_event", args=[consultation.pk])
    data = {"starts_at": "2027-01-10T10:00", "ends_at": "2027-01-10T12:00"}
    response = cities.world.client(persona).post(url, data)
    assert response.status_code == expected
    consultation.refresh_from_db()
    assert (consultation.event is not None) == (persona == "member")
    if persona == "member":
        page = cities.world.client("member").get(reverse("consultations:detail", args=[consultation.pk]))
        assert b'data-testid="follow-up-event"' in page.content


@pytest.mark.parametrize("persona,expected", [("member", 201), ("manager", 404), ("outsider", 404), ("anonymous", 401)])
def test_the_api_for_each_persona(cities, token_client, persona, expected):
    consultation = _closed(cities, follow_up=FollowUp.MEETING)
    response = token_client(persona).post(
        f"/api/v1/consultations/{consultation.pk}/event",
        {"starts_at": "2027-01-10T10:00:00+02:00", "ends_at": "2027-01-10T12:00:00+02:00"},
        content_type="application/json",
    )
    assert response.status_code == expected
    if expected == 201:
        assert response.json()["event_id"] == Event.objects.get().pk


def test_a_helper_sees_no_draft_event_on_the_page(cities):
    from django.test import Client

    from tests.factories import UserFactory

    consultation = _closed(cities, follow_up=FollowUp.MEETING)
    _plan(consultation, cities.world.member)
    cities.alpha.user = UserFactory(email="alpha@example.org")
    cities.alpha.save()
    helper = Client()
    helper.force_login(cities.alpha.user)
    page = helper.get(reverse("consultations:detail", args=[consultation.pk]))
    assert page.status_code == 200 and b'data-testid="follow-up-event"' not in page.content
