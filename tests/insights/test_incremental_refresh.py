"""The refresh adds each day's new activity to the graphs' partial counts: after several days of random
activity its graphs, ties, measures and people counts are those a full recount gives; and the betweenness
counted with matrices is networkx's."""

import random
from collections import Counter
from datetime import datetime, timedelta

import networkx as nx
import pytest
from django.utils import timezone

from hevruta.directory.models import Sector
from hevruta.insights import activity, graph
from hevruta.insights.models import (
    Activity,
    GraphTie,
    MeasureValue,
    NetworkGraph,
    PeopleCount,
    Refresh,
    SharedSubject,
)
from hevruta.insights.refresh import graph_years, refresh_all, refresh_if_due, school_year
from tests.factories import LocalityFactory, NetworkFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

KINDS = ("mentoring.meeting_logged", "consultations.helped", "knowledge.resource_used", *graph.CO_PARTICIPATION)


def _activities(rng: random.Random, networks, organizations, count: int, newest: datetime) -> list[Activity]:  # type: ignore[no-untyped-def]
    """Random rows over this school year and the last (and a few older, whose graph is not kept)."""
    oldest = timezone.make_aware(datetime.combine(graph_years(newest.date())[1], datetime.min.time()))
    rows = []
    for _row in range(count):
        organization = rng.choice([*organizations, None])
        kind = rng.choice(KINDS)
        when = oldest + (newest - oldest) * rng.random()
        if rng.random() < 0.05:
            when -= timedelta(days=400)
        rows.append(
            Activity(
                kind=kind,
                occurred_at=when,
                network=rng.choice(networks),
                organization=organization,
                counterpart=rng.choice([*organizations, None]) if kind.startswith(("mentoring", "consult")) else None,
                subject=f"events.event:{rng.randrange(12)}" if kind in graph.CO_PARTICIPATION else "",
                sector=getattr(organization, "sector", ""),
            )
        )
    return rows


def _state() -> dict:
    return {
        "graphs": sorted(NetworkGraph.objects.values_list("network_id", "year_start", "measures", "drawing")),
        "ties": sorted(GraphTie.objects.values_list("network_id", "year_start", "first_id", "second_id", "weight")),
        "subjects": sorted(SharedSubject.objects.values_list("network_id", "year_start", "subject", "organization_id")),
        "measures": sorted(MeasureValue.objects.values_list("network_id", "program_id", "key", "value")),
        "people": sorted(PeopleCount.objects.values_list("network_id", "program_id", "dimension", "value", "count")),
    }


def _recounted(network, year) -> dict:  # type: ignore[no-untyped-def]
    """A year's graph measured straight from the Activity table, as the refresh did before it kept counts."""
    end = school_year(year)[1]
    counted = graph.ties(network.pk, year, end) + graph.shared(network.pk, year, end)
    return graph.measures(graph.build(counted))


@pytest.mark.parametrize("seed", [3, 14])
def test_day_after_day_the_refresh_gives_what_a_recount_gives(monkeypatch, seed):
    # Few organizations share a subject here: a subject passing this many ties none any more, and the
    # days must cross that limit both ways.
    monkeypatch.setattr(graph, "MOST_ORGANIZATIONS_SHARING", 4)
    rng = random.Random(seed)
    clusters = [LocalityFactory(peripherality_cluster=cluster) for cluster in (1, 3, 5, 8, 10)]
    organizations = [
        OrganizationFactory(sector=rng.choice(Sector.values), locality=rng.choice(clusters)) for _ in range(12)
    ]
    networks = [NetworkFactory(), NetworkFactory()]
    now = timezone.now()
    Activity.objects.bulk_create(_activities(rng, networks, organizations, 300, now))
    first = refresh_all()
    assert first.last_activity == Activity.objects.latest("pk").pk
    for day in range(4):
        Activity.objects.bulk_create(_activities(rng, networks, organizations, 80, now))
        for _row in range(3):  # through the service too, as apps write
            activity.record(
                "events.attended",
                organization=rng.choice(organizations),
                network=networks[0],
                subject=rng.choice(networks),
            )
        if day == 2:
            networks.append(NetworkFactory())  # a network new since the last refresh gets its graphs
        refresh_all()
        for network in networks:
            for year in graph_years(timezone.localdate()):
                kept = NetworkGraph.objects.get(network=network, year_start=year)
                assert kept.measures == _recounted(network, year), (day, network, year)
    added = _state()
    assert any(measured["ties"] for *_key, measured, _drawing in added["graphs"])
    refresh_all(full=True)
    assert _state() == added


