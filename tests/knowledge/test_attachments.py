"""Attachments: checked by extension and content, limited in size, their text read and found."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hevruta.knowledge import services
from hevruta.knowledge.models import Attachment, Extraction, Resource

from .conftest import publish, published, upload, write
from .files import PNG, broken_pdf, docx, pdf

pytestmark = pytest.mark.django_db


def _refused(world, name: str, content: bytes) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        write(world.member, world.home, uploads=[upload(name, content)])
    assert not Resource.objects.exists() and not Attachment.objects.exists()  # nothing written
    return " ".join(refused.value.messages)


def test_wrong_type_is_refused_with_what_is_accepted(world):
    message = _refused(world, "page.html", b"<html><script>alert(1)</script></html>")
    assert "page.html" in message and ".pdf" in message and ".docx" in message


def test_svg_is_refused(world):
    assert "svg" in _refused(world, "logo.svg", b"<svg onload='alert(1)'></svg>")


def test_a_pdf_that_is_not_a_pdf(world):
    message = _refused(world, "worksheet.pdf", b"MZ\x90\x00 this is a program")
    assert "is not really a" in message


def test_a_docx_that_is_only_a_zip(world):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a document")
    assert "is not really a" in _refused(world, "plan.docx", buffer.getvalue())


def test_oversized(world, settings):
    settings.KNOWLEDGE_MAX_ATTACHMENT_BYTES = 1024
    message = _refused(world, "big.pdf", pdf("x" * 10) + b"%" + b"0" * 2048)
    assert "at most 1.0\xa0KB" in message


def test_too_big_for_the_page_shows_a_clear_error(world, settings):
    settings.KNOWLEDGE_MAX_ATTACHMENT_BYTES = 1024
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = world.client("member").post(
        reverse("knowledge:create"),
        {
            "network": world.home.pk,
            "kind": "tool",
            "title": "With a big file",
            "licence": "cc-by",
            "attachments": SimpleUploadedFile("big.pdf", b"%PDF-1.4" + b"0" * 4096),
        },
    )
    assert response.status_code == 200
    assert "an attachment may be at most" in response.content.decode()
    assert not Resource.objects.exists()


def test_broken_pdf_leaves_empty_text_and_a_working_resource(world):
    resource = publish(write(world.member, world.home, uploads=[upload("broken.pdf", broken_pdf())]), world.manager)
    attachment = resource.attachments.get()
    assert (attachment.text, attachment.extraction) == ("", Extraction.FAILED)
    page = world.client("member").get(reverse("knowledge:detail", args=[resource.pk]))
    assert page.status_code == 200 and "broken.pdf" in page.content.decode()


def test_pdf_and_docx_words_become_findable(world):
    resource = publish(
        write(
            world.member,
            world.home,
            title="Worksheets",
            body="See the attachments.",
            uploads=[upload("light.pdf", pdf("photosynthesis chlorophyll")), upload("plan.docx", docx("מעגל חשמלי"))],
        ),
        world.manager,
    )
    assert set(resource.attachments.values_list("extraction", flat=True)) == {Extraction.DONE}
    client = world.client("member")
    for word in ("chlorophyll", "חשמלי", "במעגל"):
        html = client.get(reverse("knowledge:list"), {"q": word}).content.decode()
        assert "Worksheets" in html, word


def test_attachment_added_after_publication_is_indexed(world):
    resource = publish(write(world.member, world.home, title="Later files"), world.manager)
    services.add_attachments(resource, world.member, [upload("later.pdf", pdf("electromagnetism"))])
    html = world.client("member").get(reverse("knowledge:list"), {"q": "electromagnetism"}).content.decode()
    assert "Later files" in html


def test_every_attachment_is_a_download_even_images(world):
    # An <img> still shows a file sent as an attachment; a browser opening it never renders it as a page.
    resource = write(world.member, world.home, uploads=[upload("a.png", PNG), upload("b.pdf", pdf("x"))])
    client = world.client("member")
    for attachment in resource.attachments.all():
        response = client.get(reverse("knowledge:attachment", args=[attachment.pk, attachment.original_name]))
        assert response.headers["Content-Disposition"].startswith("attachment")
        assert response.headers["Content-Type"] == attachment.mime_type
        assert response.headers["X-Content-Type-Options"] == "nosniff"


DRAFT_READERS = {"manager": 200, "member": 200, "outsider": 404, "anonymous": 404}


def test_a_draft_attachment_is_served_to_its_author_and_curators_only(world, persona):
    # The member wrote the draft; the manager of "home" curates it.
    attachment = write(world.member, world.home, uploads=[upload("plan.pdf", pdf("x"))]).attachments.get()
    client = world.client(persona)
    response = client.get(reverse("knowledge:attachment", args=[attachment.pk, attachment.original_name]))
    assert response.status_code == DRAFT_READERS[persona]
    if response.status_code == 200:
        assert response.headers["Cache-Control"] == "private, no-store"
        assert response.headers["Content-Disposition"].startswith("attachment")
    assert client.get("/media/" + attachment.file.name).status_code == 404


def test_a_published_public_attachment_is_served_to_everyone_and_may_be_cached(world, persona):
    attachment = published(world.outsider, world.away, world.outsider, uploads=[upload("open.pdf", pdf("x"))])
    attachment = attachment.attachments.get()
    response = world.client(persona).get(reverse("knowledge:attachment", args=[attachment.pk, "open.pdf"]))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=3600"
    assert response.headers["Content-Disposition"].startswith("attachment")


def test_too_many_attachments(world):
    resource = write(world.member, world.home)
    with pytest.raises(ValidationError):
        services.add_attachments(resource, world.member, [upload(f"{n}.png", PNG) for n in range(11)])
    assert not resource.attachments.exists()


def test_api_upload_errors_are_json(world):
    resource = write(world.member, world.home)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = world.client("member").post(
        f"/api/v1/knowledge/resources/{resource.pk}/attachments",
        {"files": [SimpleUploadedFile("x.pdf", b"not a pdf at all")]},
    )
    assert response.status_code == 400 and "is not really a" in response.json()["detail"]
    ok = world.client("member").post(
        f"/api/v1/knowledge/resources/{resource.pk}/attachments",
        {"files": [SimpleUploadedFile("x.pdf", pdf("fine"))]},
    )
    assert ok.status_code == 201 and ok.json()[0]["text_extraction"] == "done"
