"""The language cookie is HttpOnly and SameSite=Lax always, and Secure wherever the site is served over HTTPS."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_switching_language_sets_a_lax_httponly_cookie(world, persona):
    response = world.client(persona).post(reverse("set_language"), {"language": "ar", "next": "/"})
    assert response.status_code == 302
    cookie = response.cookies["django_language"]
    assert cookie.value == "ar"
    assert cookie["samesite"] == "Lax" and cookie["httponly"]


@pytest.mark.django_db
def test_the_cookie_is_secure_when_the_site_is(client, settings):
    settings.LANGUAGE_COOKIE_SECURE = True
    cookie = client.post(reverse("set_language"), {"language": "he", "next": "/"}).cookies["django_language"]
    assert cookie["secure"]


def _setting(name: str, **environment: str) -> str:
    env = {key: value for key, value in os.environ.items() if key not in ("DEBUG", "SITE_URL")}
    env.update(DJANGO_SETTINGS_MODULE="hevruta.settings", SECRET_KEY="x" * 60, **environment)
    code = f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    done = subprocess.run(  # our own interpreter and settings
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout.strip()


def test_a_deployment_sends_it_only_over_https():
    assert _setting("LANGUAGE_COOKIE_SECURE", DEBUG="false") == "True"
    assert _setting("LANGUAGE_COOKIE_SECURE", DEBUG="true", SITE_URL="https://hevruta.example.org") == "True"
    assert _setting("LANGUAGE_COOKIE_SECURE", DEBUG="true", SITE_URL="http://127.0.0.1:8104") == "False"
