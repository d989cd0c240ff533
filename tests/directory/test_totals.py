"""Totals on the pages: a network's members, leading and senior teachers (counted through who may see
whom), and a count on every paginated list (exact on the last page, "more than N" before it, no COUNT)."""

import pytest
from django.urls import reverse

from hevruta.core.pagination import paginate
from hevruta.directory.models import Organization, OrganizationKind, Person, PositionRole
from hevruta.directory.queries import network_totals
from tests.factories import PositionFactory

# home's members as each persona sees them: manager, member, public and networked people (never the
# private profile); an outsider and a visitor see the public profile once the network is public.
EXPECTED = {"manager": (4, 1, 1), "member": (4, 1, 1), "outsider": (1, 1, 0), "anonymous": (1, 1, 0)}


@pytest.fixture
def posts(world):  # type: ignore[no-untyped-def]
    world.home.is_public = True
    world.home.save()
    PositionFactory(person=world.public_person, role=PositionRole.SUBJECT_COORDINATOR)
    PositionFactory(person=world.network_person, role=PositionRole.SENIOR_TEACHER)
    PositionFactory(person=world.private_person, role=PositionRole.INSTRUCTOR)  # hidden: never counted
    PositionFactory(person=world.member, role=PositionRole.TEACHER)


@pytest.mark.django_db
def test_network_totals_follow_visibility(world, posts, persona):
    people, leading, senior = EXPECTED[persona]
    totals = network_totals(world.user(persona), world.home)
    assert (totals.people, totals.leading, totals.senior) == (people, leading, senior)
    page = world.client(persona).get(reverse("directory:network", args=[world.home.slug])).content.decode()
    shown = page.split('data-testid="network-totals">', 1)[1].split("</p>", 1)[0]
    assert f"{people} member" in shown
    assert f"{totals.leading_percent}% leading teachers ({leading})" in shown
    assert f"{totals.senior_percent}% senior teachers ({senior})" in shown


@pytest.mark.django_db
def test_a_members_only_network_tells_outsiders_nothing(world, persona):
    response = world.client(persona).get(reverse("directory:network", args=[world.home.slug]))
    if persona in ("outsider", "anonymous"):
        assert response.status_code == 404
        assert b"network-totals" not in response.content


@pytest.mark.django_db
def test_the_network_page_counts_in_one_query_whatever_the_size(world, django_assert_num_queries):
    for n in range(30):
        person = Person.objects.create(given_name=f"P{n}", family_name="Many", profile_visibility="public")
        world.home.memberships.create(person=person)
        PositionFactory(person=person, role=PositionRole.INSTRUCTOR)
    totals = network_totals(world.manager.user, world.home)
    assert totals.leading == 30
    with django_assert_num_queries(1):
        network_totals(world.manager.user, world.home)


@pytest.mark.django_db
def test_lists_say_how_many_without_counting(world):
    Organization.objects.bulk_create(
        Organization(name=f"בית ספר {n:02d}", kind=OrganizationKind.SCHOOL) for n in range(30)
    )
    client = world.client("anonymous")
    first = client.get(reverse("directory:organizations")).content.decode()
    assert "More than 25 results" in first
    last = client.get(reverse("directory:organizations") + "?page=2").content.decode()
    assert "30 results" in last
    page = paginate(Organization.objects.order_by("pk"), 2, 25)
    assert (page.total, page.shown_up_to) == (30, 30)
    assert paginate(Organization.objects.order_by("pk"), 1, 25).total is None
