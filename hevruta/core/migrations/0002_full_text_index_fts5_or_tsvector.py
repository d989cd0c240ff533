"""The full-text index beside core_searchdocument: FTS5 and triggers on SQLite, a tsvector and GIN on PostgreSQL.

Which one depends on the database being migrated (hevruta/core/search/schema.py).
"""

from django.db import migrations


def create_index(apps, schema_editor):
    from hevruta.core.search.schema import create_index

    create_index(schema_editor)


def drop_index(apps, schema_editor):
    from hevruta.core.search.schema import drop_index

    drop_index(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_search_documents"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
