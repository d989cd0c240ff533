"""Each email in its recipient's language and direction, whoever caused it and in whatever language
their page was; a one-click unsubscribe (RFC 8058) that needs no login."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from hevruta.accounts.models import User
from hevruta.notifications.models import Notice, NoticePreference
from hevruta.notifications.queries import email_choices

from .conftest import AT_ONCE, DAILY

pytestmark = pytest.mark.django_db

TITLE = {"he": "כותרת בעברית", "ar": "عنوان بالعربية", "en": "A title in English"}


def _arabic_reader(world) -> User:  # type: ignore[no-untyped-def]
    member = world.user("member")
    User.objects.filter(pk=member.pk).update(language="ar")
    member.refresh_from_db()
    return member


def test_an_arabic_reader_gets_arabic_right_to_left_from_a_hebrew_sender(world, send):
    reader = _arabic_reader(world)
    with translation.override("he"):  # the one who caused it works in Hebrew
        send([reader], context={"title": TITLE}, url="/knowledge/7/", actor=world.user("manager"))
    message = mail.outbox[-1]
    assert message.subject == "[حفروتا] المعرفة"  # "[Hevruta] Knowledge", in Arabic
    assert message.extra_headers["Content-Language"] == "ar"
    assert TITLE["ar"] in message.body and TITLE["he"] not in message.body
    assert "البرامج" in message.body  # the kind's body ("Programs")
    assert "http://127.0.0.1:8000/knowledge/7/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="ar" dir="rtl">' in html and TITLE["ar"] in html


def test_a_reader_without_a_choice_gets_the_sites_language(world, send, settings):
    settings.LANGUAGE_CODE = "he"
    with translation.override("en"):
        send([world.user("outsider")], context={"title": TITLE})
    message = mail.outbox[-1]
    assert message.subject.startswith("[חברותא]") and TITLE["he"] in message.body
    assert '<html lang="he" dir="rtl">' in message.alternatives[0][0]


def test_an_english_reader_gets_left_to_right(world, send):
    User.objects.filter(pk=world.user("member").pk).update(language="en")
    with translation.override("ar"):
        send([User.objects.get(pk=world.user("member").pk)], context={"title": TITLE})
    message = mail.outbox[-1]
    assert message.subject == "[Hevruta] Knowledge"
    assert '<html lang="en" dir="ltr">' in message.alternatives[0][0]


def _unsubscribe_link(message) -> str:  # type: ignore[no-untyped-def]
    header = message.extra_headers["List-Unsubscribe"]
    match = re.fullmatch(r"<http://127\.0\.0\.1:8000(/notifications/unsubscribe/[^>]+/)>", header)
    assert match, header
    return match.group(1)


def test_the_one_click_unsubscribe_headers_and_post(world, send):
    member = world.user("member")
    send([member])
    message = mail.outbox[-1]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = _unsubscribe_link(message)
    assert path in message.body  # also written in the text, for people
    # A link checker's GET changes nothing; the mail program's POST, with no session or CSRF token, does.
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.get(path).status_code == 200
    assert email_choices(member)[AT_ONCE.key] == "immediately"
    response = anonymous.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert email_choices(member)[AT_ONCE.key] == "never"
    mail.outbox.clear()
    send([member])
    assert not mail.outbox and Notice.objects.filter(recipient=member).count() == 2


def test_a_forged_or_altered_unsubscribe_link_changes_nothing(world, send):
    member = world.user("member")
    send([member])
    path = _unsubscribe_link(mail.outbox[-1])
    token = path.rstrip("/").rsplit("/", 1)[1]
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "nonsense", token.replace(":", ".", 1)):
        assert Client().post(f"/notifications/unsubscribe/{bad}/").status_code == 404
    assert not NoticePreference.objects.exists()


def test_a_digests_unsubscribe_stops_the_kinds_it_holds(world, send):
    from hevruta.notifications.digests import send_digests

    member = world.user("member")
    send([member], kind=DAILY.key)
    send_digests("daily")
    Client().post(_unsubscribe_link(mail.outbox[-1]))
    assert email_choices(member)[DAILY.key] == "never"
    assert email_choices(member)[AT_ONCE.key] == "immediately"


def test_the_console_shows_the_email_readably(world, send, capsys):
    from hevruta.core.mail import ReadableConsoleBackend

    _arabic_reader(world)
    send([User.objects.get(pk=world.user("member").pk)], context={"title": TITLE})
    ReadableConsoleBackend().send_messages(mail.outbox)
    printed = capsys.readouterr().out
    assert "Subject: [حفروتا] المعرفة" in printed and TITLE["ar"] in printed
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in printed
    assert "Content-Transfer-Encoding: base64" not in printed
