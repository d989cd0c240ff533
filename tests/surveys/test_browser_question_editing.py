"""In Chromium, in Hebrew (right to left): a program's coordinator edits a question of a draft survey,
moves another up from the keyboard, deletes a third after the page that asks, and finds the order kept
after reloading the page. Real HTTP through the live server.

Uses the Playwright fixtures of tests/browser/conftest.py (Debian's Chromium; skipped with the reason
printed when it is missing, failed instead when CI=true).
"""

from datetime import date

import pytest
from django.test import Client

from hevruta.directory.models import MembershipRole
from hevruta.programs import services as programs
from hevruta.programs.models import StaffRole
from hevruta.surveys import services
from hevruta.surveys.models import QuestionKind
from tests.browser import conftest as browser_fixtures
from tests.factories import NetworkFactory, PersonFactory, UserFactory, member

# The browser tests' fixtures, used here too: Chromium for the module, its console, a fresh cache.
browser, console, _fresh_cache = browser_fixtures.browser, browser_fixtures.console, browser_fixtures._fresh_cache

pytestmark = pytest.mark.browser

FIRST = "אני מסוגלת להוביל חזון לעשייה"
SECOND = "באיזה מקצוע את מלמדת?"
THIRD = "מה עזר לך?"
EDITED = "באיזה מקצוע את מלמדת השנה?"


def _navigate(page, action) -> None:  # type: ignore[no-untyped-def]
    with page.expect_navigation():
        action()


def _questions_on_the_page(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.locator("#questions .survey-question-text > span[dir=auto]").all_inner_texts()


def test_a_coordinator_edits_moves_and_deletes_questions_in_hebrew(browser, live_server, transactional_db, console):
    network = NetworkFactory(name="רשת ערים מחנכות", slug="cities", is_public=False)
    program = programs.create_program(network, name_en="Leaders", name_he="מובילים", slug="leaders")
    programs.create_cohort(program, "מחזור א", date(2026, 9, 1), date(2027, 6, 30))
    user = UserFactory(email="coordinator@example.org", language="he")
    coordinator = PersonFactory(user=user, email=user.email)
    member(network, coordinator, MembershipRole.MEMBER)
    programs.add_staff(program, coordinator, StaffRole.COORDINATOR)
    survey = services.create_survey(program, title="מסוגלות עצמית", language="he")
    first = services.add_question(survey, kind=QuestionKind.LIKERT, text=FIRST)
    second = services.add_question(survey, kind=QuestionKind.CHOICE, text=SECOND, choices=["מתמטיקה", "ערבית"])
    third = services.add_question(survey, kind=QuestionKind.TEXT, text=THIRD, required=False)

    context = browser.new_context(base_url=live_server.url, locale="he-IL")
    session = Client()
    session.force_login(user)
    context.add_cookies([{"name": "sessionid", "value": session.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.on("console", lambda message: message.type == "error" and console.errors.append(message.text))
    page.on("pageerror", lambda error: console.errors.append(f"uncaught: {error}"))

    page.goto(f"/surveys/{survey.pk}/")
    assert browser_fixtures.html_attributes(page) == ("he", "rtl")
    assert _questions_on_the_page(page) == [FIRST, SECOND, THIRD]
    # Right to left, a question's buttons sit at the line's end: to the left of its text.
    row = page.locator(f"#question-{second.pk}")
    assert (
        row.locator(".survey-question-actions").bounding_box()["x"]
        < row.locator(".survey-question-text").bounding_box()["x"]
    )

    # Edit the second question's text and add a choice.
    _navigate(page, row.get_by_role("link", name="עריכה").click)
    assert page.locator("h1").inner_text() == "עריכת השאלה"
    page.fill("#id_text", EDITED)
    page.fill("#id_choices", "מתמטיקה\nערבית\nהיסטוריה")
    _navigate(page, page.locator("main form button[type=submit]").click)
    assert "השאלה נשמרה." in page.locator("main").inner_text()
    assert _questions_on_the_page(page) == [FIRST, EDITED, THIRD]

    # Move the third question up, from the keyboard alone.
    page.locator(f"#question-{third.pk} button[value=up]").focus()
    _navigate(page, lambda: page.keyboard.press("Enter"))
    assert _questions_on_the_page(page) == [FIRST, THIRD, EDITED]
    assert page.url.endswith(f"#question-{third.pk}")

    # Delete the first, after the page that asks.
    _navigate(page, page.locator(f"#question-{first.pk}").get_by_role("link", name="מחיקה").click)
    assert FIRST in page.locator("main blockquote").inner_text()
    _navigate(page, page.locator("main form button[type=submit]").click)
    assert "השאלה נמחקה." in page.locator("main").inner_text()

    # The order is kept: on a fresh load of the page, and in the database, numbered from 1.
    page.reload()
    assert _questions_on_the_page(page) == [THIRD, EDITED]
    assert page.locator("#questions .survey-question-number").all_inner_texts() == ["1.", "2."]
    assert list(survey.questions.order_by("order").values_list("text", "order")) == [(THIRD, 1), (EDITED, 2)]
    assert survey.questions.get(text=EDITED).choices == ["מתמטיקה", "ערבית", "היסטוריה"]
    assert console.csp_violations() == [] and console.errors == []
    context.close()
