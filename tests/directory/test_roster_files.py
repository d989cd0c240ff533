"""Roster files as offices really send them, and as attackers might: Hebrew Excel's Windows-1255 CSV,
values longer than the database stores, XLSX bombs; and the files' lifetime on disk."""

import io
import os
import re
import time
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import TestCase
from django.urls import reverse

from hevruta.directory import services
from hevruta.directory.models import Organization, Person, RosterImport
from hevruta.directory.roster import MAX_ROWS, RosterError, check_roster, column_limits, precheck
from tests.directory.rosters import check_now, csv_bytes, directory_counts, import_now, row, run_queued_jobs, xlsx_bytes

HEBREW_ROWS = [
    {"email": "noa@example.org", "given_name": "נועה", "family_name": "כהן", "organization": "אופק",
     "organization_kind": "school", "title": "מורה"},
    {"email": "dana@example.org", "given_name": "דנה", "family_name": "לוי"},
]  # fmt: skip


def _hebrew_header_csv(encoding: str) -> bytes:
    header = ['דוא"ל', "שם פרטי", "שם משפחה", "מוסד", "organization_kind", "תפקיד"]
    lines = [",".join(header)]
    columns = ("email", "given_name", "family_name", "organization", "organization_kind", "title")
    for values in HEBREW_ROWS:
        lines.append(",".join(str(values.get(column, "")) for column in columns))
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


