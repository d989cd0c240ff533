"""Finding documents: the read side of search.

`search()` ranks by relevance and returns ids with highlighted snippets; an app keeps to what a user
may see by passing its `visible_to(user)` queryset, which stays a subquery. `matching_ids()` gives
the matching ids as a queryset, for an app that orders by its own columns (newest, most used).

Strict first, broad when that finds little: a query word is first looked for as typed (and inside
documents' words that have prefixes attached). Only when that finds fewer than BROADEN_BELOW
documents are the query's own prefixes stripped too, because stripping them from an ordinary word
invents others: למידה without ל is מידה, which במידה ("to the extent") also yields.
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString

from .backends import DOCUMENT_TABLE, Backend, IdSource, Where, backend_for, restriction
from .models import SearchDocument
from .query import Query, parse_query
from .snippets import Highlighter

# Counts made apart from the ranking (matching_ids, a page past the end) stop here: the count is for
# "about N results", and counting every match of a common word costs as much as ranking them.
COUNT_CAP = 1_000
BROADEN_BELOW = 10
MAX_LIMIT = 200
# How many of the best matches of all are checked against kinds and visibility, per result wanted
# (_best_then_kept).
CANDIDATES_PER_RESULT = 4


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    score: float
    language: str
    title_html: SafeString
    snippet_html: SafeString


@dataclass(frozen=True)
class SearchResults:
    query: Query
    hits: list[Hit]
    # How many documents match: exact up to COUNT_CAP; past it, when kinds or visibility restrict the
    # search, on PostgreSQL with the RUM index (both count apart), or on a page past the last result,
    # COUNT_CAP (or the page's end, when further) means "at least".
    total_estimate: int
    # True when the query's own prefixes were stripped to find more (see the module's docstring).
    broadened: bool


def search(
    query: str | Query,
    *,
    kinds: Collection[str] | None = None,
    visible: Mapping[str, IdSource] | None = None,
    limit: int = 50,
    offset: int = 0,
) -> SearchResults:
    """The best matches for the query, best first.

    kinds: only documents of these kinds. visible: for each kind named, only these object ids (a
    queryset such as ``Resource.objects.visible_to(user).values("pk")``, or a collection of ids).
    Raises QueryError for a query that cannot be searched (empty, punctuation only, too long).
    """
    if not (1 <= limit <= MAX_LIMIT and offset >= 0):
        raise ValueError(f"limit is 1 to {MAX_LIMIT} and offset at least 0, not {limit} and {offset}")
    parsed = parse_query(query) if isinstance(query, str) else query
    backend = backend_for(connection)
    where = restriction(backend, kinds, visible)
    rows, total = _ranked(backend, parsed, where, limit, offset, broad=False)
    broad = total < BROADEN_BELOW and parsed.can_broaden
    if broad:
        rows, total = _ranked(backend, parsed, where, limit, offset, broad=True)
    highlighter = Highlighter(parsed, broad=broad)
    hits = [_hit(row, highlighter) for row in rows]
    return SearchResults(query=parsed, hits=hits, total_estimate=total, broadened=broad)


def matching_ids(query: str | Query, kind: str, *, broad: bool | None = None) -> QuerySet:
    """The object ids of one kind that match the query, unordered, as a queryset to filter by:
    ``Resource.objects.visible_to(user).filter(pk__in=matching_ids(q, KIND)).order_by("-published_at")``.

    broad: whether the query's stripped forms count too, as a search() of it said (its `broadened`);
    None counts the matches to decide, as search() does.
    """
    parsed = parse_query(query) if isinstance(query, str) else query
    backend = backend_for(connection)
    if broad is None:
        broad, _ = _strict_or_broad(backend, parsed, restriction(backend, [kind], None))
    sql, params = backend.ids_sql(backend.match_expression(parsed, broad=broad))
    matching = RawSQL(sql, params)  # noqa: S611 - built by the backend from normalized forms, values as parameters
    return SearchDocument.objects.filter(kind=kind, id__in=matching).values_list("object_id", flat=True)


def raw_search_sql(query: str | Query, *, limit: int = 50) -> tuple[str, list[Any]]:
    """The bare full-text query that search() runs for this query (strict), to time it beside search()."""
    parsed = parse_query(query) if isinstance(query, str) else query
    backend = backend_for(connection)
    return backend.raw_ranked_sql(backend.match_expression(parsed, broad=False), limit)


def _strict_or_broad(backend: Backend, query: Query, where: Where) -> tuple[bool, int]:
    total = _count(backend, backend.match_expression(query, broad=False), where)
    if total >= BROADEN_BELOW or not query.can_broaden:
        return False, total
    return True, _count(backend, backend.match_expression(query, broad=True), where)


def _count(backend: Backend, expression: str, where: Where) -> int:
    return int(_matched(backend, *backend.count_sql(expression, where, COUNT_CAP))[0][0])


def _matched(backend: Backend, sql: str, params: list[Any]) -> list[tuple]:
    """The rows of a query that matches the full-text index, with the backend's planner settings.

    The settings go in the same round trip as the query (the statements of one string run as one
    transaction, so SET LOCAL lasts for the query alone): on a loaded machine each round trip is a
    wait for the database process to be scheduled, and a transaction of its own would cost three
    more. In a caller's transaction they are set back afterwards, in the same string.
    """
    if not backend.planner_settings:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    with connection.cursor() as cursor:
        cursor.execute(f"{backend.planner_settings}; {sql}; {backend.planner_defaults}", params)
        cursor.nextset()  # past the settings' own (empty) result
        return cursor.fetchall()


def _ranked(backend: Backend, query: Query, where: Where, limit: int, offset: int, *, broad: bool) -> tuple[list, int]:
    """A page of ranked rows and the number of all matches (no further than COUNT_CAP when the page
    came from the best of all matches)."""
    expression = backend.match_expression(query, broad=broad)
    if where:
        found = _best_then_kept(backend, expression, where, limit, offset)
        if found is not None:
            return found
    rows = _matched(backend, *backend.ranked_sql(expression, where, limit, offset))
    if not rows:
        # A page past the last result says nothing of how many there are: they are counted.
        return rows, _count(backend, expression, where) if offset else 0
    if backend.counts_while_ranking:
        return rows, int(rows[0][-1])
    if len(rows) < limit:
        return rows, offset + len(rows)  # the page holds the last match
    return rows, max(_count(backend, expression, where), offset + limit)


def _best_then_kept(
    backend: Backend, expression: str, where: Where, limit: int, offset: int
) -> tuple[list, int] | None:
    """The page from the best matches of all, kept to those `where` admits (the kinds asked for,
    what the user may see), and the number of admitted matches; None when too few of the best are
    admitted, and `where` must go into the ranking after all.

    Checking `where` costs a lookup per match: for a common word, a hundred thousand of them (0.2 to
    4 s for a million resources on SQLite). Most of what a search finds is admitted, so the best
    CANDIDATES_PER_RESULT × (offset + limit) matches are ranked on the full-text index alone, and only
    those are checked. The order is the same: a score depends neither on who searches nor on kinds.
    """
    wanted = offset + limit
    ranked = _matched(backend, *backend.raw_ranked_sql(expression, CANDIDATES_PER_RESULT * wanted))
    admitted = _admitted_ids(backend, [row[0] for row in ranked], where)
    kept = [(document_id, score) for document_id, score in ranked if document_id in admitted]
    every_match_ranked = len(ranked) < CANDIDATES_PER_RESULT * wanted
    if len(kept) < wanted and not every_match_ranked:
        return None  # more matches lie beyond the candidates, and too few of these were admitted
    page = kept[offset:wanted]
    texts = _texts(backend, [document_id for document_id, _score in page])
    rows = [(*texts[document_id], score, None) for document_id, score in page]
    return rows, len(kept) if every_match_ranked else _count(backend, expression, where)


def _admitted_ids(backend: Backend, ids: list[int], where: Where) -> set[int]:
    if not ids:
        return set()
    subquery, params = backend.ids_from_collection(ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.id FROM {DOCUMENT_TABLE} AS d WHERE d.id IN ({subquery}) AND {where.sql}",  # noqa: S608
            [*params, *where.params],
        )
        return {row[0] for row in cursor.fetchall()}


def _texts(backend: Backend, ids: list[int]) -> dict[int, tuple]:
    """id → (id, kind, object_id, language, title, body), the columns of a ranked row before its score."""
    if not ids:
        return {}
    subquery, params = backend.ids_from_collection(ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.id, d.kind, d.object_id, d.language, d.title, d.body FROM {DOCUMENT_TABLE} AS d "  # noqa: S608
            f"WHERE d.id IN ({subquery})",
            params,
        )
        return {row[0]: row for row in cursor.fetchall()}


def _hit(row: tuple, highlighter: Highlighter) -> Hit:
    _id, kind, object_id, language, title, body, score, _total = row
    return Hit(
        kind=kind,
        object_id=object_id,
        score=float(score),
        language=language,
        title_html=highlighter.highlight(title),
        snippet_html=highlighter.snippet(body),
    )
