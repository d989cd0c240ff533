"""Files through the API: a post's author attaches them where the page would let them write; a file goes
to whoever the page would give it (rules.can_download); a refused file says why, in the reader's
language, and nothing is stored."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from hevruta.communities import services
from hevruta.communities.models import MAX_ATTACHMENTS, Attachment, Post, PostStatus, Thread
from tests.factories import PersonFactory, UserFactory, member

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _upload(client, post: Post, *files):  # type: ignore[no-untyped-def]
    return client.post(f"/api/v1/communities/posts/{post.pk}/attachments", {"files": list(files)})


def _pdf(name: str = "plan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _stored() -> list[str]:
    folder = Path(settings.MEDIA_ROOT) / "communities"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


@pytest.fixture
def members_post(cw) -> Post:  # type: ignore[no-untyped-def]
    return services.reply(cw.user("member"), cw.threads["network"], "The plan is attached.")


@pytest.mark.parametrize("persona", ["manager", "facilitator", "member", "outsider", "anonymous"])
def test_only_the_author_attaches_and_everyone_the_page_allows_downloads(cw, members_post, persona):
    response = _upload(cw.client(persona), members_post, _pdf(), SimpleUploadedFile("photo.png", PNG))
    if persona != "member":
        assert response.status_code in (401, 403, 404)
        assert not Attachment.objects.exists() and _stored() == []
        return
    assert response.status_code == 201
    rows = response.json()
    assert [(row["name"], row["mime_type"]) for row in rows] == [
        ("plan.pdf", "application/pdf"),
        ("photo.png", "image/png"),
    ]
    download = rows[0]["download"]
    assert download == f"/api/v1/communities/attachments/{rows[0]['id']}"
    readers = {"manager", "facilitator", "member"}  # the network community: its network's members read it
    for reader in ("manager", "facilitator", "member", "outsider", "anonymous"):
        got = cw.client(reader).get(download)
        assert got.status_code == (200 if reader in readers else 404), reader
        if reader in readers:
            assert b"".join(got.streaming_content) == PDF
    thread = cw.client("member").get(f"/api/v1/communities/threads/{cw.threads['network'].pk}").json()
    (post,) = [post for post in thread["posts"] if post["id"] == members_post.pk]
    assert [file["download"] for file in post["attachments"]] == [row["download"] for row in rows]


@pytest.mark.parametrize(
    ("name", "content", "english"),
    [
        ("drawing.svg", b"<svg onload='alert(1)'/>", "is not a file type that can be attached"),
        ("run.exe", b"MZ\x90\x00", "is not a file type that can be attached"),
        ("page.pdf", b"<html><script>alert(1)</script></html>", "is not really a .pdf file"),
    ],
)
def test_a_forbidden_file_is_refused_with_a_message_and_nothing_is_stored(cw, members_post, name, content, english):
    response = _upload(cw.client("member"), members_post, _pdf("good.pdf"), SimpleUploadedFile(name, content))
    assert response.status_code == 400 and english in response.json()["detail"]
    assert not Attachment.objects.exists() and _stored() == []


def test_the_message_is_in_the_readers_language(cw, members_post):
    response = cw.client("member").post(
        f"/api/v1/communities/posts/{members_post.pk}/attachments",
        {"files": [SimpleUploadedFile("run.exe", b"MZ")]},
        headers={"Accept-Language": "he"},
    )
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "is not a file type" not in detail and any("\u0590" <= char <= "\u05ff" for char in detail)


def test_a_file_over_the_limit_and_too_many_files_are_refused(cw, members_post, settings):
    settings.KNOWLEDGE_MAX_ATTACHMENT_BYTES = 20
    response = _upload(cw.client("member"), members_post, _pdf())
    assert response.status_code == 400 and "attachments:" in response.json()["detail"]
    settings.KNOWLEDGE_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
    assert _upload(cw.client("member"), members_post, _pdf("one.pdf")).status_code == 201
    response = _upload(cw.client("member"), members_post, *[_pdf(f"{n}.pdf") for n in range(MAX_ATTACHMENTS)])
    assert response.status_code == 400
    with translation.override("en"):
        assert (
            gettext("At most %(limit)s files a post; this one has %(count)s already.")
            % {
                "limit": MAX_ATTACHMENTS,
                "count": 1,
            }
            in response.json()["detail"]
        )
    assert Attachment.objects.count() == 1 and len(_stored()) == 1


def test_no_file_is_refused(cw, members_post):
    response = cw.client("member").post(f"/api/v1/communities/posts/{members_post.pk}/attachments", {})
    assert response.status_code in (400, 422)
    assert not Attachment.objects.exists()


def test_no_files_on_a_removed_hidden_or_locked_thread(cw, members_post):
    client = cw.client("member")
    Post.objects.filter(pk=members_post.pk).update(status=PostStatus.HIDDEN)
    assert _upload(client, members_post, _pdf()).status_code == 400
    Post.objects.filter(pk=members_post.pk).update(status=PostStatus.VISIBLE)
    Thread.objects.filter(pk=members_post.thread_id).update(is_locked=True)
    assert _upload(client, members_post, _pdf()).status_code == 403
    Thread.objects.filter(pk=members_post.thread_id).update(is_locked=False, is_removed=True, removal_reason="x")
    # The thread is the facilitator's: removed, it no longer opens to the member who replied in it.
    assert _upload(client, members_post, _pdf()).status_code == 404
    assert not Attachment.objects.exists()


def test_files_of_a_closed_community_go_to_its_members_only(cw):
    thread = services.start_thread(
        cw.user("facilitator"), cw.closed, "Minutes", "Attached", [services.Upload("minutes.pdf", io.BytesIO(PDF))]
    )
    attachment = Attachment.objects.get(post__thread=thread)
    url = f"/api/v1/communities/attachments/{attachment.pk}"
    assert cw.client("facilitator").get(url).status_code == 200
    for persona in ("manager", "member", "outsider", "anonymous"):
        response = cw.client(persona).get(url)
        assert response.status_code == 404 and response.json()["detail"] == "No such file, or it is not shown to you."


def test_files_of_a_removed_thread_go_to_its_author_and_moderators_only(cw):
    """The page's rule too, which once let any reader of the community fetch them."""
    thread = services.start_thread(
        cw.user("member"), cw.network, "With a file", "Attached", [services.Upload("plan.pdf", io.BytesIO(PDF))]
    )
    attachment = Attachment.objects.get(post__thread=thread)
    reader = UserFactory(email="reader@example.org")  # in the network, reads the community, moderates nothing
    member(cw.world.home, PersonFactory(user=reader, email=reader.email))
    reader_client = Client()
    reader_client.force_login(reader)
    api = f"/api/v1/communities/attachments/{attachment.pk}"
    page = reverse("communities:attachment", args=[attachment.pk, attachment.original_name])
    assert reader_client.get(api).status_code == 200 and reader_client.get(page).status_code == 200
    services.remove_thread(cw.user("facilitator"), thread, "Duplicate")
    for persona, allowed in (("member", True), ("facilitator", True), ("manager", True), ("outsider", False)):
        for url in (api, page):
            assert cw.client(persona).get(url).status_code == (200 if allowed else 404), (persona, url)
    assert reader_client.get(api).status_code == 404 and reader_client.get(page).status_code == 404
