"""A 50,000-row roster, checked and imported, on a scratch SQLite database.

    .venv/bin/python -m bench.roster_import [--rows 50000]

Prints and writes to docs/benchmarks.md the time of the check (parse and validate every row) and of
the import (bulk writes in one transaction), and of a second import of the same file (no changes).
"""

import argparse
import csv
import io
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = ROOT / "var" / "bench" / "roster.sqlite3"


def roster(rows: int) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "email",
            "given_name",
            "family_name",
            "organization",
            "organization_kind",
            "title",
            "role",
            "start_date",
            "subjects",
            "grade_bands",
            "languages",
        ]
    )
    for n in range(rows):
        writer.writerow(
            [
                f"teacher{n}@schools.example",
                "נועה",
                f"כהן{n % 997}",
                f"בית ספר {n % 1500}",
                "school",
                "רכזת מתמטיקה",
                "subject_coordinator",
                "2024-09-01",
                "mathematics;physics",
                "junior-high",
                "he;ar",
            ]
        )
    return buffer.getvalue().encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    for suffix in ("", "-wal", "-shm"):
        Path(str(SCRATCH) + suffix).unlink(missing_ok=True)
    SCRATCH.parent.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{SCRATCH}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hevruta.settings")
    os.environ["MEDIA_ROOT"] = str(SCRATCH.parent / "media")
    import django

    django.setup()
    from django.core.management import call_command

    from bench.report import table, write_section
    from hevruta.directory.models import Network
    from hevruta.directory.services import confirm_roster, stage_roster

    call_command("migrate", verbosity=0)
    network = Network.objects.create(name="Roster bench", slug="roster-bench")
    content = roster(args.rows)
    rows = []
    for attempt in ("first import", "same file again"):
        started = time.perf_counter()
        staged, _checked = stage_roster(network, None, "roster.csv", content)
        checked_at = time.perf_counter()
        summary = confirm_roster(staged)
        done = time.perf_counter()
        rows.append(
            [
                attempt,
                f"{args.rows:,}",
                f"{checked_at - started:.1f}",
                f"{done - checked_at:.1f}",
                f"{done - started:.1f}",
                f"{args.rows / (done - started):,.0f}",
                ", ".join(f"{key} {value:,}" for key, value in summary.items()),
            ]
        )
        print(f"{attempt}: check {checked_at - started:.1f} s, import {done - checked_at:.1f} s, {summary}")
    write_section(
        "roster-import",
        "Roster import",
        f"`.venv/bin/python -m bench.roster_import --rows {args.rows}` on SQLite: a CSV of {args.rows:,} people with "
        "positions at 1,500 schools (created by the import), subjects, grade bands and languages.\n\n"
        + table(["run", "rows", "check s", "import s", "total s", "rows/s", "summary"], rows),
    )


if __name__ == "__main__":
    main()
