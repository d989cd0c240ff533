"""Right-to-left in the browser: switching to Hebrew and Arabic, searching the directory for a Hebrew name,
opening the profile; and no page trips over the Content-Security-Policy."""

import pytest
from django.utils import translation

from hevruta.directory.models import Visibility
from tests.factories import PersonFactory, PositionFactory, UserFactory

from .conftest import PASSWORD, html_attributes, stylesheets, switch_language

pytestmark = pytest.mark.browser

RTL_CSS = "/static/vendor/bootstrap/bootstrap.rtl.min.css"
LTR_CSS = "/static/vendor/bootstrap/bootstrap.min.css"


@pytest.fixture
def people():  # type: ignore[no-untyped-def]
    sarah = PersonFactory(given_name="שרה", family_name="אברהם", profile_visibility=Visibility.PUBLIC)
    PositionFactory(person=sarah, title="רכזת מתמטיקה")
    miriam = PersonFactory(given_name="מרים", family_name="כהן", profile_visibility=Visibility.PUBLIC)
    hidden = PersonFactory(given_name="רבקה", family_name="אברהמי", profile_visibility=Visibility.PRIVATE)
    return sarah, miriam, hidden


def _search(page, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type in the search box and press Enter; htmx swaps in the results and updates the address."""
    page.fill("#id_q", text)
    with page.expect_response(lambda response: "/directory/people/" in response.url and "q=" in response.url):
        page.press("#id_q", "Enter")
    page.wait_for_url("**q=*")
    # Enter fires both "change" and "submit", which htmx both answers: let the second finish too.
    page.wait_for_load_state("networkidle")


def test_hebrew_search_profile_and_arabic(page, console, people):
    sarah, miriam, hidden = people
    page.goto("/directory/people/")
    assert html_attributes(page) == ("en", "ltr")
    assert LTR_CSS in stylesheets(page)

    switch_language(page, "he")
    assert html_attributes(page) == ("he", "rtl")
    assert page.url.endswith("/directory/people/")  # the switcher came back to the same page
    loaded = stylesheets(page)
    assert RTL_CSS in loaded
    assert LTR_CSS not in loaded
    # Right-to-left is real layout, not only an attribute: the brand sits at the right edge.
    brand = page.locator(".navbar-brand").bounding_box()
    assert brand and brand["x"] > page.viewport_size["width"] / 2

    # The family name alone, with no given name and no Hebrew prefix, finds her.
    _search(page, "אברהם")
    results = page.get_by_test_id("people-results")
    assert results.get_by_role("link", name=sarah.full_name).is_visible()
    assert miriam.full_name not in results.inner_text()
    assert hidden.full_name not in results.inner_text()  # a private profile is not found by anyone
    assert html_attributes(page) == ("he", "rtl")

    results.get_by_role("link", name=sarah.full_name).click()
    page.wait_for_url(f"**/directory/people/{sarah.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "שרה אברהם"
    assert "רכזת מתמטיקה" in page.locator("main").inner_text()

    switch_language(page, "ar")
    assert html_attributes(page) == ("ar", "rtl")
    assert RTL_CSS in stylesheets(page)
    assert page.get_by_role("heading", level=1).inner_text() == "שרה אברהם"
    with translation.override("ar"):
        people_in_arabic = translation.gettext("People")
    if people_in_arabic != "People":  # only once the Arabic catalog is compiled
        assert people_in_arabic in page.locator("nav").inner_text()

    switch_language(page, "en")
    assert html_attributes(page) == ("en", "ltr")
    assert console.csp_violations() == [], console.errors


def test_the_header_box_searches_everything_right_to_left(page, console, people):
    sarah, _miriam, hidden = people
    page.goto("/")
    switch_language(page, "he")
    page.fill("#site-search", "אברהם")
    page.press("#site-search", "Enter")
    page.wait_for_url("**/search/?q=*")
    assert html_attributes(page) == ("he", "rtl")
    found = page.get_by_test_id("section-people")
    assert found.get_by_role("link", name=sarah.full_name).is_visible()
    assert hidden.full_name not in page.locator("main").inner_text()  # a private profile, nowhere
    assert page.input_value("#site-search") == "אברהם"  # the box keeps the question
    found.get_by_role("link", name=sarah.full_name).click()
    page.wait_for_url(f"**/directory/people/{sarah.pk}/")
    assert console.csp_violations() == [], console.errors


def test_a_name_typed_with_niqqud_or_final_letters_still_matches(page, console, people):
    sarah, _miriam, _hidden = people
    page.goto("/directory/people/")
    switch_language(page, "he")
    _search(page, "אַבְרָהָם")
    assert page.get_by_test_id("people-results").get_by_role("link", name=sarah.full_name).is_visible()
    assert console.csp_violations() == [], console.errors


PUBLIC_PAGES = [
    "/",
    "/directory/people/",
    "/directory/organizations/",
    "/directory/networks/",
    "/directory/localities/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]
MEMBER_PAGES = [
    "/",
    "/directory/me/",
    "/account/tokens/",
    "/accounts/2fa/",
    "/accounts/password/change/",
    "/accounts/email/",
    "/accounts/logout/",
]


@pytest.mark.parametrize("language", ["en", "he", "ar"])
def test_pages_raise_no_content_security_policy_errors(page, console, people, language, live_server):
    user = UserFactory(email="dana@example.org", password=PASSWORD)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    for path in PUBLIC_PAGES:
        response = page.goto(path)
        assert response and response.ok, path
        assert html_attributes(page) == (language, "ltr" if language == "en" else "rtl"), path
    page.goto(f"/directory/people/{people[0].pk}/")

    page.goto("/accounts/login/")
    page.fill("#id_login", user.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    for path in MEMBER_PAGES:
        response = page.goto(path)
        assert response and response.ok, path
        assert html_attributes(page) == (language, "ltr" if language == "en" else "rtl"), path
    # The page after a redirect to reauthenticate, then the two-factor activation with its QR code image.
    page.goto("/accounts/2fa/totp/activate/")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    assert page.locator("img[src^='data:image/svg+xml']").is_visible()
    assert console.csp_violations() == [], console.errors
    assert console.errors == []


def test_the_console_watch_does_catch_a_violation(page, console):
    # Guards the test above from passing vacuously: an inline script must be refused and reported.
    page.goto("/")
    page.evaluate(
        """() => { const script = document.createElement("script");
                   script.textContent = "window.inlineRan = true"; document.body.append(script); }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.inlineRan === undefined")
    assert console.csp_violations(), console.errors
