"""Relevance on the corpus of tests/search/corpus.py, on whichever database the suite runs on."""

from hevruta.core.search import search

from .conftest import CORPUS_KIND
from .relevance import KEYS, evaluate

# Measured on SQLite and PostgreSQL (docs/search.md); the floors leave a little room for tuning.
MIN_RECALL_AT_10 = 0.95
MIN_MRR = 0.9


def ranked_keys(query: str) -> list[str]:
    results = search(query, kinds=[CORPUS_KIND], limit=10)
    return [KEYS[hit.object_id - 1] for hit in results.hits]


def test_recall_and_mrr_on_the_corpus(corpus, ranked_index):
    evaluation = evaluate(ranked_keys)
    report = "\n".join(str(miss) for miss in evaluation.imperfect)
    print(
        f"recall@10 {evaluation.recall_at_10:.3f}, MRR {evaluation.mrr:.3f} over {evaluation.queries} queries\n{report}"
    )
    assert evaluation.recall_at_10 >= MIN_RECALL_AT_10, report
    assert evaluation.mrr >= MIN_MRR, report
