"""Personal API tokens: the tokens page for every persona, creating, revoking, expiry, the API and the command."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from hevruta.accounts.models import ApiToken, hash_token
from hevruta.accounts.services import authenticate_token, create_api_token

pytestmark = pytest.mark.django_db

TOKENS = reverse("accounts:tokens")
LOGGED_IN = ("manager", "member", "outsider")


def _secret_on_page(html: str) -> str:
    match = re.search(r'data-testid="new-token">([^<]+)<', html)
    assert match, "the page shows no new token"
    return match.group(1)


def _bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_tokens_page_for_every_persona(world, persona):
    response = world.client(persona).get(TOKENS)
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 200


def test_tokens_page_lists_only_my_own_tokens(world):
    create_api_token(world.manager.user, "manager's script")
    create_api_token(world.outsider.user, "outsider's script")
    html = world.client("manager").get(TOKENS).content.decode()
    assert "manager&#x27;s script" in html
    assert "outsider&#x27;s script" not in html


@pytest.mark.parametrize("persona", LOGGED_IN)
def test_creating_shows_the_secret_once_and_stores_only_its_hash(world, persona):
    client = world.client(persona)
    response = client.post(TOKENS, {"name": "roster sync", "days_valid": ""})
    assert response.status_code == 200
    secret = _secret_on_page(response.content.decode())
    assert secret.startswith("hev_")
    # The page with the secret must not be kept by the browser or a proxy.
    assert "no-store" in response["Cache-Control"]

    token = ApiToken.objects.get(user=world.user(persona))
    assert token.token_hash == hash_token(secret)
    assert token.expires_at is None
    assert secret.startswith(token.hint)
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert all(secret not in str(value) for value in stored.values())

    html = client.get(TOKENS).content.decode()
    assert secret not in html
    assert token.hint in html


def test_a_token_with_days_valid_expires(world):
    world.client("member").post(TOKENS, {"name": "one week", "days_valid": "7"})
    token = ApiToken.objects.get(user=world.member.user)
    assert token.expires_at is not None
    assert timedelta(days=6, hours=23) < token.expires_at - timezone.now() <= timedelta(days=7)


def test_an_invalid_form_creates_nothing(world):
    response = world.client("member").post(TOKENS, {"name": "", "days_valid": "0"})
    assert response.status_code == 200
    assert 'data-testid="new-token"' not in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("persona", LOGGED_IN)
def test_revoking_my_token(world, persona):
    token, secret = create_api_token(world.user(persona), "to revoke")
    response = world.client(persona).post(reverse("accounts:revoke_token", args=[token.pk]))
    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert authenticate_token(secret) is None


def test_another_users_token_cannot_be_revoked(world):
    token, secret = create_api_token(world.manager.user, "manager's")
    for persona in ("member", "outsider"):
        response = world.client(persona).post(reverse("accounts:revoke_token", args=[token.pk]))
        assert response.status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()
    assert authenticate_token(secret) == world.manager.user


def test_anonymous_cannot_revoke(world):
    token, _secret = create_api_token(world.manager.user, "manager's")
    response = world.client("anonymous").post(reverse("accounts:revoke_token", args=[token.pk]))
    assert response.status_code == 302
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_revoking_needs_a_post(world):
    token, _secret = create_api_token(world.member.user, "mine")
    response = world.client("member").get(reverse("accounts:revoke_token", args=[token.pk]))
    assert response.status_code == 405
    assert ApiToken.objects.filter(pk=token.pk).exists()


# The API --------------------------------------------------------------------------------------------


def _visible_ids(response) -> set[int]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    return {item["id"] for item in response.json()["items"]}


def test_bearer_token_authenticates_on_the_api(world, client):
    _token, secret = create_api_token(world.member.user, "script")
    as_member = _visible_ids(client.get("/api/v1/people?limit=100", **_bearer(secret)))
    as_anonymous = _visible_ids(client.get("/api/v1/people?limit=100"))
    # Nadia shows her profile to her networks only: the token made the request Mira's.
    assert world.network_person.pk in as_member
    assert world.network_person.pk not in as_anonymous
    token = ApiToken.objects.get(user=world.member.user)
    assert token.last_used_at is not None


def test_wrong_token_gets_401_json_where_authentication_is_required(world, client):
    url = f"/api/v1/networks/{world.home.slug}/imports"
    for secret in ("hev_not-a-real-token", "garbage", ""):
        response = client.post(url, {}, **_bearer(secret))
        assert response.status_code == 401, secret
        assert response["Content-Type"].startswith("application/json")
        assert "detail" in response.json()
    response = client.post(url, {})
    assert response.status_code == 401


def test_a_valid_token_passes_authentication_on_the_import_endpoint(world, client):
    url = f"/api/v1/networks/{world.home.slug}/imports?dry_run=true"
    _token, manager_secret = create_api_token(world.manager.user, "import")
    _token, member_secret = create_api_token(world.member.user, "import")

    def upload(secret: str) -> int:
        roster = SimpleUploadedFile("roster.csv", b"not,a,roster\n", content_type="text/csv")
        return client.post(url, {"file": roster}, **_bearer(secret)).status_code

    # The manager gets past authentication and permission to the roster's own checks; a member is refused.
    assert upload(manager_secret) not in (401, 403)
    assert upload(member_secret) == 403


def test_expired_token_is_refused(world, client):
    token, secret = create_api_token(world.manager.user, "old", days_valid=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert authenticate_token(secret) is None
    response = client.post(f"/api/v1/networks/{world.home.slug}/imports", {}, **_bearer(secret))
    assert response.status_code == 401
    # On a public endpoint too: the client is told, rather than served what a visitor sees.
    assert client.get("/api/v1/people?limit=100", **_bearer(secret)).status_code == 401


def test_token_of_a_deactivated_user_is_refused(world):
    _token, secret = create_api_token(world.member.user, "script")
    world.member.user.is_active = False
    world.member.user.save()
    assert authenticate_token(secret) is None


# The command line -----------------------------------------------------------------------------------


def test_create_token_command_prints_a_working_token(world, client):
    out = StringIO()
    call_command("create_token", "MEMBER@example.org", stdout=out)
    secret = out.getvalue().strip()
    assert secret.startswith("hev_")
    assert ApiToken.objects.get(user=world.member.user).token_hash == hash_token(secret)
    assert world.network_person.pk in _visible_ids(client.get("/api/v1/people?limit=100", **_bearer(secret)))


def test_create_token_command_with_expiry(world):
    call_command("create_token", "member@example.org", "--name", "nightly", "--days", "30", stdout=StringIO())
    token = ApiToken.objects.get(user=world.member.user)
    assert token.name == "nightly"
    assert token.expires_at is not None


def test_create_token_command_refuses_an_unknown_email(db):
    with pytest.raises(CommandError, match=re.escape("nobody@example.org")):
        call_command("create_token", "nobody@example.org", stdout=StringIO())
    assert not ApiToken.objects.exists()
