"""Bookmarks, follows and collections (private, network, public)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hevruta.knowledge import services
from hevruta.knowledge.models import Bookmark, Collection, CollectionVisibility, Follow

from .conftest import published

pytestmark = pytest.mark.django_db


def test_bookmark_and_follow_switch_on_and_off(world):
    resource = published(world.member, world.home, world.manager)
    client = world.client("member")
    client.post(reverse("knowledge:bookmark", args=[resource.pk]), {"on": "1"})
    client.post(reverse("knowledge:bookmark", args=[resource.pk]), {"on": "1"})  # twice is still once
    client.post(reverse("knowledge:follow", args=[resource.pk]), {"on": "1"})
    assert Bookmark.objects.filter(person=world.member).count() == 1
    assert Follow.objects.filter(person=world.member, resource=resource).exists()
    home = client.get(reverse("core:home")).content.decode()
    assert resource.title in home.split('id="my-resources"')[1]
    client.post(reverse("knowledge:follow", args=[resource.pk]), {"on": "0"})
    assert not Follow.objects.exists()
    # Not for those who may not see the resource.
    assert (
        world.client("outsider").post(reverse("knowledge:bookmark", args=[resource.pk]), {"on": "1"}).status_code == 404
    )
    assert Bookmark.objects.count() == 1


@pytest.fixture
def collections(world):  # type: ignore[no-untyped-def]
    resource = published(world.member, world.home, world.manager, title="Fractions grade 7 task")
    made = {}
    for visibility, network in (("private", None), ("network", world.home), ("public", None)):
        made[visibility] = services.create_collection(
            world.member,
            services.CollectionInput(name=f"Diagnostic tasks {visibility}", visibility=visibility, network=network),
        )
        services.add_to_collection(made[visibility], resource, world.member.user)
    return made


SEES = {
    "private": {"member"},
    "network": {"member", "manager"},
    "public": {"member", "manager", "outsider", "anonymous"},
}


@pytest.mark.parametrize("visibility", ["private", "network", "public"])
def test_collection_visibility(world, persona, collections, visibility):
    collection = collections[visibility]
    response = world.client(persona).get(reverse("knowledge:collection", args=[collection.pk]))
    assert response.status_code == (200 if persona in SEES[visibility] else 404)
    listing = world.client(persona).get(reverse("knowledge:collections")).content.decode()
    assert (collection.name in listing) == (persona in SEES[visibility])


def test_public_collection_hides_resources_the_reader_may_not_see(world, collections):
    html = world.client("anonymous").get(reverse("knowledge:collection", args=[collections["public"].pk]))
    assert "Fractions grade 7 task" not in html.content.decode()  # "home" is members-only


def test_network_collection_must_name_one_of_my_networks(world):
    with pytest.raises(ValidationError):
        services.create_collection(
            world.member,
            services.CollectionInput(name="x", visibility="network", network=world.away),
        )
    assert not Collection.objects.exists()


def test_collect_from_the_page_into_a_new_collection(world):
    resource = published(world.member, world.home, world.manager)
    client = world.client("member")
    client.post(reverse("knowledge:collect", args=[resource.pk]), {"new_collection": "Fractions, grade 7"})
    collection = Collection.objects.get(name="Fractions, grade 7")
    assert collection.visibility == CollectionVisibility.PRIVATE and list(collection.resources.all()) == [resource]
    client.post(reverse("knowledge:collection_remove", args=[collection.pk, resource.pk]))
    assert not collection.resources.exists()
    assert world.client("manager").post(reverse("knowledge:collection_delete", args=[collection.pk])).status_code == 404
    client.post(reverse("knowledge:collection_delete", args=[collection.pk]))
    assert not Collection.objects.exists()
