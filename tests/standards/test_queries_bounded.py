"""The framework page and the CASE package cost the same number of queries for 20 items and for 200."""

import pytest
from django.test import Client
from django.urls import reverse

from hevruta.standards import services
from hevruta.standards.models import Item

from .conftest import build_framework

PAGE_QUERIES = 16  # 14 today: session, viewer, framework, items, associations, levels, texts, links, versions, roles


def _framework_of(world, size: int):  # type: ignore[no-untyped-def]
    """A published tree of about `size` items: domains of 4 standards of 4 competencies, with rubrics."""
    domains = max(1, round(size / 21))
    framework = build_framework(world.away, title=f"{size} items", domains=domains, standards=4, competencies=4)
    # And a link to another framework, shown on the page through the same queries.
    other = build_framework(world.away, title="linked", domains=1, standards=1, competencies=1, publish=True)
    services.add_link(
        Item.objects.filter(framework=framework).first(), Item.objects.filter(framework=other).first(), "exactMatchOf"
    )
    services.publish(framework)
    return framework


@pytest.mark.django_db
@pytest.mark.parametrize("size", [20, 200])
def test_framework_page(world, django_assert_max_num_queries, size):
    framework = _framework_of(world, size)
    assert abs(Item.objects.filter(framework=framework).count() - size) <= 10
    client = world.client("member")
    client.get(reverse("standards:frameworks"))  # the session and the viewer, once
    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(reverse("standards:framework", args=[framework.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('id="item-') == Item.objects.filter(framework=framework).count()


@pytest.mark.django_db
@pytest.mark.parametrize("size", [20, 200])
def test_case_package(world, django_assert_max_num_queries, size):
    framework = _framework_of(world, size)
    with django_assert_max_num_queries(10):
        response = Client().get(f"/ims/case/v1p1/CFPackages/{framework.identifier}")
    assert response.status_code == 200
    assert len(response.json()["CFItems"]) == Item.objects.filter(framework=framework).count()


@pytest.mark.django_db
@pytest.mark.parametrize("size", [20, 200])
def test_framework_list(world, django_assert_max_num_queries, size):
    for index in range(size // 20):
        build_framework(world.away, title=f"framework {index}", domains=1, standards=1, competencies=1, publish=True)
    with django_assert_max_num_queries(12):
        assert Client().get(reverse("standards:frameworks")).status_code == 200
