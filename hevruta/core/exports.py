"""CSV and XLSX exports that spreadsheet programs cannot be tricked into executing.

A cell that starts with = + - @ (or a tab or carriage return) is a formula to Excel and LibreOffice;
an imported roster could carry `=HYPERLINK(...)` in a name. Such cells are written with a leading
apostrophe, which spreadsheets show as text (OWASP's advice on CSV injection).
"""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .files import made_download

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow(["" if cell is None else safe_cell(cell) for cell in row])
    # The byte order mark makes Excel read the file as UTF-8, so Hebrew and Arabic stay readable.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx_cell(value: object) -> object:
    # XML cannot carry most control characters; openpyxl refuses them rather than write a broken file.
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return safe_cell(value)


def to_xlsx(header: Sequence[str], rows: Iterable[Sequence[object]], title: str = "export") -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([_xlsx_cell(cell) for cell in header])
    for row in rows:
        sheet.append([_xlsx_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


def table_download(
    header: Sequence[str], rows: Iterable[Sequence[object]], file_format: str, filename: str, title: str = "export"
) -> HttpResponse:
    """The table as an attachment named `filename`.csv or .xlsx (file_format is one of FORMATS)."""
    if file_format == "xlsx":
        return made_download(to_xlsx(header, rows, title=title), XLSX, f"{filename}.{file_format}")
    return made_download(to_csv(header, rows), "text/csv; charset=utf-8", f"{filename}.{file_format}")
