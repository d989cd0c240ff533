"""API clients for the four personas: with a personal token, as an API client would call."""

import pytest
from django.test import Client

from hevruta.accounts.services import create_api_token


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def token_client(world):  # type: ignore[no-untyped-def]
    """A client that authenticates with the persona's API token (anonymous: no header at all)."""

    def make(persona: str) -> Client:
        user = world.user(persona)
        if user is None:
            return Client()
        _token, secret = create_api_token(user, "tests")
        return Client(headers={"Authorization": f"Bearer {secret}"})

    return make
