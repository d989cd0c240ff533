"""A city's head of education asks for a consultation, invites the suggested peer, the peer offers help
in another browser, and the asker closes it with an outcome."""

import pytest

from hevruta.consultations.models import Consultation, Status
from hevruta.directory.models import MembershipRole, OrganizationKind, PositionRole, Topic
from tests.factories import (
    NetworkFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
    member,
)

from .conftest import PASSWORD

pytestmark = pytest.mark.browser


def _submit(page, button) -> None:  # type: ignore[no-untyped-def]
    with page.expect_navigation():
        button.click()


def _log_in(page, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    _submit(page, page.locator("main form button[type=submit]").last)


def _person(network, email: str, given: str, organization, role):  # type: ignore[no-untyped-def]
    user = UserFactory(email=email, password=PASSWORD)
    person = PersonFactory(user=user, email=email, given_name=given, family_name="Test")
    member(network, person, MembershipRole.MEMBER)
    PositionFactory(person=person, organization=organization, title="Head", role=role)
    return person


def test_a_city_asks_invites_the_suggested_peer_who_helps_and_the_city_closes(page, browser, live_server, console):
    # The live server's tests flush the database between them, migrations' vocabulary with it.
    topic, _ = Topic.objects.get_or_create(slug="early-childhood-education", defaults={"name_he": "חינוך בגיל הרך"})
    network = NetworkFactory(name="רשת ערים", slug="cities")
    council = OrganizationFactory(name="מועצה אזורית", kind=OrganizationKind.REGIONAL_COUNCIL)
    city = OrganizationFactory(name="עיריית נתניה", kind=OrganizationKind.MUNICIPALITY)
    city.strengths.add(topic)
    _person(network, "asker@example.org", "Asker", council, PositionRole.DEPARTMENT_HEAD)
    peer = _person(network, "peer@example.org", "Peer", city, PositionRole.DEPARTMENT_HEAD)
    page.set_default_timeout(30_000)

    _log_in(page, "asker@example.org")
    page.goto("/consultations/new/?network=cities")
    page.select_option("#id_organization", str(council.pk))
    page.select_option("#id_topic", str(topic.pk))
    page.fill("#id_title", "תוכניות לגיל הרך")
    page.fill("#id_description", "רצף חינוכי לגיל הרך")
    page.check("input[name=help_kinds][value=learning_tour]")
    _submit(page, page.locator("main form button[type=submit]").last)
    consultation = Consultation.objects.get()
    assert consultation.status == Status.OPEN

    suggestion = page.get_by_test_id("suggestion").first
    assert "Peer Test" in suggestion.inner_text() and "עיריית נתניה" in suggestion.inner_text()
    suggestion.locator("input[type=checkbox]").check()
    _submit(page, page.get_by_test_id("invite"))
    assert consultation.invitations.get().person == peer

    context = browser.new_context(base_url=live_server.url, locale="en-US")
    other = context.new_page()
    other.set_default_timeout(30_000)
    _log_in(other, "peer@example.org")
    other.goto(f"/consultations/{consultation.pk}/")
    _submit(other, other.get_by_test_id("offer-help"))
    context.close()
    consultation.refresh_from_db()
    assert consultation.status == Status.IN_PROGRESS

    page.goto(f"/consultations/{consultation.pk}/")
    page.fill("#id_outcome", "סיור למידה בגני נתניה")
    page.select_option("#id_rating", "5")
    _submit(page, page.get_by_test_id("close"))
    assert page.get_by_test_id("consultation-status").inner_text() == "Closed"
    assert "סיור למידה" in page.get_by_test_id("consultation-outcome").inner_text()
    assert console.errors == []
