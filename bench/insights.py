"""Insights at national scale: dashboards, the summaries' refresh, the organization graph and the PDF report.

    nice -n 10 .venv/bin/python -m bench.insights [--people 250000] [--events 10000000] [--requests 40]
    nice -n 10 .venv/bin/python -m bench.insights --prepare   # make the data only, then time it apart

Generates (in var/bench/insights.sqlite3, or DATABASE_URL) one network of `--people` members with
positions, subjects and localities, one program of a twentieth of them, and `--events` activity events
over five years, written straight into the Activity table (COPY on PostgreSQL, executemany on SQLite)
with their daily summaries counted in numpy, as the refresh would count them. Then, logged in as the
network's manager through Django's full request stack (test client, middleware, session, template):

- the network dashboard and the program dashboard, p50/p95, their SQL time and queries, beside the bare
  view (middleware only), at a tenth of the events and at all of them (the pages must stay flat);
- beside each, the naive way: the same numbers counted straight over Activity and the people on the
  request, as a dashboard without summary tables would;
- the full recount (the refresh as it was before the graphs kept partial counts), then, after a day's
  100,000 new events, the day's summaries recounted and the incremental refresh (people, the catalogue's
  measures, the new activity added to the graphs' ties), with the people counts and measures timed apart;
- graph.measures on this school year's graph and on 5,000 random organizations, each beside networkx's
  betweenness alone on the same graph;
- the network's PDF report: time and size.

Each timing prints wall and CPU time (this process; PostgreSQL's own work is not in it) and the load.
With --prepare it only makes the data (long, and not timed: run it outside the bench lock); a run on
a prepared database then skips the tenth and times the rest. Writes its section of docs/benchmarks.md.
"""

import argparse
import os
import resource
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from bench.report import table, write_section

ROOT = Path(__file__).resolve().parent.parent
YEARS = 5
# Kinds in the shares a national network might see; those with a counterpart tie two organizations,
# those with a subject tie organizations whose people share it (graph.CO_PARTICIPATION).
KINDS = [
    ("knowledge.resource_used", 0.30),
    ("events.attended", 0.25),
    ("communities.posted", 0.15),
    ("communities.joined", 0.05),
    ("programs.enrolled", 0.03),
    ("mentoring.meeting_logged", 0.12),
    ("consultations.asked", 0.03),
    ("consultations.helped", 0.04),
    ("knowledge.resource_published", 0.03),
]
TIES = {"mentoring.meeting_logged", "consultations.helped"}
SHARED = {
    "events.attended": "events.event",
    "communities.joined": "communities.community",
    "programs.enrolled": "programs.cohort",
}
ORGANIZATIONS = 2_000
LOCALITIES = 300
CHUNK = 500_000


class Clock:
    """Wall and CPU time of a block, printed."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> "Clock":
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu
        print(f"{self.name}: {self.wall:.1f} s wall, {self.cpu:.1f} s CPU, load {os.getloadavg()[0]:.1f}", flush=True)

    def __str__(self) -> str:
        return f"{self.wall:.1f} s (CPU {self.cpu:.1f} s)"


def insert(model: Any, columns: dict[str, Any], count: int) -> None:
    """Writes `count` rows of the model's table at once: the given columns (lists or arrays, one value
    per row), every other column its field's default. COPY on PostgreSQL, executemany on SQLite."""
    from django.db import connection, transaction
    from django.utils import timezone

    now = timezone.now()
    given = dict(columns)
    for field in model._meta.concrete_fields:
        if field.column in given or field.primary_key:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value: Any = now.date() if field.get_internal_type() == "DateField" else now
        elif field.null:
            continue
        else:
            value = field.get_default()
        given[field.column] = [field.get_db_prep_save(value, connection)] * count
    names = list(given)
    values = [given[name].tolist() if isinstance(given[name], np.ndarray) else given[name] for name in names]
    rows = zip(*values, strict=True)
    table = connection.ops.quote_name(model._meta.db_table)
    quoted = ", ".join(connection.ops.quote_name(name) for name in names)
    with transaction.atomic(), connection.cursor() as cursor:  # one commit, not one a row
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in names)
            cursor.cursor.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", rows)


