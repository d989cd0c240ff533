"""The monthly report by email: to each network manager and program coordinator, once a month, in their
language, with the dashboard's PDF; never a scope they cannot see; never to who turned it off; once
even when two workers' housekeeping run at the same moment."""

import io
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from pypdf import PdfReader

from hevruta.insights.models import MonthlyReport
from hevruta.insights.monthly import month_reported, send_monthly_reports
from hevruta.insights.notices import MONTHLY_REPORT
from hevruta.notifications.kinds import Email
from hevruta.notifications.services import set_email_choices
from hevruta.programs import services as programs
from hevruta.programs.models import StaffRole
from tests.core.workers import wait_for, workers  # noqa: F401 - the fixture
from tests.factories import PersonFactory, UserFactory

TODAY = date(2026, 12, 3)


@pytest.fixture
def program(world):  # type: ignore[no-untyped-def]
    program = programs.create_program(world.home, name_en="Leaders", name_ar="قادة", slug="leaders")
    coordinator = PersonFactory(user=UserFactory(email="coordinator@example.org", language="ar"))
    programs.add_staff(program, coordinator, StaffRole.COORDINATOR)
    return program


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.django_db
def test_managers_and_coordinators_each_receive_their_scope_once_a_month(world, program):
    assert send_monthly_reports(TODAY) == 2
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"manager@example.org", "coordinator@example.org"}
    # The coordinator reads Arabic: the summary and the report are in Arabic, the report of the program only.
    arabic = by_recipient["coordinator@example.org"]
    assert "قادة" in arabic.subject and "مرفق" in arabic.body
    (name, content, mimetype) = arabic.attachments[0]
    assert mimetype == "application/pdf" and name == "program-leaders-2026-11.pdf"
    assert "قادة" in _pdf_text(content)
    # The manager gets the network's; the month reported is November, said in the email.
    network = by_recipient["manager@example.org"]
    assert network.attachments[0][0] == "network-home-2026-11.pdf"
    assert "?start=2026-11-01&amp;end=2026-11-30" in network.alternatives[0][0]
    # Housekeeping runs often: nothing more this month; next month again.
    assert send_monthly_reports(TODAY) == 0
    assert send_monthly_reports(date(2027, 1, 2)) == 2
    assert MonthlyReport.objects.count() == 4


@pytest.mark.django_db
def test_nobody_receives_a_scope_they_cannot_see_or_turned_off(world, program):
    """Members, outsiders and a manager of another network receive nothing of home; a coordinator whose
    account is closed receives nothing; a manager who turned the kind off receives nothing."""
    away_manager = PersonFactory(user=UserFactory(email="away@example.org"))
    from hevruta.directory.models import MembershipRole
    from tests.factories import member

    member(world.away, away_manager, MembershipRole.MANAGER)
    set_email_choices(world.user("manager"), {MONTHLY_REPORT: Email.NEVER})
    get_user_model().objects.filter(email="coordinator@example.org").update(is_active=False)
    send_monthly_reports(TODAY)
    assert [(message.to, message.attachments[0][0]) for message in mail.outbox] == [
        (["away@example.org"], "network-away-2026-11.pdf")
    ]


def test_month_reported_is_the_calendar_month_before():
    assert month_reported(date(2026, 1, 1)) == (date(2025, 12, 1), date(2025, 12, 31))
    assert month_reported(date(2026, 3, 31)) == (date(2026, 2, 1), date(2026, 2, 28))


def test_two_workers_housekeeping_at_once_send_each_report_once(world, program, workers):  # noqa: F811
    """Two real workers start together (each runs its housekeeping at once and every second after):
    each person gets each scope's report of the month exactly once, printed by the console mailer."""
    for _ in range(2):
        workers.start(EMAIL_URL="consolemail://")
    wait_for(lambda: MonthlyReport.objects.count() >= 2, what="the monthly reports", workers=workers)
    wait_for(lambda: workers.logs().count("To: ") >= 2, what="the emails in the workers' logs", workers=workers)
    logs = workers.logs()
    assert logs.count("To: manager@example.org") == 1
    assert logs.count("To: coordinator@example.org") == 1
    assert sorted(MonthlyReport.objects.values_list("scope", flat=True)) == [
        f"network:{world.home.pk}",
        f"program:{program.pk}",
    ]
