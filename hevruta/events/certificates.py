"""Certificates of attendance as PDF: for one event or for a whole series, in the participant's
language (Hebrew and Arabic right to left), with the organizing network's name and a link anyone can
follow to check that the certificate is genuine.

The verification link carries a signed token (Django's signing with the site's secret key): it names
what was attended and by whom, so the verification page can show the record as it is today without
a table of issued certificates, and a forged or altered token is refused. It reads plain dataclasses,
not the models, so the views and the benchmark build them from their own queries.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from django.core import signing
from django.template import engines
from django.utils import translation

from hevruta.core.dates import hebrew_date_text
from hevruta.core.fonts import FONT_FAMILY, FONTS_DIR, pdf_fonts

TOKEN_SALT = "hevruta.events.certificate"
RIGHT_TO_LEFT = ("he", "ar")

Kind = Literal["event", "series"]


@dataclass(frozen=True)
class Meeting:
    title: str
    day: datetime.date


@dataclass(frozen=True)
class Certificate:
    participant: str
    language: str  # "he", "ar" or "en": the participant's
    network: str  # the organizing network's name, in that language where there is one
    title: str  # the event's or the series' title
    meetings: Sequence[Meeting]  # what they attended: one meeting for an event
    verification_url: str
    issued_on: datetime.date
    series_total: int | None = None  # a series: how many meetings it had
    hours: float | None = None
    extra: dict = field(default_factory=dict)

    @property
    def is_series(self) -> bool:
        return self.series_total is not None


def certificate_token(kind: Kind, object_id: int, person_id: int) -> str:
    """The signed part of a certificate's verification link: what was attended, and by whom."""
    return signing.dumps([kind, object_id, person_id], salt=TOKEN_SALT, compress=True)


def read_certificate_token(token: str) -> tuple[Kind, int, int] | None:
    """(kind, object id, person id) from a verification link, or None for a forged or altered one."""
    try:
        kind, object_id, person_id = signing.loads(token, salt=TOKEN_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if kind not in ("event", "series") or not isinstance(object_id, int) or not isinstance(person_id, int):
        return None
    return kind, object_id, person_id


@cache
def _template():  # type: ignore[no-untyped-def]
    # Read from this folder rather than through the app loaders: the PDF is the same wherever it is made.
    source = Path(__file__).resolve().parent / "templates" / "events" / "certificate_pdf.html"
    return engines["django"].from_string(source.read_text(encoding="utf-8"))


def certificate_html(certificate: Certificate) -> str:
    language = certificate.language if certificate.language in ("he", "ar", "en") else "he"
    with translation.override(language):
        return _template().render(
            {
                "certificate": certificate,
                "language": language,
                "direction": "rtl" if language in RIGHT_TO_LEFT else "ltr",
                "font_family": FONT_FAMILY,
                "meetings": [
                    (meeting, hebrew_date_text(meeting.day, language) if language == "he" else "")
                    for meeting in certificate.meetings
                ],
            },
        )


@cache
def _unverified_tls():  # type: ignore[no-untyped-def]
    # WeasyPrint's default fetcher loads the system's certificate store for every document (a sixth of a
    # certificate's time); ours fetches no web address at all, so it is given a context with none, once.
    import ssl

    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def _fetcher():  # type: ignore[no-untyped-def]
    from weasyprint.urls import URLFetcher

    return URLFetcher(ssl_context=_unverified_tls(), allowed_protocols=("file",))


def certificate_pdf(certificate: Certificate) -> bytes:
    from weasyprint import HTML

    stylesheet, font_config = pdf_fonts()
    # base_url is the fonts' folder: nothing in the page refers to anything else, and nothing is fetched.
    document = HTML(string=certificate_html(certificate), base_url=FONTS_DIR.as_uri() + "/", url_fetcher=_fetcher())
    # Subset fonts (the default): whole ones would be three times faster to write, but WeasyPrint then
    # maps glyphs back to the wrong characters, and the text copied out of the PDF is garbled.
    return document.write_pdf(stylesheets=[stylesheet], font_config=font_config)


def certificates_pdfs(certificates: Iterable[Certificate]) -> Iterable[bytes]:
    """One PDF per participant, for a series' whole list (the fonts load once for all)."""
    for certificate in certificates:
        yield certificate_pdf(certificate)
