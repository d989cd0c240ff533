"""Consultation suggestions and the consultation page over a generated national network, in process.

    .venv/bin/python -m bench.consultations [--scale 14.5] [--consultations 20000] [--runs 60]

Generates a network (directory/generate.py: 17,259 people × scale; 14.5 is the national 250,000) in
var/bench/consultations.sqlite3, gives every person two strengths and an area to develop from the
shared topics, every school a strength, and writes consultations (a quarter closed, with a helper
each) by bulk inserts. Then measures, through Django's test client (the full middleware stack):
the bare view, the suggestions for a topic (the function alone, and the API answer), and the page of an
open consultation rendered for its asker (a logged-in member, suggestions included), with the SQL time
of each measured in the same run. Prints and writes p50/p95 to docs/benchmarks.md.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = ROOT / "var" / "bench" / "consultations.sqlite3"


def _setup(fresh: bool) -> None:
    DB.parent.mkdir(parents=True, exist_ok=True)
    if fresh and DB.exists():
        DB.unlink()
    os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hevruta.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.ROOT_URLCONF = "bench.urls"
    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False


def _build(scale: float, consultations: int) -> None:
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from hevruta.consultations.models import Answer, Consultation, ConsultationInvitation, Status, Thread
    from hevruta.directory.generate import generate_network
    from hevruta.directory.models import NetworkOrganization, Organization, Person, Topic

    call_command("migrate", verbosity=0)
    result = generate_network(seed=1, scale=scale)
    print(f"network: {result.people:,} people, {result.organizations:,} schools in {result.seconds:.0f} s")
    rng = random.Random(1)
    topics = list(Topic.objects.values_list("pk", flat=True))
    ids = list(Person.objects.filter(memberships__network=result.network).values_list("pk", flat=True))
    strengths, areas = Person.strengths.through, Person.areas_to_develop.through
    with transaction.atomic():
        batch_s, batch_a = [], []
        for pk in ids:
            picked = rng.sample(topics, 3)
            batch_s += [strengths(person_id=pk, topic_id=t) for t in picked[:2]]
            batch_a.append(areas(person_id=pk, topic_id=picked[2]))
        strengths.objects.bulk_create(batch_s, batch_size=5000)
        areas.objects.bulk_create(batch_a, batch_size=5000)
        schools = list(
            NetworkOrganization.objects.filter(network=result.network).values_list("organization_id", flat=True)
        )
        Organization.strengths.through.objects.bulk_create(
            [Organization.strengths.through(organization_id=o, topic_id=rng.choice(topics)) for o in schools],
            batch_size=5000,
        )
        now = timezone.now()
        rows = []
        for number in range(consultations):
            closed = number % 4 == 0
            rows.append(
                Consultation(
                    network=result.network,
                    asker_id=rng.choice(ids),
                    topic_id=rng.choice(topics),
                    title=f"התייעצות {number}",
                    description="תיאור",
                    thread=Thread.OPEN if number % 2 else Thread.PRIVATE,
                    status=Status.CLOSED if closed else Status.OPEN,
                    opened_at=now,
                    closed_at=now if closed else None,
                    asker_rating=4 if closed else None,
                    outcome="תוצאה" if closed else "",
                )
            )
        made = Consultation.objects.bulk_create(rows, batch_size=2000)
        ConsultationInvitation.objects.bulk_create(
            [
                ConsultationInvitation(consultation=c, person_id=rng.choice(ids), answer=Answer.OFFERED)
                for c in made
                if c.status == Status.CLOSED
            ],
            batch_size=5000,
            ignore_conflicts=True,
        )
    print(f"strengths for {len(ids):,} people, {consultations:,} consultations")
    _rebuild_strong_members()


def _rebuild_strong_members() -> None:
    """The strengths above were written in bulk (no signals): the suggestions' table is made anew."""
    from hevruta.consultations.strong_members import rebuild

    started, started_cpu = time.perf_counter(), time.process_time()
    rows = rebuild()
    print(
        f"strong members: {rows:,} rows in {time.perf_counter() - started:.0f} s "
        f"({time.process_time() - started_cpu:.0f} s CPU)"
    )


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def _measure(action, runs: int) -> dict:  # type: ignore[no-untyped-def]
    """Wall and processor (CPU) time of each run, and the SQL time inside it, in milliseconds."""
    from django.db import connection

    from bench.report import SqlTimer

    action()  # warm
    times, cpu, sql = [], [], []
    for _ in range(runs):
        timer = SqlTimer()
        with connection.execute_wrapper(timer):
            started, started_cpu = time.perf_counter(), time.process_time()
            action()
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        sql.append(timer.seconds * 1000)
    return {
        "p50": statistics.median(times),
        "p95": _p95(times),
        "cpu50": statistics.median(cpu),
        "cpu95": _p95(cpu),
        "sql": statistics.median(sql),
        "sql95": _p95(sql),
    }


