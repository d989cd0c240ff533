"""A roster with any bad row is refused whole, with a report naming each bad row and column, in CSV and XLSX."""

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from hevruta.directory.models import GradeBand, Language, Locality, Organization, RosterImport, Subject
from hevruta.directory.roster import RosterError, check_roster, is_valid_israeli_id
from hevruta.directory.services import confirm_roster
from tests.directory.rosters import (
    csv_bytes,
    directory_counts,
    import_now,
    israeli_id,
    row,
    run_queued_jobs,
    xlsx_bytes,
)

GOOD_ID = israeli_id(1234567)


@pytest.fixture
def vocabulary(db):  # type: ignore[no-untyped-def]
    # Subjects, grade bands and languages come with the platform (a data migration).
    Locality.objects.create(cbs_code=3000, name_he="ירושלים")
    Organization.objects.create(name="Ofek", kind="school")


def bad_rows() -> list[dict[str, object]]:
    good = {"given_name": "נועה", "family_name": "כהן", "organization": "Ofek", "title": "Teacher"}
    return [
        row(email="noa@example.org", national_id=GOOD_ID, subjects="mathematics", **good),  # 2: good
        row(email="not-an-email", given_name="Dan", family_name="Levi"),  # 3
        row(email="nameless@example.org", given_name="", family_name="Levi"),  # 4
        row(email="date@example.org", given_name="Dan", family_name="Date", organization="Ofek", title="T",
            start_date="31/02/2024"),  # 5
        row(email="subject@example.org", given_name="Dan", family_name="Sub", subjects="mathematics; astrology"),  # 6
        row(email="ends@example.org", given_name="Dan", family_name="Ends", organization="Ofek", title="T",
            start_date=date(2024, 9, 1), end_date=date(2023, 6, 30)),  # 7
        row(email="id@example.org", given_name="Dan", family_name="Id", national_id="123456789"),  # 8
        row(email="noa@example.org", given_name="Other", family_name="Person"),  # 9: Noa's email
        row(email="unknown@example.org", given_name="Dan", family_name="Org", organization="Nowhere School",
            title="T"),  # 10
        row(email="place@example.org", given_name="Dan", family_name="Place", locality_code="99999"),  # 11
        row(email="twin@example.org", given_name="Dan", family_name="Twin", national_id=GOOD_ID),  # 12: Noa's ID
    ]  # fmt: skip


EXPECTED_PROBLEMS = {
    (3, "email"),
    (4, "given_name"),
    (5, "start_date"),
    (6, "subjects"),
    (7, "end_date"),
    (8, "national_id"),
    (9, "email"),
    (10, "organization"),
    (11, "locality_code"),
    (12, "national_id"),
}

WRITERS = {"csv": csv_bytes, "xlsx": xlsx_bytes}


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_each_bad_row_is_reported_by_row_and_column(vocabulary, file_format):
    with translation.override("en"):
        checked = check_roster(f"roster.{file_format}", WRITERS[file_format](bad_rows()))
    assert not checked.is_valid
    assert {(problem.row, problem.column) for problem in checked.problems} == EXPECTED_PROBLEMS
    messages = {(problem.row, problem.column): problem.message for problem in checked.problems}
    assert messages[(3, "email")] == "“not-an-email” is not an email address."
    assert messages[(9, "email")] == "The address noa@example.org is used in row 2 for someone else."
    assert messages[(12, "national_id")] == "The same ID number appears in row 2 with another email."
    assert messages[(7, "end_date")] == "The position ends before it starts."
    assert "Nowhere School" in messages[(10, "organization")]
    assert "astrology" in messages[(6, "subjects")]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_bad_roster_writes_nothing(vocabulary, world, file_format):
    before = directory_counts()
    roster_import = import_now(world.home, WRITERS[file_format](bad_rows()), f"roster.{file_format}")
    assert roster_import.status == RosterImport.Status.INVALID
    assert {(error["row"], error["column"]) for error in roster_import.errors} == EXPECTED_PROBLEMS
    # The one good row (2) is not written either: the file is refused whole.
    with pytest.raises(RosterError):
        confirm_roster(roster_import, None)
    assert directory_counts() == before


