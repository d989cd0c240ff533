"""Names in the reader's language.

Organizations and networks keep their own name in `name` (usually Hebrew) and may add `name_en` and
`name_ar`; the platform's vocabularies and programs keep `name_he`, `name_ar` and `name_en`. Everything
that shows such a name (pages, exports, the API where it answers in a language) asks `local_name`,
which picks the reader's language where the name exists in it, and otherwise falls back to another
and says which, so the page can mark it (`lang`, `dir="auto"`: the `localname` template filter).
"""

import re
from dataclasses import dataclass
from typing import Any

from django.utils import translation

_HEBREW = re.compile(r"[\u0590-\u05FF]")
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F]")
_LATIN = re.compile(r"[A-Za-z]")

# When a name is missing in the reader's language, the next ones tried.
FALLBACK_ORDER = ("he", "en", "ar")


@dataclass(frozen=True)
class LocalName:
    text: str
    language: str  # the language the text is written in ("" when it cannot be told)
    is_fallback: bool  # written in another language than the reader's

    def __str__(self) -> str:
        return self.text


def script_language(text: str) -> str:
    """The language a name's letters belong to, for a name stored without one (an organization's own name)."""
    if _HEBREW.search(text):
        return "he"
    if _ARABIC.search(text):
        return "ar"
    if _LATIN.search(text):
        return "en"
    return ""


def reader_language() -> str:
    return (translation.get_language() or "he")[:2]


def _names_of(obj: Any) -> dict[str, str]:
    """The object's name in each language it has one, its own name under the language of its letters."""
    names: dict[str, str] = {}
    for language in FALLBACK_ORDER:
        value = getattr(obj, f"name_{language}", "") or ""
        if isinstance(value, str) and value.strip():
            names[language] = value
    if not hasattr(obj, "name_he"):
        own = getattr(obj, "name", "") or ""
        if own:
            # The own name is the one first shown to a Hebrew reader, whatever its letters.
            names.setdefault(script_language(own) or "he", own)
            names.setdefault("_own", own)
    return names


def local_name(obj: Any, language: str | None = None) -> LocalName:
    """`obj`'s name in `language` (the active one by default), or the best other one, marked as such."""
    if obj is None:
        return LocalName("", "", False)
    language = language or reader_language()
    names = _names_of(obj)
    if not names:
        text = str(obj)
        return LocalName(text, script_language(text), script_language(text) not in ("", language))
    if language in names:
        return LocalName(names[language], language, False)
    if language == "he" and "_own" in names:
        own = names["_own"]
        written_in = script_language(own)
        return LocalName(own, written_in, written_in not in ("", "he"))
    for other in FALLBACK_ORDER:
        if other in names:
            return LocalName(names[other], other, True)
    own = names["_own"]
    return LocalName(own, script_language(own), True)


def local_name_text(obj: Any, language: str | None = None) -> str:
    return local_name(obj, language).text
