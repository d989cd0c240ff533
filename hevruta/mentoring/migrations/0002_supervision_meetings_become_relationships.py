"""Every in-service supervision meeting of the programs app becomes a meeting of a supervision relationship.

One relationship per (program, supervisor, supervised teacher), starting on their first meeting. Each
meeting keeps its id, date, hours, competencies, who recorded it and when; its notes become the meeting's
summary, NOT shared with the program (they were the two people's only, and stay so).

A meeting recorded without a program belongs to the program the supervisor supervises the teacher in
(the rule it was recorded under); failing that, to a program the teacher took part in.
"""

from django.core.management.color import no_style
from django.db import migrations


def _program_of(apps, meeting):  # type: ignore[no-untyped-def]
    if meeting.program_id:
        return meeting.program_id
    ProgramStaff = apps.get_model("programs", "ProgramStaff")
    Enrollment = apps.get_model("programs", "Enrollment")
    supervised = ProgramStaff.objects.filter(person_id=meeting.supervisor_id, role="supervisor").values("program_id")
    enrolled = Enrollment.objects.filter(person_id=meeting.supervisee_id).order_by("id")
    found = enrolled.filter(cohort__program_id__in=supervised).values_list("cohort__program_id", flat=True).first()
    return found or enrolled.values_list("cohort__program_id", flat=True).first()


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    SupervisionMeeting = apps.get_model("programs", "SupervisionMeeting")
    Relationship = apps.get_model("mentoring", "Relationship")
    MeetingLog = apps.get_model("mentoring", "MeetingLog")
    relationships: dict[tuple[int, int, int], object] = {}
    for meeting in SupervisionMeeting.objects.order_by("date", "id").prefetch_related("competencies"):
        program_id = _program_of(apps, meeting)
        if program_id is None:
            raise RuntimeError(
                f"Supervision meeting {meeting.pk} belongs to no program the supervised teacher took part in; "
                "give it a program before migrating."
            )
        key = (program_id, meeting.supervisor_id, meeting.supervisee_id)
        if key not in relationships:
            relationships[key] = Relationship.objects.create(
                program_id=program_id,
                kind="supervision",
                mentor_id=meeting.supervisor_id,
                mentee_id=meeting.supervisee_id,
                starts_on=meeting.date,
                state="active",
            )
        log = MeetingLog.objects.create(
            id=meeting.pk,
            relationship=relationships[key],
            date=meeting.date,
            hours=meeting.hours,
            summary=meeting.notes,
            summary_language=meeting.notes_language,
            summary_shared=False,
            recorded_by_id=meeting.created_by_id,
        )
        MeetingLog.objects.filter(pk=log.pk).update(created_at=meeting.created_at)
        log.competencies.set(list(meeting.competencies.all()))
    # The ids were kept, so PostgreSQL's sequence must move past them.
    statements = schema_editor.connection.ops.sequence_reset_sql(no_style(), [MeetingLog])
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    SupervisionMeeting = apps.get_model("programs", "SupervisionMeeting")
    MeetingLog = apps.get_model("mentoring", "MeetingLog")
    for log in MeetingLog.objects.filter(relationship__kind="supervision").select_related("relationship"):
        meeting = SupervisionMeeting.objects.create(
            id=log.pk,
            supervisor_id=log.relationship.mentor_id,
            supervisee_id=log.relationship.mentee_id,
            program_id=log.relationship.program_id,
            date=log.date,
            hours=log.hours,
            notes=log.summary,
            notes_language=log.summary_language,
            created_by_id=log.recorded_by_id,
        )
        meeting.competencies.set(list(log.competencies.all()))
    apps.get_model("mentoring", "Relationship").objects.filter(kind="supervision").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0001_mentoring_programs_matching_relationships_and_assessments"),
        ("programs", "0004_mentoring_and_supervision_kinds"),
    ]

    operations = [migrations.RunPython(forward, backward)]
