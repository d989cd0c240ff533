"""Emails of notices and digests, each in its recipient's language and direction, with a one-click
unsubscribe (RFC 8058) that needs no login."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import groupby
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from . import kinds
from .kinds import Email

_SALT = "hevruta.notifications.unsubscribe"
# A digest lists this many notices; the rest are counted and wait on the site.
DIGEST_ITEMS = 50


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path if path.startswith("/") else path


def unsubscribe_token(user_id: int, kind_keys: Iterable[str]) -> str:
    """Signed, so that a link in an email works without logging in and cannot be made for anyone else."""
    return signing.dumps({"u": user_id, "k": sorted(set(kind_keys))}, salt=_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, list[str]] | None:
    try:
        data = signing.loads(token, salt=_SALT)
        return int(data["u"]), [str(key) for key in data["k"]]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def unsubscribe_url(user_id: int, kind_keys: Iterable[str]) -> str:
    return absolute(reverse("notifications:unsubscribe", args=[unsubscribe_token(user_id, kind_keys)]))


def fixed_url(name: str) -> str:
    """The absolute address of a route without arguments, remembered: a digest run puts two of them
    in each of its hundreds of thousands of emails, and reverse() is a tenth of its time."""
    return _fixed_url(name, settings.SITE_URL, get_script_prefix(), get_urlconf())


@lru_cache(maxsize=32)
def _fixed_url(name: str, _site_url: str, _prefix: str, _urlconf: object) -> str:
    return absolute(reverse(name))


def language_or_default(language: str | None) -> str:
    """A person's chosen language, or the site's default where they chose none."""
    known = {code for code, _label in settings.LANGUAGES}
    return language if language in known else settings.LANGUAGE_CODE


def language_of(user: Any) -> str:
    return language_or_default(getattr(user, "language", ""))


@dataclass(frozen=True)
class Recipient:
    id: int
    email: str
    language: str


@dataclass(frozen=True)
class Item:
    """A notice as an email shows it: rendered in the recipient's language."""

    kind: str
    text: str
    url: str
    created_at: datetime


def _message(recipient: Recipient, subject: str, template: str, context: dict, kind_keys: Sequence[str]) -> Any:
    unsubscribe = unsubscribe_url(recipient.id, kind_keys)
    context = {
        **context,
        "language": recipient.language,
        "direction": "rtl" if get_language_bidi() else "ltr",
        "unsubscribe_url": unsubscribe,
        "settings_url": fixed_url("notifications:settings"),
        "subject": subject,
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"notifications/email/{template}.txt", context),
        to=[recipient.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": recipient.language,
        },
    )
    message.attach_alternative(render_to_string(f"notifications/email/{template}.html", context), "text/html")
    return message


def notice_message(recipient: Recipient, kind_key: str, context: dict, url: str) -> Any:
    """The email of one notice, written in the recipient's language."""
    spec = kinds.get(kind_key)
    with translation.override(recipient.language):
        subject = f"[{_('Hevruta')}] {spec.subject(context)}"
        return _message(
            recipient,
            subject,
            "notice",
            {"text": spec.render(context), "body": spec.body(context), "url": absolute(url) if url else ""},
            [kind_key],
        )


@dataclass(frozen=True)
class Group:
    label: str
    items: list[Item]


def digest_message(recipient: Recipient, period: str, notices: Sequence[dict]) -> Any:
    """One email of a person's waiting notices, grouped by kind, newest first in each group.

    `notices` are rows with kind, context, url and created_at (values(), not models: a digest run
    reads hundreds of thousands)."""
    with translation.override(recipient.language):
        shown = sorted(notices, key=lambda row: row["created_at"], reverse=True)[:DIGEST_ITEMS]
        groups = []
        for key, rows in groupby(sorted(shown, key=lambda row: row["kind"]), key=lambda row: row["kind"]):
            spec = kinds.find(key)
            if spec is None:
                continue
            items = [
                Item(key, spec.render(row["context"]), absolute(row["url"]) if row["url"] else "", row["created_at"])
                for row in rows
            ]
            groups.append(Group(str(spec.label), sorted(items, key=lambda item: item.created_at, reverse=True)))
        title = _("Your daily digest") if period == Email.DAILY else _("Your weekly digest")
        subject = f"[{_('Hevruta')}] {title}"
        return _message(
            recipient,
            subject,
            "digest",
            {
                "title": title,
                "groups": groups,
                "more": max(0, len(notices) - len(shown)),
                "list_url": fixed_url("notifications:list"),
            },
            sorted({row["kind"] for row in notices}),
        )
