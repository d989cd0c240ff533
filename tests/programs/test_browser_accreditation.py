"""In Chromium: a participant submits evidence, a reviewer returns it, the participant resubmits (nothing she
wrote is lost), the reviewer accepts it; staff approve the accreditation and issue its credential, whose
public page says it is valid.

Uses the Playwright fixtures of tests/browser/conftest.py (Debian's Chromium; skipped with the reason
printed when it is missing, failed instead when CI=true).
"""

import pytest
from django.test import Client

from hevruta.mentoring.services import record_supervision
from hevruta.programs import services
from hevruta.programs.models import Evidence, ReviewDecision
from tests.browser import conftest as browser_fixtures

# The browser tests' fixtures, used here too: Chromium for the module, a page per test, its console.
browser, page, console, _fresh_cache = (
    browser_fixtures.browser,
    browser_fixtures.page,
    browser_fixtures.console,
    browser_fixtures._fresh_cache,
)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("contexts")]


def sign_in(page, live_server, user) -> None:  # type: ignore[no-untyped-def]
    """Start the browser's session as this user (the login form itself is tested in tests/browser)."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def everything_but_the_first_competency(cast) -> None:  # type: ignore[no-untyped-def]
    for session in cast.sessions[:3]:
        services.record_attendance(session, {cast.participant.pk: True})
    record_supervision(cast.supervisor, cast.participant, program=cast.program, date=cast.cohort.start_date, hours=4)
    evidence = services.submit_evidence(cast.enrollment, cast.competencies[1], text="Observed lesson, with feedback")
    services.review_evidence(evidence, cast.reviewer, ReviewDecision.ACCEPT, level=cast.levels[2])


def test_evidence_review_resubmission_approval_and_a_valid_credential(page, console, live_server, cast):
    everything_but_the_first_competency(cast)
    competency = cast.competencies[0]

    # The participant submits evidence of the one competency left.
    sign_in(page, live_server, cast.participant.user)
    page.goto("/programs/mine/")
    assert "Requirements: 3 of 4 met" in page.locator("main").inner_text()
    page.get_by_role("link", name="Submit evidence").click()
    page.select_option("#id_competency", str(competency.pk))
    page.fill("#id_text", "I facilitated our fractions community and kept the talk on students' work.")
    page.fill("#id_reflection", "Next time I will bring more student work.")
    page.get_by_role("button", name="Submit").click()
    assert page.get_by_test_id("evidence-status").inner_text() == "Submitted, waiting for review"
    evidence = Evidence.objects.get(enrollment=cast.enrollment, competency=competency)

    # The reviewer returns it with comments.
    sign_in(page, live_server, cast.reviewer.user)
    page.goto("/programs/reviews/")
    page.get_by_test_id("review-queue").get_by_role("link").first.click()
    page.check("input[name=decision][value=return]")
    page.check(f"input[name=level][value='{cast.levels[0].pk}']")
    page.fill("#id_comments", "Add a short transcript of the discussion.")
    page.get_by_role("button", name="Save the review").click()
    page.wait_for_url("**/programs/reviews/")

    # The participant finds everything she wrote, and resubmits.
    sign_in(page, live_server, cast.participant.user)
    page.goto(f"/programs/evidence/{evidence.pk}/")
    assert page.get_by_test_id("evidence-status").inner_text() == "Returned with comments"
    assert "Add a short transcript of the discussion." in page.get_by_test_id("review-comments").inner_text()
    page.get_by_role("link", name="Revise and resubmit").click()
    assert page.input_value("#id_text").startswith("I facilitated our fractions community")
    assert page.input_value("#id_reflection") == "Next time I will bring more student work."
    page.fill("#id_text", page.input_value("#id_text") + " Transcript: “Why did you choose 3/4?”")
    page.get_by_role("button", name="Resubmit").click()
    assert page.get_by_test_id("evidence-status").inner_text() == "Submitted, waiting for review"
    assert page.get_by_test_id("revision-1").is_visible() and page.get_by_test_id("revision-2").is_visible()

    # The reviewer accepts it at "Proficient".
    sign_in(page, live_server, cast.reviewer.user)
    page.goto(f"/programs/evidence/{evidence.pk}/")
    page.check("input[name=decision][value=accept]")
    page.check(f"input[name=level][value='{cast.levels[1].pk}']")
    page.get_by_role("button", name="Save the review").click()
    page.wait_for_url("**/programs/reviews/")
    evidence.refresh_from_db()
    assert (evidence.status, evidence.revision) == ("accepted", 2)

    # The coordinator approves the accreditation and issues its credential.
    sign_in(page, live_server, cast.coordinator.user)
    page.goto(f"/programs/enrollments/{cast.enrollment.pk}/decision/")
    assert page.get_by_test_id("progress").locator(".badge.text-bg-success").count() == 4
    page.check("input[name=decision][value=approve]")
    page.get_by_role("button", name="Record the decision").click()
    assert "Approve" in page.get_by_test_id("decisions").inner_text()
    assert "Carmel Coordinator" in page.get_by_test_id("decisions").inner_text()
    page.get_by_role("button", name="Issue the accreditation credential").click()
    page.wait_for_url("**/credentials/*/")
    assert "Valid." in page.locator(".alert-success[role=status]").inner_text()
    assert cast.participant.full_name in page.locator("main").inner_text()

    # Anyone with the link sees it is valid.
    public = page.url
    page.context.clear_cookies()
    page.goto(public)
    assert "Valid." in page.locator(".alert-success[role=status]").inner_text()
    assert console.csp_violations() == [], console.errors
