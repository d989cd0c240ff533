"""Putting objects into the index and taking them out: the write side of search.

An app calls these from its services, after its own write (docs/search.md). A document is written
once to core_searchdocument; the database updates its full-text index from that row in the same
transaction (triggers on SQLite, a generated column on PostgreSQL).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.db import transaction

from hevruta.core.text import is_arabic, word_forms, words

from .models import SearchDocument

MAX_KIND_CHARACTERS = 64  # SearchDocument.kind
MAX_TITLE_CHARACTERS = 1_000
# Snippets are cut from the stored body, and only from its beginning (snippets.py); a longer text
# is still indexed, up to MAX_INDEXED_WORDS words.
MAX_STORED_BODY_CHARACTERS = 50_000
# PostgreSQL refuses a tsvector over 1 MB; 20,000 words (some forty pages) stay far below it.
MAX_INDEXED_WORDS = 20_000

_KEY_FIELDS = ["kind", "object_id"]
_UPDATED_FIELDS = [
    "language",
    "updated_at",
    "title",
    "body",
    "title_exact",
    "title_forms",
    "body_exact",
    "body_forms",
]


@dataclass(frozen=True)
class Searchable:
    """One object's text for the index. `extra` (authors, tags, attachments' text) is searched like
    the body but not shown in snippets."""

    kind: str
    object_id: int
    title: str
    body: str
    language: str = ""
    extra: str = ""


def index_document(kind: str, object_id: int, *, title: str, body: str, language: str = "", extra: str = "") -> None:
    """Adds the object to the index, or replaces what the index held for it."""
    index_documents([Searchable(kind, object_id, title, body, language, extra)])


class Vocabulary(dict[str, tuple[str, str]]):
    """Each distinct word's index texts, computed once for a whole import or reindex.

    Computing a word's forms (lexicon look-ups, stemming) costs a few hundred microseconds, and a
    million documents hold a hundred million words but only about a million distinct ones: a
    reindex passes one Vocabulary to every `index_documents` call, so each word is looked up once.
    The process-wide cache (`_word_texts`) is smaller, as web processes keep it; a Vocabulary lives
    as long as its import and is emptied when it reaches `limit` words (some 500 bytes each).
    """

    def __init__(self, limit: int = 2_000_000) -> None:
        super().__init__()
        self.limit = limit

    def __missing__(self, word: str) -> tuple[str, str]:
        if len(self) >= self.limit:
            self.clear()
        texts = self[word] = _word_texts.__wrapped__(word)  # not through the process-wide cache
        return texts


def index_documents(items: Iterable[Searchable], *, batch_size: int = 500, vocabulary: Vocabulary | None = None) -> int:
    """Adds or replaces many objects, one transaction per batch; returns how many were written.

    Pass one `Vocabulary` to every call of a long import, so that each distinct word's forms are
    computed once for all of it."""
    written = 0
    batch: dict[tuple[str, int], SearchDocument] = {}
    for item in items:
        # The same object twice in one batch: the last one wins (one upsert may not touch a row twice).
        batch[(item.kind, int(item.object_id))] = _document(item, vocabulary)
        if len(batch) >= batch_size:
            written += _upsert(list(batch.values()))
            batch = {}
    if batch:
        written += _upsert(list(batch.values()))
    return written


def remove_document(kind: str, object_id: int) -> bool:
    """Takes the object out of the index; False if it was not there."""
    deleted, _ = SearchDocument.objects.filter(kind=kind, object_id=object_id).delete()
    return deleted > 0


def _upsert(documents: list[SearchDocument]) -> int:
    with transaction.atomic():
        SearchDocument.objects.bulk_create(
            documents, update_conflicts=True, unique_fields=_KEY_FIELDS, update_fields=_UPDATED_FIELDS
        )
    return len(documents)


def _document(item: Searchable, vocabulary: Vocabulary | None = None) -> SearchDocument:
    if not 0 < len(item.kind) <= MAX_KIND_CHARACTERS:
        raise ValueError(f"a kind is 1 to 64 characters, like 'knowledge.resource': {item.kind!r}")
    title = _storable(item.title)[:MAX_TITLE_CHARACTERS]
    body = _storable(item.body)
    title_exact, title_forms = _index_texts(words(title), vocabulary)
    body_exact, body_forms = _index_texts(words(f"{body}\n{_storable(item.extra)}")[:MAX_INDEXED_WORDS], vocabulary)
    return SearchDocument(
        kind=item.kind,
        object_id=int(item.object_id),
        language=(item.language or "")[:8],
        title=title,
        body=body[:MAX_STORED_BODY_CHARACTERS],
        title_exact=title_exact,
        title_forms=title_forms,
        body_exact=body_exact,
        body_forms=body_forms,
    )


def _index_texts(written_words: list[str], vocabulary: Vocabulary | None = None) -> tuple[str, str]:
    """The exact and the forms text of a list of written words, space-separated."""
    if vocabulary is None:
        texts = [_word_texts(word) for word in written_words]
    else:
        texts = [vocabulary[word] for word in written_words]  # a dict look-up: the common case
    return " ".join(exact for exact, _ in texts if exact), " ".join(forms for _, forms in texts if forms)


@lru_cache(maxsize=200_000)  # a word's texts, joined once: most words of a text were seen before
def _word_texts(word: str) -> tuple[str, str]:
    """The word's tokens for the exact columns and for the forms columns.

    Exact: the word as written and its lemmas, so that a word reached through its lemma (משימת for
    משימה) weighs as much as one written as typed, less the typed form's own match. Forms: the
    written forms again, without prefixes, and the Snowball stem, which weigh least (docs/search.md).
    Arabic is the other way round: its Snowball stem undoes what Hebrew's lexicon undoes (article,
    suffixes, sound plurals) and goes with the exact forms, while a broken plural's link to its
    singular (the singular's stem), which joins words of different shapes and meets homographs
    (معالم landmarks, معلم teacher), weighs as a stripped form.
    """
    forms = word_forms(word)
    if forms.stems and is_arabic(forms.stems[0][1]):
        return " ".join(forms.exact + forms.stems), " ".join(forms.exact + forms.stripped + forms.lemmas)
    return " ".join(forms.exact + forms.lemmas), " ".join(forms.exact + forms.stripped + forms.stems)


def _storable(text: str | None) -> str:
    """The text without what databases refuse: NUL characters (spaces instead, as a query reads
    them) and unpaired surrogates."""
    text = (text or "").replace("\x00", " ")
    return text.encode("utf-8", "replace").decode("utf-8")
