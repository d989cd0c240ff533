"""Which files a participant may attach to evidence: documents and images, up to a size limit.

Video is given as a link, not uploaded. Files are served only as downloads, through a view that checks who
may see the evidence. The checks themselves are core's (hevruta.core.uploads).
"""

from django.conf import settings

from hevruta.core.uploads import ZIP_MEMBERS, CheckedFile, check_file

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
ALLOWED_EXTENSIONS = (".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", *ZIP_MEMBERS)


def max_bytes() -> int:
    return int(getattr(settings, "PROGRAMS_MAX_EVIDENCE_BYTES", DEFAULT_MAX_BYTES))


def check_evidence_file(name: str, handle, size: int | None) -> CheckedFile:  # type: ignore[no-untyped-def]
    return check_file(name, handle, size, allowed=ALLOWED_EXTENSIONS, max_bytes=max_bytes())
