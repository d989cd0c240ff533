"""Rebuilding the summaries the dashboards read (docs/insights.md, "How the numbers stay fast").

DailyActivity is kept current by every activity.record; the refresh recounts the days asked for from
the Activity table (to repair anything written around the service), and rebuilds the people counts and
the catalogue's values, which change with everything and are cheaper to recount than to follow.
A housekeeping chore runs it every INSIGHTS_REFRESH_SECONDS; `manage.py refresh_insights` on demand.
"""

import time
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from datetime import time as time_of_day

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from hevruta.directory.models import (
    LEADING_POSITION_ROLES,
    SENIOR_POSITION_ROLES,
    Network,
    Person,
    Position,
    Visibility,
)
from hevruta.programs.models import Enrollment, Program

from . import graph as network_graph
from . import graph_ties, measures
from .models import Activity, DailyActivity, MeasureValue, NetworkGraph, PeopleCount, Refresh

DIMENSIONS = ("subject", "role", "tier", "district", "cluster", "locality")
TEACHER, LEADING, SENIOR, OTHER = "teacher", "leading", "senior", "other"


def school_year(on: date) -> tuple[date, date]:
    """The school year (September to August) that the day falls in: the dashboards' default period."""
    start_year = on.year if on.month >= 9 else on.year - 1
    return date(start_year, 9, 1), date(start_year + 1, 8, 31)


def recount_days(start: date, end: date) -> int:
    """Replaces the daily summaries from start to end (inclusive) by a count of the Activity table."""
    since = timezone.make_aware(datetime.combine(start, time_of_day.min))
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time_of_day.min))
    rows = (
        Activity.objects.filter(occurred_at__gte=since, occurred_at__lt=until)
        .annotate(day=TruncDate("occurred_at"))
        .values("day", "network_id", "program_id", "kind", "peripherality_cluster")
        .annotate(count=Count("pk"))
        .order_by()
    )
    summaries = [
        DailyActivity(
            day=row["day"],
            network_id=row["network_id"],
            program_id=row["program_id"],
            kind=row["kind"],
            cluster=row["peripherality_cluster"] or 0,
            count=row["count"],
        )
        for row in rows
    ]
    with transaction.atomic():
        DailyActivity.objects.filter(day__gte=start, day__lte=end).delete()
        DailyActivity.objects.bulk_create(summaries, batch_size=2000)
    return len(summaries)


def _tier_of(people):  # type: ignore[no-untyped-def]
    """Each person once: senior above leading above teacher (seed document 002's pie chart)."""
    today = timezone.localdate()
    current = Position.objects.filter(person=OuterRef("pk")).filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    return people.alias(
        is_senior=Exists(current.filter(Q(role__in=SENIOR_POSITION_ROLES) | Q(is_senior=True))),
        is_leading=Exists(current.filter(role__in=LEADING_POSITION_ROLES)),
        is_teacher=Exists(current.filter(role="teacher")),
    ).aggregate(
        senior=Count("pk", filter=Q(is_senior=True)),
        leading=Count("pk", filter=Q(is_senior=False, is_leading=True)),
        teacher=Count("pk", filter=Q(is_senior=False, is_leading=False, is_teacher=True)),
        everyone=Count("pk"),
    )


def people_counts(people, **scope) -> list[PeopleCount]:  # type: ignore[no-untyped-def]
    """The people by subject, role, tier, district and peripherality cluster; counted ids, no duplicates."""
    today = timezone.localdate()
    rows: list[PeopleCount] = []

    def add(dimension: str, pairs) -> None:  # type: ignore[no-untyped-def]
        rows.extend(PeopleCount(dimension=dimension, value=str(v), count=c, **scope) for v, c in pairs if c)

    ids = people.values("pk")
    add(
        "subject",
        Person.subjects.through.objects.filter(person_id__in=ids)
        .values_list("subject_id")
        .annotate(n=Count("person_id", distinct=True))
        .order_by(),
    )
    positions = Position.objects.filter(person_id__in=ids).filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    add("role", positions.values_list("role").annotate(n=Count("person_id", distinct=True)).order_by())
    add(
        "district",
        Person.objects.filter(pk__in=ids).values_list("locality__district").annotate(n=Count("pk")).order_by(),
    )
    add(
        "cluster",
        Person.objects.filter(pk__in=ids)
        .values_list("locality__peripherality_cluster")
        .annotate(n=Count("pk"))
        .order_by(),
    )
    tiers = _tier_of(Person.objects.filter(pk__in=ids))
    everyone = tiers.pop("everyone")
    add("tier", [*tiers.items(), (OTHER, everyone - sum(tiers.values()))])
    return rows


