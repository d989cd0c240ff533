"""Its author edits a post, within the rules of writing one; the moderation log keeps the act.

The member's reply in the public community (which every persona may read) is the post edited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from hevruta.communities import services
from hevruta.communities.models import ModerationAction, ModerationKind, Post
from hevruta.communities.text import MAX_POST_CHARS
from hevruta.notifications.models import Notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(cw) -> Post:  # type: ignore[no-untyped-def]
    return services.reply(cw.user("member"), cw.threads["public"], "First words.")


def _unchanged(post: Post) -> bool:
    fresh = Post.objects.get(pk=post.pk)
    return fresh.body == "First words." and fresh.edited_at is None


def test_the_author_edits_and_the_act_is_logged(cw, post):
    Notice.objects.all().delete()
    edited = services.edit_post(cw.user("member"), post, "Better words, thanks to @[Fay Facilitator].")
    assert edited.edited_at is not None and "Better words" in edited.body_html
    action = ModerationAction.objects.get(kind=ModerationKind.EDIT_POST)
    assert (action.post, action.actor, action.community) == (edited, cw.world.member, cw.public)
    # Newly mentioned: told once; editing again does not tell her again.
    told = list(Notice.objects.values_list("recipient", "kind"))
    assert told == [(cw.user("facilitator").pk, "communities.mentioned")]
    services.edit_post(cw.user("member"), post, "Best words, thanks to @[Fay Facilitator].")
    assert Notice.objects.count() == 1


def test_edits_keep_the_rules_and_change_nothing_when_refused(cw, post):
    with pytest.raises(PermissionDenied):
        services.edit_post(cw.user("facilitator"), post, "Not mine.")
    with pytest.raises(ValidationError):
        services.edit_post(cw.user("member"), post, "x" * (MAX_POST_CHARS + 1))
    with pytest.raises(ValidationError):
        services.edit_post(cw.user("member"), post, "Hello @[Omar Outsider]")
    assert _unchanged(post)
    services.set_locked(cw.user("facilitator"), cw.threads["public"], True)
    with pytest.raises(PermissionDenied):
        services.edit_post(cw.user("member"), post, "After the lock.")
    services.set_locked(cw.user("facilitator"), cw.threads["public"], False)
    services.remove_post(cw.user("facilitator"), post, "Off topic")
    with pytest.raises(ValidationError):
        services.edit_post(cw.user("member"), post, "Undo the removal.")
    assert Post.objects.get(pk=post.pk).body == "First words."


@pytest.mark.parametrize(
    "who,expected", [("member", 302), ("facilitator", 403), ("manager", 403), ("outsider", 403), ("anonymous", 302)]
)
def test_the_edit_page_for_each_persona(cw, post, who, expected):
    url = reverse("communities:post_edit", args=[post.pk])
    client = cw.client(who)
    if who == "member":
        assert b"First words." in client.get(url).content
    response = client.post(url, {"body": "Edited on the page."})
    assert response.status_code == expected
    assert Post.objects.get(pk=post.pk).body == ("Edited on the page." if who == "member" else "First words.")
    if who == "member":
        page = client.get(reverse("communities:thread", args=[post.thread_id])).content.decode()
        assert 'data-testid="edited"' in page


def test_a_post_in_a_community_one_cannot_read_is_not_found(cw):
    secret = services.reply(cw.user("facilitator"), cw.threads["secret"], "Secret words.")
    assert cw.client("member").get(reverse("communities:post_edit", args=[secret.pk])).status_code == 404


@pytest.mark.parametrize(
    "who,expected", [("member", 200), ("facilitator", 403), ("manager", 403), ("outsider", 403), ("anonymous", 401)]
)
def test_the_api_for_each_persona(cw, post, who, expected):
    from django.test import Client

    from hevruta.accounts.services import create_api_token

    user = cw.user(who)
    headers = {"Authorization": f"Bearer {create_api_token(user, 'tests')[1]}"} if user else {}
    response = Client(headers=headers).patch(
        f"/api/v1/communities/posts/{post.pk}", {"body": "Edited by the API."}, content_type="application/json"
    )
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["edited_at"] and response.json()["body"] == "Edited by the API."
    else:
        assert _unchanged(post)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_author_adds_files_on_the_edit_page_with_the_text_or_neither(cw, post):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hevruta.communities.models import Attachment

    url = reverse("communities:post_edit", args=[post.pk])
    client = cw.client("member")
    refused = client.post(
        url, {"body": "With a program.", "attachments": [SimpleUploadedFile("run.exe", b"MZ\x90\x00")]}
    )
    assert refused.status_code == 400 and "is not a file type that can be attached" in refused.content.decode()
    assert _unchanged(post) and not Attachment.objects.exists()
    done = client.post(url, {"body": "With the plan.", "attachments": [SimpleUploadedFile("plan.pdf", PDF)]})
    assert done.status_code == 302
    assert Post.objects.get(pk=post.pk).body == "With the plan."
    assert list(Attachment.objects.filter(post=post).values_list("original_name", flat=True)) == ["plan.pdf"]
    page = client.get(reverse("communities:thread", args=[post.thread_id])).content.decode()
    assert "plan.pdf" in page
