"""A network manager, in Hebrew (right to left), writes a goal, an objective and an indicator with a target,
enters a measurement with its evidence, sees the dashboard show it against the target, and downloads the
report as a PDF whose text names the indicator; then names a program's supervisor as a reader of the
program's monthly report. Real HTTP through the live server."""

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from hevruta.directory.models import MembershipRole
from hevruta.insights.models import ReportReader
from hevruta.outcomes.models import Indicator, Measurement
from hevruta.programs import services as programs
from hevruta.programs.models import StaffRole
from tests.factories import NetworkFactory, PersonFactory, UserFactory, member

from .conftest import PASSWORD, html_attributes

pytestmark = pytest.mark.browser

GOAL = "רשת שעובדת בין מגזרים"
OBJECTIVE = "קשרים בין בתי ספר"
INDICATOR = "שיתופי פעולה בין בתי ספר"


def _submit(page, button) -> None:  # type: ignore[no-untyped-def]
    with page.expect_navigation():
        button.click()


def _save(page) -> None:  # type: ignore[no-untyped-def]
    _submit(page, page.locator("main form button[type=submit]").last)


def test_a_manager_measures_an_indicator_and_downloads_the_report_in_hebrew(
    browser, live_server, transactional_db, console
):
    network = NetworkFactory(name="רשת ערים מחנכות", slug="cities", is_public=False)
    user = UserFactory(email="manager@example.org", password=PASSWORD, language="he")
    member(network, PersonFactory(user=user, email=user.email), MembershipRole.MANAGER)
    context = browser.new_context(base_url=live_server.url, locale="he-IL", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.on("console", lambda message: message.type == "error" and console.errors.append(message.text))

    page.goto("/accounts/login/")
    page.fill("#id_login", user.email)
    page.fill("#id_password", PASSWORD)
    _save(page)
    page.goto("/outcomes/network/cities/")
    assert html_attributes(page) == ("he", "rtl")

    _submit(page, page.locator("a[href$='/goals/new/']"))
    page.fill("#id_text", GOAL)
    page.select_option("#id_language", "he")
    _save(page)
    _submit(page, page.locator("a[href*='/objectives/new/']"))
    page.fill("#id_text", OBJECTIVE)
    _save(page)
    _submit(page, page.locator("a[href*='/indicators/new/']"))
    page.fill("#id_name", INDICATOR)
    page.select_option("#id_source", "manual")
    page.select_option("#id_unit", "count")
    page.fill("#id_baseline", "10")
    page.fill("#id_target", "30")
    page.fill("#id_target_date", "2030-06-30")
    _save(page)
    indicator = Indicator.objects.get()
    assert indicator.name == INDICATOR

    _submit(page, page.locator(f"a[href$='/indicators/{indicator.pk}/measurements/new/']"))
    page.fill("#id_on", "2026-11-30")
    page.fill("#id_value", "20")
    page.fill("#id_evidence", "פרוטוקול ועדת ההיגוי")
    _save(page)
    assert Measurement.objects.get().evidence == "פרוטוקול ועדת ההיגוי"
    assert "50%" in page.locator("#goals").inner_text()  # halfway from 10 toward 30

    page.goto("/insights/network/cities/")
    row = page.locator("#indicators tbody tr", has_text=INDICATOR)
    assert [cell.strip() for cell in row.locator("td").all_inner_texts()][:3] == ["10.00", "20.0", "30.00"]

    with page.expect_download() as download:
        page.locator("a[href*='report.pdf']").click()
    content = Path(download.value.path()).read_bytes()
    text = "\n".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(content)).pages)
    assert INDICATOR in text

    # The program's readers: reached from its dashboard, the supervisor named from the list of who may be.
    program = programs.create_program(network, name_en="Leaders", slug="leaders")
    supervisor = PersonFactory(given_name="דנה", family_name="לוי", user=UserFactory(email="dana@example.org"))
    programs.add_staff(program, supervisor, StaffRole.SUPERVISOR)
    page.goto("/insights/program/leaders/")
    _submit(page, page.locator("a[href$='/insights/program/leaders/readers/']"))
    page.select_option("#reader-person", str(supervisor.pk))
    _submit(page, page.locator("#name-reader button[type=submit]"))
    assert "יקבל/תקבל את הדוח החודשי" in page.locator(".alert-success, [role=alert]").first.inner_text()
    assert supervisor.full_name in page.locator("#named-readers").inner_text()
    assert ReportReader.objects.get().person == supervisor
    assert console.csp_violations() == [] and console.errors == []
    context.close()