def counted_members(network: Network):  # type: ignore[no-untyped-def]
    """The members a network's managers see: a private profile ("only me") is counted by nobody."""
    return Person.objects.filter(memberships__network=network).exclude(profile_visibility=Visibility.PRIVATE)


def counted_participants(program: Program):  # type: ignore[no-untyped-def]
    enrolled = Enrollment.objects.filter(cohort__program=program).values("person_id")
    return Person.objects.filter(pk__in=enrolled).exclude(profile_visibility=Visibility.PRIVATE)


def _measure_values(scope: Network | Program, start: date, end: date, **owner) -> list[MeasureValue]:  # type: ignore[no-untyped-def]
    values = []
    for measure in measures.catalogue():
        value = measure.compute(scope, start, end)
        if value is not None:
            values.append(MeasureValue(key=measure.key, value=float(value), **owner))
    return values


def refresh_all(days: int = 2, on: date | None = None, full: bool = False) -> Refresh:
    """Recounts the last `days` days and rebuilds people counts and measures for every network and program;
    adds the activity recorded since the last refresh to the graphs' partial counts and redraws the graphs
    it changed (all of them recounted when `full`, the first time, or when a new school year begins)."""
    started = time.monotonic()
    on = on or timezone.localdate()
    recount_days(on - timedelta(days=days - 1), on)
    start, end = school_year(on)
    people: list[PeopleCount] = []
    values: list[MeasureValue] = []
    for network in Network.objects.all():
        people += people_counts(counted_members(network), network=network, program=None)
        values += _measure_values(network, start, end, network=network, program=None)
    for program in Program.objects.select_related("network"):
        people += people_counts(counted_participants(program), network=None, program=program)
        values += _measure_values(program, start, end, network=None, program=program)
    with transaction.atomic():
        up_to = _fold_graphs(on, full)
        PeopleCount.objects.all().delete()
        PeopleCount.objects.bulk_create(people, batch_size=2000)
        MeasureValue.objects.all().delete()
        MeasureValue.objects.bulk_create(values, batch_size=2000)
        return Refresh.objects.create(
            finished_at=timezone.now(), seconds=time.monotonic() - started, last_activity=up_to
        )


def graph_years(on: date) -> tuple[date, date]:
    """The school years whose graphs are kept: this one and the last, for the change year over year."""
    this_start = school_year(on)[0]
    return this_start, school_year(this_start - timedelta(days=1))[0]


def _fold_graphs(on: date, full: bool) -> int:
    """Brings the graphs up to the newest activity; returns the highest Activity id they count."""
    Refresh.objects.select_for_update().first()  # one refresh folds at a time
    previous = Refresh.objects.first()  # read again: the refresh waited for may have just written one
    up_to = Activity.objects.aggregate(newest=Max("pk"))["newest"] or 0
    years = graph_years(on)
    networks = Network.objects.in_bulk()
    kept = set(NetworkGraph.objects.values_list("network_id", "year_start"))
    if full or previous is None or not previous.last_activity or any(year not in years for _pk, year in kept):
        NetworkGraph.objects.all().delete()
        for network in networks.values():
            for year in years:
                _save_graph(network, year, graph_ties.recount(network.pk, year, school_year(year)[1], up_to))
        return up_to
    changed = graph_ties.add_new_activity(previous.last_activity, up_to, years)
    for (network_id, year), weights in changed.items():
        _save_graph(networks[network_id], year, weights)
    for network_id, network in networks.items():  # a network new since the last refresh
        for year in years:
            if (network_id, year) not in kept and (network_id, year) not in changed:
                _save_graph(network, year, graph_ties.weights_of(network_id, year))
    return up_to


def _save_graph(network: Network, year: date, weights: Mapping[tuple[int, int], int]) -> None:
    graph = network_graph.build(weights)
    drawn = network_graph.drawn_part(graph)
    NetworkGraph.objects.update_or_create(
        network=network,
        year_start=year,
        defaults={
            "drawing": network_graph.draw(drawn, network_graph.layout(drawn), network.name),
            "measures": network_graph.measures(graph),
        },
    )


def refresh_interval() -> timedelta:
    return timedelta(seconds=settings.INSIGHTS_REFRESH_SECONDS)


def refresh_if_due() -> Refresh | None:
    """The housekeeping chore: a refresh when the last is older than the interval; indicators daily.

    The day's first refresh recounts the graphs in full: it repairs overnight what the increments cannot
    see (a row committed after a refresh that had already passed its id, a row changed after it was
    counted, an organization that changed sector)."""
    last = Refresh.objects.first()
    if last is not None and timezone.now() - last.finished_at < refresh_interval():
        return None
    from hevruta.outcomes.services import refresh_computed_indicators

    refresh_computed_indicators()
    first_today = last is None or timezone.localdate(last.finished_at) != timezone.localdate()
    return refresh_all(full=first_today)
