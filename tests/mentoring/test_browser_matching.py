"""In Chromium: a mentor and a mentee apply, the coordinator runs the matching, locks a pair, runs it again
and publishes; the mentor logs a meeting; the coordinator's view shows the meeting but not its content.

Uses the Playwright fixtures of tests/browser/conftest.py (Debian's Chromium; skipped with the reason
printed when it is missing, failed instead when CI=true).
"""

import pytest
from django.test import Client

from hevruta.directory.models import Language, Subject
from hevruta.mentoring.models import Application, MeetingLog, ProposedPair
from tests.browser import conftest as browser_fixtures

browser, page, console, _fresh_cache = (
    browser_fixtures.browser,
    browser_fixtures.page,
    browser_fixtures.console,
    browser_fixtures._fresh_cache,
)

pytestmark = [pytest.mark.browser]

CONTENT = "She worried about the parents evening; we rehearsed the opening."


def sign_in(page, live_server, user) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _profiles(cast) -> None:  # type: ignore[no-untyped-def]
    hebrew = Language.objects.get_or_create(code="he", defaults={"name_he": "עברית", "name_en": "Hebrew"})[0]
    math = Subject.objects.create(name_he="מתמטיקה", name_en="Mathematics")
    for person in (cast.world.manager, cast.world.member, cast.world.network_person):
        person.languages.add(hebrew)
        person.subjects.add(math)


def test_apply_match_lock_publish_and_log(page, console, live_server, cast):
    _profiles(cast)
    slug = cast.program.program.slug
    # A mentor and a mentee apply through the pages.
    sign_in(page, live_server, cast.world.manager.user)
    page.goto(f"/mentoring/{slug}/apply/mentor/")
    page.fill("input[name=capacity]", "1")
    page.click("button[type=submit]")
    page.wait_for_url(f"**/mentoring/{slug}/")
    sign_in(page, live_server, cast.world.member.user)
    page.goto(f"/mentoring/{slug}/apply/mentee/")
    page.click("button[type=submit]")
    page.wait_for_url(f"**/mentoring/{slug}/")
    assert Application.objects.filter(program=cast.program).count() == 2

    # The coordinator runs the matching, locks the pair, runs again, publishes.
    sign_in(page, live_server, cast.coordinator.user)
    page.goto(f"/mentoring/{slug}/matching/")
    page.click("text=Run matching")
    page.wait_for_selector("[data-testid=run-summary]")
    assert "shared subject: Mathematics" in page.content()
    page.click("button:has-text('Lock')")
    page.wait_for_selector("text=The pair is locked.")
    page.click("text=Run matching again")
    page.wait_for_selector("[data-testid=run-summary]")
    assert ProposedPair.objects.filter(run__status="proposed", locked=True).count() == 1
    page.click("text=Publish the matching")
    page.wait_for_url(f"**/mentoring/{slug}/relationships/")
    relationship_row = page.locator("[data-testid^=relationship-]", has_text=cast.world.member.full_name)
    assert relationship_row.count() == 1

    # The mentor logs a meeting with content the coordinator may not read.
    relationship = cast.world.manager.relationships_as_mentor.get()
    sign_in(page, live_server, cast.world.manager.user)
    page.goto(f"/mentoring/relationships/{relationship.pk}/meetings/new/")
    page.fill("input[name=date]", relationship.starts_on.isoformat())
    page.fill("input[name=hours]", "1.5")
    page.fill("textarea[name=summary]", CONTENT)
    page.click("button[type=submit]")
    page.wait_for_url(f"**/mentoring/relationships/{relationship.pk}/")
    assert CONTENT in page.content()
    meeting = MeetingLog.objects.get(relationship=relationship)

    sign_in(page, live_server, cast.coordinator.user)
    page.goto(f"/mentoring/relationships/{relationship.pk}/")
    assert page.locator(f"[data-testid=meeting-{meeting.pk}]").is_visible()
    assert CONTENT not in page.content()
    page.goto(f"/mentoring/{slug}/relationships/")
    assert "1" in page.locator(f"[data-testid=relationship-{relationship.pk}]").inner_text()
    assert console.errors == []
