from django.db import migrations


def load(apps, schema_editor):
    from hevruta.directory.vocabulary import load_vocabularies

    load_vocabularies(apps)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_localities_organizations_people_networks")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
