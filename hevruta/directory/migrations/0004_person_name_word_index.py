"""The index behind the people search: FTS5 with prefix indexes on SQLite, GIN on PostgreSQL.

Which one depends on the database being migrated (hevruta/directory/name_index.py).
"""

from django.db import migrations


def create_index(apps, schema_editor):
    from hevruta.directory.name_index import create_index

    create_index(schema_editor)


def drop_index(apps, schema_editor):
    from hevruta.directory.name_index import drop_index

    drop_index(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_person_index_by_visibility_and_name"),
        ("core", "0002_full_text_index_fts5_or_tsvector"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
