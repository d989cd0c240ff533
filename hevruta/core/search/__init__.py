"""Full-text search for every app, on SQLite (FTS5) and PostgreSQL (tsvector), Hebrew- and Arabic-aware.

    from hevruta.core.search import index_document, remove_document, search, QueryError

How it works and how an app uses it: docs/search.md.
"""

from .indexing import Searchable, Vocabulary, index_document, index_documents, remove_document
from .query import MAX_QUERY_CHARACTERS, MAX_TERMS, Query, QueryError, parse_query
from .searching import COUNT_CAP, Hit, SearchResults, matching_ids, raw_search_sql, search
from .snippets import Highlighter, highlight, snippet

__all__ = [
    "COUNT_CAP",
    "MAX_QUERY_CHARACTERS",
    "MAX_TERMS",
    "Highlighter",
    "Hit",
    "Query",
    "QueryError",
    "SearchResults",
    "Searchable",
    "Vocabulary",
    "highlight",
    "index_document",
    "index_documents",
    "matching_ids",
    "parse_query",
    "raw_search_sql",
    "remove_document",
    "search",
    "snippet",
]
