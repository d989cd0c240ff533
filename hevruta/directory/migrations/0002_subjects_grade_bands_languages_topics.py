from django.db import migrations


def load(apps, schema_editor):
    from hevruta.directory.vocabulary import load_vocabularies

    load_vocabularies(apps)


class Migration(migrations.Migration):
    # Saving these rows moves the pages' data version (core.pagecache), whose table core makes: an app
    # whose name sorts before "core" would otherwise have its dependencies, this one among them, migrated first.
    dependencies = [
        ("directory", "0001_localities_organizations_people_networks"),
        ("core", "0003_data_versions_for_the_page_cache"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
