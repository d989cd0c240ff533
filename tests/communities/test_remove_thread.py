"""A moderator (a facilitator, a manager of the network) removes a whole thread with a reason: it leaves
lists, search, counts and the API for everyone but the moderators and its author, who reads the reason;
it can be shown again; both acts are in the moderation log."""

import pytest
from django.urls import reverse

from hevruta.communities import services
from hevruta.communities.models import ModerationAction, ModerationKind, Thread

pytestmark = pytest.mark.django_db

WORD = "Removablezzz"


@pytest.fixture
def removed(cw, django_capture_on_commit_callbacks) -> Thread:  # type: ignore[no-untyped-def]
    """A thread the member started in the network community, removed by the facilitator."""
    with django_capture_on_commit_callbacks(execute=True):
        thread = services.start_thread(cw.user("member"), cw.network, f"{WORD} thread", f"About {WORD}.")
        response = cw.client("facilitator").post(
            reverse("communities:thread_moderate", args=[thread.pk, "remove"]), {"reason": "Not for this place"}
        )
    assert response.status_code == 302
    thread.refresh_from_db()
    return thread


def _seen_by(cw, persona: str, thread: Thread) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    client = cw.client(persona)
    link = f'href="{reverse("communities:thread", args=[thread.pk])}'  # the search box repeats the word
    page = client.get(reverse("communities:thread", args=[thread.pk]))
    listed = client.get(reverse("communities:community", args=[cw.network.pk])).content.decode()
    found = client.get(reverse("communities:search"), {"q": WORD}).content.decode()
    api_list = client.get(f"/api/v1/communities/{cw.network.pk}/threads")
    api_one = client.get(f"/api/v1/communities/threads/{thread.pk}")
    return {
        "page": page.status_code == 200 and "Not for this place" in page.content.decode(),
        "listed": link in listed,
        "found": link in found,
        "api_list": api_list.status_code == 200 and WORD in api_list.content.decode(),
        "api_one": api_one.status_code == 200,
    }


@pytest.mark.parametrize(
    ("persona", "opens"),
    [("facilitator", True), ("member", True), ("manager", True), ("outsider", False), ("anonymous", False)],
)
def test_a_removed_thread_is_gone_for_all_but_its_author_and_the_moderators(cw, removed, persona, opens):
    seen = _seen_by(cw, persona, removed)
    assert seen["page"] is opens and seen["api_one"] is opens  # the author (member) reads the reason
    assert not seen["found"] and not seen["api_list"]
    assert seen["listed"] is (persona in ("facilitator", "manager"))


def test_a_removed_thread_is_not_counted_as_unread_and_takes_no_replies(cw, removed):
    services.join(cw.user("manager"), cw.network)
    card = cw.client("manager").get("/").content.decode()
    assert WORD not in card
    response = cw.client("member").post(reverse("communities:reply", args=[removed.pk]), {"body": "Hello"})
    assert removed.posts.count() == 1 and response.status_code in (302, 400)


def test_only_moderators_remove_and_a_reason_is_required(cw, persona):
    thread = cw.threads["network"]
    client = cw.client(persona)
    moderates = persona in ("facilitator", "manager")
    url = reverse("communities:thread_moderate", args=[thread.pk, "remove"])
    client.post(url, {"reason": "  "})
    client.post(url, {"reason": "Because"} if not moderates else {})
    thread.refresh_from_db()
    assert not thread.is_removed and thread.removal_reason == ""
    assert not ModerationAction.objects.filter(kind=ModerationKind.REMOVE_THREAD).exists()
    api_url = f"/api/v1/communities/threads/{thread.pk}/remove"
    api = client.post(api_url, {"reason": ""}, content_type="application/json")
    assert api.status_code in ((400,) if moderates else (400, 401, 403, 404))
    if moderates:
        assert "Say why the thread is removed" in api.content.decode()
    thread.refresh_from_db()
    assert not thread.is_removed


def test_removal_and_restoring_are_logged_and_the_thread_returns(cw, removed, django_capture_on_commit_callbacks):
    log = cw.client("manager").get(reverse("communities:moderation_log", args=["home"])).content.decode()
    assert "Not for this place" in log
    with django_capture_on_commit_callbacks(execute=True):
        api = cw.client("facilitator").post(f"/api/v1/communities/threads/{removed.pk}/restore")
    assert api.status_code == 200 and api.json()["is_removed"] is False
    seen = _seen_by(cw, "manager", removed)
    assert seen["listed"] and seen["found"] and seen["api_list"]
    kinds = list(ModerationAction.objects.filter(thread=removed).values_list("kind", flat=True))
    assert kinds == [ModerationKind.RESTORE_THREAD, ModerationKind.REMOVE_THREAD]


def test_the_api_removes_with_a_reason_the_author_reads(cw):
    thread = services.start_thread(cw.user("member"), cw.network, f"{WORD} again", "Text.")
    response = cw.client("facilitator").post(
        f"/api/v1/communities/threads/{thread.pk}/remove", {"reason": "Duplicate"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["removal_reason"] == "Duplicate"
    mine = cw.client("member").get(f"/api/v1/communities/threads/{thread.pk}").json()
    assert mine["is_removed"] and mine["removal_reason"] == "Duplicate"
