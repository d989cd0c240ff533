"""The managers of a community's network remove and restore its posts and threads as its facilitators
do (rules.moderates_post, rules.moderates_thread), on the pages and through the API, and their acts are
logged alike. A manager of another network is refused; so are members, outsiders and the anonymous. A
closed or secret community is moderated by a manager only if they belong to it (they read it then)."""

import pytest
from django.urls import reverse

from hevruta.communities import services
from hevruta.communities.models import ModerationAction, ModerationKind, Post, PostStatus, Thread
from hevruta.directory.models import MembershipRole
from tests.factories import PersonFactory, UserFactory, member

pytestmark = pytest.mark.django_db

MODERATORS = ("manager", "facilitator")
EVERYONE = ("manager", "facilitator", "member", "outsider", "anonymous", "away_manager")


@pytest.fixture
def away_manager(cw):  # type: ignore[no-untyped-def]
    """A manager of "away", the other network: in no community of "home"."""
    user = UserFactory(email="away.manager@example.org")
    person = PersonFactory(user=user, email=user.email, given_name="Avi", family_name="Awaymanager")
    member(cw.world.away, person, MembershipRole.MANAGER)
    return user


def _client(cw, persona: str, away_manager):  # type: ignore[no-untyped-def]
    if persona != "away_manager":
        return cw.client(persona)
    from django.test import Client

    client = Client()
    client.force_login(away_manager)
    return client


def _members_post(cw, community) -> Post:  # type: ignore[no-untyped-def]
    """A reply by the member (the author who is told), in a thread of the community."""
    return services.reply(cw.user("member"), cw.threads[community], "A reply that goes too far.")


def _members_thread(cw, community: str) -> Thread:  # type: ignore[no-untyped-def]
    return services.start_thread(cw.user("member"), cw.community(community), "A thread of the member", "Text.")


@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize("community", ["public", "network"])
def test_a_post_is_removed_and_restored_by_its_moderators_only(cw, away_manager, persona, community):
    post = _members_post(cw, community)
    client = _client(cw, persona, away_manager)
    allowed = persona in MODERATORS
    page = client.post(reverse("communities:post_action", args=[post.pk, "remove"]), {"reason": "Off topic"})
    assert page.status_code in (302, 404)
    post.refresh_from_db()
    assert (post.status == PostStatus.REMOVED) is allowed
    if not allowed:
        api = client.post(
            f"/api/v1/communities/posts/{post.pk}/remove", {"reason": "Off topic"}, content_type="application/json"
        )
        assert api.status_code in (401, 403, 404)
        post.refresh_from_db()
        assert post.status == PostStatus.VISIBLE
        assert not ModerationAction.objects.filter(post=post).exists()
        return
    api = client.post(f"/api/v1/communities/posts/{post.pk}/restore")
    assert api.status_code == 200 and api.json()["status"] == PostStatus.VISIBLE
    actor = cw.user(persona).person
    logged = list(ModerationAction.objects.filter(post=post).values_list("kind", "actor", "reason"))
    assert logged == [
        (ModerationKind.RESTORE_POST, actor.pk, ""),
        (ModerationKind.REMOVE_POST, actor.pk, "Off topic"),
    ]


