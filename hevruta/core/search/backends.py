"""The SQL each database runs for a search: SQLite FTS5 or PostgreSQL tsvector, chosen by the connection.

Both index the same four texts of core_searchdocument: title_exact, title_forms, body_exact and
body_forms (models.py). A term matches when one of its forms is among a document's forms; strict
searches use only the forms the query word is written in, broad ones add its forms without prefixes
(searched only in the forms columns, so that they rank below exact matches). The ranking weighs a
title above a body and an exact form above a stripped one, in both databases.

The SQL is put together from constants (table names, weights) and the restriction's own clauses;
every value goes as a parameter, the match expression included, and that expression holds nothing
but normalized forms (letters and digits, checked by `_checked`). Hence the S608 exemptions below.
"""

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from hevruta.core.text import WordForms
from hevruta.core.text.lexicon import TOKEN_MARKS

from .query import Query

DOCUMENT_TABLE = "core_searchdocument"
FTS_TABLE = "core_searchdocument_fts"
# PostgreSQL's RUM index on search_vector, where the server has the extension (schema.py).
RANKED_INDEX = "core_searchdocument_search_rank"

# What an app may pass to restrict a kind to the objects a user may see.
IdSource = QuerySet | Collection[int]


@dataclass(frozen=True)
class Where:
    """Extra conditions on the document row (alias d), with their parameters."""

    sql: str = ""
    params: list[Any] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.sql)


class Backend:
    """One database's way to write the match expression and the three queries built on it."""

    # Whether ranked_sql's rows carry the number of all matches; where not (the last column is None),
    # the caller counts apart.
    counts_while_ranking = True
    # Run before a query that matches (in the same transaction), to steer the planner, and after it;
    # "" for none.
    planner_settings = planner_defaults = ""

    def match_expression(self, query: Query, *, broad: bool) -> str:
        raise NotImplementedError

    def ranked_sql(self, expression: str, where: Where, limit: int, offset: int) -> tuple[str, list[Any]]:
        """The page of documents, best first: id, kind, object_id, language, title, body, score, and
        the number of all matching documents."""
        raise NotImplementedError

    def raw_ranked_sql(self, expression: str, limit: int) -> tuple[str, list[Any]]:
        """The bare full-text query under ranked_sql: ids and scores only, best first."""
        raise NotImplementedError

    def count_sql(self, expression: str, where: Where, cap: int) -> tuple[str, list[Any]]:
        """How many documents match, counting no further than `cap`."""
        raise NotImplementedError

    def ids_sql(self, expression: str) -> tuple[str, list[Any]]:
        """The ids of all matching documents, for a subquery."""
        raise NotImplementedError

    def ids_from_collection(self, ids: list[int]) -> tuple[str, list[Any]]:
        """A subquery listing the given ids, passed as one parameter however many they are."""
        raise NotImplementedError


def _checked(form: str) -> str:
    # Forms are letters and digits only (core.text.normalize_word); anything else here would be a
    # bug that lets typed text into the query syntax, so it is refused rather than quoted. Lemma and
    # stem tokens begin with one private-use mark (core.text.lexicon).
    if not (form.isalnum() or (form[:1] in TOKEN_MARKS and form[1:].isalnum())):
        raise ValueError(f"not a normalized form: {form!r}")
    return form


