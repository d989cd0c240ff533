"""Resetting a forgotten password by email, and how passwords are stored."""

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.core import mail
from django.urls import reverse

import hevruta.settings
from hevruta.accounts.models import User
from tests.factories import UserFactory

from .conftest import PASSWORD, link_in_last_mail, log_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Another-Long-Password-77"
RESET_LINK = r"/accounts/password/reset/key/[^\s]+/"


def _request_reset(client, email: str):  # type: ignore[no-untyped-def]
    return client.post(reverse("account_reset_password"), {"email": email})


def test_reset_email_is_sent_and_its_link_sets_a_new_password(client):
    UserFactory(email="dana@example.org", password=PASSWORD)
    response = _request_reset(client, "dana@example.org")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["dana@example.org"]
    # The link carries the key once; allauth moves it into the session and redirects to a key-less URL.
    response = client.get(link_in_last_mail(RESET_LINK))
    assert response.status_code == 302
    form_url = response["Location"]
    assert "set-password" in form_url
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert User.objects.get(email="dana@example.org").check_password(NEW_PASSWORD)

    client.logout()
    assert log_in(client, "dana@example.org", PASSWORD).status_code == 200  # the old one no longer works
    assert log_in(client, "dana@example.org", NEW_PASSWORD).status_code == 302


def test_a_reset_link_works_only_once(client):
    UserFactory(email="dana@example.org", password=PASSWORD)
    _request_reset(client, "dana@example.org")
    link = link_in_last_mail(RESET_LINK)
    form_url = client.get(link)["Location"]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()
    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert response.context["token_fail"]


def test_unknown_address_reveals_nothing(client):
    response = _request_reset(client, "nobody@example.org")
    # The same answer as for a known address, so the form cannot be used to find who has an account.
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    assert all("/accounts/password/reset/key/" not in message.body for message in mail.outbox)


def test_reset_requests_are_rate_limited(client):
    UserFactory(email="dana@example.org", password=PASSWORD)
    # ACCOUNT_RATE_LIMITS: 5 a minute for one address.
    for _attempt in range(5):
        _request_reset(client, "dana@example.org")
    assert len(mail.outbox) == 5
    response = _request_reset(client, "dana@example.org")
    assert len(mail.outbox) == 5
    assert response.status_code in (200, 429)


def test_production_settings_hash_passwords_with_argon2():
    # The autouse fixture in tests/conftest.py swaps in a fast hasher, so read the settings module itself.
    assert hevruta.settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_a_password_set_with_the_production_hashers_is_argon2(settings):
    settings.PASSWORD_HASHERS = hevruta.settings.PASSWORD_HASHERS
    user = UserFactory(email="dana@example.org", password=PASSWORD)
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
    assert identify_hasher(user.password).algorithm == "argon2"
    assert PASSWORD not in user.password
    assert user.check_password(PASSWORD)
