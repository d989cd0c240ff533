"""Finding resources: Hebrew and Arabic forms, authors and tags, facets, snippets and order."""

import pytest
from django.urls import reverse

from hevruta.directory.models import Visibility
from hevruta.knowledge import services

from .conftest import published, subject, teacher, write

pytestmark = pytest.mark.django_db


def _titles(client, **params):  # type: ignore[no-untyped-def]
    return [item["title"] for item in client.get("/api/v1/knowledge/resources", params).json()["items"]]


def test_hebrew_prefixes_and_final_letters(world):
    published(world.member, world.home, world.manager, title="שיח בכיתה", body="המורים לומדים יחד על הוראה")
    client = world.client("member")
    assert _titles(client, q="כיתה") == ["שיח בכיתה"]
    assert _titles(client, q="והמורים") == ["שיח בכיתה"]


def test_arabic(world):
    published(world.member, world.home, world.manager, title="مهمة تشخيصية في الكسور", body="يقارن الطلاب الكسور")
    assert _titles(world.client("member"), q="والكسور") == ["مهمة تشخيصية في الكسور"]


def test_snippet_marks_the_words(world):
    published(world.member, world.home, world.manager, title="Ratio", body="Students compare **fractions** on a line.")
    items = world.client("member").get("/api/v1/knowledge/resources", {"q": "fractions"}).json()["items"]
    assert "<mark>fractions</mark>" in items[0]["snippet_html"]
    html = world.client("member").get(reverse("knowledge:list"), {"q": "fractions"}).content.decode()
    assert "<mark>fractions</mark>" in html


def test_public_authors_organizations_and_tags_are_findable_private_authors_not(world):
    world.public_person.user = None
    author = teacher(world.home, given_name="Yael", family_name="Zahavi", profile_visibility=Visibility.PUBLIC)
    shy = teacher(world.home, given_name="Dana", family_name="Shkedi", profile_visibility=Visibility.PRIVATE)
    published(author, world.home, world.manager, title="Public author's task", role_tags=["community_facilitator"])
    published(shy, world.home, world.manager, title="Private author's task", keywords=["electrolysis"])
    client = world.client("member")
    assert _titles(client, q="Zahavi") == ["Public author's task"]
    assert _titles(client, q="Shkedi") == []
    assert _titles(client, q="facilitator") == ["Public author's task"]
    assert _titles(client, q="electrolysis") == ["Private author's task"]


def test_facets_filter_and_count(world):
    published(world.member, world.home, world.manager, title="Math one", subjects=[subject("mathematics")])
    published(world.member, world.home, world.manager, title="Physics one", subjects=[subject("physics")],
              kind="video_simulation", role_tags=["mentor"], licence="cc0")  # fmt: skip
    client = world.client("member")
    assert _titles(client, subject="physics") == ["Physics one"]
    assert _titles(client, kind="video_simulation", licence="cc0", role="mentor") == ["Physics one"]
    assert _titles(client, subject="physics", kind="diagnostic_task") == []
    html = client.get(reverse("knowledge:list")).content.decode()
    assert "(2)" in html.split('id="facet-network"')[1].split("</select>")[0]


def test_only_published_resources_are_indexed(world):
    draft = write(world.member, world.home, title="Unpublished photosynthesis")
    assert _titles(world.client("manager"), q="photosynthesis") == []
    services.submit_resource(draft)
    assert _titles(world.client("manager"), q="photosynthesis") == []


def test_relevance_pages_do_not_repeat(world):
    for n in range(7):
        published(world.member, world.home, world.manager, title=f"Fractions {n}", body="fractions " * (n + 1))
    client = world.client("member")
    first = client.get("/api/v1/knowledge/resources", {"q": "fractions", "limit": 4}).json()
    second = client.get("/api/v1/knowledge/resources", {"q": "fractions", "limit": 4, "offset": 4}).json()
    ids = [item["id"] for item in first["items"] + second["items"]]
    assert len(ids) == len(set(ids)) == 7 and first["count"] == 7 and second["next_offset"] is None


def test_past_the_counting_limit_facets_offer_every_value_without_counts(world, monkeypatch):
    from hevruta.knowledge.queries import listing

    for number in range(3):
        published(world.member, world.home, world.manager, title=f"Fractions {number}", subjects=[subject("physics")])
    client = world.client("member")
    counted = client.get(reverse("knowledge:list"), {"q": "Fractions"}).content.decode()
    subjects = counted.split('id="facet-subject"')[1].split("</select>")[0]
    assert "(3)" in subjects and "mathematics" not in subjects
    assert 'data-testid="facets-not-counted"' not in counted

    monkeypatch.setattr(listing, "FACET_COUNT_LIMIT", 2)
    uncounted = client.get(reverse("knowledge:list"), {"q": "Fractions"}).content.decode()
    subjects = uncounted.split('id="facet-subject"')[1].split("</select>")[0]
    assert "(3)" not in subjects and 'value="mathematics"' in subjects and 'value="physics"' in subjects
    assert 'data-testid="facets-not-counted"' in uncounted
    assert len(_titles(client, q="Fractions")) == 3  # the results themselves are all there
    assert _titles(client, q="Fractions", subject="physics") == _titles(client, q="Fractions")
