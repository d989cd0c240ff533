"""Every knowledge page and endpoint, with the four personas: manager, member, outsider, anonymous.

"home" is a members-only network: its published resources are seen by its members and its
managers; drafts only by their authors and the curators; "away" is public.
"""

import re

import pytest
from django.urls import reverse

from hevruta.directory.models import MembershipRole, NetworkMembership
from hevruta.knowledge.models import Collection

from .conftest import published, teacher, use, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def things(world):  # type: ignore[no-untyped-def]
    away_manager = teacher(world.away)
    NetworkMembership.objects.filter(person=away_manager).update(role=MembershipRole.MANAGER)
    public = published(world.outsider, world.away, away_manager, title="Public fractions task")
    home = published(world.member, world.home, world.manager, title="Home fractions task")
    draft = write(world.member, world.home, title="Member draft")
    use(home, world.member)
    return {"public": public, "home": home, "draft": draft}


# Who may see each resource's page (and its API answer).
SEES = {
    "public": {"manager", "member", "outsider", "anonymous"},
    "home": {"manager", "member"},
    "draft": {"manager", "member"},
}


@pytest.mark.parametrize("which", ["public", "home", "draft"])
def test_resource_page_and_api(world, persona, things, which):
    resource = things[which]
    page = world.client(persona).get(reverse("knowledge:detail", args=[resource.pk]))
    api = world.client(persona).get(f"/api/v1/knowledge/resources/{resource.pk}")
    expected = 200 if persona in SEES[which] else 404
    assert (page.status_code, api.status_code) == (expected, expected)
    if expected == 200:
        assert resource.title in page.content.decode()
        assert api.json()["title"] == resource.title


def test_list_and_search_show_only_visible_published(world, persona, things):
    for params in ({}, {"q": "fractions"}):
        # Without tags: a search marks the matching words of titles.
        html = re.sub(r"<[^>]+>", "", world.client(persona).get(reverse("knowledge:list"), params).content.decode())
        items = world.client(persona).get("/api/v1/knowledge/resources", params).json()["items"]
        titles = {item["title"] for item in items}
        for which in ("public", "home"):
            shown = persona in SEES[which]
            assert (things[which].title in html) == shown, (which, params)
            assert (things[which].title in titles) == shown, (which, params)
        # A draft is never in the list, not even for its author: it is under "My resources".
        assert "Member draft" not in html and "Member draft" not in titles


def test_attachment_download_follows_the_resource(world, persona, things):
    from hevruta.knowledge import services

    from .conftest import upload
    from .files import PNG

    services.add_attachments(things["home"], world.member, [upload("diagram.png", PNG)])
    attachment = things["home"].attachments.get()
    url = reverse("knowledge:attachment", args=[attachment.pk, attachment.original_name])
    response = world.client(persona).get(url)
    assert response.status_code == (200 if persona in SEES["home"] else 404)


WRITE_PAGES = ["knowledge:create", "knowledge:mine", "knowledge:collection_create"]


@pytest.mark.parametrize("name", WRITE_PAGES)
def test_pages_that_need_a_login(world, persona, name):
    response = world.client(persona).get(reverse(name))
    assert response.status_code == (302 if persona == "anonymous" else 200)


def test_edit_page(world, persona, things):
    response = world.client(persona).get(reverse("knowledge:edit", args=[things["draft"].pk]))
    expected = {"manager": 200, "member": 200, "outsider": 404, "anonymous": 302}[persona]
    assert response.status_code == expected


def test_review_page_only_for_curators_of_waiting_resources(world, persona, things):
    from hevruta.knowledge import services

    services.submit_resource(things["draft"])
    response = world.client(persona).get(reverse("knowledge:review", args=[things["draft"].pk]))
    # The member wrote it: an author does not review their own resource.
    expected = {"manager": 200, "member": 403, "outsider": 404, "anonymous": 302}[persona]
    assert response.status_code == expected


@pytest.mark.parametrize("name", ["knowledge:queue", "knowledge:map", "knowledge:map_csv"])
def test_curators_pages(world, persona, name):
    response = world.client(persona).get(reverse(name))
    expected = {"manager": 200, "member": 403, "outsider": 403, "anonymous": 302}[persona]
    assert response.status_code == expected


def test_curators_management_page(world, persona):
    response = world.client(persona).get(reverse("knowledge:curators", args=["home"]))
    expected = {"manager": 200, "member": 403, "outsider": 404, "anonymous": 302}[persona]
    assert response.status_code == expected


def test_report_use_page(world, persona, things):
    response = world.client(persona).get(reverse("knowledge:report_use", args=[things["home"].pk]))
    expected = {"manager": 200, "member": 200, "outsider": 404, "anonymous": 302}[persona]
    assert response.status_code == expected


def test_history_and_version_pages(world, persona, things):
    for url in (
        reverse("knowledge:history", args=[things["home"].pk]),
        reverse("knowledge:version", args=[things["home"].pk, 1]),
    ):
        assert world.client(persona).get(url).status_code == (200 if persona in SEES["home"] else 404)


def test_collections_pages(world, persona, things):
    private = Collection.objects.create(owner=world.member, name="Private picks")
    assert world.client(persona).get(reverse("knowledge:collections")).status_code == 200
    response = world.client(persona).get(reverse("knowledge:collection", args=[private.pk]))
    assert response.status_code == (200 if persona == "member" else 404)


def test_home_page_slot(world, persona, things):
    html = world.client(persona).get(reverse("core:home")).content.decode()
    assert ("Member draft" in html) == (persona == "member")


def test_api_writes_need_credentials_and_rights(world, persona, things):
    client = world.client(persona)
    created = client.post(
        "/api/v1/knowledge/resources",
        {"network": "home", "kind": "tool", "title": "A tool"},
        content_type="application/json",
    )
    assert created.status_code == {"manager": 201, "member": 201, "outsider": 404, "anonymous": 401}[persona]
    patched = client.patch(
        f"/api/v1/knowledge/resources/{things['draft'].pk}", {"title": "Changed"}, content_type="application/json"
    )
    assert patched.status_code == {"manager": 200, "member": 200, "outsider": 404, "anonymous": 401}[persona]
    submitted = client.post(f"/api/v1/knowledge/resources/{things['draft'].pk}/submit")
    assert submitted.status_code == {"manager": 403, "member": 200, "outsider": 404, "anonymous": 401}[persona]
    used = client.post(
        f"/api/v1/knowledge/resources/{things['home'].pk}/uses",
        {"used_on": "2025-02-01", "students": 20, "rating": 5},
        content_type="application/json",
    )
    assert used.status_code == {"manager": 201, "member": 201, "outsider": 404, "anonymous": 401}[persona]
    assert all(response.headers["Content-Type"].startswith("application/json") for response in (created, patched))


def test_api_review(world, persona, things):
    from hevruta.knowledge import services

    services.submit_resource(things["draft"])
    response = world.client(persona).post(
        f"/api/v1/knowledge/resources/{things['draft'].pk}/reviews",
        {"decision": "publish", "accuracy": 4, "classroom_readiness": 4, "clarity": 4, "alignment": 4},
        content_type="application/json",
    )
    assert response.status_code == {"manager": 201, "member": 403, "outsider": 404, "anonymous": 401}[persona]
    reviews = world.client(persona).get(f"/api/v1/knowledge/resources/{things['draft'].pk}/reviews")
    assert reviews.status_code == {"manager": 200, "member": 200, "outsider": 404, "anonymous": 401}[persona]
