"""Relevance on the inflected corpus (inflected_corpus.py): a word found in its other forms, through
the lexicon's lemmas and the stemmers, and homographs kept out of the first results."""

import pytest

from hevruta.core.search import Searchable, index_documents, search

from . import inflected_corpus
from .relevance import INFLECTED_KEYS, evaluate, precision_failures

KIND = "test.inflected"
# Measured on SQLite and PostgreSQL (docs/search.md); the issue asks for 0.9 and 0.85.
MIN_RECALL_AT_10 = 0.9
MIN_MRR = 0.85


@pytest.fixture
def inflected(db) -> None:  # type: ignore[no-untyped-def]
    index_documents(
        Searchable(KIND, position, document.title, document.body, document.language)
        for position, document in enumerate(inflected_corpus.DOCUMENTS, start=1)
    )


def ranked_keys(query: str) -> list[str]:
    return [INFLECTED_KEYS[hit.object_id - 1] for hit in search(query, kinds=[KIND], limit=10).hits]


def test_recall_and_mrr_on_inflected_words(inflected, ranked_index):
    evaluation = evaluate(ranked_keys, inflected_corpus.QUERIES)
    report = "\n".join(str(miss) for miss in evaluation.imperfect)
    figures = f"recall@10 {evaluation.recall_at_10:.3f}, MRR {evaluation.mrr:.3f} over {evaluation.queries} queries"
    print(f"{figures}\n{report}")
    assert evaluation.recall_at_10 >= MIN_RECALL_AT_10, report
    assert evaluation.mrr >= MIN_MRR, report


def test_homographs_do_not_reach_the_first_three(inflected):
    failures = precision_failures(ranked_keys)
    assert not failures, "\n".join(failures)


def test_the_corpus_is_as_large_as_promised():
    languages = {document.key: document.language for document in inflected_corpus.DOCUMENTS}
    counted = {"he": 0, "ar": 0, "en": 0}
    for query in inflected_corpus.QUERIES:
        counted[languages[query.relevant[0]]] += 1
        assert all(key in languages for key in query.relevant), query
    assert counted["he"] >= 60 and counted["ar"] >= 30 and counted["en"] >= 15, counted


def test_snippets_mark_the_inflected_words_that_matched():
    from hevruta.core.search import highlight, parse_query

    cases = [
        ("משימה", "משימת אבחון ומשימות קצרות, בלי מסמך", "<mark>משימת</mark> אבחון <mark>ומשימות</mark> קצרות"),
        ("כיתה", "הכיתות והכיתה שלי", "<mark>הכיתות</mark> <mark>והכיתה</mark> שלי"),
        ("طالب", "الطلاب في الصف وطالب واحد", "<mark>الطلاب</mark> في الصف <mark>وطالب</mark> واحد"),
        ("mentor", "Mentoring new mentors", "<mark>Mentoring</mark> new <mark>mentors</mark>"),
    ]
    for query, text, marked in cases:
        assert highlight(text, parse_query(query)).startswith(marked), query
