"""Signing up with an email address, confirming it, logging in and out, and failed logins rate-limited."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from hevruta.accounts.models import User
from hevruta.directory.models import Person
from tests.factories import PersonFactory, UserFactory

from .conftest import PASSWORD, link_in_last_mail, log_in, sign_up

pytestmark = pytest.mark.django_db


def test_sign_up_sends_a_confirmation_email_and_does_not_log_in(client):
    response = sign_up(client, "Noa.Cohen@Example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email__iexact="noa.cohen@example.org")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["Noa.Cohen@Example.org"] or mail.outbox[0].to == ["noa.cohen@example.org"]
    assert "_auth_user_id" not in client.session


def test_following_the_link_confirms_the_address_and_logs_in(client):
    sign_up(client, "noa@example.org")
    confirm_path = link_in_last_mail(r"/accounts/confirm-email/[^\s]+/")
    # Opening the link only shows a button: mail scanners that follow links must not confirm.
    assert client.get(confirm_path).status_code == 200
    assert not EmailAddress.objects.get(email="noa@example.org").verified
    response = client.post(confirm_path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="noa@example.org").verified
    user = User.objects.get(email="noa@example.org")
    assert client.session["_auth_user_id"] == str(user.pk)
    # Logging in made the directory profile, named as the sign-up form asked.
    assert Person.objects.filter(user=user, email="noa@example.org", given_name="Dana", family_name="Levi").exists()


def test_sign_up_asks_for_a_name_and_refuses_without_one(client):
    response = sign_up(client, "nameless@example.org", first_name="", last_name="  ")
    assert response.status_code == 200
    assert not User.objects.filter(email="nameless@example.org").exists()
    assert len(mail.outbox) == 0
    form = response.context["form"]
    assert set(form.errors) == {"first_name", "last_name"}


def test_unconfirmed_address_cannot_log_in_until_confirmed(client):
    sign_up(client, "noa@example.org")
    confirm_path = link_in_last_mail(r"/accounts/confirm-email/[^\s]+/")
    client.logout()
    response = log_in(client, "noa@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    # Within the cooldown the login does not send another email, so nobody can flood an inbox.
    assert len(mail.outbox) == 1
    client.post(confirm_path)
    client.logout()
    response = log_in(client, "noa@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert "_auth_user_id" in client.session


def test_a_bad_key_confirms_nothing(client):
    sign_up(client, "noa@example.org")
    response = client.post("/accounts/confirm-email/not-a-real-key/")
    assert response.status_code in (200, 404)
    assert not EmailAddress.objects.get(email="noa@example.org").verified


def test_signing_up_twice_with_one_address_makes_one_user(client):
    sign_up(client, "noa@example.org")
    client.logout()
    sign_up(client, "NOA@example.org")
    assert User.objects.filter(email__iexact="noa@example.org").count() == 1


def test_signing_up_claims_the_profile_an_imported_roster_made(client):
    imported = PersonFactory(email="rina@example.org", given_name="רינה", family_name="לוי")
    sign_up(client, "rina@example.org")
    client.post(link_in_last_mail(r"/accounts/confirm-email/[^\s]+/"))
    imported.refresh_from_db()
    assert imported.user == User.objects.get(email="rina@example.org")
    assert Person.objects.filter(email="rina@example.org").count() == 1


def test_weak_password_is_refused(client):
    response = sign_up(client, "noa@example.org", password="12345678")
    assert response.status_code == 200
    assert not User.objects.filter(email="noa@example.org").exists()
    html = response.content.decode()
    # The form comes back styled, with the error beside the field, and never with the password in it.
    assert 'class="form-control is-invalid"' in html
    assert 'role="alert"' in html
    assert "12345678" not in html


def test_log_in_and_out(client):
    user = UserFactory(email="dana@example.org", password=PASSWORD)
    response = log_in(client, "dana@example.org")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(reverse("accounts:tokens")).status_code == 200
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:tokens")).status_code == 302


def test_logging_out_needs_a_post(client):
    # A GET (e.g. an <img> on another site) only shows the confirmation page.
    UserFactory(email="dana@example.org", password=PASSWORD)
    log_in(client, "dana@example.org")
    assert client.get(reverse("account_logout")).status_code == 200
    assert "_auth_user_id" in client.session


def test_wrong_password_is_refused(client):
    UserFactory(email="dana@example.org", password=PASSWORD)
    response = log_in(client, "dana@example.org", "not the password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert 'class="alert alert-danger" role="alert"' in html
    assert "not the password" not in html
    assert 'value="dana@example.org"' in html  # the address is kept, so only the password is typed again


def test_repeated_wrong_passwords_are_rate_limited(client):
    UserFactory(email="dana@example.org", password=PASSWORD)
    # ACCOUNT_RATE_LIMITS allows 5 failures per 5 minutes for one address.
    for _attempt in range(5):
        response = log_in(client, "dana@example.org", "not the password")
        assert "Too many failed login attempts" not in response.content.decode()
    response = log_in(client, "dana@example.org", "not the password")
    assert "Too many failed login attempts" in response.content.decode()
    # Even the right password is refused until the window passes.
    response = log_in(client, "dana@example.org")
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


def test_the_limit_is_per_address(client):
    UserFactory(email="dana@example.org", password=PASSWORD)
    UserFactory(email="eli@example.org", password=PASSWORD)
    for _attempt in range(6):
        log_in(client, "dana@example.org", "not the password")
    response = log_in(client, "eli@example.org")
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_emails_carry_the_platform_name_not_the_host(client):
    sign_up(client, "noa@example.org")
    message = mail.outbox[0]
    assert message.subject.startswith("[Hevruta] ")
    assert "testserver!" not in message.body
    assert "Hevruta" in message.body
