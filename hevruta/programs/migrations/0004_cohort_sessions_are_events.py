"""A cohort's sessions and their attendance now live in the events app (events 0002 moved every row)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('programs', '0003_applications_and_constraint_messages'),
        ('events', '0002_cohort_sessions_become_events'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='attendance',
            name='programs_at_person__b21c48_idx',
        ),
        migrations.RemoveConstraint(
            model_name='attendance',
            name='attendance_once_per_session',
        ),
        migrations.RemoveConstraint(
            model_name='attendance',
            name='attendance_method_is_known',
        ),
        migrations.RemoveConstraint(
            model_name='cohortsession',
            name='session_ends_after_it_starts',
        ),
        migrations.RemoveConstraint(
            model_name='cohortsession',
            name='session_kind_is_known',
        ),
        migrations.RemoveConstraint(
            model_name='cohortsession',
            name='session_has_check_in_code',
        ),
        migrations.RemoveField(
            model_name='cohortsession',
            name='cohort',
        ),
        migrations.DeleteModel(
            name='Attendance',
        ),
        migrations.DeleteModel(
            name='CohortSession',
        ),
    ]
