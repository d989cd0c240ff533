"""Helpers for the accounts tests: real sign-up and login through allauth's pages, and TOTP codes."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

PASSWORD = "Tzimtzum-2024-hevruta"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # allauth keeps rate-limit counters and used TOTP codes in the cache; one test must not see another's.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client() -> Client:
    # English pages, so a failing assertion prints readable text; behaviour does not depend on it.
    return Client(headers={"accept-language": "en"})


def sign_up(client: Client, email: str, password: str = PASSWORD, first_name: str = "Dana", last_name: str = "Levi"):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "password1": password,
            "password2": password,
            "first_name": first_name,
            "last_name": last_name,
        },
    )


def log_in(client: Client, email: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post(reverse("account_login"), {"login": email, "password": password})


def link_in_last_mail(pattern: str) -> str:
    """The path of the first link in the newest email that matches `pattern`."""
    assert mail.outbox, "no email was sent"
    match = re.search(r"https?://[^/\s]+(" + pattern + r")", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def totp_code(secret: str) -> str:
    """The current code an authenticator app would show, computed with allauth's own HOTP function."""
    # A code computed in the last moment of its 30-second window may be checked in the next one.
    if time.time() % 30 > 28:
        time.sleep(2.5)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))
