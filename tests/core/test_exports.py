"""hevruta.core.exports: cells that spreadsheets would run as formulas are written as text."""

import csv
import io
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from hevruta.core.exports import safe_cell, to_csv, to_xlsx


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+972-50-1234567", "'+972-50-1234567"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Noa = Cohen", "Noa = Cohen"),
        ("נועה", "נועה"),
        ("", ""),
        (5, 5),
        (-2, -2),  # numbers are numbers, not text that could become formulas
        (None, None),
        (date(2024, 9, 1), date(2024, 9, 1)),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_csv_has_a_bom_and_reads_back():
    content = to_csv(["שם", "=formula"], [["נועה", '=HYPERLINK("x")'], [None, 3]])
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows == [["שם", "'=formula"], ["נועה", '\'=HYPERLINK("x")'], ["", "3"]]


def test_xlsx_reads_back_without_formulas():
    content = to_xlsx(["שם", "תפקיד"], [["=1+1", "+1"], ["נועה", date(2024, 9, 1)]], title="x" * 40)
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.title == "x" * 31
    assert [cell.data_type for row in sheet.iter_rows() for cell in row].count("f") == 0
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("שם", "תפקיד")
    assert values[1] == ("'=1+1", "'+1")
    assert values[2][0] == "נועה"
    assert values[2][1].date() == date(2024, 9, 1)


# Writing and reading a workbook takes milliseconds, so fewer examples and no deadline.
@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.text(), min_size=1, max_size=3), max_size=3))
def test_no_text_ever_comes_back_as_a_formula(rows):
    sheet = load_workbook(io.BytesIO(to_xlsx(["a", "b", "c"], rows))).active
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f"
    for cells in csv.reader(io.StringIO(to_csv(["a"], rows).decode("utf-8-sig"), newline="")):
        for cell in cells:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
