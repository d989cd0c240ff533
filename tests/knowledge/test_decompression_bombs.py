"""A small zip that unpacks to something huge is refused before any parser opens it.

A 495 KB .docx holding 200 MB of XML once took 18 s and 1.3 GB in the web process. The bound is on what
the zip's directory declares (sizes, ratio, number of members), read without unpacking anything.
"""

import io
import time
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from hevruta.core import uploads
from hevruta.knowledge.extraction import extract_text
from hevruta.knowledge.models import Attachment, Extraction, FileType, Resource

from .conftest import upload, write
from .files import docx

pytestmark = pytest.mark.django_db


def bomb(unpacked_bytes: int = 40 * 1024 * 1024, *, members: int = 0) -> bytes:
    """A real .docx (python-docx made it) whose document.xml is padded with spaces, and optionally many members."""
    source = zipfile.ZipFile(io.BytesIO(docx("Hello")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml" and unpacked_bytes:
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * unpacked_bytes, 1)
            archive.writestr(item.filename, data)
        for number in range(members):  # python-docx's file already has some customXml members
            archive.writestr(f"extra/item{number}.xml", b"<a/>")
    return out.getvalue()


def test_a_bomb_is_small_and_unpacks_to_a_lot():
    content = bomb()
    assert len(content) < 200 * 1024
    assert sum(item.file_size for item in zipfile.ZipFile(io.BytesIO(content)).infolist()) > 40 * 1024 * 1024


def test_a_high_compression_ratio_is_refused_with_a_clear_message(world):
    with pytest.raises(ValidationError) as refused:
        write(world.member, world.home, uploads=[upload("plan.docx", bomb())])
    message = " ".join(refused.value.messages)
    assert "plan.docx" in message and "would unpack to 40.8\xa0MB" in message
    assert not Resource.objects.exists() and not Attachment.objects.exists()


def test_too_much_unpacked_is_refused_whatever_the_ratio(world, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UNCOMPRESSED_BYTES", 1024 * 1024)
    monkeypatch.setattr(uploads, "RATIO_APPLIES_FROM", 10**12)
    with pytest.raises(ValidationError, match="would unpack to"):
        write(world.member, world.home, uploads=[upload("plan.docx", bomb(2 * 1024 * 1024))])


def test_too_many_members_are_refused(world, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_ARCHIVE_MEMBERS", 50)
    with pytest.raises(ValidationError, match=r"holds \d\d files inside; a document may hold at most 50"):
        write(world.member, world.home, uploads=[upload("plan.docx", bomb(0, members=60))])


def test_an_ordinary_document_passes_and_is_read(world):
    resource = write(world.member, world.home, uploads=[upload("plan.docx", docx("מעגל חשמלי " * 2000))])
    assert resource.attachments.get().extraction == Extraction.DONE


def test_the_page_refuses_it_quickly_in_the_readers_language(world):
    started = time.process_time()
    with translation.override("he"):
        response = world.client("member").post(
            reverse("knowledge:create"),
            {
                "network": world.home.pk,
                "kind": "tool",
                "title": "Bomb",
                "licence": "cc-by",
                "attachments": SimpleUploadedFile("plan.docx", bomb(200 * 1024 * 1024)),
            },
            headers={"accept-language": "he"},
        )
    assert time.process_time() - started < 5  # measured nothing of the 200 MB: refused from the directory
    assert response.status_code == 200
    assert "plan.docx" in response.content.decode()
    assert not Resource.objects.exists()


def test_the_api_refuses_it_as_json(world):
    resource = write(world.member, world.home)
    response = world.client("member").post(
        f"/api/v1/knowledge/resources/{resource.pk}/attachments",
        {"files": [SimpleUploadedFile("plan.docx", bomb())]},
    )
    assert response.status_code == 400 and "would unpack to" in response.json()["detail"]
    assert not resource.attachments.exists()


def test_a_bomb_kept_before_the_bound_is_not_parsed_by_the_extraction():
    status = extract_text(FileType.DOCUMENT, "old.docx", io.BytesIO(bomb()))
    assert status == ("", Extraction.FAILED)