def _run(runs: int) -> dict[str, dict]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from hevruta.consultations.models import Consultation, Status
    from hevruta.consultations.suggestions import suggest
    from hevruta.directory.models import Person, Topic

    open_ones = list(
        Consultation.objects.filter(status=Status.OPEN)
        .select_related("topic", "asker")
        .order_by("id")[: len(Topic.objects.all())]
    )
    asker = open_ones[0].asker
    if asker.user_id is None:
        user = get_user_model().objects.create_user(email=f"bench-asker-{asker.pk}@example.org", password="x")
        Person.objects.filter(pk=asker.pk).update(user=user)
        asker.refresh_from_db()
    page_consultation = open_ones[0]
    client = Client()
    client.force_login(asker.user)
    cycle = iter(range(10**9))

    def suggestions() -> None:
        consultation = open_ones[next(cycle) % len(open_ones)]
        assert suggest(consultation)

    def page() -> None:
        assert client.get(f"/consultations/{page_consultation.pk}/").status_code == 200

    def api() -> None:
        assert client.get(f"/api/v1/consultations/{page_consultation.pk}/suggestions").status_code == 200

    def bare() -> None:
        assert client.get("/bench/bare/").status_code == 200

    return {
        "bare view": _measure(bare, runs),
        "suggestions for a topic (function)": _measure(suggestions, runs),
        "suggestions (API, asker)": _measure(api, runs),
        "consultation page (asker, with suggestions)": _measure(page, runs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=14.5)
    parser.add_argument("--consultations", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--reuse", action="store_true", help="measure the database of an earlier run")
    args = parser.parse_args()
    _setup(fresh=not args.reuse)
    if args.reuse:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)  # a table added since the database was made is filled here
    made = DB.with_suffix(".made")
    if not args.reuse:
        started, started_cpu = time.perf_counter(), time.process_time()
        _build(args.scale, args.consultations)
        made.write_text(f"{time.perf_counter() - started:.0f} s ({time.process_time() - started_cpu:.0f} s CPU)")
    generation = made.read_text().strip() if made.exists() else "an earlier run"
    from hevruta.directory.models import Person

    people = Person.objects.count()
    results = _run(args.runs)
    from bench.report import table, write_section

    rows = [
        [name, *(f"{r[key]:.1f}" for key in ("p50", "p95", "cpu50", "cpu95", "sql", "sql95"))]
        for name, r in results.items()
    ]
    from hevruta.consultations.models import Consultation

    body = (
        f"SQLite, in process (Django's test client, full middleware, DEBUG off), {people:,} people, "
        f"{Consultation.objects.count():,} consultations (generated by bulk inserts in {generation}), "
        f"{args.runs} requests each; milliseconds; load average {os.getloadavg()[0]:.1f} when done "
        "(the machine's other work slows every wall figure; CPU is the process's own time).\n\n"
        + table(["what", "p50", "p95", "CPU p50", "CPU p95", "SQL p50", "SQL p95"], rows)
    )
    print(body)
    write_section("consultations", "Consultations: suggestions and the consultation page", body)


if __name__ == "__main__":
    sys.exit(main())
