"""Roster files written in the tests themselves, with csv and openpyxl, and the counts they should leave."""

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook

from hevruta.directory.models import NetworkMembership, Organization, Person, Position

HEADER = (
    "email",
    "given_name",
    "family_name",
    "phone",
    "national_id",
    "locality_code",
    "organization",
    "organization_kind",
    "title",
    "role",
    "start_date",
    "end_date",
    "subjects",
    "grade_bands",
    "languages",
)


def israeli_id(base: int) -> str:
    """A valid nine-digit identity number: eight digits of `base` and their check digit."""
    digits = f"{base:08d}"[-8:]
    total = 0
    for index, char in enumerate(digits):
        product = int(char) * (1 if index % 2 == 0 else 2)
        total += product - 9 if product > 9 else product
    return digits + str((10 - total % 10) % 10)


def row(**values: object) -> dict[str, object]:
    return {column: values.get(column, "") for column in HEADER}


def csv_bytes(rows: Iterable[dict[str, object]], header: Sequence[str] = HEADER, delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(header), delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows: Iterable[dict[str, object]], header: Sequence[str] = HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for values in rows:
        sheet.append([values.get(column) if values.get(column) != "" else None for column in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def directory_counts() -> dict[str, int]:
    return {
        "people": Person.objects.count(),
        "positions": Position.objects.count(),
        "memberships": NetworkMembership.objects.count(),
        "organizations": Organization.objects.count(),
    }
