"""The index behind the people search: every word of a person's name, found by its beginning.

Typing "כה" must find כהן, and in a quarter of a million people a LIKE over the names reads them all
(70 ms on SQLite). So the words of `Person.search_text` (already folded by core.text) are indexed
by the database itself, kept in step with every write however it is made, bulk inserts and raw SQL
included:

- SQLite: an FTS5 table with prefix indexes that reads its text from directory_person (external
  content), and triggers on insert, update and delete;
- PostgreSQL: the name's words as a stored tsvector column (core/search's lexemes function, so no
  text-search parser cuts a word) with a GIN index, searched with prefix lexemes ('כה':*). Stored,
  not an index over the function: a prefix match rechecks every row it finds, and calling the
  function for each of 30,000 people named נו… took seconds.

On SQLite, a migration that rebuilds directory_person drops the triggers: such a migration must call
`create_index` again afterwards, as core/search's does for its own table.
"""

import re
from typing import Any

from django.db import connection
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models.expressions import RawSQL

from hevruta.core.search.schema import (
    LEXEMES_FUNCTION,
    SQLITE_TOKENIZER,
    drop_sqlite_synced_table,
    sqlite_sync_triggers,
)

PERSON_TABLE = "directory_person"
NAMES_TABLE = "directory_person_names"
POSTGRES_COLUMN = "name_words"
_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


def create_index(schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {NAMES_TABLE} USING fts5(search_text, "
            f"content='{PERSON_TABLE}', content_rowid='id', prefix='1 2 3', tokenize=\"{SQLITE_TOKENIZER}\")"
        )
        sqlite_sync_triggers(schema_editor, NAMES_TABLE, PERSON_TABLE, ("search_text",))
        schema_editor.execute(f"INSERT INTO {NAMES_TABLE}({NAMES_TABLE}) VALUES ('rebuild')")  # noqa: S608
    elif vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE {PERSON_TABLE} ADD COLUMN {POSTGRES_COLUMN} tsvector "
            f"GENERATED ALWAYS AS ({LEXEMES_FUNCTION}(search_text, 'D')) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX {PERSON_TABLE}_{POSTGRES_COLUMN} ON {PERSON_TABLE} USING gin ({POSTGRES_COLUMN})"
        )


def drop_index(schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        drop_sqlite_synced_table(schema_editor, NAMES_TABLE)
    elif vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {PERSON_TABLE} DROP COLUMN IF EXISTS {POSTGRES_COLUMN}")


def people_named(terms: list[str]) -> RawSQL:
    """The ids of people with a name word beginning with each of the terms (words of search_key())."""
    # search_key() keeps "_" inside a word, which is neither a letter nor query syntax we allow.
    words = [word for term in terms for word in _NOT_LETTER_OR_DIGIT.split(term) if word]
    if not words:
        return RawSQL("SELECT 0 WHERE 1 = 0", [])
    sql, params = _matching_sql(words)
    return RawSQL(sql, params)  # noqa: S611 - the expression holds only letters and digits, as a parameter


def _matching_sql(terms: list[str]) -> tuple[str, list[Any]]:
    if connection.vendor == "postgresql":
        expression = " & ".join(f"'{term}':*" for term in terms)
        # OFFSET 0 keeps the planner from walking the people in name order and testing each one: it
        # guesses how many a prefix matches from statistics of whole words, and guessed 700 for 14.
        sql = f"SELECT id FROM {PERSON_TABLE} WHERE {POSTGRES_COLUMN} @@ CAST(%s AS tsquery) OFFSET 0"  # noqa: S608
        return sql, [expression]
    expression = " AND ".join(f'"{term}"*' for term in terms)
    return f"SELECT rowid FROM {NAMES_TABLE} WHERE {NAMES_TABLE} MATCH %s", [expression]  # noqa: S608
