"""Every consultations page with the four personas. The consultation of the fixture is the member's,
private and open; a second one is an open thread of "home"."""

import pytest
from django.test import Client
from django.urls import reverse

from hevruta.consultations.models import Consultation, Status, Thread

from .conftest import ask

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def _login_redirect(response) -> bool:  # type: ignore[no-untyped-def]
    return response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_the_list(cities, persona):
    response = cities.world.client(persona).get(reverse("consultations:list"))
    if persona == "anonymous":
        assert _login_redirect(response)
        return
    assert response.status_code == 200
    html = response.content.decode()
    # The member's private consultation is listed for her only.
    assert ("תוכניות לגיל הרך" in html) == (persona == "member")


def test_a_private_consultation(cities, persona):
    response = cities.world.client(persona).get(reverse("consultations:detail", args=[cities.consultation.pk]))
    expected = {"member": 200, "manager": 404, "outsider": 404}
    if persona == "anonymous":
        assert _login_redirect(response)
        return
    assert response.status_code == expected[persona]
    if persona == "member":
        html = response.content.decode()
        assert 'data-testid="suggestions"' in html and "Carmel Gamma" in html and "Hila Hidden" not in html


def test_an_open_thread(cities, persona):
    world = cities.world
    consultation = ask(world, world.network_person, cities.topic, thread=Thread.OPEN, title="שרשור פתוח")
    response = world.client(persona).get(reverse("consultations:detail", args=[consultation.pk]))
    if persona == "anonymous":
        assert _login_redirect(response)
        return
    assert response.status_code == (404 if persona == "outsider" else 200)
    if response.status_code == 200:
        html = response.content.decode()
        assert 'data-testid="suggestions"' not in html  # only the asker sees whom to invite
        assert f'action="/consultations/{consultation.pk}/reply/"' in html  # members write in an open thread


def test_the_form_to_ask(cities, persona):
    response = cities.world.client(persona).get(reverse("consultations:create"))
    if persona == "anonymous":
        assert _login_redirect(response)
        return
    assert response.status_code == 200
    assert ("מועצה אזורית בדיקה" in response.content.decode()) == (persona == "member")


def test_asking_from_the_page(cities, persona):
    client = cities.world.client(persona)
    before = Consultation.objects.count()
    data = {
        "organization": str(cities.council.pk) if persona == "member" else "",
        "topic": str(cities.topic.pk),
        "title": "שאלה חדשה",
        "description": "מה עושים?",
        "help_kinds": ["call", "visit"],
        "thread": "open",
        "publish": "on",
    }
    response = client.post(reverse("consultations:create"), data)
    if persona == "anonymous":
        assert _login_redirect(response) and Consultation.objects.count() == before
        return
    assert response.status_code == 302
    created = Consultation.objects.order_by("-pk").first()
    assert created.title == "שאלה חדשה" and created.status == Status.OPEN
    assert created.help_kinds == ["call", "visit"]
    assert (created.organization == cities.council) == (persona == "member")


def test_the_strengths_page(cities, persona):
    response = cities.world.client(persona).get(reverse("consultations:strengths", args=["home"]))
    if persona == "anonymous":
        assert _login_redirect(response)
        return
    assert response.status_code == (200 if persona == "manager" else 404)
    if persona == "manager":
        html = response.content.decode()
        assert 'data-testid="topic-balance"' in html
        # Beta is strong and never invited; Gamma was invited twice; the private profile stays out.
        assert "Bina Beta" in html and "Carmel Gamma" not in html and "Hila Hidden" not in html


def test_inviting_from_the_page(cities, persona):
    world = cities.world
    url = reverse("consultations:invite", args=[cities.consultation.pk])
    response = world.client(persona).post(url, {"people": [cities.alpha.pk]})
    invited = cities.consultation.invitations.filter(person=cities.alpha).exists()
    if persona == "anonymous":
        assert _login_redirect(response)
    elif persona == "member":
        assert response.status_code == 302 and invited
        return
    else:
        assert response.status_code == 404
    assert not invited


def test_inviting_someone_hidden_from_the_page_says_why_and_invites_nobody(cities):
    client = cities.world.client("member")
    url = reverse("consultations:invite", args=[cities.consultation.pk])
    response = client.post(url, {"people": [cities.alpha.pk, cities.hidden.pk]}, follow=True)
    assert "is not one of the available choices" in response.content.decode()
    assert not cities.consultation.invitations.exists()


def test_closing_from_the_page_then_again(cities):
    client = cities.world.client("member")
    url = reverse("consultations:close", args=[cities.consultation.pk])
    client.post(url, {"outcome": "סוף טוב", "rating": "5", "follow_up": "meeting"})
    cities.consultation.refresh_from_db()
    assert cities.consultation.status == Status.CLOSED
    response = client.post(url, {"outcome": "שוב", "rating": "1"}, follow=True)
    html = response.content.decode()
    assert "already closed" in html
    cities.consultation.refresh_from_db()
    assert (cities.consultation.outcome, cities.consultation.asker_rating) == ("סוף טוב", 5)


def test_a_rating_out_of_range_from_the_page(cities):
    client = cities.world.client("member")
    url = reverse("consultations:close", args=[cities.consultation.pk])
    response = client.post(url, {"outcome": "סוף", "rating": "9"}, follow=True)
    assert "Select a valid choice" in response.content.decode()
    cities.consultation.refresh_from_db()
    assert cities.consultation.status == Status.OPEN


def test_answering_replying_and_rating_from_the_pages(cities):
    world = cities.world
    alpha = cities.alpha
    account = world.outsider.user  # the outsider's account becomes Alpha's
    world.outsider.user = None
    world.outsider.save()
    alpha.user = account
    alpha.save()
    world.client("member").post(reverse("consultations:invite", args=[cities.consultation.pk]), {"people": [alpha.pk]})
    helper = Client()
    helper.force_login(account)
    page = helper.get(reverse("consultations:detail", args=[cities.consultation.pk]))
    assert page.status_code == 200 and 'data-testid="offer-help"' in page.content.decode()
    helper.post(reverse("consultations:answer", args=[cities.consultation.pk]), {"answer": "offer", "message": "כן"})
    helper.post(reverse("consultations:reply", args=[cities.consultation.pk]), {"body": "שלום"})
    world.client("member").post(
        reverse("consultations:close", args=[cities.consultation.pk]), {"outcome": "תודה", "rating": "4"}
    )
    helper.post(reverse("consultations:rate", args=[cities.consultation.pk]), {"rating": "5", "note": "נהדר"})
    invitation = cities.consultation.invitations.get(person=alpha)
    world.client("member").post(
        reverse("consultations:endorse", args=[cities.consultation.pk]), {"invitation": str(invitation.pk)}
    )
    invitation.refresh_from_db()
    assert (invitation.answer, invitation.helper_rating) == ("offered", 5)
    assert cities.consultation.replies.get().body == "שלום"
    assert cities.consultation.endorsements.get().person == alpha


def test_a_draft_is_published_from_its_page(cities, persona):
    world = cities.world
    draft = ask(world, world.member, cities.topic, publish=False)
    response = world.client(persona).post(reverse("consultations:publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert (draft.status == Status.OPEN) == (persona == "member")
    if persona in ("manager", "outsider"):
        assert response.status_code == 404
