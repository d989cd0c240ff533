"""Uploaded files are private: kept where nothing serves them, and sent only through views that check who asks.

Every FileField of the project (rosters, evidence, attachments of resources) uses the default storage,
which is `PrivateStorage` under `PRIVATE_FILES_ROOT` (default `var/private`). It has no URL: a template
or a view that asks a file for its `.url` fails loudly instead of pointing at a folder a proxy might
serve. A view that has checked permission with the app's rules answers with `file_response`.
"""

from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header


class PrivateStorage(FileSystemStorage):
    """The file system, with no public address for anything stored in it."""

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Private files have no public URL; serve them through a permission-checked view.")


def file_response(
    handle: File, filename: str, content_type: str | None = None, *, public: bool = False
) -> FileResponse:
    """A download the browser saves instead of rendering, never guesses the type of, and never keeps.

    `public` (a file anyone may see, such as an attachment of a published public resource) lets shared
    caches keep it for an hour; anything else is `no-store`.
    """
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    # Opened directly anyway (an old browser, a plugin), the file can run no script and reach nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def made_download(content: bytes | str, content_type: str, filename: str, *, attachment: bool = True) -> HttpResponse:
    """A file the platform made (a report, a calendar, an export) under its name; a name in Hebrew or
    Arabic is encoded as RFC 6266 says. `attachment=False` lets the browser show it (a calendar feed)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, filename) or ""
    return response
