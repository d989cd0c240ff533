"""A real Chromium (Debian's, not a downloaded one) driving the site served by pytest-django's live_server."""

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PASSWORD = "Tzimtzum-2024-hevruta"


def _unavailable(reason: str) -> None:
    # On CI a missing browser is a broken build, not a reason to pass quietly.
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> Iterator:  # type: ignore[no-untyped-def]
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing: install Debian's chromium package to run the browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (requirements/dev.txt)")
    with pytest.MonkeyPatch.context() as patch:
        # Playwright's sync API keeps an event loop running in this thread while the browser lives, and Django
        # then refuses database calls here; the tests' factories are plain synchronous code, so allow them,
        # for this module only, so that other tests keep Django's check.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        # Playwright's driver puts Chromium's profile in its temporary directory: keep it in the tests' own.
        patch.setenv("TMPDIR", str(tmp_path_factory.mktemp("chromium")))
        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        playwright.stop()


class ConsoleLog:
    """What the page said on the console and the errors it threw, kept for assertions."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def csp_violations(self) -> list[str]:
        return [text for text in self.errors if "Content Security Policy" in text]


@pytest.fixture
def console() -> ConsoleLog:
    return ConsoleLog()


@pytest.fixture
def page(browser, live_server, transactional_db, console) -> Iterator:  # type: ignore[no-untyped-def]
    # English first, like a browser set to English, so switching language is the test's own doing.
    context = browser.new_context(base_url=live_server.url, locale="en-US", accept_downloads=False)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and console.errors.append(message.text))
    page.on("pageerror", lambda error: console.errors.append(f"uncaught: {error}"))
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # Rate limits (sign-ups per IP: every request comes from 127.0.0.1) live in the cache.
    cache.clear()
    yield
    cache.clear()


def html_attributes(page) -> tuple[str | None, str | None]:  # type: ignore[no-untyped-def]
    html = page.locator("html")
    return html.get_attribute("lang"), html.get_attribute("dir")


def stylesheets(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The stylesheets the browser actually loaded (with rules it could read), not only the links."""
    return page.evaluate(
        """() => Array.from(document.styleSheets)
              .filter((sheet) => sheet.href && sheet.cssRules.length > 0)
              .map((sheet) => new URL(sheet.href).pathname)"""
    )


def switch_language(page, code: str) -> None:  # type: ignore[no-untyped-def]
    """Pick a language in the menu's switcher; site.js submits the form on change."""
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
    with page.expect_navigation():
        page.select_option("#language-switcher", code)
    assert page.locator("html").get_attribute("lang") == code


def link_in_last_mail(pattern: str) -> str:
    from django.core import mail

    assert mail.outbox, "no email was sent"
    match = re.search(r"https?://[^/\s]+(" + pattern + r")", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


# A real background worker, for the pages that follow a job (tests/core/workers.py).
from tests.core.workers import workers  # noqa: E402, F401
