"""Finding people: Hebrew by a word's beginning, without niqqud or final letters deciding; English in any case;
and each filter narrowing the results to exactly the people it names."""

from datetime import date

import pytest
from django.urls import reverse

from hevruta.directory.models import (
    District,
    GradeBand,
    Language,
    PositionRole,
    Sector,
    Subject,
    Visibility,
)
from tests.factories import LocalityFactory, NetworkFactory, OrganizationFactory, PersonFactory, PositionFactory, member


@pytest.fixture
def people(db):  # type: ignore[no-untyped-def]
    def person(given: str, family: str, **fields):  # type: ignore[no-untyped-def]
        return PersonFactory(given_name=given, family_name=family, profile_visibility=Visibility.PUBLIC, **fields)

    south = LocalityFactory(name_he="ירוחם", district=District.SOUTH, peripherality_cluster=3)
    north = LocalityFactory(name_he="נצרת", district=District.NORTH, peripherality_cluster=5)
    center = LocalityFactory(name_he="פתח תקווה", district=District.CENTER, peripherality_cluster=8)
    schools = {
        "ofek": OrganizationFactory(name="Ofek", sector=Sector.STATE, locality=south),
        "nour": OrganizationFactory(name="Nour", sector=Sector.ARAB, locality=north),
        "orot": OrganizationFactory(name="Orot", sector=Sector.STATE_RELIGIOUS, locality=center),
    }
    found = {
        "noa": person("נועה", "כהן", locality=south),
        "sami": person("سامي", "خوري", locality=north),
        "dana": person("Dana", "Cohen"),
        "ruth": person("רות", "מכהנת"),
        "yosef": person("יוֹסֵף", "כֹּהֵן"),
    }
    found["noa"].subjects.add(Subject.objects.get(slug="mathematics"))
    found["noa"].grade_bands.add(GradeBand.objects.get(slug="junior-high"))
    found["noa"].languages.add(Language.objects.get(code="he"))
    found["sami"].subjects.add(Subject.objects.get(slug="physics"))
    found["sami"].grade_bands.add(GradeBand.objects.get(slug="senior-high"))
    found["sami"].languages.add(Language.objects.get(code="ar"))
    found["dana"].languages.add(Language.objects.get(code="en"))
    PositionFactory(person=found["noa"], organization=schools["ofek"], role=PositionRole.TEACHER, title="Teacher")
    PositionFactory(person=found["sami"], organization=schools["nour"], role=PositionRole.MENTOR, title="Mentor")
    PositionFactory(
        person=found["dana"], organization=schools["orot"], role=PositionRole.SUBJECT_COORDINATOR, title="Coord"
    )
    # Ruth was a mentor once, at Ofek; the position has ended.
    PositionFactory(
        person=found["ruth"],
        organization=schools["ofek"],
        role=PositionRole.MENTOR,
        title="Mentor",
        start_date=date(2010, 9, 1),
        end_date=date(2012, 6, 30),
    )
    network = NetworkFactory(slug="math-leaders", is_public=True)
    member(network, found["noa"])
    member(network, found["yosef"])
    return found, schools, network


def _api(client, **params) -> set[str]:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/people", {"limit": 100, **params})
    assert response.status_code == 200, response.content
    return {f"{item['given_name']} {item['family_name']}" for item in response.json()["items"]}


