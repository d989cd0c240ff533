"""A member joins a community, starts a thread mentioning its facilitator, and the facilitator sees the
notice in the bell and follows it to the post."""

import pytest

from hevruta.communities import services
from hevruta.communities.models import Membership
from hevruta.directory.models import MembershipRole
from tests.factories import NetworkFactory, PersonFactory, UserFactory, member

from .conftest import PASSWORD

pytestmark = pytest.mark.browser


def _log_in(page, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()


def test_join_post_with_a_mention_and_the_mentioned_hears_in_the_bell(page, browser, live_server, console):
    network = NetworkFactory(name="רשת הגננות", slug="kindergartens")
    people = {}
    for email, given, family in (("lead@example.org", "Dalia", "Lead"), ("new@example.org", "Noa", "Newcomer")):
        user = UserFactory(email=email, password=PASSWORD)
        people[email] = PersonFactory(user=user, email=email, given_name=given, family_name=family)
        member(network, people[email], MembershipRole.MEMBER)
    community = services.create_community(
        people["lead@example.org"].user,
        network,
        services.CommunityInput(name="קהילת הגננות החונכות", purpose="מתייעצות על ליווי מתמחות", visibility="network"),
    )
    page.set_default_timeout(30_000)
    _log_in(page, "new@example.org")
    page.goto(f"/communities/{community.pk}/")
    with page.expect_navigation():
        page.get_by_test_id("join").click()
    assert Membership.objects.filter(community=community, person=people["new@example.org"], status="active").exists()
    page.fill("#id_title", "משוב אחרי פעילות בוקר")
    page.fill("#id_body", "שאלה ל־@[Dalia Lead]: איך נותנים משוב?")
    with page.expect_navigation():
        # The new thread's form (the page's last form shares a resource).
        page.locator("main form[enctype='multipart/form-data'] button[type=submit]").click()
    assert page.get_by_test_id("thread-title").inner_text().startswith("משוב אחרי פעילות בוקר")
    assert page.locator(".mention").first.inner_text() == "@Dalia Lead"

    lead_context = browser.new_context(base_url=live_server.url, locale="en-US")
    lead = lead_context.new_page()
    lead.set_default_timeout(30_000)
    _log_in(lead, "lead@example.org")
    assert lead.locator("#notice-bell-count .badge").first.inner_text().strip() == "1"
    with lead.expect_navigation():
        lead.get_by_test_id("notice-bell").click()
    assert "Noa Newcomer mentioned you in “משוב אחרי פעילות בוקר”" in lead.content()
    lead_context.close()
    assert not console.csp_violations()
