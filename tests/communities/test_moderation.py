"""Facilitators pin, lock, move and remove; members report; a post reported up to the threshold is hidden
until a facilitator decides; every act is logged for the network's managers; a removed member keeps
reading their own posts."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from hevruta.communities import services
from hevruta.communities.models import ModerationAction, ModerationKind, PostStatus
from hevruta.notifications.models import Notice
from tests.factories import PersonFactory, UserFactory, member

from .conftest import open_community

pytestmark = pytest.mark.django_db


def _members(cw, count: int) -> list:  # type: ignore[no-untyped-def]
    users = []
    for n in range(count):
        user = UserFactory(email=f"reporter{n}@example.org")
        member(cw.world.home, PersonFactory(user=user, email=user.email, given_name="Reporter", family_name=str(n)))
        services.join(user, cw.network)
        users.append(user)
    return users


def test_a_post_reported_up_to_the_threshold_is_hidden_until_a_facilitator_decides(cw):
    cw.network.report_threshold = 2
    cw.network.save()
    post = services.reply(cw.user("member"), cw.threads["network"], "Something rude")
    first, second = _members(cw, 2)
    assert services.report(first, post, "rude").status == PostStatus.VISIBLE
    with pytest.raises(ValidationError, match="already reported"):
        services.report(first, post)
    Notice.objects.all().delete()
    assert services.report(second, post, "rude").status == PostStatus.HIDDEN
    assert [n.recipient for n in Notice.objects.filter(kind="communities.reports_reached")] == [cw.user("facilitator")]
    url = reverse("communities:thread", args=[post.thread_id])
    first_client = Client()
    first_client.force_login(first)  # a reader who neither wrote nor moderates it
    reader = first_client.get(url).content.decode()
    assert "Something rude" not in reader and 'data-testid="hidden"' in reader
    assert "Something rude" in cw.client("member").get(url).content.decode()  # its author
    assert "Something rude" in cw.client("facilitator").get(url).content.decode()
    assert "Something rude" in cw.client("manager").get(url).content.decode()  # the network's manager decides too
    services.restore_post(cw.user("facilitator"), post)
    assert "Something rude" in first_client.get(url).content.decode()
    kinds = list(ModerationAction.objects.filter(post=post).values_list("kind", flat=True))
    assert kinds == [ModerationKind.RESTORE_POST, ModerationKind.HIDE_POST]


def test_removal_tells_the_author_the_reason_and_is_logged_for_managers(cw):
    post = services.reply(cw.user("member"), cw.threads["network"], "Off topic")
    with pytest.raises(ValidationError, match="Say why"):
        services.remove_post(cw.user("facilitator"), post, "  ")
    for refused in ("outsider", "anonymous"):
        with pytest.raises(PermissionDenied):
            services.remove_post(cw.user(refused), post, "no")
    services.remove_post(cw.user("facilitator"), post, "Please keep to the topic")
    notice = Notice.objects.get(recipient=cw.user("member"), kind="communities.post_removed")
    assert "Please keep to the topic" in notice.text
    log = cw.client("manager").get(reverse("communities:moderation_log", args=["home"])).content.decode()
    assert "Please keep to the topic" in log and "Removed a post" in log
    for persona in ("member", "facilitator", "outsider"):
        assert cw.client(persona).get(reverse("communities:moderation_log", args=["home"])).status_code in (403, 404)
    assert cw.client("anonymous").get(reverse("communities:moderation_log", args=["home"])).status_code == 302
    api = cw.client("manager").get("/api/v1/communities/networks/home/moderation").json()
    assert api[0]["kind"] == "remove_post" and api[0]["reason"] == "Please keep to the topic"
    assert cw.client("member").get("/api/v1/communities/networks/home/moderation").status_code == 403


def test_the_log_keeps_a_secret_community_from_managers_outside_it(cw):
    post = services.reply(cw.user("facilitator"), cw.threads["secret"], "x")
    services.set_pinned(cw.user("facilitator"), cw.threads["secret"], True)
    services.remove_post(cw.user("facilitator"), post, "Secret reason")
    log = cw.client("manager").get(reverse("communities:moderation_log", args=["home"])).content.decode()
    assert "Secret reason" not in log and "Secret community" not in log


def test_pin_lock_move_and_answer(cw):
    thread, facilitator = cw.threads["network"], cw.user("facilitator")
    services.set_pinned(facilitator, thread, True)
    services.set_locked(facilitator, thread, True)
    with pytest.raises(PermissionDenied, match="locked"):
        services.reply(cw.user("member"), thread, "late")
    services.reply(facilitator, thread, "Facilitators may still write")
    services.set_locked(facilitator, thread, False)
    answer = services.reply(cw.user("member"), thread, "The answer")
    with pytest.raises(PermissionDenied):
        services.mark_answered(cw.user("member"), thread, answer)  # not the thread's author
    services.mark_answered(facilitator, thread, answer)
    other_network = open_community(cw.user("outsider"), cw.world.away, "Away community", "public")
    with pytest.raises(PermissionDenied, match="another community you facilitate"):
        services.move_thread(facilitator, thread, other_network)
    services.move_thread(facilitator, thread, cw.public)
    thread.refresh_from_db()
    assert thread.community == cw.public and thread.is_pinned and thread.answer == answer
    kinds = set(ModerationAction.objects.filter(thread=thread).values_list("kind", flat=True))
    assert {"pin", "lock", "unlock", "move"} <= kinds


def test_a_removed_member_keeps_reading_their_own_posts(cw):
    services.join(cw.user("member"), cw.closed)
    services.answer_request(cw.user("facilitator"), cw.closed, cw.world.member.pk, accept=True)
    thread = cw.threads["closed"]
    post = services.reply(cw.user("member"), thread, "My own words")
    with pytest.raises(ValidationError, match="already a member"):
        services.join(cw.user("member"), cw.closed)
    services.remove_member(cw.user("facilitator"), cw.closed, cw.world.member.pk, "left the school")
    with pytest.raises(PermissionDenied):
        services.reply(cw.user("member"), thread, "again")
    with pytest.raises(PermissionDenied, match="removed"):
        services.join(cw.user("member"), cw.closed)
    client = cw.client("member")
    assert client.get(reverse("communities:thread", args=[thread.pk])).status_code == 404
    mine = client.get(reverse("communities:my_posts")).content.decode()
    assert "My own words" in mine and "Closed community" in mine
    assert client.get("/api/v1/communities/posts/mine").json()[0]["id"] == post.pk
    assert ModerationAction.objects.filter(kind=ModerationKind.REMOVE_MEMBER, reason="left the school").exists()
