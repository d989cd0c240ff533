"""In Chromium, in Hebrew and in Arabic: the intern opens her relationship (the meetings logged, the mentor's
submitted mid-year assessment), responds to the assessment, and sees her response on the page. Every page is
right to left in her language, with no error in the console (the content security policy refuses inline
styles and scripts).
"""

import pytest

from hevruta.mentoring import services
from hevruta.programs.models import Program
from hevruta.standards import services as standards
from hevruta.standards.models import PerformanceLevel
from tests.browser.conftest import html_attributes

from .test_browser_matching import browser, console, page, sign_in

pytestmark = [pytest.mark.browser]

__all__ = ["browser", "console", "page"]  # Playwright's fixtures, shared with the matching test

MENTOR_SUMMARY = "התקדמות יפה בתכנון הפעילויות"
RESPONSE = {"he": "תודה, אעבוד על השיחות עם ההורים", "ar": "شكرًا، سأعمل على اللقاءات مع الأهل"}


def _mid_year_assessment(cast) -> None:  # type: ignore[no-untyped-def]
    framework = standards.create_framework(
        cast.world.home, title="מיומנויות המתמחה", creator="הרשת", language="he", levels=["מתפתחת", "מיומנת"]
    )
    item = standards.add_item(framework, full_statement="שיחה מקצועית עם הורים", human_coding_scheme="1")
    standards.publish(framework)
    Program.objects.filter(pk=cast.program.program_id).update(framework=framework)
    cast.relationship.refresh_from_db()
    level = PerformanceLevel.objects.filter(framework=framework).order_by("position").first()
    services.save_assessment(
        cast.relationship,
        cast.mentor,
        "mid_year",
        summary=MENTOR_SUMMARY,
        ratings={item: (level, "")},
        submit=True,
    )


@pytest.mark.parametrize("language", ["he", "ar"])
def test_the_intern_reads_her_relationship_and_responds_to_the_assessment(page, console, live_server, cast, language):
    _mid_year_assessment(cast)
    sign_in(page, live_server, cast.mentee.user)  # it clears the cookies: the language is set after it
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    relationship_url = f"/mentoring/relationships/{cast.relationship.pk}/"

    page.goto(relationship_url)
    assert html_attributes(page) == (language, "rtl")
    for meeting in (cast.secret_meeting, cast.shared_meeting):
        assert page.locator(f"[data-testid=meeting-{meeting.pk}]").is_visible()
    assert MENTOR_SUMMARY in page.content()

    page.click("a[href$='/respond/']")
    assert html_attributes(page) == (language, "rtl")
    page.fill("textarea[name=response]", RESPONSE[language])
    page.click("button[type=submit]")
    page.wait_for_url(f"**{relationship_url}#assessments")
    assert html_attributes(page) == (language, "rtl")
    assert RESPONSE[language] in page.locator("#assessments").inner_text()

    page.goto("/mentoring/mine/")
    assert html_attributes(page) == (language, "rtl")
    assert cast.mentor.full_name in page.content()
    assert console.errors == []
