"""Insights' dashboards, refresh, graph measures and PDF report, measured in one process.

    DATABASE_URL=sqlite:///var/bench_insights.sqlite3 .venv/bin/python -m bench.insights [events]

The dashboard is rendered for a logged-in manager through Django's full request stack (test Client:
middleware, session, template), at two sizes of the activity history, beside the naive way (counting
the Activity table on the request, as the dashboard would without summaries) in the same run.
Appends its numbers to docs/benchmarks.md.
"""

import os
import random
import sys
import time
from datetime import timedelta


def p95(samples: list[float]) -> float:
    return sorted(samples)[int(0.95 * (len(samples) - 1))] * 1000


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hevruta.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.db.models import Count
    from django.test import Client
    from django.utils import timezone

    from hevruta.directory.models import Network, Organization, OrganizationKind
    from hevruta.insights import graph
    from hevruta.insights.models import Activity
    from hevruta.insights.refresh import recount_days, refresh_all
    from tests.factories import NetworkFactory, PersonFactory, UserFactory, member

    events = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    rng = random.Random(7)
    network = Network.objects.filter(slug="bench").first() or NetworkFactory(slug="bench", is_public=False)
    manager = PersonFactory(user=UserFactory(email=f"bench{rng.random()}@example.org"))
    member(network, manager, "manager")
    organizations = list(Organization.objects.all()[:200]) or [
        Organization.objects.create(name=f"Org {i}", kind=OrganizationKind.SCHOOL) for i in range(200)
    ]
    client = Client()
    client.force_login(manager.user)
    url = f"/insights/network/{network.slug}/"
    now = timezone.now()
    lines = []

    def add(count: int) -> None:
        rows = [
            Activity(
                kind=rng.choice(["programs.enrolled", "knowledge.resource_used", "events.attended"]),
                occurred_at=now - timedelta(minutes=rng.randrange(60 * 24 * 365 * 5)),
                organization=rng.choice(organizations),
                counterpart=rng.choice(organizations),
                network=network,
                peripherality_cluster=rng.randrange(1, 11),
            )
            for _ in range(count)
        ]
        Activity.objects.bulk_create(rows, batch_size=5000)

    def page(times: int = 30) -> float:
        client.get(url)
        samples = []
        for _ in range(times):
            started = time.perf_counter()
            assert client.get(url).status_code == 200
            samples.append(time.perf_counter() - started)
        return p95(samples)

    def naive(times: int = 10) -> float:
        samples = []
        for _ in range(times):
            started = time.perf_counter()
            list(
                Activity.objects.filter(network=network).values("kind", "peripherality_cluster").annotate(n=Count("pk"))
            )
            samples.append(time.perf_counter() - started)
        return p95(samples)

    for size in (events // 10, events):
        add(size - Activity.objects.filter(network=network).count())
        started = time.perf_counter()
        recount_days((now - timedelta(days=365 * 5 + 1)).date(), now.date())
        recount = time.perf_counter() - started
        refresh_all()
        lines.append(f"| {size:,} | {page():.0f} ms | {naive():.0f} ms | {recount:.1f} s |")
    # The refresh after a day's activity: 100,000 events on one day, recounted.
    day = now.replace(hour=12)
    Activity.objects.bulk_create(
        [
            Activity(kind="events.attended", occurred_at=day, organization=rng.choice(organizations), network=network)
            for _ in range(100_000)
        ],
        batch_size=5000,
    )
    started = time.perf_counter()
    refresh_all(days=1)
    day_refresh = time.perf_counter() - started
    # Graph measures for 5,000 organizations (ties as in a national network), beside networkx alone.
    from collections import Counter

    import networkx as nx

    ties = Counter()
    for _ in range(15_000):
        a, b = rng.randrange(5000), rng.randrange(5000)
        if a != b:
            ties[(min(a, b), max(a, b))] += 1
    built = nx.Graph()
    built.add_edges_from(ties)
    started = time.perf_counter()
    graph.measures(built)
    ours = time.perf_counter() - started
    started = time.perf_counter()
    nx.betweenness_centrality(built, k=200, seed=7)
    theirs = time.perf_counter() - started
    started = time.perf_counter()
    client.get(f"/insights/network/{network.slug}/report.pdf")
    pdf = time.perf_counter() - started
    body = "\n".join(
        [
            "`DATABASE_URL=sqlite:///var/bench_insights.sqlite3 .venv/bin/python -m bench.insights "
            + str(events)
            + "` (SQLite).",
            "",
            "Network dashboard for a logged-in manager (test Client, full stack), p95 of 30; beside it the naive",
            "count of the Activity table by kind and cluster on the request (p95 of 10); a recount of five years.",
            "",
            "| activity events | dashboard p95 | naive count p95 | recount of 5 years |",
            "| --- | --- | --- | --- |",
            *lines,
            "",
            f"- refresh after a day's 100,000 events (the day, people, measures, graphs): {day_refresh:.1f} s",
            f"- graph measures, 5,000 organizations, ~15,000 ties: {ours:.1f} s; "
            f"networkx's sampled betweenness alone {theirs:.1f} s",
            f"- the network's PDF report: {pdf:.1f} s",
        ]
    )
    print(body)
    from bench.report import write_section

    write_section("insights", "Insights: dashboards, refresh, graph, report", body)


if __name__ == "__main__":
    main()
