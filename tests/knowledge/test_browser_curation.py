"""In Chromium: a member writes a Hebrew resource with an attachment, a curator returns it with a comment,
the author fixes it, the curator publishes it, and another member finds it by a prefixed form of a word
it contains and reports using it."""

import pytest

from hevruta.directory.models import MembershipRole

from ..factories import NetworkFactory, PersonFactory, UserFactory, member
from .files import pdf

try:  # the browser tests' own fixtures: Debian's Chromium, a page on the live server, its console
    from ..browser.conftest import browser, console, page  # noqa: F401
except ImportError:  # pragma: no cover
    pytest.skip("tests/browser/conftest.py, which launches Chromium, is missing", allow_module_level=True)

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's


def _person(email: str, network, role: str = MembershipRole.MEMBER):  # type: ignore[no-untyped-def]
    person = PersonFactory(user=UserFactory(email=email), email=email, given_name=email.split("@")[0])
    member(network, person, role)
    return person


def _log_in(context_page, email: str) -> None:  # type: ignore[no-untyped-def]
    context_page.goto("/accounts/login/")
    context_page.fill("#id_login", email)
    context_page.fill("#id_password", PASSWORD)
    with context_page.expect_navigation():
        context_page.locator("main form button[type=submit]").last.click()


def _submit(context_page, label: str) -> None:  # type: ignore[no-untyped-def]
    with context_page.expect_navigation():
        context_page.get_by_role("button", name=label).click()


def _review(curator, decision: str, comments: str = "") -> None:  # type: ignore[no-untyped-def]
    curator.get_by_role("link", name="Review", exact=True).click()
    for name, score in (("accuracy", 3), ("classroom_readiness", 3), ("clarity", 4), ("alignment", 3)):
        curator.check(f"input[name={name}][value='{score}']")
    curator.fill("#id_comments", comments)
    curator.check(f"input[name=decision][value='{decision}']")
    _submit(curator, "Send the review")


def test_write_return_fix_publish_find_and_use(page, browser, live_server, console, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    network = NetworkFactory(name="רשת מורי המתמטיקה", slug="math-network", is_public=False)
    _person("curator@example.org", network, MembershipRole.MANAGER)
    _person("author@example.org", network)
    _person("reader@example.org", network)
    worksheet = tmp_path / "worksheet.pdf"
    worksheet.write_bytes(pdf("fractions worksheet"))

    # The author writes a draft with an attachment and submits it.
    author = page
    _log_in(author, "author@example.org")
    author.goto("/knowledge/new/")
    author.select_option("#id_network", label="רשת מורי המתמטיקה")
    author.select_option("#id_kind", "diagnostic_task")
    author.fill("#id_title", "משימת אבחון: שברים בכיתה ז׳")
    author.fill("#id_body", "התלמידים משווים שברים על ציר המספרים.")
    author.set_input_files("#id_attachments", str(worksheet))
    _submit(author, "Save the draft")
    assert author.get_by_test_id("status").inner_text() == "Draft"
    assert author.get_by_role("link", name="worksheet.pdf").is_visible()
    _submit(author, "Submit for review")
    resource_url = author.url

    # The curator returns it with a comment.
    curator = browser.new_context(base_url=live_server.url, locale="en-US").new_page()
    _log_in(curator, "curator@example.org")
    curator.goto("/knowledge/review/")
    curator.get_by_role("link", name="משימת אבחון: שברים בכיתה ז׳").click()
    _review(curator, "return", "חסרה דוגמה לשבר גדול מאחד.")
    assert curator.get_by_test_id("status").inner_text() == "Returned with comments"

    # The author sees the comment; everything written is still in the form; fixes and resubmits.
    author.goto(resource_url)
    assert "חסרה דוגמה לשבר גדול מאחד." in author.get_by_test_id("reviews").inner_text()
    author.get_by_role("link", name="Edit").click()
    assert author.input_value("#id_body") == "התלמידים משווים שברים על ציר המספרים."
    author.fill("#id_body", "התלמידים משווים שברים על ציר המספרים, כולל 7/6.")
    _submit(author, "Save")
    _submit(author, "Resubmit for review")

    # The curator publishes it.
    curator.goto(resource_url)
    _review(curator, "publish")
    assert curator.get_by_test_id("status").inner_text() == "Published"

    # Another member finds it by a prefixed form ("כיתה" for "בכיתה") and reports using it.
    reader = browser.new_context(base_url=live_server.url, locale="en-US").new_page()
    _log_in(reader, "reader@example.org")
    reader.goto("/knowledge/")
    reader.fill("#knowledge-q", "כיתה")
    _submit(reader, "Search")
    result = reader.get_by_test_id("resource-results")
    assert "<mark>" in result.inner_html()
    result.get_by_role("link", name="משימת אבחון: שברים בכיתה ז׳").click()
    reader.get_by_role("link", name="I used it").click()
    reader.fill("#id_students", "27")
    reader.check("input[name=rating][value='4']")
    reader.fill("#id_how_it_went", "עבד היטב")
    _submit(reader, "Send the report")
    assert "Used by one teacher" in reader.get_by_test_id("use-summary").inner_text()
    assert "reader" not in reader.get_by_test_id("use-summary").inner_text()  # not public: not named
    assert console.csp_violations() == []
