"""A manager imports a 20,000-row roster in Chromium while a real worker process checks and writes it;
the page shows the progress as it goes (htmx polling), then the summary."""

import csv
import io
import re
import time

import pytest
from django.test import Client

from hevruta.directory.models import Locality, Organization, Person

pytestmark = pytest.mark.browser

ROWS = 20_000


def _roster(path) -> None:  # type: ignore[no-untyped-def]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["email", "given_name", "family_name", "locality_code", "organization", "title"])
    for n in range(ROWS):
        writer.writerow([f"teacher{n}@schools.example", "נועה", f"כהן{n}", 2200, "Ofek", "מורה"])
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _watch_progress(page, until: str, timeout: float = 600) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """The progress texts the page showed ("done / total"), until the status reads `until`."""
    seen: list[tuple[int, int]] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.locator("[data-testid=roster-status]").inner_text() == until:
            return seen
        bars = page.locator("[data-testid=job-progress]")
        if bars.count():
            match = re.match(r"(\d+) / (\d+)", bars.first.inner_text())
            if match and (not seen or seen[-1] != (int(match[1]), int(match[2]))):
                seen.append((int(match[1]), int(match[2])))
        page.wait_for_timeout(100)
    raise AssertionError(f"the page never said {until!r}; it showed {seen}")


def test_a_20000_row_roster_shows_its_progress_while_a_worker_imports_it(
    page, live_server, world, workers, tmp_path, console
):
    Locality.objects.create(cbs_code=2200, name_he="דימונה")
    Organization.objects.create(name="Ofek", kind="school")
    roster = tmp_path / "roster.csv"
    _roster(roster)
    client = Client()
    client.force_login(world.manager.user)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])  # fmt: skip
    # Generous: the worker, the server and Chromium share the machine with whatever else runs.
    page.set_default_timeout(120_000)
    page.goto("/directory/networks/home/import/")
    page.set_input_files("input[type=file]", str(roster))
    workers.start()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    checking = _watch_progress(page, "Checked, waiting for confirmation")
    assert "All 20000 rows are valid." in page.content().replace(",", "")

    with page.expect_navigation():
        page.get_by_role("button", name="Import now").click()
    importing = _watch_progress(page, "Imported")
    summary = page.locator("[data-testid=roster-summary]").inner_text()
    assert "People created: 20000" in summary.replace(",", "")
    assert Person.objects.filter(email__endswith="@schools.example").count() == ROWS
    # While the worker ran, the page showed how far it had come: counts between none and all.
    shown = [done for done, total in checking + importing if total == ROWS and 0 < done < ROWS]
    assert shown, f"no progress between 0 and {ROWS} was shown: {checking} {importing}"
    assert page.locator("[data-testid=job-progress]").inner_text() == f"{ROWS} / {ROWS}"
    # No answer failed and no script broke while the page polled (a missing favicon is another matter).
    assert not [error for error in console.errors if "500" in error or "uncaught" in error or "htmx" in error], (
        console.errors
    )
