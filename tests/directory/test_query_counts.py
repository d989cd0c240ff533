"""Pages and API lists take the same number of queries for 5 people as for 60: no query per person."""

from datetime import date

import pytest
from django.urls import reverse

from hevruta.directory.models import District, GradeBand, Language, Subject, Topic, Visibility
from tests.factories import LocalityFactory, OrganizationFactory, PersonFactory, PositionFactory, member

# The most queries each address may take, whatever the number of people (session, viewer, the page's
# own queries and one per prefetched relation; a page also counts the bell's unread notices).
BUDGET = {
    "people page": 12,
    "people search page": 13,
    "profile page": 16,  # with the accreditations the programs app adds, and the endorsed strengths
    "network page": 11,  # with its totals (members, leading, senior): one query
    "organization page": 12,
    "export csv": 9,
    "export xlsx": 9,
    # The API also counts the rate limit in the database cache every process shares (six queries with
    # savepoints; none with Redis).
    "api people": 14,
    "api people search": 14,
    "api person": 20,  # with the endorsed strengths (one query)
    "api network members": 15,
}


@pytest.fixture(params=[5, 60], ids=["5 people", "60 people"])
def crowd(request, world):  # type: ignore[no-untyped-def]
    """People in "home", each with a locality, subjects, a grade band, languages, topics and two positions."""
    size = request.param
    locality = LocalityFactory(district=District.SOUTH)
    shared_school = OrganizationFactory(name="Shared school", locality=locality)
    subjects = list(Subject.objects.filter(slug__in=["mathematics", "physics"]))
    band = GradeBand.objects.get(slug="junior-high")
    languages = list(Language.objects.filter(code__in=["he", "ar"]))
    topics = list(Topic.objects.all()[:2])
    people = []
    for n in range(size):
        person = PersonFactory(
            given_name="נועה",
            family_name=f"כהן {n}",
            locality=LocalityFactory(district=District.SOUTH),
            profile_visibility=Visibility.NETWORK if n % 2 else Visibility.PUBLIC,
            phone=f"050-{n:07d}",
            phone_visibility=Visibility.NETWORK,
        )
        person.subjects.set(subjects)
        person.grade_bands.set([band])
        person.languages.set(languages)
        person.strengths.set(topics)
        member(world.home, person)
        # Each at a school of their own, and at the shared one in the past.
        PositionFactory(person=person, organization=OrganizationFactory(locality=locality), title="Teacher")
        PositionFactory(
            person=person,
            organization=shared_school,
            title="Intern",
            start_date=date(2015, 9, 1),
            end_date=date(2016, 6, 30),
        )
        people.append(person)
    return {"people": people, "school": shared_school}


def _addresses(world, crowd) -> dict[str, str]:  # type: ignore[no-untyped-def]
    person = crowd["people"][-1]
    search = "q=כה&subject=mathematics&district=6&language=he&grade_band=junior-high"
    return {
        "people page": reverse("directory:people"),
        "people search page": f"{reverse('directory:people')}?{search}&network={world.home.pk}",
        "profile page": reverse("directory:person", args=[person.pk]),
        "network page": reverse("directory:network", args=["home"]),
        "organization page": reverse("directory:organization", args=[crowd["school"].pk]),
        "export csv": reverse("directory:network_export", args=["home", "csv"]),
        "export xlsx": reverse("directory:network_export", args=["home", "xlsx"]),
        "api people": "/api/v1/people?limit=100",
        "api people search": f"/api/v1/people?limit=100&{search}",
        "api person": f"/api/v1/people/{person.pk}",
        "api network members": "/api/v1/networks/home/members?limit=100",
    }


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_people(world, crowd, django_assert_max_num_queries):
    client = world.client("manager")
    client.get("/")  # the session is loaded once, so every address below starts alike
    for name, url in _addresses(world, crowd).items():
        with django_assert_max_num_queries(BUDGET[name]):
            response = client.get(url)
        assert response.status_code == 200, name
        # The answer really lists the crowd (a page of it), so a cheap empty answer cannot pass.
        if name == "export xlsx":
            assert response.content.startswith(b"PK")
        elif name == "api person":
            assert response.json()["family_name"].startswith("כהן")
        elif name == "profile page":
            assert "כהן" in response.content.decode()
        else:
            shown = response.json()["items"] if name.startswith("api") else response.content.decode("utf-8-sig")
            assert "כהן 0" in str(shown), name
