"""The map of practical knowledge: for managers and curators, with numbers that add up."""

import pytest
from django.urls import reverse

from hevruta.directory.models import District, Visibility
from hevruta.knowledge.models import Curator
from hevruta.knowledge.queries.knowledge_map import knowledge_map

from ..factories import LocalityFactory
from .conftest import grade_band, published, subject, teacher, use, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(world):  # type: ignore[no-untyped-def]
    south = LocalityFactory(district=District.SOUTH, peripherality_cluster=2)
    center = LocalityFactory(district=District.CENTER, peripherality_cluster=8)
    author_south = teacher(world.home, locality=south, profile_visibility=Visibility.PRIVATE, family_name="Secret")
    author_center = teacher(world.home, locality=center)
    math = published(author_south, world.home, world.manager, title="Math task", subjects=[subject("mathematics")])
    physics = published(
        author_center,
        world.home,
        world.manager,
        title="Physics simulation",
        kind="video_simulation",
        subjects=[subject("physics")],
        grade_bands=[grade_band("senior-high")],
    )
    write(author_center, world.home, title="Chemistry draft", subjects=[subject("chemistry")])
    for _ in range(3):
        use(math, author_center, students=10)
    use(physics, author_south, students=7)
    # Another network's resources never count on this map.
    other = teacher(world.away)
    published(other, world.away, world.manager, title="Away", subjects=[subject("mathematics")])
    return {"math": math, "physics": physics}


def _rows(result, name):  # type: ignore[no-untyped-def]
    breakdown = next(b for b in result.breakdowns if b.name == name)
    return {row.key: row for row in breakdown.rows}


def test_numbers(world, scene):
    result = knowledge_map([world.home.pk])
    assert (result.totals.published, result.totals.in_curation, result.totals.contributors) == (2, 1, 2)
    assert (result.totals.reports, result.totals.students) == (4, 37)

    subjects = _rows(result, "subject")
    assert (subjects["mathematics"].published, subjects["mathematics"].reports) == (1, 3)
    assert (subjects["physics"].published, subjects["physics"].reports, subjects["physics"].students) == (1, 1, 7)
    assert (subjects["chemistry"].published, subjects["chemistry"].in_curation) == (0, 1)
    assert subjects["biology"].gap and subjects["physics"].gap and not subjects["mathematics"].gap

    kinds = _rows(result, "kind")
    assert kinds["video_simulation"].published == 1 and kinds["diagnostic_task"].reports == 3

    districts = _rows(result, "district")
    # Used in the south once (physics, by the southern author) and in the center three times.
    assert (districts[District.SOUTH].reports, districts[District.CENTER].reports) == (1, 3)
    assert (districts[District.SOUTH].contributors, districts[District.SOUTH].published) == (1, 1)
    assert districts[District.NORTH].reports == 0 and districts[District.NORTH].gap

    clusters = _rows(result, "cluster")
    assert (clusters[2].reports, clusters[8].reports, clusters[8].students) == (1, 3, 30)


def test_page_for_managers_and_curators_only(world, persona, scene):
    response = world.client(persona).get(reverse("knowledge:map"))
    assert response.status_code == {"manager": 200, "member": 403, "outsider": 403, "anonymous": 302}[persona]
    if persona == "manager":
        html = response.content.decode()
        assert 'data-testid="map-district"' in html and "Secret" not in html


def test_appointed_curator_sees_the_map_of_their_network_only(world, scene):
    Curator.objects.create(network=world.home, person=world.member)
    html = world.client("member").get(reverse("knowledge:map")).content.decode()
    assert world.home.name in html and world.away.name not in html
    totals = html.split('data-testid="map-totals"')[1].split("</dl>")[0]
    assert '<dd class="col-sm-9">2</dd>' in totals  # two published resources in "home"


def test_a_manager_cannot_ask_for_another_network(world, scene):
    html = world.client("manager").get(reverse("knowledge:map"), {"network": "away"}).content.decode()
    assert "Away network" not in html
