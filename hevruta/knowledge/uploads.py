"""Which files may be attached to a resource: documents, spreadsheets, presentations and images.

The checks (extension, size, and the file's first bytes) are core's, hevruta.core.uploads; this module
says which kinds a resource accepts and how each is labelled.
"""

from dataclasses import dataclass
from typing import IO

from django.conf import settings

from hevruta.core.uploads import check_file

from .models import FileType

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Kind:
    file_type: str
    mime_type: str


_KINDS = {
    ".pdf": Kind(FileType.PDF, "application/pdf"),
    ".png": Kind(FileType.IMAGE, "image/png"),
    ".jpg": Kind(FileType.IMAGE, "image/jpeg"),
    ".jpeg": Kind(FileType.IMAGE, "image/jpeg"),
    ".gif": Kind(FileType.IMAGE, "image/gif"),
    ".webp": Kind(FileType.IMAGE, "image/webp"),
    ".docx": Kind(FileType.DOCUMENT, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": Kind(FileType.SPREADSHEET, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".pptx": Kind(FileType.PRESENTATION, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ".odt": Kind(FileType.DOCUMENT, "application/vnd.oasis.opendocument.text"),
    ".ods": Kind(FileType.SPREADSHEET, "application/vnd.oasis.opendocument.spreadsheet"),
    ".odp": Kind(FileType.PRESENTATION, "application/vnd.oasis.opendocument.presentation"),
    ".doc": Kind(FileType.DOCUMENT, "application/msword"),
    ".xls": Kind(FileType.SPREADSHEET, "application/vnd.ms-excel"),
    ".ppt": Kind(FileType.PRESENTATION, "application/vnd.ms-powerpoint"),
}
ALLOWED_EXTENSIONS = tuple(sorted(_KINDS))


def max_bytes() -> int:
    return int(getattr(settings, "KNOWLEDGE_MAX_ATTACHMENT_BYTES", DEFAULT_MAX_BYTES))


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    file_type: str
    mime_type: str
    size: int


def check_upload(name: str, handle: IO[bytes], size: int | None) -> CheckedUpload:
    """The upload's kind, or a ValidationError that says what is wrong and what is accepted."""
    checked = check_file(name, handle, size, allowed=ALLOWED_EXTENSIONS, max_bytes=max_bytes())
    kind = _KINDS[checked.extension]
    return CheckedUpload(name=checked.name, file_type=kind.file_type, mime_type=kind.mime_type, size=checked.size)
