"""The read side: a person's own notices (nobody else's, operators included) and their choices."""

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from . import kinds
from .models import Notice, NoticePreference


def notices_visible_to(user: Any) -> QuerySet[Notice]:
    """A notice is its recipient's alone: a site operator does not read other people's notices here
    either (the admin is for that)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Notice.objects.none()
    return Notice.objects.filter(recipient_id=user.pk)


def notice_for(user: Any, pk: int) -> Notice:
    """One's own notice, or 404: someone else's answers exactly like one that does not exist."""
    notice = notices_visible_to(user).filter(pk=pk).first()
    if notice is None:
        raise Http404(_("No such notice."))
    return notice


def unread_count(user: Any) -> int:
    """The bell's number: one COUNT over the unread index; no query at all for a visitor."""
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return Notice.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def email_choices(user: Any) -> dict[str, str]:
    """Every registered kind's email choice for this person: theirs where they chose, else its default."""
    chosen = dict(NoticePreference.objects.filter(user_id=user.pk).values_list("kind", "email"))
    return {kind.key: chosen.get(kind.key, kind.default_email) for kind in kinds.all_kinds()}


def email_choices_of(user_ids: Iterable[int], kind: kinds.NoticeKind) -> dict[int, str]:
    """One kind's email choice for many people, in one query."""
    ids = list(user_ids)
    chosen = dict(NoticePreference.objects.filter(user_id__in=ids, kind=kind.key).values_list("user_id", "email"))
    return {user_id: chosen.get(user_id, kind.default_email) for user_id in ids}
