"""The network drawn: organizations tied by shared activity, and the measures that answer "are we still
in silos?" (seed document 000). Computed by the refresh (a spring layout with a fixed seed, so the
drawing does not move between refreshes) and kept in NetworkGraph; the dashboard only reads it.

A tie is an Activity row with an organization and a different counterpart (a mentor and an intern of
two schools, a consultation between two cities); apps record them through activity.record.
"""

import random
from collections import Counter
from collections.abc import Mapping
from datetime import date
from html import escape

import networkx as nx
import numpy as np

from hevruta.directory.models import Organization

from .measures import PERIPHERY, period
from .models import Activity

CENTRE = (7, 8, 9, 10)  # CBS clusters counted as the center when periphery's ties to it are counted
SIZE = 420


def ties(network_id: int, start: date, end: date, up_to: int | None = None) -> Counter[tuple[int, int]]:
    """Activities tying two organizations in the period (Activity ids up to `up_to` when given)."""
    rows = (
        _activity(network_id, start, end, up_to)
        .filter(organization__isnull=False, counterpart__isnull=False)
        .values_list("organization_id", "counterpart_id")
        .order_by()
    )
    counted: Counter[tuple[int, int]] = Counter()
    for first, second in rows.iterator(chunk_size=5000):
        if first != second:
            counted[(min(first, second), max(first, second))] += 1
    return counted


def _activity(network_id: int, start: date, end: date, up_to: int | None):  # type: ignore[no-untyped-def]
    rows = Activity.objects.filter(network_id=network_id, **period(start, end))
    return rows if up_to is None else rows.filter(pk__lte=up_to)


# Kinds whose subject people share: organizations whose people share one (a cohort, an event, a community)
# are tied. Apps add their kinds here when they record such activity.
CO_PARTICIPATION = ("programs.enrolled", "events.attended", "communities.joined")
# A subject with more organizations than this (a national conference) ties none: it would tie everyone.
MOST_ORGANIZATIONS_SHARING = 40


def subjects(network_id: int, start: date, end: date, up_to: int | None = None) -> dict[str, set[int]]:
    """The organizations whose people took part in each subject of co-participation in the period."""
    rows = (
        _activity(network_id, start, end, up_to)
        .filter(kind__in=CO_PARTICIPATION, organization__isnull=False)
        .exclude(subject="")
        .values_list("subject", "organization_id")
        .distinct()
        .order_by()
    )
    by_subject: dict[str, set[int]] = {}
    for subject, organization in rows.iterator(chunk_size=5000):
        by_subject.setdefault(subject, set()).add(organization)
    return by_subject


def pairs_sharing(organizations: set[int]) -> list[tuple[int, int]]:
    """The pairs one subject ties: every two of its organizations, none when it has too many."""
    if not 1 < len(organizations) <= MOST_ORGANIZATIONS_SHARING:
        return []
    ordered = sorted(organizations)
    return [(first, second) for index, first in enumerate(ordered) for second in ordered[index + 1 :]]


def shared(network_id: int, start: date, end: date, up_to: int | None = None) -> Counter[tuple[int, int]]:
    """Ties of co-participation: every pair of organizations whose people share a subject in the period."""
    counted: Counter[tuple[int, int]] = Counter()
    for organizations in subjects(network_id, start, end, up_to).values():
        counted.update(pairs_sharing(organizations))
    return counted


def build(counted: Mapping[tuple[int, int], int]) -> nx.Graph:
    """The graph of the weighted ties, its organizations and ties in the order of their ids: the same ties
    make the same graph, whichever order they were counted in (the sampled betweenness and the layout
    depend on the order)."""
    graph = nx.Graph()
    graph.add_nodes_from(sorted({pk for pair in counted for pk in pair}))
    graph.add_edges_from((first, second, {"weight": counted[first, second]}) for first, second in sorted(counted))
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
    scores = betweenness(graph, k=k, seed=7) if edges else {}
    return {
        "organizations": graph.number_of_nodes(),
        "ties": edges,
        "components": nx.number_connected_components(graph) if edges else 0,
        "cross_sector_percent": round(100 * crossing_sectors / edges, 1) if edges else None,
        "periphery_ties": periphery_ties,
        "periphery_to_centre": to_centre,
        "connectors": [pk for pk, _score in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:top]],
    }


