"""A private consultation is its asker's and its invited peers' only: not in another member's list,
search, API answers, home card or notices."""

import pytest
from django.urls import reverse

from hevruta.accounts.services import create_api_token
from hevruta.consultations import services
from hevruta.consultations.models import Thread
from hevruta.consultations.queries import consultations_card
from hevruta.notifications.models import Notice

from .conftest import ask

pytestmark = pytest.mark.django_db


def _api(user):  # type: ignore[no-untyped-def]
    from django.test import Client

    return Client(headers={"Authorization": f"Bearer {create_api_token(user, 'tests')[1]}"})


def test_private_consultations_stay_with_those_in_them(cities):
    world, private = cities.world, cities.consultation
    manager = world.manager.user
    # A manager of the network, strong in the topic, is still no reader of a private thread.
    world.manager.strengths.add(cities.topic)
    services.invite(private, world.member, [cities.alpha])
    services.reply(private, world.member, "סוד")

    def results(persona: str) -> str:
        html = world.client(persona).get(reverse("consultations:list"), {"q": "לגיל הרך"}).content.decode()
        return html.split('data-testid="consultation-results"')[1]

    assert private.title in results("member")
    assert private.title not in results("manager")
    assert _api(manager).get(f"/api/v1/consultations/{private.pk}").status_code == 404
    assert _api(manager).get("/api/v1/consultations", {"q": private.title}).json()["count"] == 0
    assert _api(manager).get(f"/api/v1/consultations/{private.pk}/suggestions").status_code == 404
    card = consultations_card(manager)
    assert private not in card["invited"] + card["on_my_strengths"] + card["mine"]
    assert not Notice.objects.filter(recipient=manager).exists()

    # An open thread on the manager's strength does reach the manager's home card.
    open_one = ask(world, world.network_person, cities.topic, thread=Thread.OPEN, title="פתוח")
    assert open_one in consultations_card(manager)["on_my_strengths"]


def test_an_invited_peer_reads_the_private_thread_and_sees_it_at_home(cities):
    world, private = cities.world, cities.consultation
    alpha = cities.alpha
    account = world.outsider.user  # the outsider's account becomes Alpha's
    world.outsider.user = None
    world.outsider.save()
    alpha.user = account
    alpha.save()
    services.invite(private, world.member, [alpha])
    assert private in consultations_card(alpha.user)["invited"]
    assert _api(alpha.user).get(f"/api/v1/consultations/{private.pk}").status_code == 200


def test_a_draft_is_nobody_elses(cities):
    world = cities.world
    draft = ask(world, world.member, cities.topic, publish=False, thread=Thread.OPEN)
    assert _api(world.manager.user).get(f"/api/v1/consultations/{draft.pk}").status_code == 404
    assert _api(world.member.user).get(f"/api/v1/consultations/{draft.pk}").status_code == 200
