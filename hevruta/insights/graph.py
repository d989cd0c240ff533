"""The network drawn: organizations tied by shared activity, and the measures that answer "are we still
in silos?" (seed document 000). Computed by the refresh (a spring layout with a fixed seed, so the
drawing does not move between refreshes) and kept in NetworkGraph; the dashboard only reads it.

A tie is an Activity row with an organization and a different counterpart (a mentor and an intern of
two schools, a consultation between two cities); apps record them through activity.record.
"""

from collections import Counter
from datetime import date
from html import escape

import networkx as nx

from hevruta.directory.models import Organization

from .measures import PERIPHERY, period
from .models import Activity

CENTRE = (7, 8, 9, 10)  # CBS clusters counted as the center when periphery's ties to it are counted
SIZE = 420


def ties(network_id: int, start: date, end: date) -> Counter[tuple[int, int]]:
    rows = (
        Activity.objects.filter(
            network_id=network_id,
            **period(start, end),
            organization__isnull=False,
            counterpart__isnull=False,
        )
        .values_list("organization_id", "counterpart_id")
        .order_by()
    )
    counted: Counter[tuple[int, int]] = Counter()
    for first, second in rows.iterator(chunk_size=5000):
        if first != second:
            counted[(min(first, second), max(first, second))] += 1
    return counted


# Kinds whose subject people share: organizations whose people share one (a cohort, an event, a community)
# are tied. Apps add their kinds here when they record such activity.
CO_PARTICIPATION = ("programs.enrolled", "events.attended", "communities.joined")
# A subject with more organizations than this (a national conference) ties none: it would tie everyone.
MOST_ORGANIZATIONS_SHARING = 40


def shared(network_id: int, start: date, end: date) -> Counter[tuple[int, int]]:
    """Ties of co-participation: every pair of organizations whose people share a subject in the period."""
    rows = (
        Activity.objects.filter(
            network_id=network_id,
            kind__in=CO_PARTICIPATION,
            **period(start, end),
            organization__isnull=False,
        )
        .exclude(subject="")
        .values_list("subject", "organization_id")
        .distinct()
        .order_by()
    )
    by_subject: dict[str, set[int]] = {}
    for subject, organization in rows.iterator(chunk_size=5000):
        by_subject.setdefault(subject, set()).add(organization)
    counted: Counter[tuple[int, int]] = Counter()
    for organizations in by_subject.values():
        if 1 < len(organizations) <= MOST_ORGANIZATIONS_SHARING:
            ordered = sorted(organizations)
            for index, first in enumerate(ordered):
                for second in ordered[index + 1 :]:
                    counted[(first, second)] += 1
    return counted


def build(counted: Counter[tuple[int, int]]) -> nx.Graph:
    graph = nx.Graph()
    for (first, second), weight in counted.items():
        graph.add_edge(first, second, weight=weight)
    places = Organization.objects.filter(pk__in=list(graph.nodes)).values_list(
        "pk", "sector", "locality__peripherality_cluster"
    )
    for pk, sector, cluster in places:
        graph.nodes[pk]["sector"] = sector
        graph.nodes[pk]["cluster"] = cluster
    return graph


def measures(graph: nx.Graph, top: int = 5) -> dict:
    """Components, ties across sectors, the most connecting organizations, periphery's ties to the center."""
    edges = graph.number_of_edges()
    crossing_sectors = sum(1 for a, b in graph.edges if graph.nodes[a].get("sector") != graph.nodes[b].get("sector"))
    to_centre = sum(
        1
        for a, b in graph.edges
        if {_zone(graph.nodes[a].get("cluster")), _zone(graph.nodes[b].get("cluster"))} == {"periphery", "centre"}
    )
    periphery_ties = sum(
        1
        for a, b in graph.edges
        if "periphery" in (_zone(graph.nodes[a].get("cluster")), _zone(graph.nodes[b].get("cluster")))
    )
    # Exact betweenness up to 500 organizations; above, a fixed sample of 200 sources (networkx's k).
    k = None if graph.number_of_nodes() <= 500 else 200
    betweenness = nx.betweenness_centrality(graph, k=k, seed=7) if edges else {}
    return {
        "organizations": graph.number_of_nodes(),
        "ties": edges,
        "components": nx.number_connected_components(graph) if edges else 0,
        "cross_sector_percent": round(100 * crossing_sectors / edges, 1) if edges else None,
        "periphery_ties": periphery_ties,
        "periphery_to_centre": to_centre,
        "connectors": [pk for pk, _score in sorted(betweenness.items(), key=lambda kv: -kv[1])[:top]],
    }


def _zone(cluster: int | None) -> str:
    if cluster in PERIPHERY:
        return "periphery"
    return "centre" if cluster in CENTRE else "middle"


# The drawing shows at most this many organizations, the most tied: more would be unreadable at the
# drawing's size, and networkx lays out bigger graphs only with scipy, which the platform does without.
MOST_DRAWN = 300


def drawn_part(graph: nx.Graph) -> nx.Graph:
    """The organizations the drawing shows (all, up to MOST_DRAWN; else the most tied); measures use all."""
    if graph.number_of_nodes() <= MOST_DRAWN:
        return graph
    ranked = sorted(graph.degree, key=lambda pair: (-pair[1], pair[0]))[:MOST_DRAWN]
    return graph.subgraph(pk for pk, _degree in ranked)


def layout(graph: nx.Graph) -> dict[int, tuple[float, float]]:
    if graph.number_of_nodes() == 0:
        return {}
    iterations = 50
    positions = nx.spring_layout(graph, seed=7, iterations=iterations)
    return {pk: (float(x), float(y)) for pk, (x, y) in positions.items()}


def draw(graph: nx.Graph, positions: dict[int, tuple[float, float]], title: str) -> str:
    """An SVG of the graph: organizations coloured by peripherality cluster, ties as lines."""
    from .charts import CLUSTER_COLOURS

    def point(pk: int) -> tuple[float, float]:
        x, y = positions[pk]
        return 10 + (x + 1) / 2 * (SIZE - 20), 10 + (y + 1) / 2 * (SIZE - 20)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{SIZE}" height="{SIZE}" '
        f'viewBox="0 0 {SIZE} {SIZE}" class="chart"><title>{escape(title)}</title>'
    ]
    for a, b in graph.edges:
        (x1, y1), (x2, y2) = point(a), point(b)
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#999" stroke-width="0.6"/>'
        )
    for pk in graph.nodes:
        x, y = point(pk)
        cluster = graph.nodes[pk].get("cluster")
        colour = CLUSTER_COLOURS[cluster - 1] if cluster else "#cccccc"
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}" stroke="#333" stroke-width="0.4"/>')
    parts.append("</svg>")
    return "".join(parts)
