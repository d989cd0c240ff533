"""Who sees and reads which community, for the four personas and a facilitator, on every page and endpoint.

Secret: only its members know it exists (404 for everyone else, never listed, found, counted or named).
Closed: its name and purpose are listed to those who see the network; its threads only to its members."""

import pytest
from django.urls import reverse

from .conftest import CLOSED_WORD, SECRET_WORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def cw(shared_cw, db):  # type: ignore[no-untyped-def]
    """Every test here only reads the communities (what it writes, its savepoint takes back): one world
    for the module instead of one a test."""
    return shared_cw


SEES = {
    "public": {"manager", "member", "outsider", "anonymous", "facilitator"},
    "network": {"manager", "member", "facilitator"},
    "closed": {"manager", "member", "facilitator"},  # "home" is a members-only network
    "secret": {"facilitator"},
}
READS = {
    "public": {"manager", "member", "outsider", "anonymous", "facilitator"},
    "network": {"manager", "member", "facilitator"},
    "closed": {"facilitator"},
    "secret": {"facilitator"},
}


def test_the_list_shows_each_community_to_whom_it_should(cw, persona):
    html = cw.client(persona).get(reverse("communities:list")).content.decode()
    for visibility, seers in SEES.items():
        assert (cw.community(visibility).name in html) == (persona in seers), (visibility, persona)


@pytest.mark.parametrize("visibility", list(SEES))
def test_the_community_page(cw, persona, visibility):
    community, thread = cw.community(visibility), cw.threads[visibility]
    response = cw.client(persona).get(reverse("communities:community", args=[community.pk]))
    if persona not in SEES[visibility]:
        assert response.status_code == 404
        assert community.name not in response.content.decode()
        return
    html = response.content.decode()
    assert response.status_code == 200 and community.name in html and community.purpose in html
    assert (thread.title in html) == (persona in READS[visibility])
    if persona not in READS[visibility]:
        assert 'data-testid="closed-notice"' in html


@pytest.mark.parametrize("visibility", list(SEES))
def test_the_thread_and_members_pages(cw, persona, visibility):
    thread, community = cw.threads[visibility], cw.community(visibility)
    client = cw.client(persona)
    response = client.get(reverse("communities:thread", args=[thread.pk]))
    members = client.get(reverse("communities:members", args=[community.pk]))
    if persona in READS[visibility]:
        assert response.status_code == 200 and thread.title in response.content.decode()
        # Names of profiles the reader may see; others are "a member" (Fay shows hers to her networks).
        shares_network = persona in ("manager", "member", "facilitator")
        assert members.status_code == 200 and ("Fay Facilitator" in members.content.decode()) == shares_network
    else:
        assert response.status_code == 404 and thread.title not in response.content.decode()
        assert members.status_code == (403 if persona in SEES[visibility] else 404)


@pytest.mark.parametrize("visibility", list(SEES))
def test_the_api_answers_as_the_pages(cw, persona, visibility):
    community, thread = cw.community(visibility), cw.threads[visibility]
    client = cw.client(persona)
    listed = client.get("/api/v1/communities?limit=100").json()["items"]
    assert (community.pk in [row["id"] for row in listed]) == (persona in SEES[visibility])
    detail = client.get(f"/api/v1/communities/{community.pk}")
    assert detail.status_code == (200 if persona in SEES[visibility] else 404)
    threads = client.get(f"/api/v1/communities/{community.pk}/threads")
    expected = 200 if persona in READS[visibility] else 403 if persona in SEES[visibility] else 404
    assert threads.status_code == expected
    one = client.get(f"/api/v1/communities/threads/{thread.pk}")
    assert one.status_code == (200 if persona in READS[visibility] else 404)
    if persona in READS[visibility]:
        assert one.json()["posts"][0]["body"].startswith("About")


def test_search_finds_only_what_the_persona_may_read(cw, persona):
    client = cw.client(persona)
    for word, visibility in ((SECRET_WORD, "secret"), (CLOSED_WORD, "closed"), ("Networkword", "network")):
        page = client.get(reverse("communities:search"), {"q": word}).content.decode()
        api = client.get("/api/v1/communities/search", {"q": word}).json()
        found = persona in READS[visibility]
        link = reverse("communities:thread", args=[cw.threads[visibility].pk])
        assert (f'href="{link}"' in page) == found, (word, persona)
        assert (cw.threads[visibility].pk in [hit["id"] for hit in api["items"] if hit["kind"] == "thread"]) == found
        assert api["total"] == (1 if found else 0)


@pytest.mark.parametrize("persona", ["manager", "member", "outsider", "anonymous"])
def test_a_secret_community_is_named_nowhere_to_others(cw, persona):
    """Lists, search (by its name too), the home page, the API, notices and one's own posts."""
    client = cw.client(persona)
    urls = [
        reverse("core:home"),
        reverse("communities:list"),
        reverse("communities:list") + "?q=Secret",
        reverse("communities:search") + "?q=Secret",
        reverse("communities:search") + f"?q={SECRET_WORD}",
        "/api/v1/communities?limit=100",
        "/api/v1/communities?q=Secret",
        "/api/v1/communities/search?q=Secret",
    ]
    if persona != "anonymous":
        urls += [reverse("notifications:list"), "/api/v1/notifications", reverse("communities:my_posts")]
    secret = cw.secret
    # The query itself is echoed in the search box: look for what only the community holds.
    traces = (
        "Secret community",
        reverse("communities:community", args=[secret.pk]),
        reverse("communities:thread", args=[cw.threads["secret"].pk]),
        f"About {SECRET_WORD}",
        f'"id": {secret.pk}, "name"',
    )
    for url in urls:
        body = client.get(url).content.decode()
        assert not [trace for trace in traces if trace in body], url


def test_the_home_card_lists_my_communities_with_unread_threads(cw, django_capture_on_commit_callbacks):
    home = cw.client("member").get(reverse("core:home")).content.decode()
    card = home.split('data-card="my-communities"')[1].split("</section>")[0]
    assert "Public community" in card and "Network community" in card and "Secret community" not in card
    assert card.count('data-testid="unread"') == 2  # each has the facilitator's first thread, not read yet
    cw.client("member").get(reverse("communities:thread", args=[cw.threads["public"].pk]))
    card = cw.client("member").get(reverse("core:home")).content.decode().split('data-card="my-communities"')[1]
    assert card.split("</section>")[0].count('data-testid="unread"') == 1
    facilitator = cw.client("facilitator").get(reverse("core:home")).content.decode()
    assert "Secret community" in facilitator.split('data-card="my-communities"')[1].split("</section>")[0]
