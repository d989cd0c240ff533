"""Single sign-on through OpenID Connect, against a fake identity provider.

Only the outside HTTP is faked (discovery, token and userinfo endpoints); allauth, the settings built from
OIDC_* environment variables, the login, the callback and the directory profile are all real.
"""

import importlib.util
import json
import time
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialAccount
from django.core import mail
from django.urls import reverse

import hevruta.settings
from hevruta.accounts.models import User
from hevruta.directory.models import Person
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

SERVER = "https://idp.example.test/realms/education"
CLIENT_ID = "hevruta"
CLIENT_SECRET = "sso-client-secret"
LOGIN = "/accounts/oidc/sso/login/"
CALLBACK = "/accounts/oidc/sso/login/callback/"


class FakeProvider:
    """The identity server's three endpoints, answering the requests allauth makes."""

    def __init__(self, claims: dict) -> None:
        self.claims = {"sub": "idp-user-42", "email_verified": True, **claims}
        self.requests: list[tuple[str, str, dict]] = []

    def configuration(self) -> dict:
        return {
            "issuer": SERVER,
            "authorization_endpoint": f"{SERVER}/protocol/openid-connect/auth",
            "token_endpoint": f"{SERVER}/protocol/openid-connect/token",
            "userinfo_endpoint": f"{SERVER}/protocol/openid-connect/userinfo",
            "jwks_uri": f"{SERVER}/protocol/openid-connect/certs",
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
        }

    def id_token(self) -> str:
        now = int(time.time())
        payload = {"iss": SERVER, "aud": CLIENT_ID, "iat": now, "exp": now + 300, **self.claims}
        return jwt.encode(payload, "not-checked-because-the-token-came-over-tls", algorithm="HS256")

    def answer(self, method: str, url: str, **kwargs) -> requests.Response:  # type: ignore[no-untyped-def]
        self.requests.append((method, url, kwargs))
        config = self.configuration()
        if method == "GET" and url == f"{SERVER}/.well-known/openid-configuration":
            return _json_response(config)
        if method == "POST" and url == config["token_endpoint"]:
            if (kwargs.get("data") or {}).get("code") != "the-code":
                return _json_response({"error": "invalid_grant"}, status=400)
            return _json_response(
                {"access_token": "at-123", "token_type": "Bearer", "expires_in": 300, "id_token": self.id_token()}
            )
        if method == "GET" and url == config["userinfo_endpoint"]:
            assert kwargs["headers"]["Authorization"] == "Bearer at-123"
            return _json_response(self.claims)
        return _json_response({"error": "not found"}, status=404)


def _json_response(body: dict, status: int = 200) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response.headers["Content-Type"] = "application/json"
    response._content = json.dumps(body).encode()
    return response


class FakeSession:
    """Stands in for the requests.Session allauth opens for each outside call."""

    def __init__(self, provider: FakeProvider) -> None:
        self.provider = provider

    def __enter__(self) -> "FakeSession":
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None

    def request(self, method: str, url: str, **kwargs) -> requests.Response:  # type: ignore[no-untyped-def]
        return self.provider.answer(method.upper(), url, **kwargs)

    def get(self, url: str, **kwargs) -> requests.Response:  # type: ignore[no-untyped-def]
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs) -> requests.Response:  # type: ignore[no-untyped-def]
        return self.request("POST", url, **kwargs)


