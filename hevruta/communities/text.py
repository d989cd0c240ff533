"""What a post's and a title's text may hold, and how @[a member's name] is found and shown."""

import html
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hevruta.core.text import strip_bidi_controls
from hevruta.knowledge.rendering import render_markdown

from .models import MAX_POST_CHARS, MAX_TITLE_CHARS

# Embeddings, overrides and isolates reorder what follows them ("‮gpj.exe" reads "exe.jpg") and spill
# into the page when left open. A post never needs them: it is shown with dir="auto". The plain marks
# (U+200E, U+200F, U+061C) only place punctuation in mixed Hebrew, Arabic and English, and are kept.
_REORDERING = re.compile("[\u202a-\u202e\u2066-\u2069]")
MENTION = re.compile(r"@\[([^\[\]\n]{1,120})\]")


def clean_title(title: str) -> str:
    """One line, without bidirectional controls; ValidationError when empty or too long."""
    cleaned = " ".join(strip_bidi_controls((title or "").replace("\x00", "")).split())
    if not cleaned:
        raise ValidationError({"title": _("A thread needs a title.")})
    if len(cleaned) > MAX_TITLE_CHARS:
        raise ValidationError(
            {
                "title": _("The title is %(length)s characters long; at most %(limit)s are accepted.")
                % {"length": f"{len(cleaned):,}", "limit": MAX_TITLE_CHARS}
            }
        )
    return cleaned


def clean_body(body: str) -> str:
    cleaned = _REORDERING.sub("", (body or "").replace("\x00", "")).strip()
    if not cleaned:
        raise ValidationError({"body": _("Write something before posting.")})
    if len(cleaned) > MAX_POST_CHARS:
        raise ValidationError(
            {
                "body": _(
                    "The post is %(length)s characters long; at most %(limit)s are accepted. "
                    "Attach a long document as a file, or split it into several posts."
                )
                % {"length": f"{len(cleaned):,}", "limit": f"{MAX_POST_CHARS:,}"}
            }
        )
    return cleaned


def mentioned_names(body: str) -> list[str]:
    seen: dict[str, None] = {}
    for match in MENTION.finditer(body):
        seen.setdefault(" ".join(match.group(1).split()), None)
    return list(seen)


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


_MENTION_IN_HTML = re.compile(r"@\[([^\[\]<>\n]{1,200})\]")


def render_post(body: str, mentioned_keys: set[str]) -> str:
    """The knowledge center's Markdown and sanitizing, then each resolved @[name] marked as a mention.

    The marking runs on the sanitized HTML, where the name is already escaped, and adds only markup of
    our own around that escaped text."""

    def mark(match: re.Match) -> str:
        if name_key(html.unescape(match.group(1))) not in mentioned_keys:
            return match.group(0)
        return f'<span class="mention" dir="auto">@{match.group(1)}</span>'

    return _MENTION_IN_HTML.sub(mark, render_markdown(body))
