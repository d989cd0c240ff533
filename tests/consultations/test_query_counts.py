"""The consultation page (with its suggestions, for the asker) and the suggestions alone take as many
queries with many strong people, invitations and replies as with few."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hevruta.consultations import services
from hevruta.consultations.suggestions import suggest
from tests.factories import PersonFactory, member

pytestmark = pytest.mark.django_db


def _grow(cities, n: int) -> None:  # type: ignore[no-untyped-def]
    people = []
    for number in range(n):
        person = PersonFactory(given_name="Grown", family_name=f"Many{number:03d}")
        member(cities.world.home, person)
        person.strengths.add(cities.topic)
        people.append(person)
    services.invite(cities.consultation, cities.world.member, people[: n // 2])
    for person in people[: n // 4]:
        services.answer(cities.consultation.invitations.get(person=person), person, offer=True)
        services.reply(cities.consultation, person, "תשובה")


def _count(action) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def test_the_page_and_the_suggestions_stay_flat(cities):
    client = cities.world.client("member")
    url = reverse("consultations:detail", args=[cities.consultation.pk])
    client.get(url)  # sessions, the viewer: whatever the first request pays once

    def page() -> None:
        assert client.get(url).status_code == 200

    small_page, small_suggestions = _count(page), _count(lambda: suggest(cities.consultation))
    _grow(cities, 40)
    assert _count(page) == small_page
    assert _count(lambda: suggest(cities.consultation)) == small_suggestions


def test_the_ranking_reads_as_many_queries_with_many_reasons_of_every_kind(cities):
    """More strong people, heads of strong organizations, helpers, authors and endorsed: the same
    queries (the ranking is one; reading the chosen people and their organizations, two more)."""
    from hevruta.directory.models import PositionRole
    from tests.factories import OrganizationFactory, PositionFactory

    small = _count(lambda: suggest(cities.consultation))
    for number in range(6):
        head = PersonFactory(given_name="Head", family_name=f"Org{number}")
        member(cities.world.home, head)
        organization = OrganizationFactory()
        organization.strengths.add(cities.topic)
        PositionFactory(person=head, organization=organization, role=PositionRole.PRINCIPAL)
    _grow(cities, 12)
    grown = suggest(cities.consultation)
    assert {s.person.family_name for s in grown} >= {"Org0", "Gamma"}
    assert _count(lambda: suggest(cities.consultation)) == small
