"""The roles a resource serves are the directory's roles, which standards roles map onto: chosen from
that list, shown in the reader's language, found by their names in Hebrew, Arabic and English."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from hevruta.directory.models import PositionRole
from hevruta.knowledge.models import Resource, ResourceTag, TagKind

from .conftest import published, write

pytestmark = pytest.mark.django_db


def _titles(client, **params) -> list[str]:  # type: ignore[no-untyped-def]
    return [item["title"] for item in client.get("/api/v1/knowledge/resources", params).json()["items"]]


def test_an_unknown_role_is_refused_with_the_list_to_choose_from(world):
    with pytest.raises(ValidationError) as refused:
        write(world.member, world.home, title="Roles", role_tags=["mentor", "wizard"])
    message = " ".join(refused.value.message_dict["role_tags"])
    assert "wizard" in message and "community_facilitator" in message
    assert not Resource.objects.filter(title="Roles").exists()


def test_the_api_refuses_an_unknown_role_and_writes_nothing(world):
    response = world.client("member").post(
        "/api/v1/knowledge/resources",
        json.dumps({"network": "home", "kind": "tool", "title": "Roles", "role_tags": ["wizard"]}),
        content_type="application/json",
    )
    assert response.status_code == 400  # as for every content rule the services check
    assert "wizard" in json.dumps(response.json(), ensure_ascii=False)
    assert not Resource.objects.filter(title="Roles").exists()


def test_the_form_offers_the_roles_and_refuses_others(world):
    client = world.client("member")
    page = client.get(reverse("knowledge:create")).content.decode()
    assert all(f'value="{role}"' in page for role in PositionRole.values)
    form = {"network": world.home.pk, "kind": "tool", "title": "Roles", "licence": "cc-by", "role_tags": ["wizard"]}
    response = client.post(reverse("knowledge:create"), form)
    assert response.status_code == 200
    assert not Resource.objects.filter(title="Roles").exists()


@pytest.mark.parametrize(("language", "query"), [("he", "מנחה"), ("ar", "ميسّر"), ("en", "facilitator")])
def test_a_role_is_found_by_its_name_in_each_language(world, language, query):
    published(world.member, world.home, world.manager, title="Circle protocol", role_tags=["community_facilitator"])
    with translation.override(language):
        assert str(PositionRole.COMMUNITY_FACILITATOR.label)  # the name searched for is the translation's
    assert _titles(world.client("member"), q=query) == ["Circle protocol"]


def test_the_page_and_the_facet_show_the_roles_name_in_the_readers_language(world):
    resource = published(world.member, world.home, world.manager, title="Mentor talk", role_tags=["mentor"])
    client = world.client("member")
    with translation.override("he"):
        hebrew = str(PositionRole.MENTOR.label)
    page = client.get(reverse("knowledge:detail", args=[resource.pk]), headers={"Accept-Language": "he"})
    listing = client.get(reverse("knowledge:list"), {"role": "mentor"}, headers={"Accept-Language": "he"})
    assert hebrew != "Mentor"
    assert hebrew in page.content.decode()
    assert hebrew in listing.content.decode().split('id="facet-role"')[1].split("</select>")[0]
    assert ResourceTag.objects.get(resource=resource, kind=TagKind.ROLE).value == "mentor"


def test_a_standards_role_links_to_the_knowledge_for_its_kind_of_position(world):
    from hevruta.standards.models import Role

    role = Role.objects.create(network=world.away, name="Community facilitator", position_role="community_facilitator")
    published(world.member, world.home, world.manager, title="Circle protocol", role_tags=["community_facilitator"])
    page = world.client("outsider").get(reverse("standards:role", args=[role.pk])).content.decode()
    link = f"{reverse('knowledge:list')}?role=community_facilitator"
    assert link in page
    assert "Circle protocol" in world.client("member").get(link).content.decode()
