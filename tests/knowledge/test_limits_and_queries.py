"""Input at the edges: empty titles, huge texts, huge and empty queries. Clear messages, nothing written, no 500."""

import pytest
from django.urls import reverse

from hevruta.knowledge.models import MAX_BODY_CHARS, Resource

pytestmark = pytest.mark.django_db


def _form(world, **fields):  # type: ignore[no-untyped-def]
    return {"network": world.home.pk, "kind": "tool", "title": "A tool", "licence": "cc-by", **fields}


def test_empty_title(world):
    response = world.client("member").post(reverse("knowledge:create"), _form(world, title="   "))
    assert response.status_code == 200 and "A resource needs a title." in response.content.decode()
    api = world.client("member").post(
        "/api/v1/knowledge/resources",
        {"network": "home", "kind": "tool", "title": " "},
        content_type="application/json",
    )
    assert api.status_code == 400 and "title" in api.json()["detail"]
    assert not Resource.objects.exists()


def test_a_megabyte_of_text_is_refused_with_the_limit(world):
    body = "א" * 1_000_000
    response = world.client("member").post(reverse("knowledge:create"), _form(world, body=body))
    html = response.content.decode()
    assert response.status_code == 200 and "1,000,000" in html and f"{MAX_BODY_CHARS:,}" in html
    api = world.client("member").post(
        "/api/v1/knowledge/resources",
        {"network": "home", "kind": "tool", "title": "Long", "body": body},
        content_type="application/json",
    )
    assert api.status_code == 400 and f"{MAX_BODY_CHARS:,}" in api.json()["detail"]
    assert not Resource.objects.exists()


def test_text_at_the_limit_is_accepted(world):
    response = world.client("member").post(reverse("knowledge:create"), _form(world, body="x" * MAX_BODY_CHARS))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("query", "message"),
    [("מתמטיקה " * 700, "at most"), ("?!… — ***", "Type at least one word"), ("   ", None)],
)
def test_queries_that_cannot_be_searched(world, persona, query, message):
    response = world.client(persona).get(reverse("knowledge:list"), {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    if message:
        assert message in html
    api = world.client(persona).get("/api/v1/knowledge/resources", {"q": query})
    if message:
        assert api.status_code == 400 and message in api.json()["detail"]
    else:
        assert api.status_code == 200


def test_unknown_facet_values_find_nothing_and_do_not_fail(world):
    for params in ({"subject": "nope"}, {"network": "\x00"}, {"sort": "drop table"}, {"page": "-3"}):
        assert world.client("member").get(reverse("knowledge:list"), params).status_code == 200
        assert world.client("member").get("/api/v1/knowledge/resources", params).status_code in (200, 422)


def test_api_refuses_unknown_vocabulary_with_json(world):
    response = world.client("member").post(
        "/api/v1/knowledge/resources",
        {"network": "home", "kind": "tool", "title": "x", "subjects": ["alchemy"]},
        content_type="application/json",
    )
    assert response.status_code == 400 and "alchemy" in response.json()["detail"]
    bad_kind = world.client("member").post(
        "/api/v1/knowledge/resources",
        {"network": "home", "kind": "poem", "title": "x"},
        content_type="application/json",
    )
    assert bad_kind.status_code == 400 and "kind" in bad_kind.json()["detail"]
    wrong_type = world.client("member").post(
        "/api/v1/knowledge/resources", {"network": "home", "kind": "tool", "title": 5}, content_type="application/json"
    )
    assert wrong_type.status_code in (400, 422)
    assert not Resource.objects.exists()


def test_writing_into_a_network_one_does_not_belong_to(world):
    response = world.client("member").post(reverse("knowledge:create"), _form(world, network=world.away.pk))
    assert response.status_code == 200  # not among the choices: a form error
    api = world.client("member").post(
        "/api/v1/knowledge/resources",
        {"network": "away", "kind": "tool", "title": "x"},
        content_type="application/json",
    )
    assert api.status_code == 403
    assert not Resource.objects.exists()