@pytest.mark.django_db
def test_a_bad_roster_on_the_page_lists_each_row_and_column(vocabulary, world):
    before = directory_counts()
    client = world.client("manager")
    response = client.post(
        reverse("directory:roster_upload", args=["home"]),
        {"file": SimpleUploadedFile("roster.csv", csv_bytes(bad_rows()))},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    run_queued_jobs()
    response = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "The file was refused and nothing was written" in html
    table = html.split('data-testid="roster-errors"')[1]
    for number, column in EXPECTED_PROBLEMS:
        assert f'<tr><td>{number}</td><td dir="ltr">{column}</td>' in table
    assert "<tr><td>2</td>" not in table
    assert reverse("directory:roster_confirm", args=["home", RosterImport.objects.get().pk]) not in html
    assert directory_counts() == before


@pytest.mark.django_db
def test_a_bad_roster_through_the_api_is_refused_with_422(vocabulary, world):
    before = directory_counts()
    client = world.client("manager")
    response = client.post(
        "/api/v1/networks/home/imports", {"file": SimpleUploadedFile("roster.xlsx", xlsx_bytes(bad_rows()))}
    )
    assert response.status_code == 202
    run_queued_jobs()
    body = client.get(f"/api/v1/networks/home/imports/{response.json()['id']}").json()
    assert body["status"] == "invalid"
    assert body["job"]["state"] == "failed"
    assert "refused and nothing was written" in body["job"]["error"]
    assert {(error["row"], error["column"]) for error in body["errors"]} == EXPECTED_PROBLEMS
    assert all(error["message"] for error in body["errors"])
    assert directory_counts() == before


def test_headers_in_hebrew_and_semicolons_are_understood(vocabulary):
    content = '\ufeffדוא"ל;שם פרטי;שם משפחה;סמל יישוב\nnoa@example.org;נועה;כהן;3000\n'.encode()
    checked = check_roster("roster.csv", content)
    assert checked.is_valid, checked.problems
    assert (checked.rows[0].email, checked.rows[0].family_name) == ("noa@example.org", "כהן")
    assert checked.rows[0].locality_id == Locality.objects.get(cbs_code=3000).pk


@pytest.mark.parametrize("site_language", ["he", "ar", "en"])
def test_vocabulary_is_matched_by_slug_code_or_any_name(vocabulary, site_language):
    content = csv_bytes(
        [
            row(email="a@example.org", given_name="A", family_name="B", subjects="מתמטיקה|Mathematics",
                grade_bands="junior-high", languages="HE", organization="ofek", title="Coordinator",
                role="Subject coordinator", start_date="01.09.2020"),
        ]
    )  # fmt: skip
    # English role names are understood whatever the language the site runs in.
    with translation.override(site_language):
        checked = check_roster("roster.csv", content)
    assert checked.is_valid, checked.problems
    parsed = checked.rows[0]
    assert parsed.subject_ids == [Subject.objects.get(slug="mathematics").pk] * 2
    assert parsed.grade_band_ids == [GradeBand.objects.get(slug="junior-high").pk]
    assert parsed.language_ids == [Language.objects.get(code="he").pk]
    assert parsed.role == "subject_coordinator"
    assert parsed.start_date == date(2020, 9, 1)


def test_a_header_without_required_columns_is_refused(vocabulary):
    from hevruta.directory.roster import RosterError

    with translation.override("en"), pytest.raises(RosterError, match="given_name, family_name"):
        check_roster("roster.csv", b"email\nnoa@example.org\n")
    with pytest.raises(RosterError):
        check_roster("roster.csv", b"")
    with pytest.raises(RosterError):
        check_roster("roster.csv", csv_bytes([]))


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        (GOOD_ID, True),
        ("000000018", True),
        ("18", True),  # leading zeros may be dropped by a spreadsheet
        ("123456789", False),
        ("12345678a", False),
        ("1234567890", False),
        ("", False),
        ("²", False),
    ],
)
def test_israeli_id_check_digit(number, valid):
    assert is_valid_israeli_id(number) is valid


def test_a_superscript_digit_is_not_a_locality_code(vocabulary):
    # "²".isdigit() is true and int("²") raises; the check must report it, not crash.
    checked = check_roster("roster.csv", csv_bytes([row(email="a@example.org", given_name="A", family_name="B",
                                                        locality_code="²")]))  # fmt: skip
    assert [(problem.row, problem.column) for problem in checked.problems] == [(2, "locality_code")]


def _damaged(part: str) -> bytes:
    """A real workbook with one of its XML parts cut in half."""
    good = xlsx_bytes([row(email="a@example.org", given_name="A", family_name="B")])
    original = zipfile.ZipFile(io.BytesIO(good))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as damaged:
        for item in original.infolist():
            data = original.read(item.filename)
            damaged.writestr(item, data[: len(data) // 2] if item.filename == part else data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: b"not a zip at all", "cannot be opened"),
        (lambda: b"PK\x03\x04" + b"\x00" * 100, "cannot be opened"),
        (lambda: b"", "cannot be opened"),
        (lambda: _damaged("xl/workbook.xml"), "cannot be opened"),
        (lambda: _damaged("xl/worksheets/sheet1.xml"), "is damaged"),  # found only while reading rows
    ],
    ids=["not a zip", "truncated zip", "empty", "broken workbook part", "broken sheet"],
)
def test_a_broken_workbook_is_refused_with_a_message_not_a_crash(vocabulary, make, message):
    from hevruta.directory.roster import RosterError

    with translation.override("en"), pytest.raises(RosterError, match=message):
        check_roster("roster.xlsx", make())
