from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_full_text_index_fts5_or_tsvector"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("scope", models.CharField(max_length=50, primary_key=True, serialize=False)),
                ("version", models.PositiveBigIntegerField(default=0)),
            ],
        ),
    ]
