"""A byline never names an author whose profile the reader may not see, and never reads "by and one
more author" either: it says where the author works (organizations are public), or that one is not shown."""

import pytest
from django.urls import reverse

from hevruta.directory.models import MembershipRole, NetworkMembership, OrganizationKind, Position, Visibility
from tests.factories import OrganizationFactory

from .conftest import published, teacher

pytestmark = pytest.mark.django_db


@pytest.fixture
def resource(world):  # type: ignore[no-untyped-def]
    curator = teacher(world.away)
    NetworkMembership.objects.filter(person=curator).update(role=MembershipRole.MANAGER)
    author = teacher(world.away, given_name="Hila", family_name="Hidden", profile_visibility=Visibility.PRIVATE)
    school = OrganizationFactory(name="תיכון אופק", name_en="Ofek High School", kind=OrganizationKind.SCHOOL)
    Position.objects.create(person=author, organization=school, title="מורה")
    return published(author, world.away, curator, title="Fractions on the number line")


@pytest.mark.parametrize("persona", ["manager", "member", "outsider", "anonymous"])
def test_a_hidden_author_is_named_by_their_organization(world, resource, persona):
    page = world.client(persona).get(reverse("knowledge:detail", args=[resource.pk])).content.decode()
    assert "Hidden" not in page and "Hila" not in page
    assert "an author from" in page and "Ofek High School" in page
    assert "By\n" in page or "By " in page
    assert "and one more author" not in page


def test_a_hidden_author_without_a_post_is_said_to_be_not_shown(world, resource):
    Position.objects.filter(person__family_name="Hidden").delete()
    page = world.client("anonymous").get(reverse("knowledge:detail", args=[resource.pk])).content.decode()
    assert "an author whose profile is not shown" in page
