"""The word tables that take a Hebrew or Arabic word to its lemma, shipped with the package.

lexicons/ holds them, made by scripts/build_lexicons.py from their sources (Debian's hspell for
Hebrew, arramooz for Arabic broken plurals), with each source's version, licence and SHA-256 in
lexicons/manifest.json (lexicons/README.md). Nothing is downloaded; a table whose SHA-256 differs
from the manifest's is refused.

The Hebrew table knows 455,000 inflected words. Held as Python strings in a dict it takes 70 MB in
every web process, so it is held as one sorted byte string (a byte per letter, ISO-8859-8) that a
lookup bisects: about 10 MB, a few microseconds a word (and word_forms() caches its answers).
"""

import gzip
import hashlib
import json
from array import array
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LEXICONS = Path(__file__).resolve().parent / "lexicons"
MANIFEST = LEXICONS / "manifest.json"

# Lemma tokens begin with a private-use character, which no typed word has (normalize_word keeps only
# letters and digits): so a lemma never meets a written word of the same letters in the index.
NOUN_LEMMA = "\ue001"  # a noun or adjective lemma (Hebrew), the singular of a broken plural (Arabic)
VERB_LEMMA = "\ue002"  # a Hebrew verb's lemma
STEM = "\ue003"  # a Snowball stem (Arabic, English)
TOKEN_MARKS = NOUN_LEMMA + VERB_LEMMA + STEM
_HEBREW_ENCODING = "iso-8859-8"


class LexiconError(RuntimeError):
    pass


# Off only in bench/search.py, to measure the search as it was before the lexicons, in the same run.
ENABLED = True


@cache
def manifest() -> dict:
    return json.loads(MANIFEST.read_text())


def version() -> str:
    """The lexicons' versions, as recorded with the index (`reindex_search` compares them)."""
    entries = manifest()
    return ";".join(
        f"{language}:{entries[language]['version']}:{entries[language]['sha256'][:12]}" for language in sorted(entries)
    )


def _table_lines(language: str) -> list[str]:
    entry = manifest()[language]
    raw = (LEXICONS / entry["table"]).read_bytes()
    if hashlib.sha256(raw).hexdigest() != entry["sha256"]:
        raise LexiconError(
            f"{entry['table']} is not the table manifest.json records; rebuild it (scripts/build_lexicons.py)"
        )
    return gzip.decompress(raw).decode().splitlines()


@dataclass(frozen=True)
class HebrewLemmas:
    """Sorted (word, lemma) pairs in one byte string; a word with two lemmas has two entries."""

    words: bytes  # every word followed by a newline, in sorted order
    starts: array  # where each word starts in `words`, and one past the end
    lemma_of: array  # the index in `tokens` of each word's lemma
    tokens: tuple[str, ...]  # the lemma tokens (NOUN_LEMMA or VERB_LEMMA + lemma)
    forms: tuple[bytes, ...]  # each lemma's words, space-separated (for the highlighter)

    def lemmas(self, word: str) -> tuple[int, ...]:
        """Indexes of the word's lemma tokens; empty for a word the lexicon does not know."""
        try:
            key = word.encode(_HEBREW_ENCODING)
        except UnicodeEncodeError:
            return ()
        low, high = 0, len(self.lemma_of)
        while low < high:
            middle = (low + high) // 2
            if self._word(middle) < key:
                low = middle + 1
            else:
                high = middle
        found = []
        while low < len(self.lemma_of) and self._word(low) == key:
            found.append(self.lemma_of[low])
            low += 1
        return tuple(found)

    def _word(self, index: int) -> bytes:
        return self.words[self.starts[index] : self.starts[index + 1] - 1]

    def words_of(self, token: str) -> list[str]:
        """Every word that has this lemma token."""
        index = self._token_index().get(token)
        return [] if index is None else self.forms[index].decode(_HEBREW_ENCODING).split()

    def _token_index(self) -> dict[str, int]:
        # Built on first use: only the highlighter asks, for the lemmas of a query.
        if not hasattr(self, "_tokens_to_index"):
            object.__setattr__(self, "_tokens_to_index", {token: index for index, token in enumerate(self.tokens)})
        return self._tokens_to_index  # type: ignore[attr-defined]


@cache
def hebrew() -> HebrewLemmas:
    tokens, forms, pairs = [], [], []
    for index, line in enumerate(_table_lines("hebrew")):
        head, words = line.split("\t")
        tokens.append((NOUN_LEMMA if head[0] == "N" else VERB_LEMMA) + head[1:])
        encoded = words.encode(_HEBREW_ENCODING)
        forms.append(encoded)
        pairs += [(word, index) for word in encoded.split()]
    pairs.sort()
    blob = b"".join(word + b"\n" for word, _ in pairs)
    starts = array("I", [0])
    position = 0
    for word, _ in pairs:
        position += len(word) + 1
        starts.append(position)
    return HebrewLemmas(blob, starts, array("I", [index for _, index in pairs]), tuple(tokens), tuple(forms))


@dataclass(frozen=True)
class ArabicPlurals:
    singulars_of: dict[str, tuple[str, ...]]  # broken plural → its singular(s)
    plurals_of: dict[str, tuple[str, ...]]  # singular → its broken plural(s)


@cache
def arabic() -> ArabicPlurals:
    plurals_of: dict[str, tuple[str, ...]] = {}
    singulars_of: dict[str, tuple[str, ...]] = {}
    for line in _table_lines("arabic"):
        singular, plurals = line.split("\t")
        plurals_of[singular] = tuple(plurals.split())
        for plural in plurals_of[singular]:
            singulars_of[plural] = (*singulars_of.get(plural, ()), singular)
    return ArabicPlurals(singulars_of, plurals_of)
