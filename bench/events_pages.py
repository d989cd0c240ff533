"""The events pages at national scale, rendered for a logged-in member, and registration under load.

    .venv/bin/python -m bench.events_pages [--scale 1.0] [--requests 100] [--crowd 600] [--threads 8]

Generates (once, in var/bench/events.sqlite3 or DATABASE_URL) with bulk inserts, at scale 1: 250,000
people, 50,000 events over five years (four behind, one ahead) in 20 networks, two sessions and a
speaker each, 5,000 of them in 500 series of ten, and 2,000,000 registrations (raw executemany: the
ORM's objects would cost more than the database's writes), attendance at the series' held meetings.
The member belongs to three networks, a series, and is registered for 40 events.

Then, in this process, Django's test client logged in as the member asks for the events list, a
popular event's page (3,000 registrations), a series page and the member's calendar feed, beside the
bare view (middleware only): p50/p95 of each request, the page's own SQL time (the connection's
queries, same run) and CPU time per request, and queries per page.

Last, registration through the full stack: `--crowd` people, each with their own logged-in client,
POST to one popular event's register page from `--threads` threads at once (a seat for a third of
them); registrations per second, and afterwards the seats held are counted: none oversold, and the
waitlist is numbered without gaps. Prints everything and writes docs/benchmarks.md's section.
"""

import argparse
import os
import random
import statistics
import threading
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NETWORKS, MEMBER_NETWORKS = 20, 3
POPULAR_REGISTRATIONS = 3000


def _people(count: int) -> None:
    from hevruta.directory.models import Person

    batch = 10_000
    for start in range(0, count, batch):
        Person.objects.bulk_create(
            Person(given_name="משתתפת", family_name=f"{n}", email=f"p{n}@bench.example")
            for n in range(start, min(count, start + batch))
        )


