"""Digests: each person's waiting notices of the period in one email, grouped by kind, marked sent;
read in chunks of people; what is not theirs or not waiting stays out."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from hevruta.accounts.models import User
from hevruta.notifications import services
from hevruta.notifications.digests import send_digests
from hevruta.notifications.models import Notice
from tests.factories import UserFactory

from .conftest import AT_ONCE, DAILY, QUIET, WEEKLY

pytestmark = pytest.mark.django_db


def test_a_digest_groups_a_persons_notices_by_kind_and_marks_them_sent(world, send):
    member, outsider = world.user("member"), world.user("outsider")
    services.set_email_choices(member, {AT_ONCE.key: "daily"})
    send([member], kind=DAILY.key, context={"title": "first daily"}, url="/knowledge/1/")
    send([member], kind=DAILY.key, context={"title": "second daily"})
    send([member], kind=AT_ONCE.key, context={"title": "moved to the digest"})
    send([member], kind=WEEKLY.key, context={"title": "weekly one"})
    send([member], kind=QUIET.key, context={"title": "never mailed"})
    send([outsider], kind=DAILY.key, context={"title": "the outsider's"})
    mail.outbox.clear()

    run = send_digests("daily")
    assert (run.people, run.emails, run.notices) == (2, 2, 4)
    by_reader = {message.to[0]: message for message in mail.outbox}
    body = by_reader[member.email].body
    assert "first daily" in body and "second daily" in body and "moved to the digest" in body
    assert "weekly one" not in body and "never mailed" not in body and "the outsider's" not in body
    # Grouped under each kind's label: the two daily ones together, under "Programs".
    programs, knowledge = body.index("Programs"), body.index("Knowledge")
    assert (
        knowledge
        < body.index("moved to the digest")
        < programs
        < body.index("second daily")
        < body.index("first daily")
    )
    assert "http://127.0.0.1:8000/knowledge/1/" in body
    assert "List-Unsubscribe" in by_reader[member.email].extra_headers
    assert by_reader[outsider.email].body.count("the outsider's") == 1

    # Marked: the next run has nothing to send; the weekly one still waits for its own.
    mail.outbox.clear()
    assert send_digests("daily").emails == 0 and not mail.outbox
    assert Notice.objects.filter(kind=WEEKLY.key, emailed_at__isnull=True).count() == 1
    assert send_digests("weekly").emails == 1


def test_people_are_read_in_chunks_and_each_gets_one_email(world, send):
    readers = [UserFactory() for _ in range(7)]
    for reader in readers:
        send([reader], kind=DAILY.key, context={"title": f"for {reader.email}"})
        send([reader], kind=DAILY.key, context={"title": "again"})
    run = send_digests("daily", chunk_size=3)
    assert run.chunks == 3 and run.people == 7 and run.notices == 14
    assert sorted(message.to[0] for message in mail.outbox) == sorted(reader.email for reader in readers)
    for message in mail.outbox:
        assert f"for {message.to[0]}" in message.body and "again" in message.body


def test_a_notice_made_during_the_run_waits_for_the_next(world, send):
    member = world.user("member")
    send([member], kind=DAILY.key)
    run = send_digests("daily", until=timezone.now() - timedelta(minutes=1))
    assert run.emails == 0 and Notice.objects.get().emailed_at is None


def test_an_inactive_person_gets_no_digest_and_their_notices_stop_waiting(world, send):
    member = world.user("member")
    send([member], kind=DAILY.key)
    User.objects.filter(pk=member.pk).update(is_active=False)
    run = send_digests("daily")
    assert run.emails == 0 and not mail.outbox
    assert Notice.objects.get().emailed_at is not None


def test_a_digest_lists_the_newest_fifty_and_counts_the_rest(world, send):
    member = world.user("member")
    for number in range(53):
        send([member], kind=DAILY.key, context={"title": f"item {number:02d}"})
    send_digests("daily")
    body = mail.outbox[-1].body
    assert "item 52" in body and "item 03" in body and "item 02" not in body
    assert "And 3 more notices on the site." in body


def test_the_command_sends_the_digest_it_is_asked_for(world, send, capsys):
    send([world.user("member")], kind=WEEKLY.key)
    call_command("send_digests", "--daily")
    assert not mail.outbox
    call_command("send_digests", "--weekly")
    assert len(mail.outbox) == 1
    assert "1 digests sent to 1 people, with 1 notices." in capsys.readouterr().out
    with pytest.raises(CommandError, match="--daily --weekly is required"):
        call_command("send_digests")