def test_the_matrix_betweenness_is_networkx_betweenness():
    """On a graph dense enough to be counted with matrices, exactly (up to 500 organizations) and with
    networkx's sampled sources above."""
    for organizations, ties, k in ((120, 2000, None), (700, 9000, 200)):
        built = nx.gnm_random_graph(organizations, ties, seed=5)
        built = nx.relabel_nodes(built, {node: 10 + 3 * node for node in built})
        assert 2 * built.number_of_edges() >= graph.FEWEST_TIES_PER_ORGANIZATION_AS_MATRIX * organizations
        ours = graph.betweenness(built, k=k, seed=7)
        theirs = nx.betweenness_centrality(built, k=k, seed=7)
        assert ours.keys() == theirs.keys()
        assert all(ours[node] == pytest.approx(theirs[node], rel=1e-9, abs=1e-15) for node in built)
        assert max(ours, key=ours.__getitem__) == max(theirs, key=theirs.__getitem__)


def test_a_subject_tying_too_many_organizations_ties_none():
    assert graph.pairs_sharing({1, 2, 3}) == [(1, 2), (1, 3), (2, 3)]
    assert graph.pairs_sharing({1}) == []
    assert graph.pairs_sharing(set(range(graph.MOST_ORGANIZATIONS_SHARING + 1))) == []
    assert Counter(graph.pairs_sharing(set(range(graph.MOST_ORGANIZATIONS_SHARING)))).total() == 40 * 39 // 2


def test_the_full_recount_repairs_what_the_increments_cannot_see():
    """A tie lost from the partial counts stays lost for the increments; `refresh_insights --full` counts
    it again from the Activity table."""
    from django.core.management import call_command

    network = NetworkFactory()
    one, two = OrganizationFactory(), OrganizationFactory()
    activity.record("mentoring.meeting_logged", organization=one, counterpart=two, network=network)
    refresh_all()
    GraphTie.objects.all().delete()
    refresh_all()
    assert not GraphTie.objects.exists()
    call_command("refresh_insights", "--full", stdout=None)
    tie = GraphTie.objects.get()
    assert (tie.first_id, tie.second_id, tie.weight) == (min(one.pk, two.pk), max(one.pk, two.pk), 1)
    year = graph_years(timezone.localdate())[0]
    assert NetworkGraph.objects.get(network=network, year_start=year).measures["ties"] == 1


def test_the_days_first_refresh_recounts_the_graphs_in_full(settings):  # type: ignore[no-untyped-def]
    settings.INSIGHTS_REFRESH_SECONDS = 1
    network = NetworkFactory()
    one, two = OrganizationFactory(), OrganizationFactory()
    activity.record("mentoring.meeting_logged", organization=one, counterpart=two, network=network)
    refresh_all()
    GraphTie.objects.all().delete()
    # Due again later the same day: the increments only, which cannot see the lost tie.
    Refresh.objects.update(finished_at=timezone.now() - timedelta(seconds=2))
    refresh_if_due()
    assert not GraphTie.objects.exists()
    # The first refresh of a new day counts everything again.
    Refresh.objects.update(finished_at=timezone.now() - timedelta(days=1))
    refresh_if_due()
    assert GraphTie.objects.get().weight == 1