def _events(count: int, networks: list, rng: random.Random) -> None:
    from django.utils import timezone

    from hevruta.events.models import Event, EventSession, Series, Speaker

    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    span = 5 * 365 * 24  # hours over five years
    in_series = count // 10
    series = Series.objects.bulk_create(
        Series(network=networks[n % len(networks)], name=f"סדרה {n}") for n in range(in_series // 10)
    )
    batch = []
    for n in range(count):
        starts = now - timedelta(hours=4 * 365 * 24) + timedelta(hours=rng.randrange(span))
        kind = (n // len(networks)) % 20  # one in twenty invited only, one public, in every network
        visibility = "invited" if kind == 0 else "public" if kind == 1 else "network"
        batch.append(
            Event(
                network=networks[n % len(networks)],
                series=series[n // 10] if n < in_series else None,
                kind="meeting",
                title=f"מפגש {n}",
                starts_at=starts,
                ends_at=starts + timedelta(hours=3),
                visibility=visibility,
                status="published",
                registration_policy="invitation" if visibility == "invited" else "open",
                capacity=60,
                check_in_code="BENCH2",
            )
        )
        if len(batch) == 10_000:
            Event.objects.bulk_create(batch)
            batch = []
    Event.objects.bulk_create(batch)
    ids = list(Event.objects.values_list("pk", "starts_at"))
    sessions = EventSession.objects.bulk_create(
        EventSession(
            event_id=pk,
            title=f"מושב {s}",
            kind="workshop",
            starts_at=start + timedelta(minutes=80 * s),
            ends_at=start + timedelta(minutes=80 * s + 75),
            capacity=30,
        )
        for pk, start in ids
        for s in range(2)
    )
    Speaker.objects.bulk_create(Speaker(session=s, guest_name="מרצה אורחת") for s in sessions)


def _registrations(total: int, people: tuple[int, int], member_id: int, popular_id: int) -> int:
    """Raw executemany, each event's registrations a run of consecutive people (so (event, person) is
    unique); the first 60 hold seats, the rest wait. Returns how many were written."""
    from django.db import connection
    from django.utils import timezone

    from hevruta.events.models import Event, Registration

    table = Registration._meta.db_table
    sql = (
        f"INSERT INTO {table} (event_id, person_id, status, dietary_needs, accessibility_needs, registered_at, "
        "queue_number, status_changed_at) VALUES (%s, %s, %s, '', '', %s, %s, %s)"
    )
    events = list(Event.objects.order_by("pk").values_list("pk", flat=True))
    per_event = max(1, (total - POPULAR_REGISTRATIONS) // len(events))
    stamp = connection.ops.adapt_datetimefield_value(timezone.now())
    base, size = people[0], people[1] - people[0] + 1
    written, rows = 0, []
    rng = random.Random(2)
    with connection.cursor() as cursor:
        for event_id in events:
            count = min(size, POPULAR_REGISTRATIONS if event_id == popular_id else per_event)
            first = rng.randrange(size)
            for n in range(count):
                person = base + (first + n) % size
                if person == member_id:
                    continue
                status = "confirmed" if n < 60 else "waitlisted"
                rows.append((event_id, person, status, stamp, n + 1, stamp))
            if len(rows) >= 50_000:
                cursor.executemany(sql, rows)
                written += len(rows)
                rows = []
        cursor.executemany(sql, rows)
        written += len(rows)
    return written


def generate(scale: float) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from hevruta.directory.models import Network, NetworkMembership, Person
    from hevruta.events.models import Attendance, Event, Registration, Series

    user, _ = get_user_model().objects.get_or_create(email="bench-member@example.org")
    existing = Person.objects.filter(user=user).first()
    if existing is not None:
        return _world(user, existing)
    people, events = int(250_000 * scale), int(50_000 * scale)
    rng = random.Random(1)
    with transaction.atomic():
        networks = Network.objects.bulk_create(
            Network(name=f"רשת {n}", slug=f"bench-events-{n}", is_public=False) for n in range(NETWORKS)
        )
        _people(people)
        member = Person.objects.create(user=user, given_name="Bench", family_name="Member", email=user.email)
        NetworkMembership.objects.bulk_create(
            NetworkMembership(network=network, person=member) for network in networks[:MEMBER_NETWORKS]
        )
        _events(events, networks, rng)
        now = timezone.now()
        # The popular event: ahead, in one of the member's networks.
        popular = (
            Event.objects.filter(network=networks[0], starts_at__gt=now + timedelta(days=7), visibility="network")
            .order_by("starts_at")
            .first()
        )
        first_person = Person.objects.filter(email__endswith="@bench.example").order_by("pk").first()
        span = (first_person.pk, first_person.pk + people - 1)  # bulk_create's ids follow each other
        written = _registrations(int(2_000_000 * scale), span, member.pk, popular.pk)
        # The member: registered for 40 events of their networks, 20 behind and 20 ahead, and the popular one.
        theirs = list(
            Event.objects.filter(network__in=networks[:MEMBER_NETWORKS], starts_at__gt=now - timedelta(days=300))
            .exclude(pk=popular.pk)
            .order_by("?")[:40]
        )
        Registration.objects.bulk_create(
            Registration(event=e, person=member, status="confirmed", queue_number=999_999) for e in [popular, *theirs]
        )
        series = Series.objects.filter(network=networks[0]).order_by("pk").first()
        series.members.add(member, *Person.objects.order_by("pk")[:40])
        # Attendance at the series' held meetings: those with a seat, most of them.
        held = Registration.objects.filter(
            event__network__in=networks, event__series__isnull=False, event__ends_at__lt=now, status="confirmed"
        ).values_list("event_id", "person_id")
        Attendance.objects.bulk_create(
            (Attendance(event_id=e, person_id=p, method="staff") for e, p in held.iterator() if rng.random() < 0.8),
            batch_size=20_000,
        )
    print(f"generated {people:,} people, {events:,} events, {written:,} registrations")
    return _world(user, member)


def _world(user, member) -> dict:  # type: ignore[no-untyped-def]
    from hevruta.events.models import Event, Series

    popular = (
        Event.objects.filter(registrations__person=member, registrations__queue_number=999_999)
        .order_by("starts_at")
        .first()
    )
    series = Series.objects.filter(members=member).order_by("pk").first()
    return {"user": user, "member": member, "popular": popular, "series": series}


def timed(client, url: str, requests: int, before=None) -> dict:  # type: ignore[no-untyped-def]
    """p50/p95 of wall and CPU time per request, and of the page's own SQL time, measured around each
    query (`before`, if given, runs ahead of each request, outside the measure)."""
    from django.db import connection

    from bench.report import SqlTimer

    assert client.get(url).status_code == 200, url
    wall, cpu, sql = [], [], []
    for _ in range(requests):
        if before:
            before()
        timer = SqlTimer()
        with connection.execute_wrapper(timer):
            started, started_cpu = time.perf_counter(), time.process_time()
            assert client.get(url).status_code == 200
            cpu.append((time.process_time() - started_cpu) * 1000)
            wall.append((time.perf_counter() - started) * 1000)
        sql.append(timer.seconds * 1000)

    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20)[-1]

    return {
        "p50": statistics.median(wall),
        "p95": p95(wall),
        "cpu_p50": statistics.median(cpu),
        "cpu_p95": p95(cpu),
        "sql_p50": statistics.median(sql),
        "sql_p95": p95(sql),
        "queries": timer.count,
    }


def registration_run(network, crowd: int, threads: int) -> dict:  # type: ignore[no-untyped-def]
    """`crowd` people POST to one event's register page from `threads` threads; seats for a third."""
    from django.contrib.auth import get_user_model
    from django.db import connections
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from hevruta.directory.models import NetworkMembership, Person
    from hevruta.events.models import HOLDS_A_SEAT, Event, Registration

    seats = crowd // 3
    starts = timezone.now() + timedelta(days=30)
    event = Event.objects.create(
        network=network,
        title="הכנס הארצי",
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
        status="published",
        capacity=seats,
        check_in_code="RUSH23",
    )
    tag = event.pk
    users = get_user_model().objects.bulk_create(
        get_user_model()(email=f"rush{tag}-{n}@bench.example") for n in range(crowd)
    )
    people = Person.objects.bulk_create(
        Person(user=u, given_name="נרשמת", family_name=str(n), email=u.email) for n, u in enumerate(users)
    )
    NetworkMembership.objects.bulk_create(NetworkMembership(network=network, person=p) for p in people)
    clients = []
    for user in users:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        clients.append(client)
    url = reverse("events:register", args=[event.pk])
    failures: list[str] = []
    lanes = [clients[n::threads] for n in range(threads)]
    start = threading.Barrier(threads)

    def lane(mine: list) -> None:
        try:
            start.wait(timeout=60)
            for client in mine:
                response = client.post(url)
                if response.status_code != 302:
                    failures.append(str(response.status_code))
        finally:
            connections.close_all()

    workers = [threading.Thread(target=lane, args=(mine,)) for mine in lanes]
    began, cpu = time.perf_counter(), time.process_time()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
    rows = Registration.objects.filter(event=event)
    held = rows.filter(status__in=HOLDS_A_SEAT).count()
    numbers = sorted(rows.values_list("queue_number", flat=True))
    return {
        "crowd": crowd,
        "seats": seats,
        "threads": threads,
        "registered": rows.count(),
        "held": held,
        "waiting": rows.filter(status="waitlisted").count(),
        "oversold": max(0, held - seats),
        "numbered_in_line": numbers == list(range(1, len(numbers) + 1)),
        "failures": len(failures),
        "seconds": elapsed,
        "cpu": cpu,
        "per_second": rows.count() / elapsed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="1: 250,000 people, 50,000 events, 2,000,000 registr.")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--crowd", type=int, default=600, help="0: pages only, the registration run left out")
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'events.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from bench.report import table, write_section
    from hevruta.core import pagecache
    from hevruta.events import calendar
    from hevruta.events.models import Event, Registration

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}  # emails wait
    call_command("migrate", verbosity=0)
    started, cpu = time.perf_counter(), time.process_time()
    data = generate(args.scale)
    made, made_cpu = time.perf_counter() - started, time.process_time() - cpu
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(data["user"])
    feed = reverse("events_calendar:my_feed", args=[calendar.feed_token(data["user"])])
    rows = []
    load = [os.getloadavg()[0]]
    for name, url, before in (
        ("bare view", "/bench/bare/", None),
        ("events list (next 50 of the member's)", reverse("events:list"), None),
        (
            f"event page ({POPULAR_REGISTRATIONS:,} registrations)",
            reverse("events:event", args=[data["popular"].pk]),
            None,
        ),
        ("series page (ten meetings)", reverse("events:series", args=[data["series"].pk]), None),
        ("the member's calendar feed, kept", feed, None),
        # The page cache emptied before each request: the feed made from the database every time.
        ("the member's calendar feed, made anew", feed, pagecache.cache.clear),
    ):
        result = timed(client, url, args.requests, before)
        rows.append(
            [name]
            + [f"{result[key]:.1f}" for key in ("p50", "p95", "cpu_p50", "cpu_p95", "sql_p50", "sql_p95")]
            + [result["queries"]]
        )
        print(name, result)
    load.append(os.getloadavg()[0])
    engine = connection.vendor
    pages = (
        f"`nice -n 5 .venv/bin/python -m bench.events_pages --scale {args.scale}` on {engine}: "
        f"{Event.objects.count():,} events, {Registration.objects.count():,} registrations, "
        f"{int(250_000 * args.scale):,} people (made in {made:.0f} s, {made_cpu:.0f} s of CPU, or reused); "
        f"{args.requests} requests per page by Django's test client logged in as a member (full middleware, "
        f"session, templates, DEBUG off), in one process; load average {load[0]:.1f} before and {load[1]:.1f} "
        f"after on the machine's {os.cpu_count()} cores. Milliseconds per request; SQL is the page's own "
        "queries, timed around each in the same run.\n\n"
        + table(["page", "p50", "p95", "CPU p50", "CPU p95", "SQL p50", "SQL p95", "queries"], rows)
    )
    parts = {}
    if args.crowd:
        rush = registration_run(data["popular"].network, args.crowd, args.threads)
        print("registration", rush)
        parts["registration"] = (
            "Registration under load",
            "Registration through the full stack (test client: middleware, session, form, service, redirect): "
            f"{rush['crowd']} people, each logged in, POST to one event's register page from {rush['threads']} "
            f"threads at once, for {rush['seats']} seats.\n\n"
            + table(
                ["measure", "value"],
                [
                    ["registrations per second", f"{rush['per_second']:.0f}"],
                    ["wall / CPU seconds", f"{rush['seconds']:.1f} / {rush['cpu']:.1f}"],
                    ["registered", rush["registered"]],
                    ["seats held / seats", f"{rush['held']} / {rush['seats']}"],
                    ["oversold", rush["oversold"]],
                    ["on the waitlist", rush["waiting"]],
                    ["places in line numbered 1..n without a gap", "yes" if rush["numbered_in_line"] else "NO"],
                    ["failed requests", rush["failures"]],
                ],
            ),
        )
    print(pages)
    write_section(
        "events-pages",
        "Events: list, event, series and calendar pages; registration under load",
        "",
        {"pages": ("Pages for a logged-in member", pages), **parts},
    )


if __name__ == "__main__":
    main()
