"""The program page, the cohort page (with every participant's progress) and the alumni page take the same
number of queries for 3 participants as for 40: no query per person."""

from datetime import date

import pytest
from django.urls import reverse

from hevruta.programs import services
from hevruta.programs.models import ReviewDecision
from tests.factories import OrganizationFactory, PersonFactory, PositionFactory, member

# The most queries each page may take whatever the number of people (session, user, viewer, the program's
# access, and the page's own queries).
# Pages count the bell's unread notices too (one query), and the cohort page its applications for the
# managers; the API counts the rate limit in the database cache that every process shares (six queries,
# savepoints included; none with Redis).
BUDGET = {"program": 16, "cohort": 18, "alumni": 12, "api program": 20, "api alumni": 17}


@pytest.fixture(params=[3, 40], ids=["3 participants", "40 participants"])
def crowd(request, cast, world):  # type: ignore[no-untyped-def]
    size = request.param
    past = services.create_cohort(cast.program, "Past", date(2020, 9, 1), date(2021, 6, 30))
    school = OrganizationFactory()
    for n in range(size):
        person = PersonFactory(family_name=f"Crowd {n}")
        member(world.home, person)
        PositionFactory(person=person, organization=school, title="Coordinator", start_date=date(2015, 9, 1))
        PositionFactory(person=person, title="Head", is_senior=n % 2 == 0, start_date=date(2022, 1, 1))
        enrollment = services.enroll(cast.cohort, person)
        services.enroll(past, person)
        services.record_attendance(cast.sessions[0], {person.pk: n % 3 != 0})
        evidence = services.submit_evidence(enrollment, cast.competencies[0], text=f"Evidence {n}")
        if n % 2:
            services.review_evidence(evidence, cast.reviewer, ReviewDecision.ACCEPT, level=cast.levels[1])
    return size


PAGES = {
    "program": lambda cast: reverse("programs:program", args=[cast.program.slug]),
    "cohort": lambda cast: reverse("programs:cohort", args=[cast.cohort.pk]),
    "alumni": lambda cast: reverse("programs:alumni", args=[cast.program.slug]),
    "api program": lambda cast: f"/api/v1/programs/{cast.program.pk}",
    "api alumni": lambda cast: f"/api/v1/programs/{cast.program.pk}/alumni?limit=100",
}


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(PAGES))
def test_queries_do_not_grow_with_participants(cast, crowd, page, django_assert_max_num_queries):
    client = cast.client("manager")  # a member of "home": sees its members' profiles
    url = PAGES[page](cast)
    client.get(url)  # warm up: the session and the content types are cached from here on
    with django_assert_max_num_queries(BUDGET[page]):
        response = client.get(url)
    assert response.status_code == 200
    if page == "cohort":
        assert response.content.decode().count("Crowd ") == crowd
    if page == "alumni":
        assert response.content.decode().count("Crowd ") >= min(crowd, 25)
