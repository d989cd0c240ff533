"""Following a resource: "My resources" and the resource's page say when a version was published
since the follower last looked, for resources they may still see; the same through the API."""

import pytest
from django.urls import reverse

from hevruta.directory import services as directory_services
from hevruta.knowledge.models import Follow

from .conftest import edit, published

pytestmark = pytest.mark.django_db

FOLLOWING_API = "/api/v1/knowledge/following"


def _following(client) -> str:  # type: ignore[no-untyped-def]
    page = client.get(reverse("knowledge:mine")).content.decode()
    return page.split('data-testid="following"')[1].split("</ul>")[0]


def test_a_new_version_is_news_to_a_follower_until_they_open_the_resource(world):
    resource = published(world.manager, world.home, world.manager, title="Fractions on the number line")
    client = world.client("member")
    client.post(reverse("knowledge:follow", args=[resource.pk]), {"on": "1"})
    assert "Fractions on the number line" in _following(client)
    assert "new: version" not in _following(client)  # what it was when followed is not news

    edit(resource, world.manager, title="Fractions on the number line, with answers")
    resource.refresh_from_db()
    listed = _following(client)
    assert "with answers" in listed
    assert f"new: version {resource.version}" in listed

    page = client.get(reverse("knowledge:detail", args=[resource.pk])).content.decode()
    assert f"Version {resource.version} was published since you last looked." in page
    assert reverse("knowledge:history", args=[resource.pk]) in page
    assert Follow.objects.get(person=world.member).seen_version == resource.version
    assert 'data-testid="news"' not in client.get(reverse("knowledge:detail", args=[resource.pk])).content.decode()
    assert "new: version" not in _following(client)


def test_the_author_and_others_who_do_not_follow_are_told_nothing(world):
    resource = published(world.manager, world.home, world.manager)
    edit(resource, world.manager, title="A second version")
    for persona in ("manager", "member"):
        client = world.client(persona)
        assert 'data-testid="news"' not in client.get(reverse("knowledge:detail", args=[resource.pk])).content.decode()
        assert "A second version" not in _following(client)


def test_a_followed_resource_the_follower_may_no_longer_see_is_not_listed(world):
    resource = published(world.manager, world.home, world.manager, title="Network-only practice")
    client = world.client("member")
    client.post(reverse("knowledge:follow", args=[resource.pk]), {"on": "1"})
    assert "Network-only practice" in _following(client)
    directory_services.remove_member(world.home, world.member)
    assert "Network-only practice" not in _following(client)
    assert client.get(FOLLOWING_API).json() == []


def test_each_follower_sees_their_own_follows_once(world):
    resource = published(world.manager, world.home, world.manager, title="Shared practice")
    for persona in ("manager", "member"):
        world.client(persona).post(reverse("knowledge:follow", args=[resource.pk]), {"on": "1"})
    edit(resource, world.manager, title="Shared practice, revised")
    world.client("manager").get(reverse("knowledge:detail", args=[resource.pk]))  # the manager has looked
    by_persona = {persona: world.client(persona).get(FOLLOWING_API).json() for persona in ("manager", "member")}
    assert [(row["id"], row["news"]) for row in by_persona["manager"]] == [(resource.pk, False)]
    assert [(row["id"], row["news"]) for row in by_persona["member"]] == [(resource.pk, True)]
    assert by_persona["member"][0]["seen_version"] == by_persona["member"][0]["version"] - 1


def test_follow_and_unfollow_through_the_api(world):
    resource = published(world.manager, world.home, world.manager)
    client = world.client("member")
    url = f"/api/v1/knowledge/resources/{resource.pk}/follow"
    assert client.put(url).status_code == 204
    assert client.put(url).status_code == 204  # twice is still once
    assert Follow.objects.filter(person=world.member, resource=resource).count() == 1
    assert [row["id"] for row in client.get(FOLLOWING_API).json()] == [resource.pk]
    assert client.delete(url).status_code == 204
    assert client.get(FOLLOWING_API).json() == []


def test_those_who_may_not_see_a_resource_cannot_follow_it(world):
    resource = published(world.manager, world.home, world.manager)
    url = f"/api/v1/knowledge/resources/{resource.pk}/follow"
    assert world.client("outsider").put(url).status_code == 404
    assert world.client("anonymous").put(url).status_code == 401
    assert world.client("anonymous").get(FOLLOWING_API).status_code == 401
    follow_page = reverse("knowledge:follow", args=[resource.pk])
    assert world.client("outsider").post(follow_page, {"on": "1"}).status_code == 404
    assert world.client("anonymous").get(reverse("knowledge:mine")).status_code == 302
    assert not Follow.objects.exists()


def test_the_home_page_names_followed_resources_with_a_new_version(world):
    resource = published(world.manager, world.home, world.manager, title="Mentoring conversation guide")
    client = world.client("member")
    client.post(reverse("knowledge:follow", args=[resource.pk]), {"on": "1"})

    def slot() -> str:
        page = client.get(reverse("core:home")).content.decode()
        return page.split('id="my-resources"')[1].split("</section>")[0]

    assert "Mentoring conversation guide" not in slot()  # followed, nothing new
    edit(resource, world.manager, title="Mentoring conversation guide, second edition")
    resource.refresh_from_db()
    assert f"new: version {resource.version}" in slot()
    client.get(reverse("knowledge:detail", args=[resource.pk]))
    assert "second edition" not in slot()
