"""Text normalization for Hebrew, Arabic and English, shared by every index and every query.

Indexed text and queries go through the same `fold()`, so that niqqud, harakat, final letters,
alef forms and letter case never decide whether something is found.
"""

import re
import unicodedata

# Hebrew points and cantillation (U+0591–U+05C7, except the maqaf and sof pasuq which are
# punctuation), Arabic harakat (U+064B–U+065F), superscript alef (U+0670) and tatweel (U+0640).
_MARKS = re.compile("[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u064b-\u065f\u0670\u0640]")

_FOLD = str.maketrans(
    {
        # Hebrew final letters to their medial forms.
        "ך": "כ",
        "ם": "מ",
        "ן": "נ",
        "ף": "פ",
        "ץ": "צ",
        # Arabic alef forms to bare alef, taa marbuta to haa, alef maqsura to yaa.
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        # Hebrew punctuation that sits inside words and names.
        "־": " ",
        "׳": "'",
        "״": '"',
    }
)

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def strip_marks(text: str) -> str:
    return _MARKS.sub("", unicodedata.normalize("NFC", text))


def fold(text: str) -> str:
    """The indexed form of a text: no marks, no final letters, one alef, lower case."""
    return strip_marks(text).translate(_FOLD).casefold()


def tokens(text: str) -> list[str]:
    """Words of the folded text, without punctuation."""
    return [word for word in _NON_WORD.split(fold(text)) if word and word != "_"]


def search_key(*parts: str | None) -> str:
    """One folded, space-separated string of all the parts, for substring search."""
    return " ".join(word for part in parts if part for word in tokens(part))
