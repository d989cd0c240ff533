"""The full-text structures beside core_searchdocument, created by migrations for the database in use.

SQLite: an FTS5 table that reads its text from core_searchdocument (external content, so the text
is stored once) and three triggers that keep it in step with every insert, update and delete.
PostgreSQL: a tsvector column generated from the four normalized texts, and its GIN index; and, where
the server has the RUM extension, a RUM index on the same column, which ranks (below).

Both take our words as they are: core.text has already made each one a single casefolded token of
letters and digits, and neither database's tokenizer may cut, drop or change it, or the two
databases would find different things.

On SQLite, a migration that changes core_searchdocument rebuilds the table, which drops its triggers:
such a migration must call `create_sqlite_triggers` again afterwards (docs/search.md).
"""

import logging

from django.db import DatabaseError, transaction
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from .backends import DOCUMENT_TABLE, FTS_TABLE, RANKED_INDEX, forget_ranked_index

logger = logging.getLogger(__name__)

COLUMNS = ("title_exact", "title_forms", "body_exact", "body_forms")
_LABELS = {"title_exact": "A", "body_exact": "B", "title_forms": "C", "body_forms": "D"}

# Diacritics are kept (we removed the ones that matter), and letters unknown to SQLite's Unicode
# tables (Cn: assigned after its tables were made) count as letters, so that our every word is one token.
SQLITE_TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* N* Co Cn'"

# PostgreSQL: each of our words becomes one lexeme as it is, numbered and labelled with a weight.
# Not to_tsvector(): its parser drops or splits letters and numerals that the C library's Unicode
# tables do not know (thousands of them on Debian 12, new CJK among them).
LEXEMES_FUNCTION = "core_search_lexemes"
_POSTGRES_LEXEMES_FUNCTION = f"""
    CREATE OR REPLACE FUNCTION {LEXEMES_FUNCTION}(words text, weight "char") RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT setweight(
            coalesce(string_agg(quote_literal(word) || ':' || least(position, 16383), ' ')::tsvector, ''),
            weight
        )
        FROM unnest(string_to_array(words, ' ')) WITH ORDINALITY AS numbered(word, position)
        WHERE word <> ''
    $$
"""  # noqa: S608


