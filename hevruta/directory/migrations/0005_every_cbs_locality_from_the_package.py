"""Every CBS locality, from the file shipped in the package (hevruta/directory/data/README.md).

Codes already there are left as they are, so a database that imported newer CBS files keeps them.
"""

from django.db import migrations


def load(apps, schema_editor):
    from hevruta.directory.localities import load_packaged_localities

    load_packaged_localities(apps.get_model("directory", "Locality"))


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_person_name_word_index")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
