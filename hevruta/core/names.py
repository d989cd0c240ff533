"""Names in the reader's language.

Organizations and networks keep their own name in `name` (usually Hebrew) and may add `name_en` and
`name_ar`; the platform's vocabularies and programs keep `name_he`, `name_ar` and `name_en`. Everything
that shows such a name (pages, exports, the API where it answers in a language) asks `local_name`,
which picks the reader's language where the name exists in it, and otherwise falls back to another
and says which, so the page can mark it (`lang`, `dir="auto"`: the `localname` template filter).

Longer texts follow the same rule through `local_text(obj, "description")`: the own text with the
language it is written in (`description`, `description_language`) and translations beside it
(`description_en`, `description_ar`); the `local_text` template tag gives them to a page.
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


def _texts_of(obj: Any, field: str) -> dict[str, str]:
    """The object's `field` in each language it has one, its own text under the language it is
    written in (`<field>_language` when the object keeps it, else the language of its letters)."""
    texts: dict[str, str] = {}
    for language in FALLBACK_ORDER:
        value = getattr(obj, f"{field}_{language}", "") or ""
        if isinstance(value, str) and value.strip():
            texts[language] = value
    if not hasattr(obj, f"{field}_he"):
        own = getattr(obj, field, "") or ""
        if isinstance(own, str) and own.strip():
            written_in = getattr(obj, f"{field}_language", "") or script_language(own)
            # The own text is the one first shown to a Hebrew reader, whatever its letters.
            texts.setdefault(written_in or "he", own)
            texts.setdefault("_own", own)
    return texts


def local_name(obj: Any, language: str | None = None) -> LocalName:
    """`obj`'s name in `language` (the active one by default), or the best other one, marked as such."""
    if obj is None:
        return LocalName("", "", False)
    return local_text(obj, "name", language, default=str(obj))


def local_text(obj: Any, field: str, language: str | None = None, *, default: str = "") -> LocalName:
    """`obj`'s `field` in `language` (the active one by default), or the best other one, marked as such.

    The same rule for every text kept in several languages: an own text (`description`, with
    `description_language`) and its translations beside it (`description_en`, `description_ar`), as
    organizations keep their names; or one field per language (`name_he`, `name_ar`, `name_en`).
    """
    language = language or reader_language()
    texts = _texts_of(obj, field)
    if not texts:
        return LocalName(default, script_language(default), script_language(default) not in ("", language))
    if language in texts:
        return LocalName(texts[language], language, False)
    if language == "he" and "_own" in texts:
        own = texts["_own"]
        written_in = getattr(obj, f"{field}_language", "") or script_language(own)
        return LocalName(own, written_in, written_in not in ("", "he"))
    for other in FALLBACK_ORDER:
        if other in texts:
            return LocalName(texts[other], other, True)
    own = texts["_own"]
    return LocalName(own, script_language(own), True)


def local_name_text(obj: Any, language: str | None = None) -> str:
    return local_name(obj, language).text
