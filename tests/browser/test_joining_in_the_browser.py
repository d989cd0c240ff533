"""A newcomer signs up, asks to join a network in Arabic, its manager accepts in another browser, and the
newcomer hears of it in the bell and by an email written in Arabic, right to left."""

import re

import pytest
from django.core import mail

from hevruta.directory.models import JoinPolicy, MembershipRole, NetworkMembership
from tests.factories import NetworkFactory, PersonFactory, UserFactory, member

from .conftest import PASSWORD, link_in_last_mail, switch_language

pytestmark = pytest.mark.browser

EMAIL = "salma.teacher@example.org"
ARABIC = re.compile("[\u0600-\u06ff]")


def _submit(page) -> None:  # type: ignore[no-untyped-def]
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()


def _log_in(page, email: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", password)
    _submit(page)


def test_ask_to_join_the_manager_accepts_and_the_newcomer_is_told_in_arabic(page, browser, live_server, console):
    network = NetworkFactory(
        name="רשת רכזי המתמטיקה",
        name_ar="شبكة منسقي الرياضيات",
        name_en="Mathematics coordinators' network",
        slug="math-coordinators",
        join_policy=JoinPolicy.ON_REQUEST,
    )
    manager_user = UserFactory(email="manager@example.org", password=PASSWORD)
    member(network, PersonFactory(user=manager_user, email=manager_user.email), MembershipRole.MANAGER)

    page.set_default_timeout(30_000)  # two browsers and a worker share the machine
    # The newcomer signs up with a name, confirms the address and chooses Arabic.
    page.goto("/accounts/signup/")
    page.fill("#id_email", EMAIL)
    page.fill("#id_first_name", "سلمى")
    page.fill("#id_last_name", "حداد")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    _submit(page)
    page.goto(link_in_last_mail(r"/accounts/confirm-email/[^\s]+/"))
    _submit(page)
    switch_language(page, "ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    # Her home page tells her what to do next, and offers the network.
    assert page.get_by_test_id("home-next-steps").is_visible()
    with page.expect_navigation():
        page.get_by_test_id("home-next-steps").locator(f'a[href="/directory/networks/{network.slug}/"]').click()

    page.get_by_test_id("ask-to-join").click()
    page.fill("textarea[name=message]", "أنا منسقة رياضيات في مدرسة إعدادية")
    with page.expect_navigation():
        page.get_by_test_id("send-join-request").click()
    assert not NetworkMembership.objects.filter(network=network, person__user__email=EMAIL).exists()

    # The manager, in a browser of her own, accepts.
    manager_context = browser.new_context(base_url=live_server.url, locale="en-US")
    manager_page = manager_context.new_page()
    manager_page.set_default_timeout(30_000)
    _log_in(manager_page, "manager@example.org", PASSWORD)
    assert manager_page.locator("#notice-bell-count .badge").first.inner_text().strip() == "1"
    manager_page.goto(f"/directory/networks/{network.slug}/joining/")
    assert "أنا منسقة رياضيات في مدرسة إعدادية" in manager_page.content()
    mail.outbox.clear()
    with manager_page.expect_navigation():
        manager_page.get_by_test_id("accept-join-request").click()
    manager_context.close()
    assert NetworkMembership.objects.filter(network=network, person__user__email=EMAIL).exists()

    # The newcomer sees it in the bell, then in her notices, and got an email in Arabic.
    page.goto("/")
    bell = page.get_by_test_id("notice-bell")
    assert page.locator("#notice-bell-count .badge").first.inner_text().strip() == "1"
    bell.click()
    assert "شبكة منسقي الرياضيات" in page.locator("main").inner_text()
    [email] = [message for message in mail.outbox if message.to == [EMAIL]]
    assert email.extra_headers["Content-Language"] == "ar"
    assert ARABIC.search(email.subject) and "شبكة منسقي الرياضيات" in email.subject
    html = email.alternatives[0][0]
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    assert console.csp_violations() == []
