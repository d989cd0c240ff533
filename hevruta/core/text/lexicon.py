"""The word tables that take a Hebrew or Arabic word to its lemma, shipped with the package.

lexicons/ holds them, made by scripts/build_lexicons.py from their sources (Debian's hspell for
Hebrew, arramooz for Arabic broken plurals), with each source's version, licence and SHA-256 in
lexicons/manifest.json (lexicons/README.md). Nothing is downloaded; a table whose SHA-256 differs
from the manifest's is refused.

The Hebrew table knows 455,000 inflected words. Held as Python strings in a dict it takes 70 MB in
every web process, so it is stored already sorted, one byte a letter (ISO-8859-8), and kept as it is
read: one byte string that a lookup bisects, about 10 MB, a few microseconds a word (and
word_forms() caches its answers), loaded without building anything per word.
"""

import gzip
import hashlib
import json
from array import array
from dataclasses import dataclass
from functools import cache, lru_cache
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


def _table(language: str) -> bytes:
    """The table's bytes, unpacked, after its SHA-256 is checked against the manifest's."""
    entry = manifest()[language]
    raw = (LEXICONS / entry["table"]).read_bytes()
    if hashlib.sha256(raw).hexdigest() != entry["sha256"]:
        raise LexiconError(
            f"{entry['table']} is not the table manifest.json records; rebuild it (scripts/build_lexicons.py)"
        )
    return gzip.decompress(raw)


# The Hebrew table's first line, then its two parts, each ending with an empty line (build_lexicons.py).
HEBREW_FORMAT = b"hevruta-hebrew-lemmas 2"


class HebrewLemmas:
    """The Hebrew table as it is stored, in one byte string (ISO-8859-8, a byte a letter):

        hevruta-hebrew-lemmas 2
        N<lemma>\t<word> <word> …      one line a lemma (N noun or adjective, V verb), numbered from 0
        (empty line)
        <word>\t<number of its lemma>   one line a word and lemma, in byte order (a word with two
        …                               lemmas has two lines, side by side)

    A lookup bisects the word lines where they lie, so loading makes no copy of them: the table is
    read, unpacked and kept (about 10 MB), and only the lemma lines (22,000) become Python objects.
    """

    def __init__(self, data: bytes) -> None:
        header_end = data.index(b"\n")
        if data[:header_end] != HEBREW_FORMAT:
            raise LexiconError(f"the Hebrew table is not in the format {HEBREW_FORMAT.decode()}")
        self.data = data
        self.words_start = data.index(b"\n\n", header_end) + 2
        self.words_end = len(data)
        tokens, lemma_lines = [], array("I")
        position = header_end + 1
        while position < self.words_start - 1:
            tab = data.index(b"\t", position)
            head = data[position:tab].decode(_HEBREW_ENCODING)
            tokens.append((NOUN_LEMMA if head[0] == "N" else VERB_LEMMA) + head[1:])
            lemma_lines.append(position)
            position = data.index(b"\n", tab) + 1
        lemma_lines.append(position)  # where the next line would start, for the last lemma's end
        self.tokens: tuple[str, ...] = tuple(tokens)  # the lemma tokens (NOUN_LEMMA or VERB_LEMMA + lemma)
        self._lemma_lines = lemma_lines  # where each lemma's line starts, and one past the last
        self._tokens_to_index: dict[str, int] | None = None

    def lemmas(self, word: str) -> tuple[int, ...]:
        """Indexes of the word's lemma tokens; empty for a word the lexicon does not know."""
        return self._remembered_lemmas(word)

    @lru_cache(maxsize=100_000)  # noqa: B019 (one table a process, kept for its life)
    def _remembered_lemmas(self, word: str) -> tuple[int, ...]:
        # Every prefixed spelling of a word (בכיתה, לכיתה, והכיתה) looks its stem up again.
        return self._looked_up_lemmas(word)

    def _looked_up_lemmas(self, word: str) -> tuple[int, ...]:
        try:
            key = word.encode(_HEBREW_ENCODING) + b"\t"
        except UnicodeEncodeError:
            return ()
        data = self.data
        # The first line not below the key; `low` and `high` are always where lines start.
        low, high = self.words_start, self.words_end
        while low < high:
            middle = data.rfind(b"\n", low, (low + high) // 2) + 1 or low
            line_end = data.index(b"\n", middle)
            if data[middle:line_end] < key:
                low = line_end + 1
            else:
                high = middle
        found = []
        while data.startswith(key, low):
            line_end = data.index(b"\n", low)
            found.append(int(data[low + len(key) : line_end]))
            low = line_end + 1
        return tuple(found)

    def words_of(self, token: str) -> list[str]:
        """Every word that has this lemma token."""
        if self._tokens_to_index is None:  # built on first use: only the highlighter asks
            self._tokens_to_index = {token: index for index, token in enumerate(self.tokens)}
        index = self._tokens_to_index.get(token)
        if index is None:
            return []
        line_start, line_end = self._lemma_lines[index], self._lemma_lines[index + 1] - 1
        words_start = self.data.index(b"\t", line_start) + 1
        return self.data[words_start:line_end].decode(_HEBREW_ENCODING).split()


@cache
def hebrew() -> HebrewLemmas:
    return HebrewLemmas(_table("hebrew"))


@dataclass(frozen=True)
class ArabicPlurals:
    singulars_of: dict[str, tuple[str, ...]]  # broken plural → its singular(s)
    plurals_of: dict[str, tuple[str, ...]]  # singular → its broken plural(s)


@cache
def arabic() -> ArabicPlurals:
    plurals_of: dict[str, tuple[str, ...]] = {}
    singulars_of: dict[str, tuple[str, ...]] = {}
    for line in _table("arabic").decode().splitlines():
        singular, plurals = line.split("\t")
        plurals_of[singular] = tuple(plurals.split())
        for plural in plurals_of[singular]:
            singulars_of[plural] = (*singulars_of.get(plural, ()), singular)
    return ArabicPlurals(singulars_of, plurals_of)
