"""Two-factor authentication with an authenticator app (TOTP) and recovery codes, through allauth.mfa."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.factories import UserFactory

from .conftest import PASSWORD, log_in, totp_code

pytestmark = pytest.mark.django_db

EMAIL = "dana@example.org"


def _secret_on_page(html: str) -> str:
    """The base32 secret as the activation page shows it for typing into an app."""
    match = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+=*)"', html) or re.search(
        r'value="([A-Z2-7]+=*)"[^>]*id="authenticator_secret"', html
    )
    assert match, "the activation page shows no secret"
    return match.group(1)


def _confirm_password(client) -> None:  # type: ignore[no-untyped-def]
    """allauth asks for the password again before two-factor settings change, even right after login."""
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def _enable_totp(client) -> str:  # type: ignore[no-untyped-def]
    _confirm_password(client)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    html = response.content.decode()
    secret = _secret_on_page(html)
    assert secret == client.session["mfa.totp.secret"]
    # The QR code is an inline SVG data URI, which the Content-Security-Policy allows for images.
    assert 'src="data:image/svg+xml' in html
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302, response.content.decode()
    return secret


@pytest.fixture
def user_with_totp(client):  # type: ignore[no-untyped-def]
    user = UserFactory(email=EMAIL, password=PASSWORD)
    log_in(client, EMAIL)
    secret = _enable_totp(client)
    client.post(reverse("account_logout"))
    return user, secret


def test_enabling_totp_needs_a_correct_code(client):
    UserFactory(email=EMAIL, password=PASSWORD)
    log_in(client, EMAIL)
    _confirm_password(client)
    client.get(reverse("mfa_activate_totp"))
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200
    assert not Authenticator.objects.exists()


def test_enabling_totp_makes_recovery_codes(client):
    user = UserFactory(email=EMAIL, password=PASSWORD)
    log_in(client, EMAIL)
    secret = _enable_totp(client)
    types = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    response = client.get(reverse("mfa_view_recovery_codes"))
    assert response.status_code == 200
    codes = response.context["unused_codes"]
    assert len(codes) == 10
    assert all(code in response.content.decode() for code in codes)
    # The secret is stored encrypted, and forgotten by the session once the app is set up.
    stored = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"]
    assert secret not in stored
    assert "mfa.totp.secret" not in client.session


def test_enabling_totp_needs_the_password_again(client):
    # Someone at an unattended, logged-in browser must not be able to lock the owner out.
    UserFactory(email=EMAIL, password=PASSWORD)
    log_in(client, EMAIL)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    response = client.post(response["Location"], {"password": "not the password"})
    assert response.status_code == 200
    assert client.get(reverse("mfa_activate_totp")).status_code == 302
    assert not Authenticator.objects.exists()


def test_login_then_asks_for_the_code(client, user_with_totp):
    user, secret = user_with_totp
    response = log_in(client, EMAIL)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    # Pages behind login are still closed between the password and the code.
    assert client.get(reverse("accounts:tokens")).status_code == 302

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_wrong_code_does_not_log_in(client, user_with_totp):
    log_in(client, EMAIL)
    response = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_code_cannot_be_replayed(client, user_with_totp):
    user, secret = user_with_totp
    code = totp_code(secret)
    log_in(client, EMAIL)
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert client.session["_auth_user_id"] == str(user.pk)
    client.post(reverse("account_logout"))
    log_in(client, EMAIL)
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert "_auth_user_id" not in client.session


def test_a_recovery_code_logs_in_once(client, user_with_totp):
    user, _secret = user_with_totp
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    recovery = RecoveryCodes(Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES))
    code = recovery.get_unused_codes()[0]
    log_in(client, EMAIL)
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert client.session["_auth_user_id"] == str(user.pk)
    client.post(reverse("account_logout"))
    log_in(client, EMAIL)
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert "_auth_user_id" not in client.session


def test_secrets_survive_a_rotation_of_the_secret_key(settings):
    from hevruta.accounts.adapters import MFAAdapter

    encrypted = MFAAdapter().encrypt("JBSWY3DPEHPK3PXP")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-after-rotation-0123456789"
    assert MFAAdapter().decrypt(encrypted) == "JBSWY3DPEHPK3PXP"
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(ValueError, match="SECRET_KEY"):
        MFAAdapter().decrypt(encrypted)