@pytest.mark.parametrize("persona", EVERYONE)
def test_a_thread_is_removed_and_restored_by_its_moderators_only(cw, away_manager, persona):
    thread = _members_thread(cw, "public")  # a public community: every persona opens the thread
    client = _client(cw, persona, away_manager)
    allowed = persona in MODERATORS
    api = client.post(
        f"/api/v1/communities/threads/{thread.pk}/remove", {"reason": "Duplicate"}, content_type="application/json"
    )
    thread.refresh_from_db()
    assert thread.is_removed is allowed
    if not allowed:
        assert api.status_code == (401 if persona == "anonymous" else 403)
        assert "facilitators and its network's managers" in api.json()["detail"] or persona == "anonymous"
        page = client.post(reverse("communities:thread_moderate", args=[thread.pk, "remove"]), {"reason": "Duplicate"})
        assert page.status_code == 302
        thread.refresh_from_db()
        assert not thread.is_removed and not ModerationAction.objects.filter(thread=thread).exists()
        return
    assert api.status_code == 200 and api.json()["removal_reason"] == "Duplicate"
    # The moderator still opens the removed thread, and finds it in the community's list to restore it.
    listed = client.get(reverse("communities:community", args=[cw.public.pk])).content.decode()
    assert f'href="{reverse("communities:thread", args=[thread.pk])}' in listed
    page = client.get(reverse("communities:thread", args=[thread.pk]))
    assert page.status_code == 200 and 'data-testid="moderation"' in page.content.decode()
    restored = client.post(reverse("communities:thread_moderate", args=[thread.pk, "restore"]))
    assert restored.status_code == 302
    thread.refresh_from_db()
    assert not thread.is_removed
    kinds = list(ModerationAction.objects.filter(thread=thread, actor=cw.user(persona).person).values_list("kind"))
    assert kinds == [(ModerationKind.RESTORE_THREAD,), (ModerationKind.REMOVE_THREAD,)]


def test_a_manager_sees_the_remove_buttons_but_not_the_facilitators_own_tools(cw):
    post = _members_post(cw, "network")
    page = cw.client("manager").get(reverse("communities:thread", args=[cw.threads["network"].pk])).content.decode()
    assert f"{post.pk}/remove/" in page and "remove-thread" in page
    assert reverse("communities:thread_moderate", args=[cw.threads["network"].pk, "pin"]) not in page
    member_page = cw.client("member").get(reverse("communities:thread", args=[cw.threads["network"].pk]))
    assert f"{post.pk}/remove/" not in member_page.content.decode()


def test_a_manager_reads_and_decides_on_a_post_hidden_by_reports(cw):
    post = _members_post(cw, "network")
    Post.objects.filter(pk=post.pk).update(status=PostStatus.HIDDEN)
    thread_url = reverse("communities:thread", args=[cw.threads["network"].pk])
    assert "A reply that goes too far." in cw.client("manager").get(thread_url).content.decode()
    response = cw.client("manager").post(reverse("communities:post_action", args=[post.pk, "restore"]))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == PostStatus.VISIBLE


@pytest.mark.parametrize("community", ["closed", "secret"])
def test_a_manager_outside_a_closed_or_secret_community_does_not_moderate_it(cw, community):
    """They cannot read it: its posts are not found (404), nothing changes; once a member, they may."""
    thread = cw.threads[community]
    post = thread.posts.get()
    client = cw.client("manager")
    api = client.post(
        f"/api/v1/communities/posts/{post.pk}/remove", {"reason": "Checking"}, content_type="application/json"
    )
    assert api.status_code == 404
    api = client.post(
        f"/api/v1/communities/threads/{thread.pk}/remove", {"reason": "Checking"}, content_type="application/json"
    )
    assert api.status_code == 404
    thread.refresh_from_db()
    post.refresh_from_db()
    assert not thread.is_removed and post.status == PostStatus.VISIBLE
    services.invite(cw.user("facilitator"), cw.community(community), cw.world.manager)
    services.join(cw.user("manager"), cw.community(community))
    api = client.post(
        f"/api/v1/communities/threads/{thread.pk}/remove", {"reason": "Checking"}, content_type="application/json"
    )
    assert api.status_code == 200 and api.json()["is_removed"] is True


def test_the_log_names_the_manager_who_acted(cw):
    post = _members_post(cw, "network")
    services.remove_post(cw.user("manager"), post, "Personal details")
    log = cw.client("manager").get(reverse("communities:moderation_log", args=["home"])).content.decode()
    assert "Personal details" in log and "Maya Manager" in log
    api = cw.client("manager").get("/api/v1/communities/networks/home/moderation").json()
    assert (api[0]["kind"], api[0]["actor"], api[0]["post_id"]) == ("remove_post", "Maya Manager", post.pk)