def _names(found: dict, *keys: str) -> set[str]:
    return {found[key].full_name for key in keys}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("כה", {"noa", "yosef"}),  # a word's beginning: כהן, כֹּהֵן, but not מכהנת
        ("כהן", {"noa", "yosef"}),  # final nun in the query
        ("כהנ", {"noa", "yosef"}),  # medial nun in the query
        ("כֹּהֵן", {"noa", "yosef"}),  # niqqud in the query
        ("יוסף", {"yosef"}),  # niqqud in the name
        ("מכה", {"ruth"}),
        ("נועה כה", {"noa"}),  # every word must match
        ("cohen", {"dana"}),
        ("COH", {"dana"}),
        ("dAnA", {"dana"}),
        ("سامى", {"sami"}),  # alef maqsura in the query, yaa in the name
        ("خو", {"sami"}),
        ("ohen", set()),  # not from the middle of a word
        ("זזז", set()),
    ],
)
def test_search_by_name(client, people, query, expected):
    found, _schools, _network = people
    assert _api(client, q=query) == _names(found, *expected)
    page = client.get(reverse("directory:people"), {"q": query}).content.decode()
    for key, person in found.items():
        assert (person.full_name in page) == (key in expected), (query, key)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"subject": "mathematics"}, {"noa"}),
        ({"subject": "physics"}, {"sami"}),
        ({"role": "mentor"}, {"sami"}),  # Ruth's mentoring has ended
        ({"role": "subject_coordinator"}, {"dana"}),
        ({"grade_band": "senior-high"}, {"sami"}),
        ({"district": District.SOUTH}, {"noa"}),  # not Ruth: she no longer works at Ofek
        ({"district": District.CENTER}, {"dana"}),  # Dana has no locality; her school is in the center
        ({"district": District.JERUSALEM}, set()),
        ({"peripherality_cluster": 5}, {"sami"}),
        ({"peripherality_cluster": 3}, {"noa"}),
        ({"sector": Sector.ARAB}, {"sami"}),
        ({"sector": Sector.STATE}, {"noa"}),
        ({"language": "en"}, {"dana"}),
        ({"language": "ar"}, {"sami"}),
        ({"subject": "mathematics", "district": District.NORTH}, set()),
        ({"q": "כה", "subject": "mathematics"}, {"noa"}),
        ({"role": "mentor", "sector": Sector.ARAB}, {"sami"}),
    ],
)
def test_each_filter_narrows_the_results(client, people, filters, expected):
    found, _schools, _network = people
    assert _api(client, **filters) == _names(found, *expected)


def test_network_and_organization_filters(client, people):
    found, schools, network = people
    assert _api(client, network=network.pk) == _names(found, "noa", "yosef")
    assert _api(client, organization=schools["orot"].pk) == _names(found, "dana")
    assert _api(client, organization=schools["ofek"].pk, role="teacher") == _names(found, "noa")
    assert _api(client, network=network.pk, q="יוס") == _names(found, "yosef")
    assert _api(client, organization=999_999) == set()


def test_the_page_applies_the_same_filters(client, people):
    found, _schools, network = people
    page = client.get(
        reverse("directory:people"), {"q": "כה", "network": network.pk, "language": "he", "district": District.SOUTH}
    ).content.decode()
    assert found["noa"].full_name in page
    assert found["yosef"].full_name not in page  # no Hebrew listed among his languages
    assert found["dana"].full_name not in page


def test_an_unusable_filter_on_the_page_shows_nobody_rather_than_everybody(client, people):
    found, _schools, _network = people
    for params in ({"district": "abc"}, {"network": "999999"}, {"subject": "astrology"}, {"q": "x" * 201}):
        response = client.get(reverse("directory:people"), params)
        assert response.status_code == 200
        html = response.content.decode()
        assert not any(person.full_name in html for person in found.values()), params


def test_results_are_in_name_order_and_paged(client, people):
    for n in range(30):
        PersonFactory(given_name="Page", family_name=f"Person {n:02d}", profile_visibility=Visibility.PUBLIC)
    first = client.get(reverse("directory:people"), {"q": "page"}).content.decode()
    second = client.get(reverse("directory:people"), {"q": "page", "page": 2}).content.decode()
    assert "Page Person 00" in first
    assert "Page Person 24" in first
    assert "Page Person 25" not in first
    assert "Page Person 25" in second
    assert "Page Person 29" in second
    assert 'rel="next" href="?q=page&amp;page=2"' in first
    assert 'rel="prev" href="?q=page&amp;page=1"' in second


@pytest.mark.parametrize("params", [{"district": "999"}, {"subject": "astrology"}, {"network": "not-a-number"}])
def test_a_filter_that_cannot_be_applied_says_so_and_shows_nobody(client, people, params):
    found, _schools, _network = people
    page = client.get(reverse("directory:people"), params).content.decode()
    assert "Some of these filters cannot be applied" in page
    assert not any(person.full_name in page for person in found.values())
    assert "Some of these filters" not in client.get(reverse("directory:people")).content.decode()
