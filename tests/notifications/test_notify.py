"""notify(): one notice per recipient but the actor, the emails of those who want them at once sent
only after the commit, each person's choice honoured."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from hevruta.notifications import services
from hevruta.notifications.models import Notice
from hevruta.notifications.services import notify
from tests.factories import UserFactory

from .conftest import AT_ONCE, DAILY, QUIET

pytestmark = pytest.mark.django_db


def test_one_notice_per_recipient_and_none_for_the_actor(world, send):
    manager, member, outsider = world.user("manager"), world.user("member"), world.user("outsider")
    send([manager, member, member, outsider], url="/knowledge/1/", actor=manager, context={"title": "T", "n": 2})
    notices = Notice.objects.order_by("recipient_id")
    assert [notice.recipient_id for notice in notices] == sorted([member.pk, outsider.pk])
    notice = notices[0]
    assert (notice.kind, notice.url, notice.context, notice.actor_id) == (
        AT_ONCE.key,
        "/knowledge/1/",
        {"title": "T", "n": 2},
        manager.pk,
    )
    assert notice.read_at is None


def test_an_inactive_user_gets_nothing(world, send):
    gone = UserFactory(is_active=False)
    send([gone])
    assert not Notice.objects.exists() and not mail.outbox


def test_an_unknown_kind_or_an_outside_link_is_a_mistake(world):
    with pytest.raises(LookupError):
        notify([world.user("member")], "tests.no_such_kind")
    for url in ("https://elsewhere.example/", "//elsewhere.example/", "knowledge/1/"):
        with pytest.raises(ValueError):
            notify([world.user("member")], AT_ONCE.key, url=url)
    assert not Notice.objects.exists()


def test_emails_at_once_leave_only_after_the_commit(world, django_capture_on_commit_callbacks):
    member = world.user("member")
    with django_capture_on_commit_callbacks(execute=False) as hooks:
        notify([member], AT_ONCE.key, context={"title": "x"})
    assert not mail.outbox and len(hooks) == 1
    hooks[0]()
    assert [message.to for message in mail.outbox] == [[member.email]]
    assert Notice.objects.get().emailed_at is not None


def test_a_rolled_back_transaction_leaves_no_notice_and_sends_nothing(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        notify([world.user("member")], AT_ONCE.key, context={"title": "x"})
        raise RuntimeError
    assert not Notice.objects.exists() and not mail.outbox


def test_preferences_are_honoured(world, send):
    member, outsider, manager = world.user("member"), world.user("outsider"), world.user("manager")
    services.set_email_choices(member, {AT_ONCE.key: "never"})
    services.set_email_choices(outsider, {AT_ONCE.key: "weekly"})
    send([member, outsider, manager])
    # Only the manager kept the kind's default, "at once".
    assert [message.to for message in mail.outbox] == [[manager.email]]
    assert dict(Notice.objects.values_list("recipient_id", "email")) == {
        member.pk: "never",
        outsider.pk: "weekly",
        manager.pk: "immediately",
    }


def test_a_kind_that_is_never_emailed_by_default_sends_nothing(world, send):
    send([world.user("member")], kind=QUIET.key)
    assert Notice.objects.count() == 1 and not mail.outbox


def test_a_retried_email_task_sends_nothing_twice(world, send):
    from hevruta.notifications.tasks import send_notice_emails

    send([world.user("member")])
    assert len(mail.outbox) == 1
    send_notice_emails.call([Notice.objects.get().pk])
    assert len(mail.outbox) == 1


def test_changing_a_choice_moves_the_notices_waiting_for_a_digest(world, send):
    member = world.user("member")
    send([member], kind=DAILY.key)
    services.set_email_choices(member, {DAILY.key: "weekly"})
    assert Notice.objects.get().email == "weekly"
    services.set_email_choices(member, {DAILY.key: "never"})
    assert Notice.objects.get().email == "never"


def test_bad_choices_change_nothing(world):
    member = world.user("member")
    for choices in ({AT_ONCE.key: "hourly"}, {AT_ONCE.key: "never", "tests.no_such_kind": "never"}):
        with pytest.raises(ValidationError, match=r"no kind|not a choice"):
            services.set_email_choices(member, choices)
    from hevruta.notifications.queries import email_choices

    assert email_choices(member)[AT_ONCE.key] == "immediately"
