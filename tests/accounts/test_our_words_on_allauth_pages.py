"""allauth's pages speak with the site's words (our msgids, so our translations), not allauth's own
Hebrew ("אשר את כתובת הדואל") and Arabic."""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from .conftest import link_in_last_mail, sign_up

pytestmark = pytest.mark.django_db
OURS = Path(__file__).resolve().parents[2] / "hevruta" / "templates" / "account"


@pytest.mark.parametrize(
    ("name", "heading"),
    [
        ("account_login", "Log in"),
        ("account_signup", "Sign up"),
        ("account_reset_password", "Forgot your password?"),
        ("account_reset_password_done", "Check your email"),
        ("account_email_verification_sent", "Confirm your email address"),
    ],
)
def test_entrance_pages_use_our_words(name, heading):
    html = Client().get(reverse(name)).content.decode()
    assert re.search(rf"<h1[^>]*>\s*{re.escape(heading)}\s*</h1>", html), html[:2000]
    assert "Sign In" not in html and "Sign Up" not in html


def test_the_confirmation_page_uses_our_words(client):
    sign_up(client, "noa@example.org")
    html = client.get(link_in_last_mail(r"/accounts/confirm-email/[^\s]+/")).content.decode()
    assert "Confirm your email address" in html
    assert "Confirm Email Address" not in html


def test_every_overridden_template_names_no_allauth_msgid_it_replaces():
    # The sentences whose allauth translations differ from ours must not come back through a template.
    replaced = (
        "Sign In",
        "Sign Up",
        "Sign Out",
        "Confirm Email Address",
        "Verify Your Email Address",
        "Password Reset",
    )
    for template in OURS.glob("*.html"):
        text = template.read_text()
        for msgid in replaced:
            assert f'"{msgid}"' not in text and f"'{msgid}'" not in text, (template.name, msgid)
