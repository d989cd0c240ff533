"""Highlighted snippets, cut in Python from the text as written.

The databases' own snippet functions would cut from the normalized text (no niqqud, no final
letters, prefixes split off); people should read what the author wrote. So each word of the original
is normalized the same way as for the index, and the words that match a query term are marked.
"""

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe

from hevruta.core.text import IGNORABLE_IN_WORD, lemma_scan_forms, word_forms, word_spans, written_form_pattern
from hevruta.core.text.lexicon import TOKEN_MARKS

from .query import Query

SNIPPET_WORDS = 30
# A snippet is looked for in the first part of a long text only: the cost of a page of results must
# not grow with the length of the attachments behind it.
MAX_SCANNED_CHARACTERS = 6_000
ELLIPSIS = "…"
_SPACES = re.compile(r"\s+")
_LONG_SYMBOL_RUN = re.compile(r"[^\w\s]{40,}")


class Highlighter:
    """Marks the words of texts that match one query; made once for a page of results.

    Normalizing every word of every hit in Python would cost more than the search itself, so regular
    expressions first find, at C speed, the few words that may match (core.text
    written_form_pattern), and only those are normalized and checked.
    """

    def __init__(self, query: Query, *, broad: bool = False) -> None:
        # `broad` also marks words matching a term only without prefixes, as a broad search finds them.
        self._terms_by_form: dict[str, int] = {}
        for index, term in enumerate(query.terms):
            for form in term.strict + term.broadening if broad else term.strict:
                self._terms_by_form.setdefault(form, index)
        self._term_of_word: dict[str, int | None] = {}
        # Lemma and stem tokens are not letters of the text: they are looked for by the letters that
        # the words having them share (משימ for משימה, משימת, משימות).
        letters = {
            scanned
            for form in self._terms_by_form
            for scanned in (lemma_scan_forms(form) if form[0] in TOKEN_MARKS else [form])
        }
        # A word holding הכיתה also holds כיתה: the shorter form alone finds both.
        forms = sorted(letters, key=len)
        self._scanned_forms = [
            form for index, form in enumerate(forms) if not any(shorter in form for shorter in forms[:index])
        ]

    def highlight(self, text: str) -> SafeString:
        """The whole text, escaped, with the words that match the query in <mark>."""
        return self.snippet(text, words=None)

    def snippet(self, text: str, words: int | None = SNIPPET_WORDS) -> SafeString:
        """About `words` words of the text around its best match, escaped, matches in <mark>.

        The best window is the one with the most different query terms, then the most matches.
        Without a match the snippet is the text's beginning.
        """
        text = unicodedata.normalize("NFC", text[:MAX_SCANNED_CHARACTERS])
        spans = word_spans(text)
        if not spans:
            return mark_safe(escape(" ".join(text.split())))  # noqa: S308 - escaped
        matches = self._matches(text, spans)
        first, last = (0, len(spans)) if words is None else _best_window(matches, words, _paragraphs(text, spans))
        return _render(text, spans, matches, first, last)

    def _matches(self, text: str, spans: list[tuple[int, int]]) -> list[int | None]:
        """For each word, the query term it matches, or None."""
        candidates = self._candidate_positions(text)
        if candidates is None:
            return [self._matched_term(text[start:end]) for start, end in spans]
        matches: list[int | None] = [None] * len(spans)
        starts = [start for start, _ in spans]
        for position in sorted(candidates):
            index = bisect_right(starts, position) - 1
            if index >= 0 and matches[index] is None:
                start, end = spans[index]
                matches[index] = self._matched_term(text[start:end])
        return matches

    def _candidate_positions(self, text: str) -> set[int] | None:
        """Where, in `text`, words that may match start or continue; None when the text must be
        checked word by word instead."""
        scanned = text.replace("_", " ").casefold()
        if len(scanned) != len(text) or not unicodedata.is_normalized("NFKC", text):
            # Letters whose lower case is longer (ß, İ) or compatibility characters (Arabic
            # presentation forms, ligatures) would escape the regular expressions.
            return None
        # The patterns look at the letters only: niqqud, invisible characters and quotes are taken
        # out, and each run taken out is remembered to find the positions in `text` again.
        removed_at, removed_so_far, removed = [], [], 0
        for run in IGNORABLE_IN_WORD.finditer(scanned):
            removed_at.append(run.start() - removed)
            removed += run.end() - run.start()
            removed_so_far.append(removed)
        letters = IGNORABLE_IN_WORD.sub("", scanned)
        positions: set[int] = set()
        if not self._scanned_forms:
            return positions
        for candidate in _forms_pattern(tuple(self._scanned_forms)).finditer(letters):
            runs_before = bisect_right(removed_at, candidate.start())
            positions.add(candidate.start() + (removed_so_far[runs_before - 1] if runs_before else 0))
        return positions

    def _matched_term(self, word: str) -> int | None:
        """Which query term the word matches, if any: a term matches a word when it is one of its forms."""
        if word in self._term_of_word:
            return self._term_of_word[word]
        term = next((self._terms_by_form[form] for form in word_forms(word).all if form in self._terms_by_form), None)
        self._term_of_word[word] = term
        return term