@pytest.mark.django_db
def test_a_csv_saved_by_hebrew_excel_is_read_and_says_which_encoding(world):
    content = _hebrew_header_csv("cp1255")
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    checked = check_roster("roster.csv", content)
    assert checked.is_valid, checked.problems
    assert checked.encoding == "Windows-1255 (Hebrew)"
    assert [(r.given_name, r.family_name) for r in checked.rows] == [("נועה", "כהן"), ("דנה", "לוי")]

    roster_import = check_now(world.home, content)
    assert roster_import.status == RosterImport.Status.PREVIEWED
    html = (
        world.client("manager")
        .get(reverse("directory:roster_import", args=["home", roster_import.pk]), HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    assert "The file was read as Windows-1255 (Hebrew) text." in html


@pytest.mark.django_db
def test_a_utf8_csv_says_utf8(world):
    checked = check_roster("roster.csv", _hebrew_header_csv("utf-8-sig"))
    assert checked.is_valid and checked.encoding == "UTF-8"


@pytest.mark.django_db
@pytest.mark.parametrize("column", ["organization", "given_name", "family_name", "title", "phone"])
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_every_column_is_held_to_its_fields_limit_before_anything_is_written(world, column, file_format):
    limit = column_limits()[column]
    values = {"email": "long@example.org", "given_name": "L", "family_name": "Long", "organization": "Ofek",
              "organization_kind": "school", "title": "Teacher"}  # fmt: skip
    values[column] = "א" * (limit + 1)
    content = (csv_bytes if file_format == "csv" else xlsx_bytes)([row(**values)])
    checked = check_roster(f"roster.{file_format}", content)
    assert [(problem.row, problem.column) for problem in checked.problems] == [(2, column)]
    assert str(limit) in checked.problems[0].message
    # Exactly at the limit passes, and is stored whole on every database.
    values[column] = "א" * limit
    before = directory_counts()
    done = import_now(
        world.home, (csv_bytes if file_format == "csv" else xlsx_bytes)([row(**values)]), f"r.{file_format}"
    )
    assert done.status == RosterImport.Status.DONE, done.errors
    assert directory_counts()["people"] == before["people"] + 1
    person = Person.objects.get(email="long@example.org")
    stored = {"given_name": person.given_name, "family_name": person.family_name, "phone": person.phone,
              "title": person.positions.get().title if column == "title" else None,
              "organization": Organization.objects.filter(name=values["organization"]).first()}  # fmt: skip
    if column == "organization":
        assert stored["organization"] is not None
    else:
        assert stored[column] == values[column]


@pytest.mark.django_db
def test_a_5000_character_organization_name_is_refused_not_half_imported(world):
    content = csv_bytes([row(email="a@example.org", given_name="A", family_name="B", organization="X" * 5000,
                             organization_kind="school", title="Teacher")])  # fmt: skip
    before = directory_counts()
    done = import_now(world.home, content)
    assert done.status == RosterImport.Status.INVALID
    assert done.errors[0]["column"] == "organization"
    assert directory_counts() == before


def _sheet_bomb(rows: int) -> bytes:
    """An XLSX of `rows` tiny rows: a few hundred KB zipped, far more once unzipped."""
    good = zipfile.ZipFile(io.BytesIO(xlsx_bytes([row(email="a@example.org", given_name="A", family_name="B")])))
    sheet = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             'spreadsheetml/2006/main"><sheetData>']  # fmt: skip
    sheet.append("".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>x</t></is></c></row>' for n in range(1, rows)))
    sheet.append("</sheetData></worksheet>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in good.infolist():
            data = "".join(sheet).encode() if item.filename == "xl/worksheets/sheet1.xml" else good.read(item.filename)
            bomb.writestr(item.filename, data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


@pytest.mark.django_db
def test_an_xlsx_with_too_many_rows_is_refused_before_parsing():
    bomb = _sheet_bomb(MAX_ROWS + 10)
    assert len(bomb) < 3_000_000
    started = time.process_time()
    with pytest.raises(RosterError, match="at most"):
        precheck("roster.xlsx", bomb, thorough=True)
    # Counted as a stream and stopped at the bound, not parsed by openpyxl (which took 46 s of CPU).
    assert time.process_time() - started < 20
    with pytest.raises(RosterError, match="at most"):
        list(check_roster("roster.xlsx", bomb).rows)
    # This one hides its size (no <dimension>): the request lets it through, and the worker refuses it.
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        assert b"<dimension" not in archive.read("xl/worksheets/sheet1.xml")[:200]
    assert precheck("roster.xlsx", bomb) == 0  # no <dimension>: the worker counts, before parsing


def test_an_xlsx_that_unpacks_too_big_is_refused(monkeypatch):
    from hevruta.directory import roster

    monkeypatch.setattr(roster, "MAX_UNCOMPRESSED_BYTES", 100_000)
    with pytest.raises(RosterError, match="unpacks to more than"):
        precheck("roster.xlsx", _sheet_bomb(5000))


def test_an_xlsx_declaring_too_many_rows_is_refused_in_the_request():
    content = xlsx_bytes([row(email=f"p{n}@example.org", given_name="P", family_name=str(n)) for n in range(20)])
    assert precheck("roster.xlsx", content) == 20  # openpyxl writes <dimension ref="A1:O21"/>
    archive = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as lying:
        for item in archive.infolist():
            data = archive.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'ref="A1:O\d+"', f'ref="A1:O{MAX_ROWS + 5}"'.encode(), data)
            lying.writestr(item.filename, data)
    with pytest.raises(RosterError, match="at most"):
        precheck("roster.xlsx", buffer.getvalue())


def test_a_csv_with_too_many_lines_is_refused_at_once():
    content = b"email,given_name,family_name\n" + b"a@example.org,A,B\n" * (MAX_ROWS + 1)
    with pytest.raises(RosterError, match="at most"):
        precheck("roster.csv", content)


@pytest.mark.django_db
def test_an_upload_is_only_prechecked_in_the_request(world, django_assert_max_num_queries):
    content = csv_bytes([row(email=f"p{n}@example.org", given_name="P", family_name=str(n)) for n in range(300)])
    client = world.client("manager")
    # The rows are read and checked by the worker, not here: the request's queries do not depend on them.
    with django_assert_max_num_queries(25):
        response = client.post(reverse("directory:roster_upload", args=["home"]),
                               {"file": SimpleUploadedFile("roster.csv", content)})  # fmt: skip
    assert response.status_code == 302
    roster_import = RosterImport.objects.get()
    assert roster_import.status == RosterImport.Status.CHECKING
    assert roster_import.total_rows == 300  # estimated from the lines, shown as the job's total


# The files' lifetime --------------------------------------------------------------------------------


def _files(settings) -> list[Path]:  # type: ignore[no-untyped-def]
    root = Path(settings.MEDIA_ROOT) / "rosters"
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.mark.django_db
def test_a_roster_file_is_stored_under_a_name_nobody_can_guess(world, settings):
    roster_import = check_now(world.home, csv_bytes([row(email="a@example.org", given_name="A", family_name="B")]),
                              name="dryrun2.csv")  # fmt: skip
    assert "dryrun2" not in roster_import.file.name
    assert len(Path(roster_import.file.name).stem) == 32


@pytest.mark.django_db
def test_discarding_a_previewed_roster_deletes_its_file(world, settings):
    roster_import = check_now(world.home, csv_bytes([row(email="a@example.org", given_name="A", family_name="B")]))
    assert len(_files(settings)) == 1
    client = world.client("manager")
    with TestCase.captureOnCommitCallbacks(execute=True):  # the file goes when the discard commits
        response = client.post(reverse("directory:roster_discard", args=["home", roster_import.pk]))
    assert response.status_code == 302
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.DISCARDED
    assert not roster_import.file
    assert _files(settings) == []
    # The member may not discard anything.
    other = check_now(world.home, csv_bytes([row(email="b@example.org", given_name="B", family_name="C")]))
    assert world.client("member").post(reverse("directory:roster_discard", args=["home", other.pk])).status_code == 403
    other.refresh_from_db()
    assert other.status == RosterImport.Status.PREVIEWED


@pytest.mark.django_db
def test_a_dry_run_keeps_no_file(world, settings):
    content = csv_bytes([row(email="a@example.org", given_name="A", family_name="B")])
    with transaction.atomic():
        roster_import, _job = services.upload_roster(world.home, None, "roster.csv", content, dry_run=True)
    run_queued_jobs()
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.PREVIEWED
    assert not roster_import.file and _files(settings) == []


@pytest.mark.django_db
def test_abandoned_previews_and_orphan_files_are_deleted(world, settings):
    waiting = check_now(world.home, csv_bytes([row(email="a@example.org", given_name="A", family_name="B")]))
    fresh = check_now(world.home, csv_bytes([row(email="b@example.org", given_name="B", family_name="C")]))
    RosterImport.objects.filter(pk=waiting.pk).update(updated_at=waiting.updated_at - timedelta(hours=25))
    orphan = Path(settings.MEDIA_ROOT) / "rosters" / "orphan.csv"
    orphan.write_bytes(b"email\n")
    old = time.time() - 25 * 3600
    os.utime(orphan, (old, old))
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert services.discard_abandoned_rosters() == 2
    waiting.refresh_from_db()
    fresh.refresh_from_db()
    assert waiting.status == RosterImport.Status.DISCARDED and not waiting.file
    assert fresh.status == RosterImport.Status.PREVIEWED and fresh.file
    assert [path.name for path in _files(settings)] == [Path(fresh.file.name).name]
