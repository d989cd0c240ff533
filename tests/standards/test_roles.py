"""Roles: job definitions with purpose, responsibilities, where they exist, the career track and the
framework they are measured by; directory positions filled as a role, shown only to who may see them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hevruta.directory.models import PositionRole
from hevruta.standards import services
from hevruta.standards.demo import FRAMEWORK_TITLE, load_standards_demo
from hevruta.standards.models import Framework, Item, Role
from hevruta.standards.queries import role_for_position, roles_for_positions
from tests.factories import PositionFactory

from .conftest import build_framework


@pytest.mark.django_db
def test_the_demo_has_the_institutes_roles_and_a_hebrew_framework(world):
    demo = load_standards_demo(world.home)
    names = {role.name for role in demo.roles}
    assert len(names) == 7 and "מנחה קהילה מקצועית" in names
    framework = demo.framework
    assert framework.title == FRAMEWORK_TITLE and framework.status == "published"
    codes = list(Item.objects.filter(framework=framework).values_list("human_coding_scheme", flat=True))
    assert sum(1 for code in codes if code.count(".") == 0) == 3
    assert sum(1 for code in codes if code.count(".") == 1) == 10
    assert sum(1 for code in codes if code.count(".") == 2) == 25
    assert framework.levels.count() == 4
    facilitator = Role.objects.get(network=world.home, name="מנחה קהילה מקצועית")
    assert facilitator.framework == framework
    # Loading again changes nothing.
    load_standards_demo(world.home)
    assert Role.objects.filter(network=world.home).count() == 7
    assert Framework.objects.filter(title=FRAMEWORK_TITLE).count() == 1


@pytest.mark.django_db
def test_the_demo_pages_render(world):
    demo = load_standards_demo(world.home)
    client = world.client("member")
    page = client.get(reverse("standards:framework", args=[demo.framework.pk])).content.decode()
    assert "1.1.1" in page and "מתפתח/ת" in page and 'dir="auto"' in page
    role = Role.objects.get(network=world.home, name="מנחה קהילה מקצועית")
    page = client.get(reverse("standards:role", args=[role.pk])).content.decode()
    assert FRAMEWORK_TITLE in page


@pytest.mark.django_db
def test_holders_of_a_role_follow_profile_visibility(world, persona):
    role = services.create_role(world.home, name="חונך/ת", position_role=PositionRole.MENTOR)
    for person in (world.public_person, world.network_person, world.private_person):
        services.assign_role(PositionFactory(person=person, title=f"חונך/ת {person.family_name}"), role)
    response = world.client(persona).get(reverse("standards:role", args=[role.pk]))
    if persona in ("outsider", "anonymous"):
        assert response.status_code == 404  # the role of a members-only network
        return
    page = response.content.decode()
    assert "Public" in page and "Networked" in page
    assert "Private" not in page  # a private profile is "only me"


@pytest.mark.django_db
def test_a_position_is_one_role_and_the_directory_can_ask_which(world):
    first = services.create_role(world.home, name="מדריך/ה")
    second = services.create_role(world.home, name="רכז/ת")
    position = PositionFactory(person=world.member)
    services.assign_role(position, first)
    services.assign_role(position, second)
    assert role_for_position(position.pk) == second
    assert roles_for_positions([position.pk]) == {position.pk: second}
    assert services.unassign_role(position, second)
    assert role_for_position(position.pk) is None


@pytest.mark.django_db
def test_the_manager_assigns_through_the_role_page(world):
    role = services.create_role(world.home, name="רכז/ת מדעים")
    position = PositionFactory(person=world.member, title="רכזת מדעים")
    client = world.client("manager")
    page = client.get(reverse("standards:role", args=[role.pk])).content.decode()
    assert "רכזת מדעים" in page
    assert client.post(reverse("standards:role_assign", args=[role.pk]), {"position": position.pk}).status_code == 302
    assert role_for_position(position.pk) == role
    # A position of someone outside the network is not offered, and not accepted.
    stranger = PositionFactory(person=world.outsider)
    client.post(reverse("standards:role_assign", args=[role.pk]), {"position": stranger.pk})
    assert role_for_position(stranger.pk) is None
    client.post(reverse("standards:role_unassign", args=[role.pk, position.pk]))
    assert role_for_position(position.pk) is None


@pytest.mark.django_db
def test_role_rules(world):
    with pytest.raises(ValidationError):
        services.create_role(world.home, name="x", organization_kinds=["spaceship"])
    other = build_framework(world.away, title="elsewhere", domains=1, standards=1, competencies=1)
    with pytest.raises(ValidationError):
        services.create_role(world.home, name="y", framework=other)
    services.create_role(world.home, name="z")
    with pytest.raises(ValidationError):
        services.create_role(world.home, name="z")
