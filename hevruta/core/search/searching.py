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

from .backends import Backend, IdSource, Where, backend_for, restriction
from .models import SearchDocument
from .query import Query, parse_query
from .snippets import Highlighter

# Counts made apart from the ranking (matching_ids, a page past the end) stop here: the count is for
# "about N results", and counting every match of a common word costs as much as ranking them.
COUNT_CAP = 1_000
BROADEN_BELOW = 10
MAX_LIMIT = 200


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
    # How many documents match: exact, except on a page past the last result, where it is counted
    # no further than COUNT_CAP (which then means "at least that many").
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


def matching_ids(query: str | Query, kind: str) -> QuerySet:
    """The object ids of one kind that match the query, unordered, as a queryset to filter by:
    ``Resource.objects.visible_to(user).filter(pk__in=matching_ids(q, KIND)).order_by("-published_at")``.
    """
    parsed = parse_query(query) if isinstance(query, str) else query
    backend = backend_for(connection)
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
    sql, params = backend.count_sql(expression, where, COUNT_CAP)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.fetchone()[0])


def _ranked(backend: Backend, query: Query, where: Where, limit: int, offset: int, *, broad: bool) -> tuple[list, int]:
    """A page of ranked rows and the number of all matches."""
    expression = backend.match_expression(query, broad=broad)
    sql, params = backend.ranked_sql(expression, where, limit, offset)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if rows:
        return rows, int(rows[0][-1])
    # A page past the last result says nothing of how many there are: they are counted.
    return rows, _count(backend, expression, where) if offset else 0


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