# A graph of at most this many organizations, with ties this dense on average, has its betweenness
# counted with matrices (numpy), many times faster than networkx's loop over the edges in Python there;
# sparser or bigger graphs go to networkx, whose loop is the faster then (docs/benchmarks.md).
MOST_ORGANIZATIONS_AS_MATRIX = 3000
FEWEST_TIES_PER_ORGANIZATION_AS_MATRIX = 16
SOURCES_AT_ONCE = 256


def betweenness(graph: nx.Graph, k: int | None = None, seed: int = 7) -> dict[int, float]:
    """networkx's betweenness_centrality(graph, k=k, seed=seed): the same sampled sources, the same
    normalization, the same values but for the last digits of rounding (a test compares them)."""
    nodes = list(graph.nodes)
    n = len(nodes)
    dense = graph.number_of_edges() * 2 >= FEWEST_TIES_PER_ORGANIZATION_AS_MATRIX * n
    if n > MOST_ORGANIZATIONS_AS_MATRIX or not dense or n < 3:
        return nx.betweenness_centrality(graph, k=k, seed=seed)
    index = {pk: i for i, pk in enumerate(nodes)}
    adjacency = np.zeros((n, n))
    for a, b in graph.edges:
        adjacency[index[a], index[b]] = adjacency[index[b], index[a]] = 1.0
    sources = nodes if k is None else random.Random(seed).sample(nodes, k)  # as networkx's seed picks them
    chosen = np.array([index[pk] for pk in sources])
    totals = np.zeros(n)
    for begin in range(0, len(chosen), SOURCES_AT_ONCE):
        totals += _dependencies(adjacency, chosen[begin : begin + SOURCES_AT_ONCE])
    scores = _rescaled(totals, n, None if k is None else set(chosen.tolist()), k)
    return {pk: float(scores[i]) for i, pk in enumerate(nodes)}


def _dependencies(adjacency: np.ndarray, sources: np.ndarray) -> np.ndarray:
    """Brandes' algorithm for many sources at once, a row each: breadth-first by levels counting the
    shortest paths (sigma), then the dependencies accumulated from the farthest level back."""
    rows = np.arange(len(sources))
    sigma = np.zeros((len(sources), adjacency.shape[0]))
    sigma[rows, sources] = 1.0
    distance = np.full(sigma.shape, -1, dtype=np.int32)
    distance[rows, sources] = 0
    frontier, depth = sigma.copy(), 0
    while True:
        reached = frontier @ adjacency
        new = (distance < 0) & (reached > 0)
        if not new.any():
            break
        depth += 1
        distance[new] = depth
        frontier = np.where(new, reached, 0.0)
        sigma += frontier
    delta = np.zeros_like(sigma)
    paths = np.where(sigma > 0, sigma, 1.0)
    for level in range(depth, 0, -1):
        coefficient = np.where(distance == level, (1.0 + delta) / paths, 0.0)
        delta += np.where(distance == level - 1, sigma * (coefficient @ adjacency), 0.0)
    delta[rows, sources] = 0.0
    return delta.sum(axis=0)


def _rescaled(totals: np.ndarray, n: int, sampled: set[int] | None, k: int | None) -> np.ndarray:
    """networkx's normalization (endpoints excluded): by the pairs a path through a node could join."""
    others = n - 1
    if others < 2:
        return totals
    if k is None:
        return totals * (1 / (others * (others - 1)))
    source_scale = 1 / ((k - 1) * (others - 1)) if k > 1 else float("nan")
    other_scale = 1 / (k * (others - 1))
    scale = np.full(n, other_scale)
    scale[list(sampled or ())] = source_scale
    return totals * scale


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
