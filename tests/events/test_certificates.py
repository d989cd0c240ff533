"""Attendance certificates (hevruta/events/certificates.py): the PDF's text, extracted with pypdf,
is the Hebrew and Arabic text in logical order; one page; the network's name; the verification token;
the vendored fonts and nothing else."""

import datetime
import io
import json

import pytest
from pypdf import PdfReader

from hevruta.core.fonts import FONTS_DIR, FontError, check_fonts
from hevruta.events.certificates import (
    Certificate,
    Meeting,
    certificate_html,
    certificate_pdf,
    certificate_token,
    read_certificate_token,
)

URL = "https://hevruta.test/events/certificates/abc/"


def lines_of(pdf: bytes) -> tuple[int, list[str]]:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), [line.strip() for line in text.splitlines()]


def one_event(language: str, participant: str, network: str, title: str) -> Certificate:
    return Certificate(
        participant=participant,
        language=language,
        network=network,
        title=title,
        meetings=[Meeting(title, datetime.date(2022, 3, 2))],
        verification_url=URL,
        issued_on=datetime.date(2022, 3, 3),
    )


def test_a_hebrew_certificate_reads_in_logical_order():
    certificate = one_event("he", "רותי כהן־לוי", "רשת ערים מחנכות", "מפגש השותפים בסמינר הקיבוצים")
    pages, lines = lines_of(certificate_pdf(certificate))
    assert pages == 1
    assert "רשת ערים מחנכות" in lines  # the organizing network
    assert "רותי כהן־לוי" in lines
    assert "מפגש השותפים בסמינר הקיבוצים" in lines
    assert "תעודת השתתפות" in lines and "הננו לאשר כי" in lines
    html = certificate_html(certificate)
    assert '<html lang="he" dir="rtl">' in html
    assert "כ״ט באדר א׳ תשפ״ב" in html  # the Hebrew date beside the Gregorian one, in Hebrew only


def test_an_arabic_certificate_reads_in_logical_order():
    certificate = one_event("ar", "سلمى خطيب", "شبكة المدن المربية", "لقاء الشركاء في كسيفة")
    pages, lines = lines_of(certificate_pdf(certificate))
    assert pages == 1
    assert "شبكة المدن المربية" in lines
    assert "سلمى خطيب" in lines
    assert "لقاء الشركاء في كسيفة" in lines
    assert "شهادة حضور" in lines and "نشهد بأنّ" in lines
    assert '<html lang="ar" dir="rtl">' in certificate_html(certificate)


def test_an_english_certificate_is_left_to_right():
    certificate = one_event("en", "Ruth Cohen", "Education Cities Network", "Partners' meeting")
    pages, lines = lines_of(certificate_pdf(certificate))
    assert pages == 1 and "Education Cities Network" in lines and "Certificate of attendance" in lines
    assert f"Check that this certificate is genuine at {URL}" in lines
    assert '<html lang="en" dir="ltr">' in certificate_html(certificate)


def test_a_series_certificate_lists_the_meetings_attended_on_one_page():
    titles = ["פתיחת השנה", "הקשבה לתלמידים", "סיור ביוחם", "מדיניות ותקציב", "הערכה מעצבת", "הורים כשותפים"]
    titles += ["למידה מרחוק", "קהילות מקצועיות", "סיכום ותובנות"]
    meetings = [Meeting(title, datetime.date(2026, 9 + n // 3, 1 + n)) for n, title in enumerate(titles)]
    certificate = Certificate(
        participant="דנה",
        language="he",
        network="רשת ערים מחנכות",
        title="המטבחון תשפ״ז",
        meetings=meetings,
        series_total=10,
        verification_url=URL,
        issued_on=datetime.date(2027, 6, 30),
    )
    pages, lines = lines_of(certificate_pdf(certificate))
    assert pages == 1
    assert "המטבחון תשפ״ז" in lines
    assert any("השתתף" in line and "מפגשי הסדרה" in line for line in lines)  # digits: reordered by pypdf
    # Each row starts with the meeting's title, in logical order (the date after it mixes digits with
    # Hebrew, which pypdf reorders).
    for meeting in meetings:
        assert any(line.startswith(meeting.title) for line in lines), meeting.title


def test_the_verification_token_names_what_and_whom_and_refuses_a_forgery():
    token = certificate_token("series", 12, 345)
    assert read_certificate_token(token) == ("series", 12, 345)
    other = certificate_token("series", 13, 345)
    forged = other.split(":")[0] + ":" + token.split(":", 1)[1]
    assert read_certificate_token(forged) is None
    assert read_certificate_token("nonsense") is None
    assert read_certificate_token(token[:-2]) is None


def test_the_fonts_are_the_vendored_ones(tmp_path, monkeypatch):
    assert len(check_fonts()) == 6
    manifest = json.loads((FONTS_DIR / "manifest.json").read_text())
    assert {entry["package"] for entry in manifest["fonts"]} == {"@fontsource/rubik"}
    # A changed file is refused.
    import shutil

    copy = tmp_path / "fonts"
    shutil.copytree(FONTS_DIR, copy)
    first = copy / manifest["fonts"][0]["file"]
    first.write_bytes(first.read_bytes() + b"\0")
    monkeypatch.setattr("hevruta.core.fonts.FONTS_DIR", copy)
    with pytest.raises(FontError):
        check_fonts()


def test_the_pdf_embeds_only_the_vendored_fonts():
    pdf = certificate_pdf(one_event("ar", "سلمى", "شبكة", "لقاء"))
    reader = PdfReader(io.BytesIO(pdf))
    fonts = {str(font["/BaseFont"]) for font in reader.pages[0]["/Resources"]["/Font"].values() if "/BaseFont" in font}
    # The families of fonts.css (Rubik's files), and no font of the machine's.
    assert fonts and all(name.split("+")[-1].startswith("Hevruta-") for name in fonts), fonts
