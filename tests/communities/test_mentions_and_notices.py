"""Mentions notify exactly the mentioned members who may read the post; nobody outside is named or told."""

import pytest
from django.urls import reverse

from hevruta.communities import services
from hevruta.communities.models import Membership, MemberStatus, Mention, Post
from hevruta.notifications.models import Notice

pytestmark = pytest.mark.django_db


def _kinds(user) -> list[str]:  # type: ignore[no-untyped-def]
    return list(Notice.objects.filter(recipient=user).values_list("kind", flat=True))


def test_a_mention_tells_exactly_the_members_named(cw):
    thread = cw.threads["network"]
    Notice.objects.all().delete()
    post = services.reply(cw.user("member"), thread, "Thanks @[Fay Facilitator]: see the table.")
    assert [notice.recipient for notice in Notice.objects.filter(kind="communities.mentioned")] == [
        cw.user("facilitator")
    ]
    assert list(Mention.objects.filter(post=post).values_list("person", flat=True)) == [cw.facilitator.pk]
    assert '<span class="mention" dir="auto">@Fay Facilitator</span>' in post.body_html
    # The facilitator started the thread: told once, of the mention, not again of the reply.
    assert _kinds(cw.user("facilitator")) == ["communities.mentioned"]
    assert not Notice.objects.exclude(recipient=cw.user("facilitator")).exists()


def test_a_reply_tells_the_threads_author(cw):
    Notice.objects.all().delete()
    services.reply(cw.user("member"), cw.threads["public"], "A reply.")
    (notice,) = Notice.objects.all()
    assert (notice.recipient, notice.kind) == (cw.user("facilitator"), "communities.replied")
    assert notice.url.startswith(reverse("communities:thread", args=[cw.threads["public"].pk]))


@pytest.mark.parametrize("who", ["outsider", "manager", "private"])
def test_mentioning_someone_outside_is_refused_and_changes_nothing(cw, who):
    """The outsider is in another network; the manager is in the network but not in the community; a
    member whose profile the writer may not see cannot be named either."""
    names = {"outsider": "Omar Outsider", "manager": "Maya Manager", "private": "Pazit Private"}
    if who == "private":
        services.invite(cw.user("facilitator"), cw.network, cw.world.private_person)
        Membership.objects.filter(person=cw.world.private_person).update(status=MemberStatus.ACTIVE)
    Notice.objects.all().delete()
    before = Post.objects.count()
    client = cw.client("member")
    response = client.post(
        reverse("communities:reply", args=[cw.threads["network"].pk]), {"body": f"Hello @[{names[who]}]"}
    )
    assert response.status_code == 400
    assert "Only members of this community can be mentioned" in response.content.decode()
    assert Post.objects.count() == before and not Notice.objects.exists()
    api = client.post(
        f"/api/v1/communities/threads/{cw.threads['network'].pk}/posts",
        {"body": f"Hello @[{names[who]}]"},
        content_type="application/json",
    )
    assert api.status_code == 400 and "can be mentioned" in api.json()["detail"]
    assert Post.objects.count() == before


def test_a_secret_communitys_mention_reaches_only_its_members(cw):
    member = cw.world.member
    services.invite(cw.user("facilitator"), cw.secret, member)
    # Invited, not yet a member: cannot be mentioned, and hears only of the invitation.
    with pytest.raises(Exception, match="can be mentioned"):
        services.reply(cw.user("facilitator"), cw.threads["secret"], "@[Mira Member] look")
    services.join(cw.user("member"), cw.secret)
    Notice.objects.all().delete()
    services.reply(cw.user("facilitator"), cw.threads["secret"], "@[Mira Member] look")
    assert list(Notice.objects.values_list("recipient", "kind")) == [(cw.user("member").pk, "communities.mentioned")]


def test_join_requests_and_answers_are_told(cw):
    Notice.objects.all().delete()
    services.join(cw.user("member"), cw.closed, "I coordinate maths")
    (asked,) = Notice.objects.all()
    assert (asked.recipient, asked.kind) == (cw.user("facilitator"), "communities.join_requested")
    services.answer_request(cw.user("facilitator"), cw.closed, cw.world.member.pk, accept=True)
    answered = Notice.objects.get(recipient=cw.user("member"))
    assert answered.kind == "communities.join_answered" and "accepted" in answered.text
