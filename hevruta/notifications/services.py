"""Every write of the notifications app. `notify` is what other apps call (docs/notifications.md)."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import kinds, queries
from .kinds import DIGESTS, Email
from .models import Notice, NoticePreference

MAX_URL_LENGTH = 500


def _check_url(url: str) -> None:
    # A notice links inside the site: a path, which emails make absolute with SITE_URL.
    if url and (not url.startswith("/") or url.startswith("//") or len(url) > MAX_URL_LENGTH):
        raise ValueError(f"A notice's url is a path on this site (e.g. '/knowledge/12/'), not {url!r}.")


def notify(
    recipients: Iterable[Any],
    kind: str,
    *,
    url: str = "",
    context: dict[str, Any] | None = None,
    actor: Any | None = None,
) -> None:
    """Records one notice per recipient (not the actor) and, after the transaction commits, queues
    the emails of those who want them at once.

    The caller decides who may hear of it: pass only people who may see what the notice is about.
    `context` holds plain JSON values (names, titles, numbers), which the kind's text is filled with.
    """
    spec = kinds.get(kind)
    _check_url(url)
    actor_id = getattr(actor, "pk", None)
    people = {
        user.pk: user
        for user in recipients
        if user is not None and user.pk is not None and user.pk != actor_id and getattr(user, "is_active", True)
    }
    if not people:
        return
    choices = queries.email_choices_of(people, spec)
    now = timezone.now()
    with transaction.atomic():
        notices = Notice.objects.bulk_create(
            [
                Notice(
                    recipient_id=user_id,
                    kind=spec.key,
                    context=dict(context or {}),
                    url=url,
                    actor_id=actor_id,
                    created_at=now,
                    email=choices[user_id],
                )
                for user_id in people
            ]
        )
        at_once = [notice.pk for notice in notices if notice.email == Email.IMMEDIATELY]
        if at_once:
            transaction.on_commit(lambda: _queue_emails(at_once))


def _queue_emails(notice_ids: list[int]) -> None:
    from .tasks import send_notice_emails

    send_notice_emails.enqueue(notice_ids)


@transaction.atomic
def mark_read(notice: Notice) -> Notice:
    if notice.read_at is None:
        notice.read_at = timezone.now()
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=notice.read_at)
    return notice


@transaction.atomic
def mark_all_read(user: Any) -> int:
    return queries.notices_visible_to(user).filter(read_at__isnull=True).update(read_at=timezone.now())


def _checked_choices(choices: Mapping[str, str]) -> dict[str, str]:
    errors = []
    for key, email in choices.items():
        if kinds.find(key) is None:
            errors.append(_("There is no kind of notice “%(kind)s”.") % {"kind": key})
        elif email not in Email.values:
            errors.append(_("“%(choice)s” is not a choice of email.") % {"choice": email})
    if errors:
        raise ValidationError(errors)
    return dict(choices)


@transaction.atomic
def set_email_choices(user: Any, choices: Mapping[str, str]) -> dict[str, str]:
    """Store a person's email choice per kind; all or nothing. Notices still waiting for a digest
    follow the new choice: "never" drops them from the digest, the other digest moves them there."""
    choices = _checked_choices(choices)
    for key, email in choices.items():
        NoticePreference.objects.update_or_create(user_id=user.pk, kind=key, defaults={"email": email})
        waiting = Notice.objects.filter(
            recipient_id=user.pk, kind=key, emailed_at__isnull=True, email__in=DIGESTS
        ).exclude(email=email)
        # Those asked for "at once" after the fact go in the next daily digest rather than in a burst.
        waiting.update(email=Email.DAILY if email == Email.IMMEDIATELY else email)
    return queries.email_choices(user)


def unsubscribe(user: Any, kind_keys: Iterable[str]) -> list[str]:
    """One click in an email: these kinds are no longer emailed (still shown on the site)."""
    known = [key for key in kind_keys if kinds.find(key) is not None]
    set_email_choices(user, dict.fromkeys(known, Email.NEVER))
    return known


@transaction.atomic
def mark_emailed(notice_ids: list[int]) -> None:
    Notice.objects.filter(pk__in=notice_ids, emailed_at__isnull=True).update(emailed_at=timezone.now())
