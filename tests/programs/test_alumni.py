"""Alumni figures on a constructed dataset, with exact numbers; the directory lists only visible profiles.

Alumni are the participants of ended cohorts (not withdrawn) and everyone who completed the program.
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hevruta.directory.models import Visibility
from hevruta.programs import queries, services
from hevruta.programs.models import EnrollmentStatus
from tests.factories import PersonFactory, PositionFactory, member


def senior(person, start, end=None):  # type: ignore[no-untyped-def]
    return PositionFactory(person=person, title="Dean", is_senior=True, start_date=start, end_date=end)


@pytest.fixture
def alumni(cast, world):  # type: ignore[no-untyped-def]
    program = cast.program
    first = services.create_cohort(program, "2019-20", date(2019, 9, 1), date(2020, 6, 30))
    second = services.create_cohort(program, "2021-22", date(2021, 9, 1), date(2022, 6, 30))
    today = timezone.localdate()
    current = services.create_cohort(program, "Now", today - timedelta(days=30), today + timedelta(days=300))
    people = {}

    def person(key, *cohorts, status=None, visibility=Visibility.NETWORK):  # type: ignore[no-untyped-def]
        found = PersonFactory(given_name=key.upper(), family_name=f"Alum {key}", profile_visibility=visibility)
        member(world.home, found)
        for cohort in cohorts:
            enrollment = services.enroll(cohort, found)
            if status:
                services.set_enrollment_status(enrollment, status)
        people[key] = found
        return found

    senior(person("a", first), date(2021, 1, 1))  # senior now, and took it after the program
    senior(person("b", first), date(2015, 1, 1), date(2018, 1, 1))  # a senior post before, none now
    senior(person("c", first), date(2018, 1, 1))  # senior now, since before the program
    senior(person("d", second, status=EnrollmentStatus.WITHDRAWN), date(2023, 1, 1))  # withdrew: no alumnus
    PositionFactory(person=person("e", second), title="Lecturer", start_date=date(2010, 1, 1))  # no senior post
    senior(person("f", current, status=EnrollmentStatus.COMPLETED), date(2023, 1, 1))  # completed early
    senior(person("g", current), date(2023, 1, 1))  # still taking part: not yet an alumnus
    senior(person("h", first, second), date(2021, 3, 1), date(2022, 1, 1))  # two cohorts, counted once
    senior(person("i", second, visibility=Visibility.PRIVATE), date(2023, 1, 1))  # counted, never listed
    return people


@pytest.mark.django_db
def test_the_figures(cast, alumni):
    figures = queries.alumni_figures(cast.program)
    # Alumni: a b c e f h i. Senior now: a c f i. Took a senior post after their cohort ended: a h i.
    assert (figures.alumni, figures.senior_now, figures.senior_after) == (7, 4, 3)


@pytest.mark.django_db
def test_the_directory_lists_visible_alumni_with_their_positions(cast, alumni, world):
    listed = list(queries.alumni_directory(world.member.user, cast.program))
    assert [p.given_name for p in listed] == ["A", "B", "C", "E", "F", "H"]
    h = next(p for p in listed if p.given_name == "H")
    assert [e.cohort.name for e in h.alumni_enrollments] == ["2019-20", "2021-22"]
    assert [p.title for p in h.timeline] == ["Dean"]
    assert list(queries.alumni_directory(None, cast.program)) == []  # none of them is public


@pytest.mark.django_db
def test_the_alumni_page_and_endpoints(cast, alumni, world):
    page = cast.client("member").get(reverse("programs:alumni", args=[cast.program.slug])).content.decode()
    assert 'data-figure="alumni">7<' in page and 'data-figure="senior-now">4<' in page
    assert 'data-figure="senior-after">3<' in page
    assert "Alum i" not in page and "Alum a" in page
    client = cast.client("member")
    assert client.get(f"/api/v1/programs/{cast.program.pk}/alumni/figures").json() == {
        "alumni": 7,
        "senior_now": 4,
        "senior_after": 3,
    }
    names = [item["family_name"] for item in client.get(f"/api/v1/programs/{cast.program.pk}/alumni").json()["items"]]
    assert names == ["Alum a", "Alum b", "Alum c", "Alum e", "Alum f", "Alum h"]
    assert cast.client("outsider").get(f"/api/v1/programs/{cast.program.pk}/alumni/figures").status_code == 404
