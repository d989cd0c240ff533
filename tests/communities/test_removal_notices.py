"""The author of a removed post or thread is told, with the reason, in their own language; and told again
when it is shown again. Nobody else hears of it, and the kinds are switchable as every kind is."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from hevruta.accounts.models import User
from hevruta.communities import notices, services
from hevruta.communities.models import Post, PostStatus
from hevruta.notifications import kinds
from hevruta.notifications.models import Notice, NoticePreference
from hevruta.notifications.queries import email_choices

pytestmark = pytest.mark.django_db


def _notices() -> list[tuple[object, str]]:
    return list(Notice.objects.order_by("id").values_list("recipient", "kind"))


@pytest.fixture
def members_thread(cw, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """A thread the member started in the network community, with a reply by the facilitator: the
    facilitator and the member both read it; only the member wrote it."""
    thread = services.start_thread(cw.user("member"), cw.network, "Member's question", "What do you think?")
    services.reply(cw.user("facilitator"), thread, "A reply.")
    Notice.objects.all().delete()
    return thread


@pytest.mark.parametrize("moderator", ["facilitator", "manager"])
def test_a_removed_thread_tells_its_author_alone_with_the_reason(cw, members_thread, moderator):
    services.remove_thread(cw.user(moderator), members_thread, "Please ask in the right community")
    assert _notices() == [(cw.user("member").pk, notices.THREAD_REMOVED)]
    notice = Notice.objects.get()
    assert notice.context["reason"] == "Please ask in the right community"
    assert notice.url == reverse("communities:thread", args=[members_thread.pk])
    page = cw.client("member").get(reverse("notifications:list")).content.decode()
    assert "Please ask in the right community" in page and "Member&#x27;s question" in page
    # The author opens the removed thread from the notice.
    assert cw.client("member").get(notice.url).status_code == 200
    services.restore_thread(cw.user(moderator), members_thread)
    assert _notices()[-1] == (cw.user("member").pk, notices.THREAD_RESTORED)
    assert Notice.objects.filter(recipient=cw.user("member")).count() == 2
    assert not Notice.objects.exclude(recipient=cw.user("member")).exists()


def test_a_removed_post_and_its_return_tell_its_author_alone(cw, members_thread):
    post = members_thread.posts.order_by("id").first()
    services.remove_post(cw.user("manager"), post, "Names a pupil")
    services.restore_post(cw.user("manager"), post)
    assert _notices() == [
        (cw.user("member").pk, notices.POST_REMOVED),
        (cw.user("member").pk, notices.POST_RESTORED),
    ]
    assert Notice.objects.get(kind=notices.POST_REMOVED).context["reason"] == "Names a pupil"


def test_a_post_hidden_by_reports_and_shown_again_tells_nobody(cw, members_thread):
    """Its author never heard it was hidden: they are not told it is shown again."""
    post = members_thread.posts.order_by("id").first()
    Post.objects.filter(pk=post.pk).update(status=PostStatus.HIDDEN, report_count=3)
    services.restore_post(cw.user("facilitator"), post)
    assert _notices() == []


def test_an_author_who_removes_their_own_thread_is_not_told(cw, members_thread):
    thread = services.start_thread(cw.user("facilitator"), cw.network, "Mine", "Text.")
    Notice.objects.all().delete()
    services.remove_thread(cw.user("facilitator"), thread, "Posted twice")
    assert _notices() == []


def test_the_notice_is_in_the_authors_language(cw, members_thread, django_capture_on_commit_callbacks):
    User.objects.filter(pk=cw.user("member").pk).update(language="ar")
    mail.outbox.clear()
    with translation.override("he"), django_capture_on_commit_callbacks(execute=True):
        services.remove_thread(cw.user("facilitator"), members_thread, "سبب الحذف")
    (message,) = mail.outbox
    assert message.to == [cw.user("member").email]
    assert message.extra_headers["Content-Language"] == "ar"
    with translation.override("ar"):
        expected = str(kinds.get(notices.THREAD_REMOVED).render(Notice.objects.get().context))
    assert expected in message.body and "سبب الحذف" in expected
    assert "Your thread" not in expected  # the Arabic text, not the English one


def test_the_new_kinds_are_switchable(cw, members_thread, django_capture_on_commit_callbacks):
    member = cw.user("member")
    for kind in (notices.THREAD_REMOVED, notices.THREAD_RESTORED, notices.POST_RESTORED):
        assert kind in email_choices(member)
    NoticePreference.objects.create(user=member, kind=notices.THREAD_REMOVED, email="never")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_thread(cw.user("facilitator"), members_thread, "Duplicate")
    assert Notice.objects.get().email == "never" and mail.outbox == []
    settings_page = cw.client("member").get(reverse("notifications:settings")).content.decode()
    assert "A thread you started was removed" in settings_page


def test_a_removed_thread_in_a_secret_community_tells_only_its_author(cw):
    """Its name reaches nobody who does not already know it."""
    services.invite(cw.user("facilitator"), cw.secret, cw.world.member)
    services.join(cw.user("member"), cw.secret)
    thread = services.start_thread(cw.user("member"), cw.secret, "In the kitchen", "Text.")
    services.reply(cw.user("facilitator"), thread, "A reply.")
    Notice.objects.all().delete()
    services.remove_thread(cw.user("facilitator"), thread, "Not here")
    assert _notices() == [(cw.user("member").pk, notices.THREAD_REMOVED)]
