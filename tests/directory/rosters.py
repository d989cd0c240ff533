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


def check_now(network, content: bytes, name: str = "roster.csv", user=None):  # type: ignore[no-untyped-def]
    """Upload a roster and run its check job here and now (tasks run at once in the tests)."""
    from django.db import transaction

    from hevruta.directory import services

    with transaction.atomic():
        roster_import, _job = services.upload_roster(network, user, name, content)
    run_queued_jobs()
    roster_import.refresh_from_db()
    return roster_import


def import_now(network, content: bytes, name: str = "roster.csv", user=None):  # type: ignore[no-untyped-def]
    """Upload a roster and run its check-and-import job here and now."""
    from django.db import transaction

    from hevruta.directory import services

    with transaction.atomic():
        roster_import, _job = services.upload_roster(network, user, name, content, then_import=True)
    run_queued_jobs()
    roster_import.refresh_from_db()
    return roster_import


def run_queued_jobs() -> None:
    # Inside a test's transaction nothing commits, so on_commit never fires: enqueue what waits, and run
    # what the jobs leave for their commit (deleting files, ...).
    from django.test import TestCase

    from hevruta.core.jobs import services as jobs
    from hevruta.core.jobs.models import Job

    with TestCase.captureOnCommitCallbacks(execute=True):
        for job in Job.objects.filter(state=Job.State.QUEUED, task_result_id=""):
            jobs._enqueue(job.pk)
