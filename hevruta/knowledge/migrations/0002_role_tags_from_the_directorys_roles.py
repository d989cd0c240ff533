"""Role tags were typed freely ("subject-coordinator"); now they are the directory's roles
("subject_coordinator"), which standards roles map onto. A tag that names no role becomes a keyword,
so nothing an author wrote is lost."""

from django.db import migrations

RENAMED = {"master-teacher": "senior_teacher", "teacher-educator": "lecturer"}
# The directory's PositionRole values when this migration was written.
ROLES = {
    "teacher", "subject_coordinator", "instructor", "community_facilitator", "pedagogic_supervisor", "mentor",
    "intern", "senior_teacher", "principal", "lecturer", "academic_head", "department_head", "inspector", "staff",
}  # fmt: skip


def to_directory_roles(apps, schema_editor):
    tag_model = apps.get_model("knowledge", "ResourceTag")
    for tag in tag_model.objects.filter(kind="role"):
        role = RENAMED.get(tag.value, tag.value.strip().lower().replace("-", "_"))
        kind, value = ("role", role) if role in ROLES else ("keyword", tag.value)
        if tag_model.objects.filter(resource_id=tag.resource_id, kind=kind, value=value).exclude(pk=tag.pk).exists():
            tag.delete()
        else:
            tag.kind, tag.value = kind, value
            tag.save(update_fields=["kind", "value"])


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0001_resources_curation_use_and_collections"),
    ]

    operations = [
        migrations.RunPython(to_directory_roles, migrations.RunPython.noop),
    ]
