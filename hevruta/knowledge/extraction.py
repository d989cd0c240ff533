"""The words inside attached PDF and DOCX files, so a search finds what a worksheet says.

Files come from anyone, so a broken or hostile file must never break the resource: every failure ends
as empty text and a status, and the reading stops after a bounded number of pages and characters.
"""

import logging
from typing import IO

from hevruta.core.uploads import check_archive

from .models import Extraction, FileType

logger = logging.getLogger(__name__)

MAX_PAGES = 300
MAX_CHARS = 500_000


def extract_text(file_type: str, name: str, handle: IO[bytes]) -> tuple[str, str]:
    """(text, extraction status) for an attachment."""
    reader = _READERS.get(file_type if file_type != FileType.DOCUMENT else _document_reader(name))
    if reader is None:
        return "", Extraction.NOT_APPLICABLE
    try:
        text = reader(handle)
    except Exception:  # any failure of a third-party parser on a user's file
        logger.info("Could not read the text of attachment %s", name, exc_info=True)
        return "", Extraction.FAILED
    return " ".join(text.split())[:MAX_CHARS], Extraction.DONE


def _document_reader(name: str) -> str:
    return "docx" if name.lower().endswith(".docx") else ""


def _pdf_text(handle: IO[bytes]) -> str:
    from pypdf import PdfReader

    reader = PdfReader(handle, strict=False)
    parts: list[str] = []
    length = 0
    for page in reader.pages[:MAX_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        length += len(text)
        if length > MAX_CHARS:
            break
    return "\n".join(parts)


def _docx_text(handle: IO[bytes]) -> str:
    from docx import Document

    # Checked on upload too; again here for files kept before the bound existed (a refusal is a failure).
    handle.seek(0, 2)
    size = handle.tell()
    handle.seek(0)
    check_archive("document", handle, size)

    document = Document(handle)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


_READERS = {FileType.PDF: _pdf_text, "docx": _docx_text}
