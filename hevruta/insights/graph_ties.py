"""The graphs' partial counts (GraphTie, SharedSubject): each refresh adds the activity recorded since the
last one to the ties of its school year, instead of recounting the year (docs/insights.md, "How the
numbers stay fast"). `recount` builds them from the Activity table; a test checks that adding day after
day gives what a recount gives.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from datetime import time as time_of_day

from django.db.models import Q
from django.utils import timezone

from . import graph
from .measures import period
from .models import Activity, GraphTie, SharedSubject

Key = tuple[int, date]  # a network's id and the first day of a school year
Pair = tuple[int, int]  # two organizations' ids, the smaller first
# Rows written or deleted at once: under SQLite's limit of variables in one statement.
BATCH = 900


def recount(network_id: int, year: date, year_end: date, up_to: int) -> Counter[Pair]:
    """A year's ties counted from the Activity table (ids up to `up_to`), kept as the partial counts."""
    by_subject = graph.subjects(network_id, year, year_end, up_to)
    counted = graph.ties(network_id, year, year_end, up_to)
    for organizations in by_subject.values():
        counted.update(graph.pairs_sharing(organizations))
    GraphTie.objects.filter(network_id=network_id, year_start=year).delete()
    SharedSubject.objects.filter(network_id=network_id, year_start=year).delete()
    GraphTie.objects.bulk_create(
        (
            GraphTie(network_id=network_id, year_start=year, first_id=a, second_id=b, weight=weight)
            for (a, b), weight in counted.items()
        ),
        batch_size=BATCH,
    )
    SharedSubject.objects.bulk_create(
        (
            SharedSubject(network_id=network_id, year_start=year, subject=subject, organization_id=organization)
            for subject, organizations in by_subject.items()
            for organization in organizations
        ),
        batch_size=BATCH,
    )
    return counted


def add_new_activity(since: int, up_to: int, years: Iterable[date]) -> dict[Key, dict[Pair, int]]:
    """Adds the Activity rows with ids in (since, up_to] to their school year's ties; returns, for each
    network and year whose ties changed, all its ties with their weights."""
    direct, joined = _new_ties(since, up_to, sorted(years))
    changed: dict[Key, dict[Pair, int]] = {}
    for key in sorted(direct.keys() | joined.keys()):
        delta = direct.get(key, Counter()) + Counter()  # a copy
        delta.update(_shared_delta(key, joined.get(key, {})))
        weights = _apply(key, delta)
        if weights is not None:
            changed[key] = weights
    return changed


def _new_ties(
    since: int, up_to: int, years: list[date]
) -> tuple[dict[Key, Counter[Pair]], dict[Key, dict[str, set[int]]]]:
    """The new rows' direct ties, and the organizations newly seen in each subject, by network and year."""
    starts = [timezone.make_aware(datetime.combine(year, time_of_day.min)) for year in years]
    year_ends = [period(year, _year_end(year))["occurred_at__lt"] for year in years]
    rows = (
        Activity.objects.filter(pk__gt=since, pk__lte=up_to, network__isnull=False, organization__isnull=False)
        .filter(Q(counterpart__isnull=False) | Q(kind__in=graph.CO_PARTICIPATION) & ~Q(subject=""))
        .values_list("network_id", "occurred_at", "organization_id", "counterpart_id", "kind", "subject")
        .order_by()
    )
    direct: dict[Key, Counter[Pair]] = defaultdict(Counter)
    joined: dict[Key, dict[str, set[int]]] = defaultdict(dict)
    for network_id, when, organization, counterpart, kind, subject in rows.iterator(chunk_size=5000):
        year = next((y for y, s, e in zip(years, starts, year_ends, strict=True) if s <= when < e), None)
        if year is None:
            continue  # a year whose graph is not kept
        if counterpart is not None and counterpart != organization:
            direct[network_id, year][min(organization, counterpart), max(organization, counterpart)] += 1
        if kind in graph.CO_PARTICIPATION and subject:
            joined[network_id, year].setdefault(subject, set()).add(organization)
    return direct, joined


def _year_end(year: date) -> date:
    return date(year.year + 1, 8, 31)


def _shared_delta(key: Key, joined: dict[str, set[int]]) -> Counter[Pair]:
    """How co-participation ties change as organizations join subjects: a subject's pairs before are
    taken away and its pairs after added (a subject passing 40 organizations ties none any more)."""
    network_id, year = key
    subjects = sorted(joined)
    before: dict[str, set[int]] = defaultdict(set)
    for begin in range(0, len(subjects), BATCH):
        rows = SharedSubject.objects.filter(
            network_id=network_id, year_start=year, subject__in=subjects[begin : begin + BATCH]
        ).values_list("subject", "organization_id")
        for subject, organization in rows:
            before[subject].add(organization)
    delta: Counter[Pair] = Counter()
    added = []
    for subject in subjects:
        after = before[subject] | joined[subject]
        if after == before[subject]:
            continue
        delta.subtract(graph.pairs_sharing(before[subject]))
        delta.update(graph.pairs_sharing(after))
        added += [
            SharedSubject(network_id=network_id, year_start=year, subject=subject, organization_id=organization)
            for organization in after - before[subject]
        ]
    SharedSubject.objects.bulk_create(added, batch_size=BATCH)
    return delta


def _apply(key: Key, delta: Counter[Pair]) -> dict[Pair, int] | None:
    """Writes the changed ties' weights; returns all the year's ties, or None when none changed."""
    network_id, year = key
    changes = {pair: change for pair, change in delta.items() if change}
    if not changes:
        return None
    rows = GraphTie.objects.filter(network_id=network_id, year_start=year).values_list(
        "pk", "first_id", "second_id", "weight"
    )
    weights: dict[Pair, int] = {}
    ids: dict[Pair, int] = {}
    for pk, first, second, weight in rows.iterator(chunk_size=5000):
        weights[first, second] = weight
        ids[first, second] = pk
    for pair, change in changes.items():
        weight = weights.pop(pair, 0) + change
        if weight < 0:
            raise ValueError(f"tie {pair} of {key} would weigh {weight}: recount the graphs")
        if weight:
            weights[pair] = weight
    stale = [ids[pair] for pair in changes if pair in ids]
    for begin in range(0, len(stale), BATCH):
        GraphTie.objects.filter(pk__in=stale[begin : begin + BATCH]).delete()
    GraphTie.objects.bulk_create(
        (
            GraphTie(network_id=network_id, year_start=year, first_id=a, second_id=b, weight=weights[a, b])
            for a, b in changes
            if (a, b) in weights
        ),
        batch_size=BATCH,
    )
    return weights


def weights_of(network_id: int, year: date) -> dict[Pair, int]:
    rows = GraphTie.objects.filter(network_id=network_id, year_start=year).values_list(
        "first_id", "second_id", "weight"
    )
    return {(first, second): weight for first, second, weight in rows.iterator(chunk_size=5000)}
