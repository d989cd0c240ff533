"""A person's language is kept on their account: chosen from the switcher or at sign-up, brought back
at login, and the language of the emails they get, whatever page the request came from."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from hevruta.accounts.models import User
from tests.factories import UserFactory

from .conftest import PASSWORD, log_in, sign_up

pytestmark = pytest.mark.django_db


def test_the_switcher_stores_a_logged_in_persons_choice(client):
    user = UserFactory(email="dana@example.org", password=PASSWORD)
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    assert response.status_code == 302 and response.cookies["django_language"].value == "ar"
    user.refresh_from_db()
    assert user.language == "ar"
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})  # not a language of the site
    user.refresh_from_db()
    assert user.language == "ar"


def test_a_visitors_switch_stores_nothing(client):
    response = client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    assert response.status_code == 302 and response.cookies["django_language"].value == "ar"
    assert not User.objects.exists()


def test_login_brings_back_the_persons_language():
    UserFactory(email="dana@example.org", password=PASSWORD, language="ar")
    browser = Client(headers={"accept-language": "he"})
    response = log_in(browser, "dana@example.org")
    assert response.status_code == 302 and response.cookies["django_language"].value == "ar"
    assert 'lang="ar" dir="rtl"' in browser.get(response["Location"], follow=True).content.decode()


def test_signing_up_keeps_the_language_of_the_page():
    browser = Client(headers={"accept-language": "ar"})
    sign_up(browser, "new@example.org")
    assert User.objects.get(email="new@example.org").language == "ar"
    # The confirmation email is in Arabic too.
    assert mail.outbox[-1].subject.startswith("[حفروتا]")
    assert mail.outbox[-1].extra_headers["Content-Language"] == "ar"


def test_a_reset_asked_for_from_a_hebrew_page_reaches_an_arabic_reader_in_arabic():
    UserFactory(email="amal@example.org", password=PASSWORD, language="ar")
    hebrew_page = Client(headers={"accept-language": "he"})
    response = hebrew_page.post(reverse("account_reset_password"), {"email": "amal@example.org"})
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.subject == "[حفروتا] رسالة إعادة ضبط كلمة المرور"
    assert message.extra_headers["Content-Language"] == "ar"


def test_an_address_without_an_account_gets_the_pages_language():
    hebrew_page = Client(headers={"accept-language": "he"})
    hebrew_page.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert mail.outbox[-1].extra_headers["Content-Language"] == "he"
    assert mail.outbox[-1].subject.startswith("[חברותא]")
