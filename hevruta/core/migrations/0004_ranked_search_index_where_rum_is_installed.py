"""PostgreSQL: a RUM index on search_vector, which returns matches best first, where the server has
the extension; nothing on SQLite or without it (hevruta/core/search/schema.py, docs/search.md)."""

from django.db import migrations


def create_ranked_index(apps, schema_editor):
    from hevruta.core.search.schema import create_ranked_index

    create_ranked_index(schema_editor)


def drop_ranked_index(apps, schema_editor):
    from hevruta.core.search.schema import drop_ranked_index

    drop_ranked_index(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_data_versions_for_the_page_cache"),
    ]

    operations = [
        migrations.RunPython(create_ranked_index, drop_ranked_index),
    ]
