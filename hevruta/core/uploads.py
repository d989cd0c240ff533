"""Checking an uploaded file before it is kept: its name, size, and whether its bytes are what its name says.

An extension alone is a claim; the bytes are the proof. A .pdf must start with %PDF-, a .docx must be a zip
holding word/document.xml, and so on. SVG and HTML are never accepted: a browser runs their scripts.

A zip (every Office Open XML and OpenDocument file) is also measured before anything reads it: a 495 KB
.docx can hold 200 MB of XML, which a parser would then hold in memory. The sizes and the number of its
members, as its directory declares them, are bounded (`check_archive`). Python's zipfile never gives more
bytes of a member than its declared size, so a lying directory cannot get around the bound.
"""

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .doc, .xls and .ppt

# The member every Office Open XML and OpenDocument package of that kind must hold.
ZIP_MEMBERS = {
    ".docx": "word/document.xml",
    ".xlsx": "xl/workbook.xml",
    ".pptx": "ppt/presentation.xml",
    ".odt": "content.xml",
    ".ods": "content.xml",
    ".odp": "content.xml",
}


# A whole package unpacked; a text document's XML is rarely above a few MB, pictures are stored as they are.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
# Office XML compresses about ten times; a hundred times and more is what a bomb looks like.
MAX_COMPRESSION_RATIO = 100
# Below this much unpacked, any ratio is harmless (a tiny file of repeated spaces).
RATIO_APPLIES_FROM = 10 * 1024 * 1024
# A document has tens of members, a large presentation a few thousand.
MAX_ARCHIVE_MEMBERS = 10_000


@dataclass(frozen=True)
class CheckedFile:
    name: str
    extension: str
    size: int


def safe_name(name: str | None, limit: int = 200) -> str:
    """The last path component of what the browser sent, never a path."""
    return PurePath((name or "file").replace("\\", "/")).name[:limit] or "file"


def starts_right(extension: str, head: bytes) -> bool:
    if extension == ".pdf":
        # A PDF may carry a few bytes of junk before its header; readers accept up to 1 KB.
        return b"%PDF-" in head[:1024]
    if extension == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in (".jpg", ".jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension == ".gif":
        return head[:6] in (b"GIF87a", b"GIF89a")
    if extension == ".webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if extension in (".doc", ".xls", ".ppt"):
        return head.startswith(OLE2)
    return head.startswith(b"PK\x03\x04")


def _zip_holds(handle: IO[bytes], member: str) -> bool:
    try:
        with zipfile.ZipFile(handle) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def check_archive(name: str, handle: IO[bytes], size: int) -> None:
    """Refuse a zip whose members, unpacked, would be too many or too large, before any parser opens it."""
    try:
        with zipfile.ZipFile(handle) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a readable zip: the content check says so
    finally:
        handle.seek(0)
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise ValidationError(
            _("“%(name)s” holds %(count)s files inside; a document may hold at most %(limit)s.")
            % {"name": name, "count": len(members), "limit": MAX_ARCHIVE_MEMBERS},
            code="archive_members",
        )
    unpacked = sum(member.file_size for member in members)
    sizes = {"name": name, "unpacked": filesizeformat(unpacked), "size": filesizeformat(size)}
    if unpacked > MAX_UNCOMPRESSED_BYTES:
        raise ValidationError(
            _(
                "“%(name)s” would unpack to %(unpacked)s; a document may hold at most %(limit)s. "
                "Make it smaller (fewer or smaller pictures), or attach it as a PDF."
            )
            % {**sizes, "limit": filesizeformat(MAX_UNCOMPRESSED_BYTES)},
            code="archive_size",
        )
    if unpacked >= RATIO_APPLIES_FROM and unpacked > MAX_COMPRESSION_RATIO * max(size, 1):
        raise ValidationError(
            _(
                "“%(name)s” is %(size)s but would unpack to %(unpacked)s, far more than a real document "
                "compresses; it was not accepted. Save it again from your office program, or attach it as a PDF."
            )
            % sizes,
            code="archive_ratio",
        )


def _measure(handle: IO[bytes]) -> int:
    handle.seek(0, 2)
    size = handle.tell()
    handle.seek(0)
    return size


def check_file(
    name: str | None, handle: IO[bytes], size: int | None, *, allowed: Iterable[str], max_bytes: int
) -> CheckedFile:
    """The file's safe name, extension and size, or a ValidationError saying what is wrong and what is accepted."""
    allowed = tuple(allowed)
    clean_name = safe_name(name)
    extension = PurePath(clean_name).suffix.lower()
    if extension not in allowed:
        raise ValidationError(
            _("“%(name)s” is not a file type that can be attached. Accepted: %(types)s.")
            % {"name": clean_name, "types": ", ".join(allowed)},
            code="file_type",
        )
    size = size if size is not None else _measure(handle)
    if size > max_bytes:
        raise ValidationError(
            _("“%(name)s” is %(size)s; an attachment may be at most %(limit)s.")
            % {"name": clean_name, "size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
            code="file_size",
        )
    if size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": clean_name}, code="file_empty")
    handle.seek(0)
    fits = starts_right(extension, handle.read(2048))
    handle.seek(0)
    if fits and extension in ZIP_MEMBERS:
        fits = _zip_holds(handle, ZIP_MEMBERS[extension])
        handle.seek(0)
        if fits:
            check_archive(clean_name, handle, size)
    if not fits:
        raise ValidationError(
            _("“%(name)s” is not really a %(extension)s file.") % {"name": clean_name, "extension": extension},
            code="file_content",
        )
    return CheckedFile(clean_name, extension, size)