@contextmanager
def without_indexes(table: str) -> Iterator[None]:
    """A bulk load drops the table's indexes and builds them again after: nine indexes kept up row by row
    cost several times the load itself."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT LIKE %s",
                [table, "%_pkey"],
            )
        else:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s", [table])
        indexes = [(name, sql) for name, sql in cursor.fetchall() if sql]
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        for _name, sql in indexes:
            cursor.execute(sql)
        cursor.execute(f"ANALYZE {table}")


def ids(model: Any) -> np.ndarray:
    return np.array(model.objects.order_by("pk").values_list("pk", flat=True))


class World:
    """The network, its program, people and organizations the events are drawn from."""

    def __init__(self, people: int) -> None:
        from django.contrib.auth import get_user_model
        from django.db import transaction

        from hevruta.directory.models import Locality, Network, Organization, Person, Sector, Subject
        from hevruta.programs.models import Cohort, Enrollment, Program

        rng = np.random.default_rng(7)
        self.network = Network.objects.filter(slug="bench-insights").first()
        if self.network is None:
            with transaction.atomic():
                self.network = Network.objects.create(name="רשת ארצית", slug="bench-insights", is_public=False)
                if Locality.objects.count() < LOCALITIES:
                    clusters = rng.integers(1, 11, LOCALITIES)
                    Locality.objects.bulk_create(
                        Locality(
                            cbs_code=900_000 + n,
                            name_he=f"יישוב {n}",
                            district=int(rng.integers(1, 7)),
                            latitude=29.5 + 3.5 * float(rng.random()),
                            longitude=34.3 + 1.4 * float(rng.random()),
                            population=int(rng.integers(500, 200_000)),
                            peripherality_cluster=int(clusters[n]),
                        )
                        for n in range(LOCALITIES)
                    )
                if Subject.objects.count() < 12:
                    Subject.objects.bulk_create(Subject(slug=f"bench-{n}", name_he=f"מקצוע {n}") for n in range(12))
                localities = ids(Locality)
                sectors = Sector.values
                Organization.objects.bulk_create(
                    Organization(
                        name=f"בית ספר {n}",
                        kind="school",
                        sector=sectors[n % len(sectors)],
                        locality_id=int(rng.choice(localities)),
                    )
                    for n in range(ORGANIZATIONS)
                )
                self._people(people, rng)
                program = Program.objects.create(network=self.network, slug="bench-insights-program", name_he="תוכנית")
                cohort = Cohort.objects.create(
                    program=program, name="מחזור א", start_date=date(2024, 9, 1), end_date=date(2026, 6, 30)
                )
                participants = ids(Person)[: people // 20]
                insert(
                    Enrollment,
                    {"cohort_id": [cohort.pk] * len(participants), "person_id": participants},
                    len(participants),
                )
        self.program = Program.objects.get(slug="bench-insights-program")
        self.user = get_user_model().objects.get(email="bench-insights-manager@example.org")
        organizations = Organization.objects.filter(name__startswith="בית ספר ").order_by("pk")
        pairs = list(organizations.values_list("pk", "locality__peripherality_cluster", "locality_id", "sector"))
        self.organizations = np.array([p[0] for p in pairs])
        self.org_cluster = np.array([p[1] or 0 for p in pairs])
        self.org_locality = np.array([p[2] for p in pairs])
        self.org_sector = np.array([p[3] for p in pairs], dtype=object)
        self.people = ids(Person)

    def _people(self, people: int, rng: np.random.Generator) -> None:
        from django.contrib.auth import get_user_model

        from hevruta.directory.models import Locality, NetworkMembership, Organization, Person, Position, Subject

        user = get_user_model().objects.create_user(email="bench-insights-manager@example.org", password="x" * 12)
        manager = Person.objects.create(user=user, given_name="מנהלת", family_name="רשת", email=user.email)
        localities = ids(Locality)
        first = (Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        n = people - 1
        visibility = rng.choice(["network", "public", "private"], n, p=[0.6, 0.35, 0.05]).astype(object)
        insert(
            Person,
            {
                "id": np.arange(first, first + n),
                "given_name": ["מורה"] * n,
                "family_name": [f"{i}" for i in range(n)],
                "locality_id": rng.choice(localities, n),
                "profile_visibility": visibility,
            },
            n,
        )
        everyone = np.concatenate([[manager.pk], np.arange(first, first + n)])
        roles = ["manager"] + ["member"] * n
        insert(
            NetworkMembership, {"network_id": [self.network.pk] * people, "person_id": everyone, "role": roles}, people
        )
        # Document 002's pie chart: about 20% leading teachers, 2–4% senior posts, the rest teachers.
        chosen = rng.choice(
            ["teacher", "subject_coordinator", "instructor", "senior_teacher"], people, p=[0.77, 0.13, 0.07, 0.03]
        ).astype(object)
        insert(
            Position,
            {
                "person_id": everyone,
                "organization_id": rng.choice(ids(Organization), people),
                "role": chosen,
                "is_senior": chosen == "senior_teacher",
            },
            people,
        )
        subjects = ids(Subject)
        through = Person.subjects.through
        insert(through, {"person_id": everyone, "subject_id": rng.choice(subjects, people)}, people)


def day_strings(first: date, days: int) -> list[str]:
    return [(first + timedelta(days=d)).isoformat() for d in range(days)]


class Events:
    """Activity rows drawn in numpy, written in chunks; their daily summaries counted as they go."""

    def __init__(self, world: World, first: date) -> None:
        from django.db import connection

        self.world = world
        self.first = first
        self.days = (date.today() - first).days + 1
        self.kinds = [kind for kind, _share in KINDS]
        shares = np.array([share for _kind, share in KINDS])
        self.shares = shares / shares.sum()
        self.dates = day_strings(first, self.days)
        # Local times between 03:00 and 21:00 stored as UTC two hours earlier: the local day is the same
        # whether Israel is on winter (+2) or summer (+3) time, so the summaries' days are known here.
        self.times = [f"{s // 3600:02}:{s // 60 % 60:02}:{s % 60:02}" for s in range(86_400)]
        self.utc = "+00" if connection.vendor == "postgresql" else ""
        self.counts = np.zeros(self.days * 2 * len(self.kinds) * 11, dtype=np.int64)
        self.rng = np.random.default_rng(11)

    def add(self, count: int, *, today: bool = False) -> None:
        with without_indexes("insights_activity"):
            for start in range(0, count, CHUNK):
                self._chunk(min(CHUNK, count - start), today)

    def _chunk(self, n: int, today: bool) -> None:
        from hevruta.insights.models import Activity

        rng, world = self.rng, self.world
        day = np.full(n, self.days - 1) if today else rng.integers(0, self.days, n)
        seconds = rng.integers(3 * 3600, 21 * 3600, n) - 7200
        kind = rng.choice(len(self.kinds), n, p=self.shares)
        org = rng.integers(0, len(world.organizations), n)
        in_program = rng.random(n) < 0.1
        cluster = world.org_cluster[org]
        kinds = np.array(self.kinds, dtype=object)[kind]
        ties = np.isin(kind, [self.kinds.index(k) for k in TIES])
        counterpart = world.organizations[rng.integers(0, len(world.organizations), n)].astype(object)
        counterpart[~ties] = None
        subject = np.full(n, "", dtype=object)
        for shared, label in SHARED.items():
            where = kind == self.kinds.index(shared)
            # An event or community of about 20 people: subjects few enough that organizations share them.
            subject[where] = [f"{label}:{k}" for k in rng.integers(0, max(1, len(self.dates) * 40), where.sum())]
        program = np.where(in_program, world.program.pk, None).astype(object)
        occurred = [
            self.dates[d] + " " + self.times[s] + self.utc for d, s in zip(day.tolist(), seconds.tolist(), strict=True)
        ]
        insert(
            Activity,
            {
                "kind": kinds,
                "occurred_at": occurred,
                "person_id": world.people[rng.integers(0, len(world.people), n)],
                "organization_id": world.organizations[org],
                "counterpart_id": counterpart,
                "network_id": [world.network.pk] * n,
                "program_id": program,
                "locality_id": world.org_locality[org],
                "peripherality_cluster": np.where(cluster > 0, cluster, None).astype(object),
                "sector": world.org_sector[org],
                "subject": subject,
            },
            n,
        )
        key = ((day * 2 + in_program) * len(self.kinds) + kind) * 11 + cluster
        self.counts += np.bincount(key, minlength=len(self.counts))

    def write_summaries(self) -> None:
        """DailyActivity as activity.record and the refresh keep it: one row per day, network, program, kind
        and cluster. A program's activity is also its network's (the network's row counts it too)."""
        from django.db import transaction

        from hevruta.insights.models import DailyActivity

        keys = np.nonzero(self.counts)[0]
        cluster, rest = keys % 11, keys // 11
        kind, rest = rest % len(self.kinds), rest // len(self.kinds)
        in_program, day = rest % 2, rest // 2
        n = len(keys)
        with transaction.atomic():
            DailyActivity.objects.all().delete()
            insert(
                DailyActivity,
                {
                    "day": [self.dates[d] for d in day.tolist()],
                    "network_id": [self.world.network.pk] * n,
                    "program_id": np.where(in_program == 1, self.world.program.pk, None).astype(object),
                    "kind": np.array(self.kinds, dtype=object)[kind],
                    "cluster": cluster,
                    "count": self.counts[keys],
                },
                n,
            )


def timed(client: Any, url: str, requests: int) -> dict:
    from django.db import connection, reset_queries

    totals, sql = [], []
    assert client.get(url).status_code == 200, url
    for _ in range(requests):
        reset_queries()
        started = time.perf_counter()
        assert client.get(url).status_code == 200
        totals.append((time.perf_counter() - started) * 1000)
        sql.append(sum(float(q["time"]) for q in connection.queries) * 1000)
    return {
        "p50": statistics.median(totals),
        "p95": statistics.quantiles(totals, n=20)[-1],
        "sql": statistics.median(sql),
        "queries": len(connection.queries),
    }


def repeat(work: Callable[[], object], times: int) -> dict:
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    return {
        "p50": statistics.median(samples),
        "p95": max(samples) if times < 20 else statistics.quantiles(samples, n=20)[-1],
    }


def naive(scope: Any, start: date, end: date) -> Callable[[], object]:
    """What a dashboard would do without the summaries: count the period's activity by kind and cluster,
    and the people by every dimension, on the request."""
    from django.db.models import Count

    from hevruta.directory.models import Network
    from hevruta.insights.measures import activity_in
    from hevruta.insights.refresh import counted_members, counted_participants, people_counts

    def work() -> object:
        rows = list(
            activity_in(scope, start, end).values("kind", "peripherality_cluster").annotate(n=Count("pk")).order_by()
        )
        people = counted_members(scope) if isinstance(scope, Network) else counted_participants(scope)
        return rows, people_counts(people)

    return work


def pages(client: Any, world: World, requests: int, naive_runs: int) -> list[list[object]]:
    from hevruta.insights.refresh import school_year

    start, end = school_year(date.today())
    rows = []
    for name, url, scope in (
        ("bare view", "/bench/bare/", None),
        ("network dashboard", f"/insights/network/{world.network.slug}/", world.network),
        ("program dashboard", f"/insights/program/{world.program.slug}/", world.program),
    ):
        result = timed(client, url, requests)
        counted = repeat(naive(scope, start, end), naive_runs) if scope is not None else None
        print(name, result, "naive", counted, flush=True)
        rows.append(
            [
                name,
                f"{result['p50']:.0f}",
                f"{result['p95']:.0f}",
                f"{result['sql']:.0f}",
                result["queries"],
                f"{counted['p50']:,.0f}" if counted else "—",
            ]
        )
    return rows


def graph_at_scale(organizations: int = 5_000, ties: int = 15_000) -> tuple[Clock, Clock, str]:
    """graph.measures on a random graph of a national network's size, beside networkx's own betweenness."""
    import networkx as nx

    rng = np.random.default_rng(3)
    built = nx.Graph()
    for pk in range(organizations):
        built.add_node(pk, sector=("state", "religious", "arab")[pk % 3], cluster=int(rng.integers(1, 11)))
    for a, b in rng.integers(0, organizations, (ties, 2)).tolist():
        if a != b:
            built.add_edge(a, b, weight=1)
    return measured_beside_networkx(built)


def measured_beside_networkx(built: Any) -> tuple[Clock, Clock, str]:
    import networkx as nx

    from hevruta.insights import graph

    size = f"{built.number_of_nodes():,} organizations, {built.number_of_edges():,} ties"
    with Clock(f"graph.measures, {size}") as ours:
        graph.measures(built)
    k = None if built.number_of_nodes() <= 500 else 200
    with Clock("networkx betweenness alone") as theirs:
        nx.betweenness_centrality(built, k=k, seed=7)
    return ours, theirs, size


def peak_memory() -> str:
    """The process's peak resident memory so far."""
    return f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB"


def refresh_parts(on: date) -> dict[str, Clock]:
    """What the refresh does besides the graphs, timed apart: the people counts and the catalogue's measures
    of every network and program (both still recounted at every refresh)."""
    from hevruta.directory.models import Network
    from hevruta.insights.refresh import (
        _measure_values,
        counted_members,
        counted_participants,
        people_counts,
        school_year,
    )
    from hevruta.programs.models import Program

    start, end = school_year(on)
    scopes = [*Network.objects.all(), *Program.objects.all()]
    with Clock("people counts of every network and program") as people:
        for scope in scopes:
            people_counts(counted_members(scope) if isinstance(scope, Network) else counted_participants(scope))
    with Clock("the catalogue's measures of every network and program") as values:
        for scope in scopes:
            _measure_values(scope, start, end)
    return {"people": people, "measures": values}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=250_000)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--naive-runs", type=int, default=3)
    parser.add_argument(
        "--prepare", action="store_true", help="only make the people and events (no timing: needs no bench lock)"
    )
    args = parser.parse_args()
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    given_url = f"DATABASE_URL={os.environ['DATABASE_URL']} " if "DATABASE_URL" in os.environ else ""
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'insights.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from hevruta.insights.models import Activity

    call_command("migrate", verbosity=0)
    prepared = Activity.objects.exists()
    if prepared and args.prepare:
        raise SystemExit("the database already holds activity: remove it to prepare it again")
    if args.prepare:
        world = World(args.people)
        events = Events(world, date.today() - timedelta(days=365 * YEARS))
        with Clock(f"{args.events:,} activity events and their daily summaries"):
            events.add(args.events)
            events.write_summaries()
        return
    run = measure(args, prepared)
    backend = connection.vendor
    write_section(f"insights-{backend}", f"Insights at national scale ({backend})", given_url + run)