class SqliteBackend(Backend):
    # bm25 weights, in the order of the FTS5 columns: title_exact, title_forms, body_exact, body_forms.
    # Forms contain the exact forms too, so an exact match in a title scores 10 + 2.
    WEIGHTS = "10.0, 2.0, 4.0, 1.0"

    def match_expression(self, query: Query, *, broad: bool) -> str:
        return " AND ".join(self._term(term, broad=broad) for term in query.terms)

    def _term(self, term: WordForms, *, broad: bool) -> str:
        exact = " OR ".join(f'"{_checked(form)}"' for form in term.strict)
        if not (broad and term.broadening):
            return f"({exact})"
        stripped = " OR ".join(f'"{_checked(form)}"' for form in term.broadening)
        return f"({exact} OR {{title_forms body_forms}}: ({stripped}))"

    def _matching(self, where: Where) -> str:
        join = f"JOIN {DOCUMENT_TABLE} AS d ON d.id = fts.rowid" if where else ""
        condition = f"AND {where.sql}" if where else ""
        return f"FROM {FTS_TABLE} AS fts {join} WHERE {FTS_TABLE} MATCH %s {condition}"

    def ranked_sql(self, expression: str, where: Where, limit: int, offset: int) -> tuple[str, list[Any]]:
        # Rank ids first, then read the long texts of one page only. The count of all matches comes
        # with the ranking, which reads them all anyway (bm25 must sit one level below the window).
        sql = f"""
            SELECT d.id, d.kind, d.object_id, d.language, d.title, d.body, ranked.score, ranked.total
            FROM (
                SELECT id, score, count(*) OVER () AS total
                FROM (SELECT fts.rowid AS id, -bm25({FTS_TABLE}, {self.WEIGHTS}) AS score {self._matching(where)})
                ORDER BY score DESC, id DESC LIMIT %s OFFSET %s
            ) AS ranked
            JOIN {DOCUMENT_TABLE} AS d ON d.id = ranked.id
            ORDER BY ranked.score DESC, ranked.id DESC
        """  # noqa: S608
        return sql, [expression, *where.params, limit, offset]

    def raw_ranked_sql(self, expression: str, limit: int) -> tuple[str, list[Any]]:
        sql = f"""
            SELECT rowid, -bm25({FTS_TABLE}, {self.WEIGHTS}) AS score FROM {FTS_TABLE}
            WHERE {FTS_TABLE} MATCH %s ORDER BY score DESC, rowid DESC LIMIT %s
        """  # noqa: S608
        return sql, [expression, limit]

    def count_sql(self, expression: str, where: Where, cap: int) -> tuple[str, list[Any]]:
        sql = f"SELECT count(*) FROM (SELECT 1 {self._matching(where)} LIMIT %s)"  # noqa: S608
        return sql, [expression, *where.params, cap]

    def ids_sql(self, expression: str) -> tuple[str, list[Any]]:
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
        return sql, [expression]

    def ids_from_collection(self, ids: list[int]) -> tuple[str, list[Any]]:
        return "SELECT value FROM json_each(%s)", [json.dumps(ids)]


class PostgresBackend(Backend):
    # ts_rank weights for the labels D, C, B, A: body forms, title forms, body exact, title exact.
    # They are ts_rank's defaults, which RUM's distance uses and cannot be told otherwise, so that the
    # ranking is the same with the RUM index and without it.
    WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
    # The planner prices @@ as a cheap operator and reads the whole table in order when a word is in
    # a fifth of the documents; but checking a row's vector means fetching and unpacking it, and the
    # GIN index finds the same rows without touching the others (a word in 1,500 of 11,000 documents:
    # 300 ms read in order, 40 ms from the index, on a loaded 2-core machine).
    planner_settings, planner_defaults = "SET LOCAL enable_seqscan = off", "SET LOCAL enable_seqscan = on"

    def __init__(self, *, ranked_index: bool) -> None:
        self.ranked_index = ranked_index

    @property
    def counts_while_ranking(self) -> bool:  # type: ignore[override]
        # With the RUM index the database returns matches best first and stops at the page; without
        # it, it scores every match, and may as well count them while it does.
        return not self.ranked_index

    def match_expression(self, query: Query, *, broad: bool) -> str:
        return " & ".join(self._term(term, broad=broad) for term in query.terms)

    def _term(self, term: WordForms, *, broad: bool) -> str:
        forms = [f"'{_checked(form)}'" for form in term.strict]
        if broad:
            # :CD keeps stripped forms to the forms columns, as the FTS5 column filter does.
            forms += [f"'{_checked(form)}':CD" for form in term.broadening]
        return "(" + " | ".join(forms) + ")"

    def _rank(self) -> str:
        # ts_rank (not ts_rank_cd) without length normalization: what RUM's <=> is the inverse of.
        # Repeated words add less and less (1, 1/4, 1/9 ...), so a long text does not win by length.
        return f"ts_rank('{self.WEIGHTS}', d.search_vector, query)"

    def _order(self) -> str:
        # RUM orders by its distance alone: a second key would make PostgreSQL sort every match.
        # Ties come in the index's order, the same for every page of one search.
        return "d.search_vector <=> query" if self.ranked_index else "score DESC, d.id DESC"

    def _matching(self, where: Where) -> str:
        condition = f"AND {where.sql}" if where else ""
        return f"""
            FROM {DOCUMENT_TABLE} AS d, CAST(%s AS tsquery) AS query
            WHERE d.search_vector @@ query {condition}
        """

    def ranked_sql(self, expression: str, where: Where, limit: int, offset: int) -> tuple[str, list[Any]]:
        # Rank ids first, then read the long texts of one page only. Within the page, ties are put in
        # id order, as they are without the RUM index.
        if self.ranked_index:
            page = f"""
                SELECT d.id, {self._rank()} AS score, NULL::bigint AS total
                {self._matching(where)}
                ORDER BY {self._order()} LIMIT %s OFFSET %s
            """
        else:
            # Scored below the window (OFFSET 0 keeps the planner from merging the two): otherwise
            # the window's row store holds every match's vector, kilobytes each, and spills to disk.
            page = f"""
                SELECT id, score, count(*) OVER () AS total
                FROM (SELECT d.id, {self._rank()} AS score {self._matching(where)} OFFSET 0) AS scored
                ORDER BY score DESC, id DESC LIMIT %s OFFSET %s
            """  # noqa: S608
        sql = f"""
            SELECT d.id, d.kind, d.object_id, d.language, d.title, d.body, ranked.score, ranked.total
            FROM ({page}) AS ranked
            JOIN {DOCUMENT_TABLE} AS d ON d.id = ranked.id
            ORDER BY ranked.score DESC, ranked.id DESC
        """  # noqa: S608
        return sql, [expression, *where.params, limit, offset]

    def raw_ranked_sql(self, expression: str, limit: int) -> tuple[str, list[Any]]:
        sql = f"SELECT d.id, {self._rank()} AS score {self._matching(Where())} ORDER BY {self._order()} LIMIT %s"
        return sql, [expression, limit]

    def count_sql(self, expression: str, where: Where, cap: int) -> tuple[str, list[Any]]:
        sql = f"SELECT count(*) FROM (SELECT 1 {self._matching(where)} LIMIT %s) AS matching"  # noqa: S608
        return sql, [expression, *where.params, cap]

    def ids_sql(self, expression: str) -> tuple[str, list[Any]]:
        sql = f"SELECT id FROM {DOCUMENT_TABLE} WHERE search_vector @@ CAST(%s AS tsquery)"  # noqa: S608
        return sql, [expression]

    def ids_from_collection(self, ids: list[int]) -> tuple[str, list[Any]]:
        return "SELECT unnest(%s::bigint[])", [ids]


