"""A roster can say that a post is a senior one (a dean, a head of a division), in any of the three
languages; such a post then counts in the alumni figures of the programs its holder finished."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from hevruta.directory.models import Organization, Person, Position
from hevruta.programs import queries as programs
from hevruta.programs import services as program_services
from hevruta.programs.models import EnrollmentStatus
from tests.directory.rosters import check_now, csv_bytes, import_now
from tests.programs.conftest import make_program

HEADER = ("email", "given_name", "family_name", "organization", "title", "role", "start_date", "משרה בכירה")


def _roster(senior: str, start: date) -> bytes:
    return csv_bytes(
        [
            {
                "email": "alumna@example.org",
                "given_name": "רונית",
                "family_name": "שמעוני",
                "organization": "מכללת אורנים",
                "title": "דיקנית הסטודנטים",
                "role": "academic_head",
                "start_date": start.isoformat(),
                "משרה בכירה": senior,
            }
        ],
        header=HEADER,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("value", "senior"), [("כן", True), ("نعم", True), ("yes", True), ("", False), ("לא", False)])
def test_the_senior_column_is_read(world, value, senior):
    Organization.objects.create(name="מכללת אורנים", kind="college")
    roster_import = import_now(world.home, _roster(value, date(2024, 9, 1)))
    assert roster_import.errors == []
    assert Position.objects.get(title="דיקנית הסטודנטים").is_senior is senior


@pytest.mark.django_db
def test_a_value_that_is_not_yes_or_no_is_refused(world):
    Organization.objects.create(name="מכללת אורנים", kind="college")
    roster_import = check_now(world.home, _roster("maybe", date(2024, 9, 1)))
    assert [problem["column"] for problem in roster_import.errors] == ["senior"]
    assert not Position.objects.exists()


@pytest.mark.django_db
def test_an_imported_deans_post_counts_in_the_alumni_figures(world):
    Organization.objects.create(name="מכללת אורנים", kind="college")
    program = make_program(world)
    today = timezone.localdate()
    cohort = program_services.create_cohort(program, "2023", today - timedelta(days=700), today - timedelta(days=400))
    alumna = Person.objects.create(email="alumna@example.org", given_name="רונית", family_name="שמעוני")
    enrollment = program_services.enroll(cohort, alumna)
    program_services.set_enrollment_status(enrollment, EnrollmentStatus.COMPLETED)
    assert programs.alumni_figures(program).as_json() == {"alumni": 1, "senior_now": 0, "senior_after": 0}
    roster_import = import_now(world.home, _roster("כן", today - timedelta(days=30)))
    assert roster_import.errors == []
    assert programs.alumni_figures(program).as_json() == {"alumni": 1, "senior_now": 1, "senior_after": 1}
