"""Organization names are found in their other forms (בתי ספר: בית הספר); people's names are not
inflected, and their search does not change (docs/search.md)."""

from hevruta.directory.queries import PeopleFilter, search_organizations
from tests.factories import OrganizationFactory


def test_an_organization_is_found_by_the_plural_or_the_construct_of_its_name(world):
    school = OrganizationFactory(name="בית הספר אורט", name_ar="المدرسة الثانوية")
    OrganizationFactory(name="מרכז פסגה")
    for query in ("בתי ספר", "בית ספר", "בית הספר", "مدارس", "المدارس"):
        found = list(search_organizations(world.manager.user, query).filter(pk__in=[school.pk]))
        assert found == [school], query
    assert not search_organizations(world.manager.user, "מרכזים ספר").exists()


def test_a_persons_name_is_searched_as_written(world):
    # ספרה is a name and the word "digit": the people search looks for the letters typed, not ספרות.
    assert PeopleFilter.from_params({"q": "ספרה לוי"}).search_terms == ["ספרה", "לוי"]
