"""PostgreSQL: each document's tsvector is kept in its table row, uncompressed where the row has room,
rather than out of line in the TOAST table, because ranking reads the vector of every match
(hevruta/core/search/schema.py, docs/search.md). Nothing on SQLite. Rows written before keep their
storage until they are indexed again (`manage.py reindex_search`)."""

from django.db import migrations


def keep_vectors_in_the_row(apps, schema_editor):
    from hevruta.core.search.schema import keep_vectors_in_the_row

    keep_vectors_in_the_row(schema_editor)


def store_vectors_as_before(apps, schema_editor):
    from hevruta.core.search.schema import store_vectors_as_before

    store_vectors_as_before(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_job_constraints_say_what_is_wrong"),
    ]

    operations = [
        migrations.RunPython(keep_vectors_in_the_row, store_vectors_as_before),
    ]
