"""Every cohort session becomes an event of its cohort, and every attendance mark moves with it, so that
the programs' requirement counts read the same before and after (docs/architecture.md, "One meeting")."""

from django.db import migrations


def sessions_to_events(apps, schema_editor):  # type: ignore[no-untyped-def]
    CohortSession = apps.get_model("programs", "CohortSession")
    OldAttendance = apps.get_model("programs", "Attendance")
    Event = apps.get_model("events", "Event")
    Attendance = apps.get_model("events", "Attendance")
    event_of: dict[int, int] = {}
    for session in CohortSession.objects.select_related("cohort__program__network").order_by("pk").iterator():
        program = session.cohort.program
        event = Event.objects.create(
            network_id=program.network_id,
            program_id=program.pk,
            cohort_id=session.cohort_id,
            kind=session.kind,
            title=session.title,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            address=session.place,
            visibility="public" if program.network.is_public else "network",
            status="published",
            registration_policy="invitation",
            check_in_code=session.check_in_code,
        )
        # created_at is set on insert; keep the session's own.
        Event.objects.filter(pk=event.pk).update(created_at=session.created_at)
        event_of[session.pk] = event.pk
    batch = []
    for mark in OldAttendance.objects.order_by("pk").iterator():
        batch.append(
            Attendance(
                event_id=event_of[mark.session_id],
                person_id=mark.person_id,
                present=mark.present,
                method=mark.method,
                recorded_by_id=mark.recorded_by_id,
                recorded_at=mark.recorded_at,
            )
        )
        if len(batch) >= 1000:
            Attendance.objects.bulk_create(batch)
            batch = []
    Attendance.objects.bulk_create(batch)


def events_to_sessions(apps, schema_editor):  # type: ignore[no-untyped-def]
    Event = apps.get_model("events", "Event")
    CohortSession = apps.get_model("programs", "CohortSession")
    OldAttendance = apps.get_model("programs", "Attendance")
    Attendance = apps.get_model("events", "Attendance")
    for event in Event.objects.filter(cohort__isnull=False).order_by("pk").iterator():
        session = CohortSession.objects.create(
            cohort_id=event.cohort_id,
            kind=event.kind,
            title=event.title,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            place=event.address,
            check_in_code=event.check_in_code,
        )
        OldAttendance.objects.bulk_create(
            OldAttendance(
                session_id=session.pk,
                person_id=mark.person_id,
                present=mark.present,
                method=mark.method if mark.method in ("staff", "code") else "staff",
                recorded_by_id=mark.recorded_by_id,
            )
            for mark in Attendance.objects.filter(event_id=event.pk)
        )
    # Only cohort sessions came from programs; they hold no registrations, only attendance.
    Attendance.objects.filter(event__cohort__isnull=False).delete()
    Event.objects.filter(cohort__isnull=False)._raw_delete(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_events_series_agenda_registration_attendance"),
        ("programs", "0003_applications_and_constraint_messages"),
    ]

    operations = [migrations.RunPython(sessions_to_events, events_to_sessions)]
