"""The communities API speaks the reader's language in its refusals, and answers a creation with 201 and
the created thing, as it always did, through django-ninja's `Status` (no deprecated tuple)."""

import warnings

import pytest
from django.utils import translation
from django.utils.translation import gettext

from hevruta.communities.models import Community, Post, Thread

pytestmark = pytest.mark.django_db


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


@pytest.mark.parametrize("language", ["he", "ar", "en"])
def test_refusals_are_in_the_readers_language(cw, language):
    headers = {"Accept-Language": language}
    client = cw.client("member")
    missing = client.get("/api/v1/communities/999999", headers=headers)
    assert missing.status_code == 404
    assert missing.json()["detail"] == _in(language, "No such community, or it is not shown to you.")
    closed = client.get(f"/api/v1/communities/{cw.closed.pk}/threads", headers=headers)
    assert closed.status_code == 403
    assert closed.json()["detail"] == _in(language, "Only the community's members read its discussions.")
    thread = client.get("/api/v1/communities/threads/999999", headers=headers)
    assert thread.json()["detail"] == _in(language, "No such thread, or it is not shown to you.")
    post = client.post("/api/v1/communities/posts/999999/remove", {"reason": "x"}, "application/json", headers=headers)
    assert post.json()["detail"] == _in(language, "No such post, or it is not shown to you.")
    network = client.post(
        "/api/v1/communities", {"network": "nowhere", "name": "X"}, "application/json", headers=headers
    )
    assert network.status_code == 400
    assert network.json()["detail"] == "network: " + _in(language, "No such network, or it is not shown to you.")
    log = client.get("/api/v1/communities/networks/home/moderation", headers=headers)
    assert log.status_code == 403
    assert log.json()["detail"] == _in(language, "Only the network's managers read its moderation log.")
    if language != "en":
        assert log.json()["detail"] != "Only the network's managers read its moderation log."


def test_creations_answer_201_with_what_was_made_and_warn_of_nothing(cw):
    client = cw.client("member")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        made = client.post(
            "/api/v1/communities", {"network": "home", "name": "Readers", "visibility": "network"}, "application/json"
        )
        assert made.status_code == 201
        body = made.json()
        community = Community.objects.get(pk=body["id"])
        assert (body["name"], body["you"]["is_facilitator"], body["member_count"]) == ("Readers", True, 1)
        started = client.post(
            f"/api/v1/communities/{community.pk}/threads", {"title": "First", "body": "Hello"}, "application/json"
        )
        assert started.status_code == 201
        thread = Thread.objects.get(pk=started.json()["id"])
        assert started.json()["title"] == "First" and len(started.json()["posts"]) == 1
        replied = client.post(f"/api/v1/communities/threads/{thread.pk}/posts", {"body": "Again"}, "application/json")
        assert replied.status_code == 201
        assert Post.objects.get(pk=replied.json()["id"]).body == "Again"
        invited = client.post(
            f"/api/v1/communities/{community.pk}/invitations",
            {"person_id": cw.world.public_person.pk},
            "application/json",
        )
        assert invited.status_code == 201 and invited.json()["status"] == "invited"
    assert not [warning for warning in caught if "tuple" in str(warning.message)]
