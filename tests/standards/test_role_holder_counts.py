"""A role is held by the current positions of its network's members whose kind of position is the role's,
and by positions assigned by hand; counted through who may see whom, on the list and the role's page."""

from datetime import date

import pytest
from django.urls import reverse

from hevruta.directory.models import PositionRole
from hevruta.standards import queries, services
from tests.factories import PersonFactory, PositionFactory, member


@pytest.fixture
def mentor_role(world):  # type: ignore[no-untyped-def]
    role = services.create_role(world.home, name="חונך/ת", position_role=PositionRole.MENTOR)
    for person in (world.public_person, world.network_person, world.private_person):
        PositionFactory(person=person, title="חונך/ת", role=PositionRole.MENTOR)
    # An ended mentor post, a teacher post, and a mentor of another network do not hold the role.
    PositionFactory(person=world.member, title="חונכת לשעבר", role=PositionRole.MENTOR, end_date=date(2020, 1, 1))
    PositionFactory(person=world.member, title="מורה", role=PositionRole.TEACHER)
    PositionFactory(person=world.outsider, title="חונך", role=PositionRole.MENTOR)
    # A position assigned by hand, of another kind, holds it too.
    services.assign_role(PositionFactory(person=world.member, title="רכזת", role=PositionRole.OTHER), role)
    # A mentor who joins the network later is counted without anyone assigning them.
    newcomer = PersonFactory(given_name="Noa", family_name="Newcomer")
    member(world.home, newcomer)
    PositionFactory(person=newcomer, title="חונכת", role=PositionRole.MENTOR)
    return role


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["manager", "member"])
def test_counts_follow_the_kind_of_position_and_visibility(world, mentor_role, persona):
    user = world.user(persona)
    # public, networked, the newcomer (networked), the hand-assigned one; never the private profile.
    expected = 4
    assert queries.role_holder_positions(user, mentor_role).count() == expected
    (listed,) = [role for role in queries.role_list(user) if role.pk == mentor_role.pk]
    assert listed.holder_count == expected
    client = world.client(persona)
    page = client.get(reverse("standards:roles")).content.decode()
    assert f"{expected} positions" in page
    page = client.get(reverse("standards:role", args=[mentor_role.pk])).content.decode()
    assert f"{expected} positions" in page
    assert "Newcomer" in page and "Private" not in page
    assert "0 positions" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["outsider", "anonymous"])
def test_outsiders_see_no_count_of_a_members_only_networks_role(world, mentor_role, persona):
    assert mentor_role.pk not in [role.pk for role in queries.role_list(world.user(persona))]
    assert world.client(persona).get(reverse("standards:role", args=[mentor_role.pk])).status_code == 404
