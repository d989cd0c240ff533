"""Pages cost a fixed number of queries: as many for 2 resources (or reports) as for 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .conftest import published, subject, teacher, upload, use
from .files import PNG

pytestmark = pytest.mark.django_db

MAX_LIST_QUERIES = 30
MAX_PAGE_QUERIES = 30


def assert_flat(few: int, many: int, *, searched: bool) -> None:
    """Equal, except that core's search counts once more when a strict search finds fewer than ten
    documents, to try the broad one (prefixes stripped): at most two such counts per search, one for
    the ranked page and one for the facets. More resources never cost more queries."""
    if searched:
        assert many <= few <= many + 4, (few, many)
    else:
        assert few == many


def _count(client, url, params=None) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def _add_resources(world, count: int, start: int = 0) -> list:  # type: ignore[no-untyped-def]
    author = teacher(world.home)
    return [
        published(
            author,
            world.home,
            world.manager,
            title=f"Fractions task {start + n}",
            role_tags=["mentor"],
            subjects=[subject("mathematics"), subject("physics")],
            organizations=[],
        )
        for n in range(count)
    ]


@pytest.mark.parametrize(
    "params", [{}, {"q": "fractions"}, {"q": "fractions", "sort": "most_used"}, {"subject": "physics"}]
)
def test_list_and_search_page_is_flat(world, params, django_assert_max_num_queries):
    client = world.client("member")
    url = reverse("knowledge:list")
    _add_resources(world, 2)
    # Warm the session and what is asked once per process: the vocabularies, and on PostgreSQL
    # whether the ranked search index is there.
    client.get(url, params)
    few = _count(client, url, params)
    _add_resources(world, 28, start=2)
    many = _count(client, url, params)
    assert_flat(few, many, searched="q" in params)
    with django_assert_max_num_queries(MAX_LIST_QUERIES):
        client.get(url, params)


def test_api_list_is_flat(world):
    client = world.client("member")
    _add_resources(world, 2)
    few = _count(client, "/api/v1/knowledge/resources", {"q": "fractions"})
    _add_resources(world, 20, start=2)
    assert_flat(few, _count(client, "/api/v1/knowledge/resources", {"q": "fractions"}), searched=True)


def test_resource_page_is_flat(world, django_assert_max_num_queries):
    resource = _add_resources(world, 1)[0]
    client = world.client("member")
    url = reverse("knowledge:detail", args=[resource.pk])
    use(resource, teacher(world.home), is_public=True)
    client.get(url)
    few = _count(client, url)
    from hevruta.knowledge import services

    services.add_attachments(resource, world.member, [upload(f"{n}.png", PNG) for n in range(5)])
    for n in range(30):
        use(resource, teacher(world.home), students=n + 1, is_public=n % 2 == 0)
    many = _count(client, url)
    assert few == many
    with django_assert_max_num_queries(MAX_PAGE_QUERIES):
        client.get(url)
    api_few = _count(client, f"/api/v1/knowledge/resources/{resource.pk}")
    use(resource, teacher(world.home), is_public=True)
    assert _count(client, f"/api/v1/knowledge/resources/{resource.pk}") == api_few


def test_facets_are_counted_without_searching_again(world):
    """The results a search found are listed once; the eight facet counts group that list and never
    match the full-text index again, which at a million resources cost each of them up to 50 ms."""
    _add_resources(world, 3)
    client = world.client("member")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("knowledge:list"), {"q": "fractions"})
    assert page.context["results"].facets["subject"] == {"mathematics": 3, "physics": 3}
    facet_queries = [query["sql"] for query in queries if "GROUP BY" in query["sql"]]
    assert len(facet_queries) == 8
    assert not [sql for sql in facet_queries if "core_searchdocument" in sql]
