"""PostgreSQL's RUM index: it ranks as the GIN index alone does, pages through ties without losing or
repeating a document, and is what answers a ranked query (docs/search.md, "The ranked index")."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from hevruta.core.search import index_document, raw_search_sql, search
from hevruta.core.search.backends import RANKED_INDEX, forget_ranked_index, has_ranked_index
from hevruta.core.search.searching import COUNT_CAP

from .conftest import drop_ranked_index_in_this_test

KIND = "test.ranked"

pytestmark = pytest.mark.django_db


def ranking(query: str, **options) -> list[tuple[int, float]]:
    return [(hit.object_id, round(hit.score, 6)) for hit in search(query, kinds=[KIND], **options).hits]


ONLY_POSTGRES = pytest.mark.skipif(connection.vendor != "postgresql", reason="the ranked index is PostgreSQL's")


def require_ranked_index() -> None:
    if not has_ranked_index(connection):
        pytest.skip("the rum extension is not installed on this PostgreSQL server (docs/search.md)")


@ONLY_POSTGRES
def test_the_ranking_is_the_same_with_the_ranked_index_and_without():
    require_ranked_index()
    # Forty documents whose scores differ: the word once to four times in the title, and none to
    # nine times in the body.
    for number in range(1, 41):
        title = " ".join(["seminar"] * (1 + number % 4))
        body = " ".join(["seminar", "notes"] * (number // 4) + ["notes"])
        index_document(KIND, number, title=title, body=body)
    with_it = ranking("seminar", limit=40)
    assert len({score for _object_id, score in with_it}) == 40
    pages = [ranking("seminar", limit=10, offset=offset) for offset in range(0, 40, 10)]
    assert [entry for page in pages for entry in page] == with_it
    drop_ranked_index_in_this_test()
    try:
        assert not has_ranked_index(connection)
        assert ranking("seminar", limit=40) == with_it
    finally:
        forget_ranked_index(connection)


def test_pages_through_tied_documents_lose_and_repeat_none(ranked_index):
    # Thirty documents that score alike, and five better ones.
    for number in range(1, 31):
        index_document(KIND, number, title="workshop", body="")
    for number in range(31, 36):
        index_document(KIND, number, title="workshop workshop", body="workshop")
    pages = [ranking("workshop", limit=7, offset=offset) for offset in range(0, 35, 7)]
    ids = [object_id for page in pages for object_id, _score in page]
    assert sorted(ids) == list(range(1, 36))
    assert set(ids[:5]) == set(range(31, 36))
    scores = [score for page in pages for _object_id, score in page]
    assert scores == sorted(scores, reverse=True)


def test_a_full_page_still_says_how_many_match(ranked_index):
    for number in range(1, 26):
        index_document(KIND, number, title=f"meeting {number}", body="")
    assert search("meeting", kinds=[KIND], limit=10).total_estimate == 25
    assert search("meeting", kinds=[KIND], limit=10, offset=20).total_estimate == 25
    assert search("meeting", limit=10).total_estimate == 25  # unrestricted, counted apart
    assert search("meeting", limit=10, offset=30).total_estimate == 25
    assert COUNT_CAP > 25


@ONLY_POSTGRES
def test_the_ranked_index_answers_a_ranked_query_best_first():
    require_ranked_index()
    index_document(KIND, 1, title="mentoring", body="")
    sql, params = raw_search_sql("mentoring", limit=20)
    with connection.cursor() as cursor:
        # A table this small is cheaper to read whole; forbidding that asks whether the index can
        # give the order by itself, as it must for a million documents.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"Index Scan using {RANKED_INDEX}" in plan, plan
    assert "Order By" in plan, plan
    assert "Sort" not in plan.replace("Order By", ""), plan


def test_the_command_builds_the_ranked_index_where_it_can():
    if connection.vendor != "postgresql":
        with pytest.raises(CommandError, match="PostgreSQL's"):
            call_command("create_ranked_search_index")
        return
    require_ranked_index()
    drop_ranked_index_in_this_test()
    out = StringIO()
    call_command("create_ranked_search_index", stdout=out)
    assert "Built" in out.getvalue()
    assert has_ranked_index(connection)
    call_command("create_ranked_search_index", stdout=out)
    assert "already there" in out.getvalue()
