"""The kinds of notice: each app registers its own, in its notices.py, and the notifications app
knows none of them by name.

    register(NoticeKind(
        key="directory.join_requested",
        label=_("Someone asks to join a network you manage"),
        default_email=Email.IMMEDIATELY,
        text=_("%(person)s asks to join %(network)s"),
    ))

A notice stores its kind's key and its context, never rendered text, so it is written in the
language of whoever reads it, when they read it (docs/notifications.md).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# A text is a (lazy) format string fed by the context with %(name)s, or a function of the context.
Text = str | Promise | Callable[[Mapping[str, Any]], str]


class Email(models.TextChoices):
    """When a person hears of a kind of notice by email."""

    IMMEDIATELY = "immediately", _("At once")
    DAILY = "daily", _("In a daily digest")
    WEEKLY = "weekly", _("In a weekly digest")
    NEVER = "never", _("Never (on the site only)")


DIGESTS = (Email.DAILY, Email.WEEKLY)
_LANGUAGES = {code for code, _label in settings.LANGUAGES}


class _Lenient(dict):
    """A context that names a value it lacks as empty instead of failing a whole page or digest
    (a notice written before its kind's text gained a placeholder)."""

    def __missing__(self, key: str) -> str:
        return ""


def in_language(value: Any) -> Any:
    """A context value may be content in several languages, {"he": …, "ar": …, "en": …}: the
    reader's language where it exists, else Hebrew, English or Arabic, whichever is there."""
    if isinstance(value, dict) and value and set(value) <= _LANGUAGES:
        language = (translation.get_language() or "he")[:2]
        return value.get(language) or value.get("he") or value.get("en") or value.get("ar") or ""
    return value


def in_reader_language(context: Mapping[str, Any]) -> dict[str, Any]:
    return {key: in_language(value) for key, value in context.items()}


def render_text(text: Text | None, context: Mapping[str, Any]) -> str:
    if text is None:
        return ""
    values = in_reader_language(context)
    if callable(text):
        return str(text(values))
    return str(text) % _Lenient(values)


@dataclass(frozen=True)
class NoticeKind:
    """One kind of notice.

    `text` is the one line shown in the list and the bell; `email_subject` defaults to it;
    `email_body` is a further paragraph of the email (text) or `email_template` a template rendered
    with the context (the notice's `url` and `recipient` are added). Every text is rendered inside
    `translation.override(<recipient's language>)`, so lazy strings come out in that language.
    """

    key: str
    label: str | Promise
    default_email: str
    text: Text
    email_subject: Text | None = None
    email_body: Text | None = None
    email_template: str = ""

    def __post_init__(self) -> None:
        if "." not in self.key or len(self.key) > 100:
            raise ValueError(f"A notice kind's key is '<app>.<event>' of at most 100 characters, not {self.key!r}.")
        if self.default_email not in Email.values:
            raise ValueError(f"{self.key}: default_email must be one of {Email.values}.")

    def render(self, context: Mapping[str, Any]) -> str:
        return render_text(self.text, context)

    def subject(self, context: Mapping[str, Any]) -> str:
        return render_text(self.email_subject, context) or self.render(context)

    def body(self, context: Mapping[str, Any]) -> str:
        if self.email_template:
            return render_to_string(self.email_template, in_reader_language(context)).strip()
        return render_text(self.email_body, context)


_registry: dict[str, NoticeKind] = {}


def register(kind: NoticeKind) -> NoticeKind:
    """Adds a kind; registering the same key twice is a mistake, unless it is the same kind again
    (an app's ready() may run twice in tests)."""
    existing = _registry.get(kind.key)
    if existing is not None and existing != kind:
        raise ValueError(f"The notice kind {kind.key!r} is registered twice.")
    _registry[kind.key] = kind
    return kind


def get(key: str) -> NoticeKind:
    try:
        return _registry[key]
    except KeyError:
        raise LookupError(f"No notice kind {key!r}: register it in its app's notices.py.") from None


def find(key: str) -> NoticeKind | None:
    """The kind, or None for a key no app registers any more (its old notices are still shown)."""
    return _registry.get(key)


def all_kinds() -> list[NoticeKind]:
    return sorted(_registry.values(), key=lambda kind: kind.key)
