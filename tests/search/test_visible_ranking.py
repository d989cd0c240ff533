"""A search restricted to what a user may see ranks the best matches of all, keeps the visible ones,
and falls back to ranking with the restriction when too few of the best are visible: either way the
page is the visible documents in the order of their scores, and the count is of visible ones only."""

import pytest

from hevruta.core.search import Searchable, index_documents, search
from hevruta.core.search.searching import CANDIDATES_PER_RESULT

KIND = "test.visible"
DOCUMENTS = 60

pytestmark = pytest.mark.django_db


@pytest.fixture
def ranked_ids() -> list[int]:
    """Sixty documents with the word more and more often, so the later ones score higher."""
    index_documents(
        Searchable(KIND, number, title=f"document {number}", body=" ".join(["alpha"] * number + ["filler"] * 40))
        for number in range(1, DOCUMENTS + 1)
    )
    return [hit.object_id for hit in search("alpha", kinds=[KIND], limit=DOCUMENTS).hits]


def found(visible: list[int], limit: int, offset: int = 0) -> tuple[list[int], int]:
    results = search("alpha", kinds=[KIND], visible={KIND: visible}, limit=limit, offset=offset)
    return [hit.object_id for hit in results.hits], results.total_estimate


def test_most_visible_the_page_is_the_best_visible_in_order(ranked_ids):
    hidden = set(ranked_ids[:40:3])  # some of the best are hidden
    visible = [number for number in ranked_ids if number not in hidden]
    assert found(visible, limit=5) == (visible[:5], len(visible))
    assert found(visible, limit=5, offset=5) == (visible[5:10], len(visible))


def test_few_visible_and_all_far_down_the_ranking_falls_back(ranked_ids):
    worst = ranked_ids[-3:]
    limit = 5
    assert CANDIDATES_PER_RESULT * limit < DOCUMENTS  # the candidates do not reach them
    assert found(worst, limit=limit) == (worst, 3)


def test_nothing_visible_finds_nothing_and_counts_nothing(ranked_ids):
    assert found([], limit=5) == ([], 0)


def test_a_page_past_the_visible_ones_is_empty_but_counts_them(ranked_ids):
    visible = ranked_ids[:7]
    assert found(visible, limit=5, offset=10) == ([], 7)
