"""Bad input: a clear message in the user's language, nothing changed, nothing executed."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from hevruta.communities import services
from hevruta.communities.models import Attachment, Post, Thread

pytestmark = pytest.mark.django_db

RLO = "\u202e"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _counts() -> tuple[int, int, int]:
    return Thread.objects.count(), Post.objects.count(), Attachment.objects.count()


def test_a_post_of_a_megabyte_is_refused_with_its_length(cw):
    before = _counts()
    client = cw.client("member")
    body = "א" * 1_000_000
    page = client.post(reverse("communities:reply", args=[cw.threads["public"].pk]), {"body": body})
    assert page.status_code == 400 and "1,000,000 characters long; at most 50,000" in page.content.decode()
    api = client.post(
        f"/api/v1/communities/{cw.public.pk}/threads", {"title": "Long", "body": body}, content_type="application/json"
    )
    assert api.status_code == 400 and "at most 50,000" in api.json()["detail"]
    assert _counts() == before


def test_the_refusal_is_in_the_readers_language(cw):
    client = cw.client("member")
    client.cookies["django_language"] = "he"
    with translation.override("he"):
        page = client.post(
            reverse("communities:reply", args=[cw.threads["public"].pk]),
            {"body": "x" * 60_000},
            HTTP_ACCEPT_LANGUAGE="he",
        ).content.decode()
    assert "50,000" in page and "The post is" not in page


def test_scripts_are_never_run(cw):
    hostile = '<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[x](javascript:alert(3))\n\n**ok**'
    post = services.reply(cw.user("member"), cw.threads["public"], hostile)
    html = cw.client("anonymous").get(reverse("communities:thread", args=[post.thread_id])).content.decode()
    body = html.split(f'id="post-{post.pk}"')[1].split("</li>")[0]
    tags = re.findall(r"<[^>]+>", body)
    assert "<script" not in body and not [tag for tag in tags if "onerror" in tag or "javascript" in tag.lower()]
    assert "<strong>ok</strong>" in body
    thread = services.start_thread(cw.user("member"), cw.public, "<script>alert(4)</script>", "fine")
    page = cw.client("member").get(reverse("communities:community", args=[cw.public.pk])).content.decode()
    assert "<script>alert(4)" not in page and "&lt;script&gt;alert(4)" in page
    assert thread.title == "<script>alert(4)</script>"  # kept as written, shown as text


def test_an_rtl_override_never_reaches_a_title_or_a_post(cw):
    thread = services.start_thread(cw.user("member"), cw.public, f"invoice{RLO}fdp.exe", f"see {RLO}gpj.exe{RLO} here")
    post = thread.posts.get()
    assert RLO not in thread.title and thread.title == "invoicefdp.exe"
    assert RLO not in post.body and RLO not in post.body_html
    # A title of nothing but controls is no title.
    before = _counts()
    response = cw.client("member").post(
        reverse("communities:thread_create", args=[cw.public.pk]), {"title": RLO * 3, "body": "x"}
    )
    assert response.status_code == 400 and "A thread needs a title." in response.content.decode()
    assert _counts() == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("drawing.svg", b"<svg onload='alert(1)'/>", "is not a file type that can be attached"),
        ("run.exe", b"MZ\x90\x00", "is not a file type that can be attached"),
        ("page.pdf", b"<html><script>alert(1)</script></html>", "is not really a .pdf file"),
    ],
)
def test_a_forbidden_attachment_is_refused_and_nothing_is_written(cw, name, content, message):
    before = _counts()
    response = cw.client("member").post(
        reverse("communities:thread_create", args=[cw.public.pk]),
        {"title": "With a file", "body": "See attached", "attachments": [SimpleUploadedFile(name, content)]},
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert _counts() == before


def test_a_good_attachment_is_kept_and_served_only_to_readers(cw):
    thread = services.start_thread(
        cw.user("facilitator"), cw.closed, "Minutes", "Attached", [services.Upload("minutes.pdf", io.BytesIO(PDF))]
    )
    attachment = Attachment.objects.get(post__thread=thread)
    url = reverse("communities:attachment", args=[attachment.pk, attachment.original_name])
    got = cw.client("facilitator").get(url)
    assert got.status_code == 200 and got["Content-Disposition"].startswith("attachment")
    assert b"".join(got.streaming_content) == PDF
    for persona in ("manager", "member", "outsider", "anonymous"):
        assert cw.client(persona).get(url).status_code == 404


def test_unknown_reactions_and_a_nul_are_refused(cw):
    post = cw.threads["public"].posts.get()
    client = cw.client("member")
    response = client.post(
        f"/api/v1/communities/posts/{post.pk}/reactions", {"kind": "boom"}, content_type="application/json"
    )
    assert response.status_code == 400
    response = client.post(
        f"/api/v1/communities/threads/{post.thread_id}/posts", {"body": "a\u0000b"}, content_type="application/json"
    )
    assert response.status_code == 422