def create_index(schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _create_sqlite_index(schema_editor)
    elif vendor == "postgresql":
        _create_postgres_index(schema_editor)


def drop_index(schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        drop_sqlite_synced_table(schema_editor, FTS_TABLE)
    elif vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {DOCUMENT_TABLE} DROP COLUMN IF EXISTS search_vector")
        schema_editor.execute(f'DROP FUNCTION IF EXISTS {LEXEMES_FUNCTION}(text, "char")')


def _create_sqlite_index(schema_editor: BaseDatabaseSchemaEditor) -> None:
    columns = ", ".join(COLUMNS)
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({columns}, "
        f"content='{DOCUMENT_TABLE}', content_rowid='id', tokenize=\"{SQLITE_TOKENIZER}\")"
    )
    create_sqlite_triggers(schema_editor)
    # Rows written before this migration, if any.
    schema_editor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")  # noqa: S608


def create_sqlite_triggers(schema_editor: BaseDatabaseSchemaEditor) -> None:
    sqlite_sync_triggers(schema_editor, FTS_TABLE, DOCUMENT_TABLE, COLUMNS)


def sqlite_sync_triggers(
    schema_editor: BaseDatabaseSchemaEditor, fts_table: str, content_table: str, columns: tuple[str, ...]
) -> None:
    """Triggers that keep an external-content FTS5 table in step with its table's id and columns."""
    names = ", ".join(columns)
    new_values = ", ".join(f"new.{column}" for column in columns)
    old_values = ", ".join(f"old.{column}" for column in columns)
    insert = f"INSERT INTO {fts_table}(rowid, {names}) VALUES (new.id, {new_values});"  # noqa: S608
    # An external-content FTS5 table forgets a row when told the values it indexed for it.
    delete = f"INSERT INTO {fts_table}({fts_table}, rowid, {names}) VALUES ('delete', old.id, {old_values});"  # noqa: S608
    for action, statements in (
        ("insert", f"AFTER INSERT ON {content_table} BEGIN {insert} END"),
        ("delete", f"AFTER DELETE ON {content_table} BEGIN {delete} END"),
        ("update", f"AFTER UPDATE OF {names} ON {content_table} BEGIN {delete} {insert} END"),
    ):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {fts_table}_{action}")
        schema_editor.execute(f"CREATE TRIGGER {fts_table}_{action} {statements}")


def drop_sqlite_synced_table(schema_editor: BaseDatabaseSchemaEditor, fts_table: str) -> None:
    """The FTS5 table and the triggers of `sqlite_sync_triggers`."""
    for action in ("insert", "update", "delete"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {fts_table}_{action}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {fts_table}")


def _create_postgres_index(schema_editor: BaseDatabaseSchemaEditor) -> None:
    schema_editor.execute(_POSTGRES_LEXEMES_FUNCTION)
    vector = " || ".join(f"{LEXEMES_FUNCTION}({column}, '{_LABELS[column]}')" for column in COLUMNS)
    schema_editor.execute(
        f"ALTER TABLE {DOCUMENT_TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({vector}) STORED"
    )
    schema_editor.execute(f"CREATE INDEX {DOCUMENT_TABLE}_search_vector ON {DOCUMENT_TABLE} USING gin (search_vector)")


# --- PostgreSQL: where the vectors are stored -----------------------------------------------------
#
# A vector of a few kilobytes goes, by PostgreSQL's defaults, compressed into the TOAST table once its
# row passes 2 kB; ranking then fetches and unpacks it for every match (25 µs each, measured on a loaded
# 2-core machine: 300 ms for a word in 1,500 of 11,000 documents). Kept in the row, it is read with
# the row: the row may grow to a page before anything is moved out (toast_tuple_target), the
# normalized texts, read by nobody but the generated column, go out first, and the vector (MAIN)
# stays in, compressed only when the row would not fit otherwise.


def keep_vectors_in_the_row(schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {DOCUMENT_TABLE} SET (toast_tuple_target = 8160)")
    schema_editor.execute(f"ALTER TABLE {DOCUMENT_TABLE} ALTER COLUMN search_vector SET STORAGE MAIN")


def store_vectors_as_before(schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {DOCUMENT_TABLE} RESET (toast_tuple_target)")
    schema_editor.execute(f"ALTER TABLE {DOCUMENT_TABLE} ALTER COLUMN search_vector SET STORAGE EXTENDED")


# --- PostgreSQL: the index that ranks -------------------------------------------------------------
#
# A GIN index finds the matches but knows nothing of where a word stands in a document, so ranking
# reads every match's vector from the table: at a million documents a common word is 100,000 reads
# (seconds). RUM (https://github.com/postgrespro/rum, Debian's postgresql-NN-rum) keeps the
# positions in the index and returns matches best first, `ORDER BY search_vector <=> query`, whose
# distance is 1 / ts_rank with the default weights: the ranking the backend computes without it.


def create_ranked_index(schema_editor: BaseDatabaseSchemaEditor) -> bool:
    """The RUM index, where the server can have it; False (and a log line saying why) where not."""
    if schema_editor.connection.vendor != "postgresql":
        return False
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cursor.fetchone() is None:
            logger.warning("The rum extension is not installed on this PostgreSQL server: search ranks without it.")
            return False
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS rum")
    except DatabaseError as error:
        logger.warning("The rum extension could not be created (%s): search ranks without it.", error)
        return False
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {RANKED_INDEX} ON {DOCUMENT_TABLE} USING rum (search_vector rum_tsvector_ops)"
    )
    forget_ranked_index(schema_editor.connection)
    return True


def drop_ranked_index(schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {RANKED_INDEX}")
        forget_ranked_index(schema_editor.connection)
