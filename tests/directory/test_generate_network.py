"""The national-scale synthetic network: deterministic from its seed, shaped like seed document 002."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import translation

from hevruta.core.text import search_key
from hevruta.directory.generate import LEADING_ROLES, Shape, generate_network
from hevruta.directory.localities import load_packaged_localities
from hevruta.directory.models import Locality, NetworkMembership, Organization, Person, Position, PositionRole

SCALE = 0.05  # 863 people
FIVE_SUBJECTS = {"biology", "chemistry", "science", "mathematics", "physics"}


@pytest.fixture
def localities(db):  # type: ignore[no-untyped-def]
    load_packaged_localities(Locality)


def people_of(network):  # type: ignore[no-untyped-def]
    return Person.objects.filter(memberships__network=network).order_by("pk")


def test_the_same_seed_makes_the_same_people(localities):
    first = generate_network(seed=7, scale=SCALE)
    second = generate_network(seed=7, scale=SCALE)
    other = generate_network(seed=8, scale=SCALE)
    names = [list(people_of(result.network).values_list("given_name", "family_name")) for result in (first, second)]
    assert names[0] == names[1]
    assert len(names[0]) == round(Shape.teachers * SCALE)
    assert list(people_of(other.network).values_list("given_name", "family_name")) != names[0]
    titles = [
        list(
            Position.objects.filter(person__in=people_of(result.network))
            .order_by("person_id", "start_date")
            .values_list("title", "start_date")
        )
        for result in (first, second)
    ]
    assert titles[0] == titles[1]


def test_the_shape_of_document_002(localities):
    result = generate_network(seed=1, scale=SCALE)
    people = people_of(result.network)
    total = people.count()
    current = Position.objects.filter(person__in=people, end_date__isnull=True)
    leading = current.filter(role__in=LEADING_ROLES).values("person").distinct().count()
    senior = current.filter(role=PositionRole.SENIOR_TEACHER).values("person").distinct().count()
    assert leading / total == pytest.approx(0.20, abs=0.02)
    assert 0.02 <= senior / total <= 0.04
    assert set(current.values_list("role", flat=True)) == {
        PositionRole.TEACHER,
        PositionRole.SENIOR_TEACHER,
        *LEADING_ROLES,
    }
    assert set(people.values_list("subjects__slug", flat=True)) == FIVE_SUBJECTS
    assert set(people.values_list("grade_bands__slug", flat=True)) == {"junior-high", "senior-high"}
    assert not people.filter(languages__isnull=True).exists()
    positions = people.annotate(count=Count("positions")).values_list("count", flat=True)
    assert set(positions) == {1, 2}
    assert current.count() == total


def test_everybody_is_in_the_network_and_findable(localities):
    result = generate_network(seed=3, scale=SCALE)
    people = people_of(result.network)
    assert NetworkMembership.objects.filter(network=result.network).count() == people.count() == result.people
    for person in people[:50]:
        assert person.search_text == search_key(person.given_name, person.family_name)
    schools = Organization.objects.filter(network_links__network=result.network)
    assert schools.count() == result.organizations == round(result.people / Shape.people_per_school)
    # Schools stand in real localities, and people live where their school is.
    assert set(schools.values_list("locality__cbs_code", flat=True)) <= set(
        Locality.objects.values_list("cbs_code", flat=True)
    )
    assert not people.filter(locality__isnull=True).exists()
    assert result.people_per_second > 0


def test_the_command_reports_people_per_second(localities):
    out = io.StringIO()
    with translation.override("en"):
        call_command("generate_network", "--seed", "5", "--scale", str(SCALE), stdout=out)
    assert "people/second" in out.getvalue()
    assert "863 people" in out.getvalue()