@lru_cache(maxsize=2_000)  # a query's forms repeat from page to page; compiling is the costly part
def _forms_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    # One pass over the text for all the forms (a lemma may have dozens of words to look for): where
    # any of them starts. A lookahead, so that candidates may overlap and none hides another.
    return re.compile("(?=" + "|".join(f"(?:{written_form_pattern(form)})" for form in forms) + ")")


def highlight(text: str, query: Query, *, broad: bool = False) -> SafeString:
    """The whole text, escaped, with the words that match the query in <mark>."""
    return Highlighter(query, broad=broad).highlight(text)


def snippet(text: str, query: Query, *, broad: bool = False, words: int | None = SNIPPET_WORDS) -> SafeString:
    """About `words` words of the text around its best match, escaped, matches in <mark>."""
    return Highlighter(query, broad=broad).snippet(text, words)


PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _paragraphs(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """For each word, the words (first, last + 1) of the paragraph it stands in. A snippet stays in one
    paragraph: a text in several languages (an event's description in each) keeps one per paragraph,
    and a window across the break would run one language into another."""
    breaks = [found.start() for found in PARAGRAPH_BREAK.finditer(text)]
    numbers = [bisect_right(breaks, start) for start, _end in spans]
    bounds: dict[int, tuple[int, int]] = {}
    for index, number in enumerate(numbers):
        first, _last = bounds.get(number, (index, index))
        bounds[number] = (first, index + 1)
    return [bounds[number] for number in numbers]


def _best_window(matches: list[int | None], size: int, paragraphs: list[tuple[int, int]]) -> tuple[int, int]:
    positions = [index for index, term in enumerate(matches) if term is not None]
    if not positions:
        return 0, min(size, paragraphs[0][1])
    best_key, best_window = (-1, -1), (0, 0)
    lead = size // 5  # a few words before the first match, to show it in its sentence
    for position in positions:
        low, high = paragraphs[position]
        first = max(low, min(position - lead, high - size))
        last = min(first + size, high)
        window = [term for term in matches[first:last] if term is not None]
        key = (len(set(window)), len(window))
        if key > best_key:
            best_key, best_window = key, (first, last)
    return best_window


def _render(text: str, spans: list[tuple[int, int]], matches: list[int | None], first: int, last: int) -> SafeString:
    # What stands before the first word and after the last (a quote, a period) is kept when the window
    # reaches the text's edge; otherwise an ellipsis says that the text goes on.
    start = 0 if first == 0 else spans[first][0]
    end = len(text) if last == len(spans) else spans[last - 1][1]
    parts = [] if first == 0 else [ELLIPSIS]
    position = start
    for index in range(first, last):
        if matches[index] is not None:
            word_start, word_end = spans[index]
            parts += [escape(_tidy(text[position:word_start])), "<mark>", escape(text[word_start:word_end]), "</mark>"]
            position = word_end
    parts.append(escape(_tidy(text[position:end])))
    if last < len(spans):
        parts.append(ELLIPSIS)
    return mark_safe("".join(parts).strip())  # noqa: S308 - every piece of the text went through escape()


def _tidy(between_marks: str) -> str:
    """Line breaks and runs of spaces made one space; long runs of symbols shortened."""
    return _LONG_SYMBOL_RUN.sub(f" {ELLIPSIS} ", _SPACES.sub(" ", between_marks))
