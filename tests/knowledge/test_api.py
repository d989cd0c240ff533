"""The knowledge API end to end: write, submit, review, change (versions), report use; JSON errors."""

import pytest

from hevruta.knowledge.models import Resource, Status

pytestmark = pytest.mark.django_db

RESOURCE = {
    "network": "home",
    "kind": "video_simulation",
    "title": "محاكاة فيديو: نقاش حول الكسور",
    "body": "## الهدف\nإدارة نقاش.",
    "subjects": ["mathematics"],
    "grade_bands": ["junior-high"],
    "topics": ["clinical-teaching"],
    "role_tags": ["instructor"],
    "links": [{"url": "https://example.org/guide", "label": "دليل"}],
    "video_url": "https://www.youtube.com/watch?v=x",
    "licence": "cc-by-nc",
    "co_authors": ["network@example.org"],
}


def _json(client, method, url, body=None):  # type: ignore[no-untyped-def]
    return getattr(client, method)(url, body or {}, content_type="application/json")


def test_write_review_change_and_use(world):
    world.network_person.email = "network@example.org"
    world.network_person.save()
    author, curator = world.client("member"), world.client("manager")
    created = _json(author, "post", "/api/v1/knowledge/resources", RESOURCE)
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["status"] == "draft" and body["language"] == "ar" and body["role_tags"] == ["instructor"]
    assert "<h2>" in body["body_html"] and body["links"][0]["label"] == "دليل"
    assert set(body["authors"]) == {"Mira Member", "Nadia Networked"}
    resource_id = body["id"]

    assert author.post(f"/api/v1/knowledge/resources/{resource_id}/submit").json()["status"] == "submitted"
    refused = _json(
        curator,
        "post",
        f"/api/v1/knowledge/resources/{resource_id}/reviews",
        {"decision": "return", "accuracy": 2, "classroom_readiness": 2, "clarity": 2, "alignment": 2},
    )
    assert refused.status_code == 400 and "comments" in refused.json()["detail"]
    out_of_range = _json(
        curator,
        "post",
        f"/api/v1/knowledge/resources/{resource_id}/reviews",
        {"decision": "publish", "accuracy": 9, "classroom_readiness": 2, "clarity": 2, "alignment": 2},
    )
    assert out_of_range.status_code == 422
    published = _json(
        curator,
        "post",
        f"/api/v1/knowledge/resources/{resource_id}/reviews",
        {"decision": "publish", "accuracy": 4, "classroom_readiness": 3, "clarity": 4, "alignment": 3},
    )
    assert published.status_code == 201

    changed = _json(
        author, "patch", f"/api/v1/knowledge/resources/{resource_id}", {"title": "عنوان جديد", "change_note": "title"}
    )
    assert changed.status_code == 200 and changed.json()["version"] == 2
    assert changed.json()["subjects"] == ["mathematics"]  # what was not sent stays
    versions = author.get(f"/api/v1/knowledge/resources/{resource_id}/versions").json()
    assert [v["number"] for v in versions] == [2, 1] and versions[0]["note"] == "title"

    used = _json(
        author,
        "post",
        f"/api/v1/knowledge/resources/{resource_id}/uses",
        {"used_on": "2025-03-01", "students": 30, "rating": 5, "subject": "mathematics"},
    )
    assert used.status_code == 201 and used.json()["is_public"] is False
    detail = world.client("manager").get(f"/api/v1/knowledge/resources/{resource_id}").json()
    assert detail["use"]["reports"] == 1 and detail["use"]["public_reports"] == []
    assert Resource.objects.get(pk=resource_id).status == Status.PUBLISHED


def test_errors_are_json_with_the_right_status(world):
    client = world.client("member")
    assert client.get("/api/v1/knowledge/resources/999999").status_code == 404
    assert client.get("/api/v1/knowledge/resources/999999").json()["detail"]
    missing_title = _json(client, "post", "/api/v1/knowledge/resources", {"network": "home", "kind": "tool"})
    assert missing_title.status_code == 422
    unknown_network = _json(
        client, "post", "/api/v1/knowledge/resources", {"network": "nowhere", "kind": "tool", "title": "x"}
    )
    assert unknown_network.status_code == 404
    bad_use = _json(
        client, "post", "/api/v1/knowledge/resources/1/uses", {"used_on": "yesterday", "students": 0, "rating": 9}
    )
    assert bad_use.status_code in (404, 422)


def test_openapi_documents_the_knowledge_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/v1/knowledge/resources",
        "/api/v1/knowledge/resources/{resource_id}",
        "/api/v1/knowledge/resources/{resource_id}/submit",
        "/api/v1/knowledge/resources/{resource_id}/reviews",
        "/api/v1/knowledge/resources/{resource_id}/uses",
    ):
        assert path in paths, path
    assert "patch" in paths["/api/v1/knowledge/resources/{resource_id}"]
