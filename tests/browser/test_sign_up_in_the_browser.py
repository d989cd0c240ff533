"""Signing up, confirming the email address and logging in, the way a teacher does it in Chromium."""

import pytest
from django.core import mail

from hevruta.accounts.models import User
from hevruta.directory.models import Person

from .conftest import PASSWORD, link_in_last_mail

pytestmark = pytest.mark.browser

EMAIL = "noa.teacher@example.org"


def _submit(page) -> None:  # type: ignore[no-untyped-def]
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()


def test_sign_up_confirm_log_out_and_log_in(page, console):
    page.goto("/")
    page.locator("nav").get_by_role("link", name="Sign up").click()
    page.fill("#id_email", EMAIL)
    page.fill("#id_first_name", "Dana")
    page.fill("#id_last_name", "Levi")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    _submit(page)
    assert page.url.endswith("/accounts/confirm-email/")
    assert User.objects.filter(email=EMAIL).exists()
    assert page.locator("nav").get_by_role("link", name="Log in").is_visible()  # not logged in yet

    assert len(mail.outbox) == 1
    page.goto(link_in_last_mail(r"/accounts/confirm-email/[^\s]+/"))
    _submit(page)  # opening the link asks for one more click
    # Confirming logs in (same browser that signed up) and makes the directory profile.
    assert page.locator("nav").get_by_text(EMAIL).is_visible()
    assert Person.objects.filter(user__email=EMAIL, given_name="Dana", family_name="Levi").exists()

    page.locator("nav").get_by_text(EMAIL).click()
    page.get_by_role("link", name="Log out").click()
    _submit(page)
    assert page.locator("nav").get_by_role("link", name="Log in").is_visible()

    page.locator("nav").get_by_role("link", name="Log in").click()
    page.fill("#id_login", EMAIL)
    page.fill("#id_password", PASSWORD)
    _submit(page)
    assert page.locator("nav").get_by_text(EMAIL).is_visible()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Shalom")
    assert console.csp_violations() == []


def test_wrong_password_shows_an_error_and_stays_logged_out(page, console):
    from tests.factories import UserFactory

    UserFactory(email=EMAIL, password=PASSWORD)
    page.goto("/accounts/login/")
    page.fill("#id_login", EMAIL)
    page.fill("#id_password", "not the password")
    _submit(page)
    assert page.locator("main [role=alert]").first.is_visible()
    assert page.locator("nav").get_by_role("link", name="Log in").is_visible()
    assert console.csp_violations() == []