def measure(args: argparse.Namespace, prepared: bool) -> str:
    from django.conf import settings
    from django.test import Client

    from hevruta.insights import graph
    from hevruta.insights.refresh import graph_years, recount_days, refresh_all

    load = [os.getloadavg()[0]]
    made: list[str] = []
    with Clock(f"{args.people:,} people, their memberships, positions and subjects") as made_people:
        world = World(args.people)
    events = Events(world, date.today() - timedelta(days=365 * YEARS))
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(world.user)
    settings.DEBUG = True  # the connection keeps each query's time
    tenth = args.events // 10
    header = ["page", "p50 ms", "p95 ms", "SQL ms (median)", "queries", "naive count on the request, ms (p50)"]
    tables = []
    if not prepared:
        made.append(f"people made in {made_people}")
        with Clock(f"{tenth:,} activity events and their daily summaries") as made_tenth:
            events.add(tenth)
            events.write_summaries()
        made.append(f"a tenth of the events in {made_tenth}")
        settings.DEBUG = False
        refresh_all()
        settings.DEBUG = True
        tables += [f"At {tenth:,} events:", "", table(header, pages(client, world, args.requests, args.naive_runs)), ""]
        load.append(os.getloadavg()[0])
        with Clock(f"{args.events - tenth:,} more activity events and the summaries") as made_rest:
            events.add(args.events - tenth)
            events.write_summaries()
        made.append(f"the rest in {made_rest}")
    else:
        made.append("made beforehand with --prepare")
    settings.DEBUG = False
    with Clock("the full recount (the refresh as it was, and the graphs' partial counts written)") as full:
        refresh_all(full=True)
    settings.DEBUG = True
    tables += [f"At {args.events:,} events:", "", table(header, pages(client, world, args.requests, args.naive_runs))]
    load.append(os.getloadavg()[0])
    settings.DEBUG = False
    with Clock("100,000 events of today written") as _written:
        events.add(100_000, today=True)
    with Clock("today's summaries recounted") as day_recount:
        recount_days(date.today(), date.today())
    with Clock("the incremental refresh after them") as day_refresh:
        refresh_all(days=1)
    load.append(os.getloadavg()[0])
    parts = refresh_parts(date.today())
    this_year = graph_years(date.today())[0]
    from hevruta.insights.graph_ties import weights_of

    real = graph.build(weights_of(world.network.pk, this_year))
    real_ours, real_theirs, real_size = measured_beside_networkx(real)
    ours, theirs, graph_size = graph_at_scale()
    with Clock("the network's PDF report") as pdf_clock:
        response = client.get(f"/insights/network/{world.network.slug}/report.pdf")
        assert response.status_code == 200
        pdf = len(response.content)
    load.append(os.getloadavg()[0])
    from django.db import connection

    body = "\n".join(
        [
            f"`nice -n 5 .venv/bin/python -m bench.insights --people {args.people} --events {args.events} "
            f"--requests {args.requests}` on {connection.vendor}: {args.people:,} people, {args.events:,} activity "
            f"events over {YEARS} years ({'; '.join(made)}); load average "
            + ", ".join(f"{x:.1f}" for x in load)
            + f" over the run; peak memory of the process {peak_memory()}. Dashboards for the network's manager "
            f"through Django's test client (full middleware, session, template), {args.requests} requests each; "
            "the naive column counts the school year's activity by kind and cluster and the people by every "
            f"dimension on the request (what the summaries save), {args.naive_runs} runs.",
            "",
            *tables,
            "",
            f"- the full recount of every summary, measure and both years' graphs (what each refresh did before "
            f"the graphs kept partial counts, and the partial counts written): {full}",
            f"- after a day's 100,000 new events: that day's summaries recounted in {day_recount}; the incremental "
            f"refresh (the day, people counts, every catalogue measure over the school year, the new activity "
            f"added to the graphs' ties and the graphs it changed measured and drawn again) in {day_refresh}; "
            f"of it, the people counts {parts['people']} and the catalogue's measures {parts['measures']}",
            f"- this school year's organization graph, {real_size}: graph.measures {real_ours}; networkx's "
            f"betweenness alone on the same graph {real_theirs}",
            f"- a random organization graph, {graph_size}: graph.measures {ours}; networkx's sampled "
            f"betweenness alone {theirs}",
            f"- the network's PDF report: {pdf_clock}, {pdf / 1024:.0f} KiB",
            "",
            "CPU time is this process's only: on PostgreSQL the database's own work is not in it.",
        ]
    )
    print(body)
    return body


if __name__ == "__main__":
    main()
