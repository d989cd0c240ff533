"""The operators' admin for users and tokens."""

import pytest
from django.urls import reverse

from hevruta.accounts.services import create_api_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client(client):  # type: ignore[no-untyped-def]
    client.force_login(UserFactory(email="operator@example.org", is_staff=True, is_superuser=True))
    return client


def test_users_are_listed_and_found_by_email(operator_client):
    UserFactory(email="dana@example.org")
    response = operator_client.get(reverse("admin:accounts_user_changelist"), {"q": "dana"})
    assert response.status_code == 200
    assert "dana@example.org" in response.content.decode()


def test_tokens_show_their_hint_but_cannot_be_made_in_the_admin(operator_client):
    token, secret = create_api_token(UserFactory(email="dana@example.org"), "nightly sync")
    html = operator_client.get(reverse("admin:accounts_apitoken_change", args=[token.pk])).content.decode()
    assert token.hint in html
    assert secret not in html
    assert operator_client.get(reverse("admin:accounts_apitoken_add")).status_code == 403


def test_members_cannot_open_the_admin(world):
    for persona in ("manager", "member", "outsider"):
        response = world.client(persona).get(reverse("admin:accounts_user_changelist"))
        assert response.status_code == 302
