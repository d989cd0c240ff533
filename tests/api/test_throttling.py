"""Rate limits with django-ninja's throttles: refused tokens, visitors without credentials and signed-in
people each have a limit per window; past it the answer is 429 with Retry-After and a JSON detail,
documented on every operation. The counts live in the cache every process shares."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.test import Client, RequestFactory

from hevruta.accounts.services import create_api_token
from hevruta.api.throttles import failed_auth


def _client(token: str | None = None, address: str = "10.0.0.1") -> Client:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return Client(headers=headers, REMOTE_ADDR=address)


def _assert_too_many(response) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 429, response.content
    assert response.json() == {"detail": "Too many requests; try again later."}
    assert 1 <= int(response["Retry-After"]) <= 60


@pytest.mark.django_db
def test_wrong_tokens_are_refused_with_429_after_ten_and_then_every_token_from_that_address(world, settings):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "failed_auth": "10/min"}
    statuses = [_client(f"hev_wrong{attempt}").get("/api/v1/people").status_code for attempt in range(10)]
    assert statuses == [401] * 10
    _assert_too_many(_client("hev_wrong-again").get("/api/v1/people"))
    # A right token from the same address is refused too, so a lucky guess is not told apart...
    _token, secret = create_api_token(world.manager.user, "tests")
    _assert_too_many(_client(secret).get("/api/v1/people"))
    # ...while other addresses and visitors without credentials are served.
    assert _client(secret, address="10.0.0.2").get("/api/v1/people").status_code == 200
    assert _client().get("/api/v1/people").status_code == 200


@pytest.mark.django_db
def test_an_address_cannot_escape_the_limit_by_claiming_another_in_x_forwarded_for(world, settings):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "failed_auth": "3/min"}
    for attempt in range(3):
        _client("hev_wrong").get("/api/v1/people", HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}")
    _assert_too_many(_client("hev_wrong").get("/api/v1/people", HTTP_X_FORWARDED_FOR="192.0.2.99"))


@pytest.mark.django_db
def test_visitors_and_signed_in_people_have_their_own_limits(world, settings):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "anonymous": "3/min", "user": "5/min"}
    visitor = _client()
    assert [visitor.get("/api/v1/networks").status_code for _ in range(3)] == [200] * 3
    _assert_too_many(visitor.get("/api/v1/networks"))
    _token, secret = create_api_token(world.member.user, "tests")
    member = _client(secret)
    assert [member.get("/api/v1/networks").status_code for _ in range(5)] == [200] * 5
    _assert_too_many(member.get("/api/v1/networks"))
    # The limit is per person: another person from the same address is served.
    _token, other = create_api_token(world.manager.user, "tests")
    assert _client(other).get("/api/v1/networks").status_code == 200


@pytest.mark.django_db
def test_the_counts_are_kept_in_the_shared_cache_and_429_is_documented(world):
    # Without Redis the default cache is a database table: every process of the site sees the same counts.
    assert isinstance(caches["default"], DatabaseCache)
    assert failed_auth.cache is caches["default"]
    _client("hev_wrong").get("/api/v1/people")
    # Another process opens its own connection to the table and sees the refusal counted.
    key = failed_auth.get_cache_key(RequestFactory().get("/", REMOTE_ADDR="10.0.0.1"))
    elsewhere = DatabaseCache(settings.CACHES["default"]["LOCATION"], {})
    assert len(elsewhere.get(key)) == 1
    document = Client().get("/api/v1/openapi.json").json()
    for path, methods in document["paths"].items():
        for method, spec in methods.items():
            assert "429" in spec["responses"], (method, path)
            assert "Retry-After" in spec["responses"]["429"]["headers"], (method, path)