def backend_for(connection: BaseDatabaseWrapper) -> Backend:
    if connection.vendor == "sqlite":
        return SqliteBackend()
    if connection.vendor == "postgresql":
        return PostgresBackend(ranked_index=has_ranked_index(connection))
    raise NotImplementedError(f"search runs on SQLite and PostgreSQL, not {connection.vendor}")


def has_ranked_index(connection: BaseDatabaseWrapper) -> bool:
    """Whether the database has the RUM index; asked once per database a connection serves."""
    known: dict[str, bool] = _wrapper(connection).__dict__.setdefault("_hevruta_ranked_index", {})
    name = connection.settings_dict["NAME"]
    if name not in known:
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [RANKED_INDEX])
            known[name] = bool(cursor.fetchone()[0])
    return known[name]


def forget_ranked_index(connection: BaseDatabaseWrapper) -> None:
    """After the RUM index is created or dropped, so that has_ranked_index asks again."""
    _wrapper(connection).__dict__.pop("_hevruta_ranked_index", None)


def _wrapper(connection: BaseDatabaseWrapper) -> BaseDatabaseWrapper:
    # `django.db.connection` is a proxy shared by all threads; the answer is kept on this thread's
    # own connection, which the schema editor also holds.
    return connections[connection.alias]


def restriction(backend: Backend, kinds: Collection[str] | None, visible: Mapping[str, IdSource] | None) -> Where:
    """The conditions for `kinds` (only these) and `visible` (for each kind named, only these ids)."""
    clauses: list[str] = []
    params: list[Any] = []
    if kinds is not None:
        kinds = list(kinds)
        # An empty list asks for no kind at all: a condition that is never true, not "any kind".
        clauses.append(f"d.kind IN ({', '.join(['%s'] * len(kinds))})" if kinds else "1 = 0")
        params += kinds
    for kind, ids in (visible or {}).items():
        condition, condition_params = _visible_condition(backend, ids)
        clauses.append(f"(d.kind <> %s OR {condition})")
        params += [kind, *condition_params]
    return Where(" AND ".join(clauses), params)


def _visible_condition(backend: Backend, ids: IdSource) -> tuple[str, list[Any]]:
    if isinstance(ids, QuerySet):
        # A queryset stays a subquery, asked about each matching document by its object's id: the
        # ids a user may see are never all listed, neither in Python nor by the database. (An IN
        # over the subquery had SQLite list every visible resource first: 1.2 s for a million.)
        column = ids.query.values_select[0] if len(ids.query.values_select) == 1 else "pk"
        correlated = ids.filter(**{column: RawSQL("d.object_id", [])}).values(column)
        sql, sql_params = correlated.query.sql_with_params()
        return f"EXISTS ({sql})", list(sql_params)
    subquery, params = backend.ids_from_collection([int(value) for value in ids])
    return f"d.object_id IN ({subquery})", params
