"""The admin is entered only through the site's login: two-factor where the user has it, and rate limits."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from tests.factories import UserFactory

from .conftest import PASSWORD, log_in, totp_code

pytestmark = pytest.mark.django_db

EMAIL = "operator@example.org"
ADMIN = "/admin/"


@pytest.fixture
def staff_with_totp():  # type: ignore[no-untyped-def]
    user = UserFactory(email=EMAIL, password=PASSWORD, is_staff=True, is_superuser=True)
    EmailAddress.objects.update_or_create(user=user, email=EMAIL, defaults={"verified": True, "primary": True})
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    TOTP.activate(user, secret)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    return user, secret


def _admin_login_form(client, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post(reverse("admin:login"), {"username": EMAIL, "password": password, "next": ADMIN})


def test_the_admin_password_form_gives_no_session(client, staff_with_totp):
    response = _admin_login_form(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2F"
    assert "_auth_user_id" not in client.session
    assert client.get(ADMIN).status_code == 302


def test_the_password_alone_on_the_site_does_not_open_the_admin(client, staff_with_totp):
    _, secret = staff_with_totp
    response = client.post(reverse("account_login") + "?next=/admin/", {"login": EMAIL, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(ADMIN).status_code == 302  # still anonymous between the password and the code
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_a_session_without_the_second_factor_cannot_open_the_admin(client, staff_with_totp):
    user, _ = staff_with_totp
    client.force_login(user)  # a session made by any other way than allauth's login with the code
    assert client.get(ADMIN)["Location"].startswith(reverse("admin:login"))
    assert client.get(reverse("admin:login"), {"next": ADMIN}).status_code == 403
    assert client.get(ADMIN + "accounts/user/").status_code == 302


def test_staff_without_two_factor_log_in_on_the_site(client):
    UserFactory(email=EMAIL, password=PASSWORD, is_staff=True)
    response = log_in(client, EMAIL)
    assert response.status_code == 302
    assert client.get(reverse("admin:login"), {"next": ADMIN})["Location"] == ADMIN


def test_wrong_admin_passwords_are_never_checked_and_the_site_limits_them(client, staff_with_totp):
    for _ in range(30):
        assert _admin_login_form(client, "wrong-password")["Location"].startswith(reverse("account_login"))
    # None of the thirty counted: the admin's form read no password. The site's limit (five failures
    # for one address) then applies as it does to everyone, before the password is looked at.
    pages = [log_in(client, EMAIL, "wrong-password").content.decode() for _ in range(6)]
    assert ["Too many failed login attempts" in page for page in pages] == [False] * 5 + [True]
    log_in(client, EMAIL)
    assert "_auth_user_id" not in client.session


def test_an_external_next_is_not_followed(client):
    response = client.get(reverse("admin:login"), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2F"


@pytest.mark.parametrize(("persona", "status"), [("manager", 403), ("member", 403), ("outsider", 403)])
def test_members_are_refused_the_admin_with_a_reason(world, persona, status):
    client = world.client(persona)
    assert client.get(ADMIN).status_code == 302
    assert client.get(reverse("admin:login")).status_code == status


def test_anonymous_is_sent_to_the_site_login(world):
    response = world.client("anonymous").get(ADMIN, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