def _settings_with_environment(monkeypatch, **environment: str):  # type: ignore[no-untyped-def]
    """hevruta/settings.py evaluated afresh with these environment variables, as a deployment would."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("hevruta_settings_with_sso", hevruta.settings.__file__)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def sso_settings(settings, monkeypatch):  # type: ignore[no-untyped-def]
    deployed = _settings_with_environment(
        monkeypatch,
        OIDC_SERVER_URL=SERVER,
        OIDC_CLIENT_ID=CLIENT_ID,
        OIDC_CLIENT_SECRET=CLIENT_SECRET,
        OIDC_PROVIDER_ID="sso",
        OIDC_PROVIDER_NAME="Ministry of Education login",
    )
    settings.SOCIALACCOUNT_PROVIDERS = deployed.SOCIALACCOUNT_PROVIDERS
    return settings


def _provider(monkeypatch, **claims) -> FakeProvider:  # type: ignore[no-untyped-def]
    provider = FakeProvider(claims)
    monkeypatch.setattr(DefaultSocialAccountAdapter, "get_requests_session", lambda self: FakeSession(provider))
    return provider


def _walk_login(client, code: str = "the-code"):  # type: ignore[no-untyped-def]
    """Start at our login button, let the provider 'approve', and come back to the callback."""
    response = client.post(LOGIN)
    assert response.status_code == 302
    authorize = urlsplit(response["Location"])
    params = parse_qs(authorize.query)
    assert f"{authorize.scheme}://{authorize.netloc}{authorize.path}" == f"{SERVER}/protocol/openid-connect/auth"
    assert params["client_id"] == [CLIENT_ID]
    assert params["redirect_uri"] == [f"http://testserver{CALLBACK}"]
    assert set(params["scope"][0].split()) >= {"openid", "email", "profile"}
    return client.get(CALLBACK, {"code": code, "state": params["state"][0]})


def test_no_sso_unless_configured(client, settings, monkeypatch):
    deployed = _settings_with_environment(monkeypatch, OIDC_SERVER_URL="")
    assert deployed.SOCIALACCOUNT_PROVIDERS == {}
    settings.SOCIALACCOUNT_PROVIDERS = deployed.SOCIALACCOUNT_PROVIDERS
    assert client.get(LOGIN).status_code == 404
    assert "/accounts/oidc/" not in client.get(reverse("account_login")).content.decode()


def test_environment_variables_configure_the_provider(sso_settings):
    (app,) = sso_settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"]
    assert app["provider_id"] == "sso"
    assert app["name"] == "Ministry of Education login"
    assert app["client_id"] == CLIENT_ID
    assert app["secret"] == CLIENT_SECRET
    assert app["settings"]["server_url"] == SERVER


def test_login_page_offers_single_sign_on(client, sso_settings):
    html = client.get(reverse("account_login")).content.decode()
    assert LOGIN in html
    assert "Ministry of Education login" in html


def test_sso_login_creates_a_user_and_a_directory_profile(client, sso_settings, monkeypatch):
    provider = _provider(monkeypatch, email="yael.levi@edu.example.test", given_name="יעל", family_name="לוי")
    response = _walk_login(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")

    user = User.objects.get(email="yael.levi@edu.example.test")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert SocialAccount.objects.get(user=user).uid == "idp-user-42"
    assert EmailAddress.objects.get(user=user).verified
    assert not user.has_usable_password()
    person = Person.objects.get(user=user)
    assert (person.given_name, person.family_name, person.email) == ("יעל", "לוי", user.email)

    token_request = next(kwargs for method, url, kwargs in provider.requests if url.endswith("/token"))
    assert token_request["data"]["code"] == "the-code"
    assert token_request["data"]["redirect_uri"] == f"http://testserver{CALLBACK}"


def test_second_sso_login_finds_the_same_user(client, sso_settings, monkeypatch):
    _provider(monkeypatch, email="yael.levi@edu.example.test")
    _walk_login(client)
    client.post(reverse("account_logout"))
    _walk_login(client)
    assert User.objects.count() == 1
    assert Person.objects.count() == 1
    assert "_auth_user_id" in client.session


def test_sso_claims_the_profile_a_roster_imported(client, sso_settings, monkeypatch):
    imported = PersonFactory(email="yael.levi@edu.example.test", given_name="יעל", family_name="לוי")
    _provider(monkeypatch, email="yael.levi@edu.example.test")
    _walk_login(client)
    imported.refresh_from_db()
    assert imported.user == User.objects.get(email="yael.levi@edu.example.test")


def test_an_address_the_provider_did_not_verify_must_be_confirmed(client, sso_settings, monkeypatch):
    _provider(monkeypatch, email="new.teacher@example.test", email_verified=False)
    response = _walk_login(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert mail.outbox and mail.outbox[-1].to == ["new.teacher@example.test"]


def test_sso_does_not_take_over_an_existing_local_account(client, sso_settings, monkeypatch):
    # Whoever controls an identity server must not be able to log in as any local user by naming their email.
    local = UserFactory(email="dana@example.org")
    _provider(monkeypatch, email="dana@example.org")
    response = _walk_login(client)
    # allauth answers as for any new sign-up (so the page reveals nothing) and tells the real owner by email.
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.exists()
    assert User.objects.get() == local
    assert mail.outbox[-1].to == ["dana@example.org"]
    assert "/accounts/password/reset/" in mail.outbox[-1].body


def test_a_forged_callback_is_refused(client, sso_settings, monkeypatch):
    _provider(monkeypatch, email="yael.levi@edu.example.test")
    client.post(LOGIN)
    response = client.get(CALLBACK, {"code": "the-code", "state": "made-up"})
    assert response.status_code == 401  # allauth's "login failure" page
    assert "_auth_user_id" not in client.session
    assert not User.objects.exists()


def test_a_code_the_provider_rejects_logs_nobody_in(client, sso_settings, monkeypatch):
    _provider(monkeypatch, email="yael.levi@edu.example.test")
    response = _walk_login(client, code="stolen-or-expired")
    assert response.status_code == 401
    assert "_auth_user_id" not in client.session
    assert not User.objects.exists()
