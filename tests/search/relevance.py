"""Recall@10 and mean reciprocal rank of a search function over the relevance corpus (corpus.py)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from . import inflected_corpus
from .corpus import DOCUMENTS, QUERIES, CorpusQuery

CUTOFF = 10


@dataclass
class Miss:
    query: CorpusQuery
    ranked: list[str]
    recall: float
    reciprocal_rank: float

    def __str__(self) -> str:
        scores = f"recall {self.recall:.2f}, RR {self.reciprocal_rank:.2f}"
        return f"{self.query.text!r} ({self.query.checks}): {scores}, got {self.ranked[:5]}"


@dataclass
class Evaluation:
    recall_at_10: float
    mrr: float
    queries: int
    imperfect: list[Miss] = field(default_factory=list)


def object_id(key: str) -> int:
    """The corpus document's object id in the index: its place in DOCUMENTS, from 1."""
    return KEYS.index(key) + 1


KEYS = [document.key for document in DOCUMENTS]
INFLECTED_KEYS = [document.key for document in inflected_corpus.DOCUMENTS]


def recall_at(cutoff: int, ranked: list[str], relevant: tuple[str, ...]) -> float:
    return len(set(ranked[:cutoff]) & set(relevant)) / len(relevant)


def reciprocal_rank(ranked: list[str], relevant: tuple[str, ...]) -> float:
    for rank, key in enumerate(ranked, start=1):
        if key in relevant:
            return 1 / rank
    return 0.0


def evaluate(ranked_keys: Callable[[str], list[str]], queries: Sequence[CorpusQuery] = QUERIES) -> Evaluation:
    """Runs every corpus query through `ranked_keys` (query text → document keys, best first)."""
    recalls, reciprocal_ranks, imperfect = [], [], []
    for query in queries:
        ranked = ranked_keys(query.text)
        recall = recall_at(CUTOFF, ranked, query.relevant)
        rr = reciprocal_rank(ranked, query.relevant)
        recalls.append(recall)
        reciprocal_ranks.append(rr)
        if recall < 1 or rr < 1:
            imperfect.append(Miss(query, ranked, recall, rr))
    return Evaluation(
        recall_at_10=sum(recalls) / len(recalls),
        mrr=sum(reciprocal_ranks) / len(reciprocal_ranks),
        queries=len(queries),
        imperfect=imperfect,
    )


def precision_failures(ranked_keys: Callable[[str], list[str]], cutoff: int = 3) -> list[str]:
    """The precision queries (inflected_corpus.PRECISION) that have an unrelated document in their
    first `cutoff` results, each with what came back."""
    failures = []
    for query in inflected_corpus.PRECISION:
        ranked = ranked_keys(query.text)[:cutoff]
        if set(ranked) & set(query.unrelated):
            failures.append(f"{query.text!r} ({query.checks}): got {ranked}")
    return failures
