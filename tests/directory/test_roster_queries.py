"""The bulk path of a roster import issues a bounded number of queries, whatever the number of rows."""

import pytest

from hevruta.directory.models import Locality, Organization, Person
from tests.directory.rosters import csv_bytes, import_now, israeli_id, row

# Checking and importing a roster (vocabularies, people, positions, memberships, taxonomy, new
# organizations, the import's own record and its job's life: created, claimed, finished) takes this
# many queries for 50 rows and for 500.
MAX_QUERIES = 60


def roster(size: int) -> bytes:
    return csv_bytes(
        row(email=f"teacher{n}@example.org", given_name="מורה", family_name=f"מספר {n}", national_id=israeli_id(n + 1),
            locality_code=2200, organization="Ofek" if n % 2 else f"New school {n}", organization_kind="school",
            title="Teacher", role="teacher", start_date="2020-09-01", subjects="mathematics;physics",
            grade_bands="junior-high", languages="he")
        for n in range(size)
    )  # fmt: skip


@pytest.fixture
def places(db):  # type: ignore[no-untyped-def]
    Locality.objects.create(cbs_code=2200, name_he="דימונה")
    Organization.objects.create(name="Ofek", kind="school")


@pytest.mark.parametrize("size", [50, 500])
def test_import_queries_do_not_grow_with_the_rows(world, places, django_assert_max_num_queries, size):
    content = roster(size)
    with django_assert_max_num_queries(MAX_QUERIES):
        summary = import_now(world.home, content).summary
    assert summary["people_created"] == size
    assert summary["positions_created"] == size
    assert Person.objects.filter(email__startswith="teacher").count() == size
    # Half the rows name a school the directory does not know yet: created in bulk, not one by one.
    assert Organization.objects.filter(name__startswith="New school").count() == size // 2


@pytest.mark.parametrize("size", [50, 500])
def test_a_second_import_is_bounded_too(world, places, django_assert_max_num_queries, size):
    content = roster(size)
    import_now(world.home, content)
    with django_assert_max_num_queries(MAX_QUERIES):
        summary = import_now(world.home, content).summary
    assert set(summary.values()) == {0}
