"""Mentoring's pages in a program of 20,000 pairs and 200,000 meeting logs, rendered for logged-in users.

    .venv/bin/python -m bench.mentoring_pages [--pairs 20000] [--meetings 200000] [--requests 100]

Generates (once, in var/bench/mentoring.sqlite3 or DATABASE_URL) one mentoring program with the given
number of relationships (a mentor for every five mentees, as capacities run), everyone's applications and
the meeting logs spread evenly over the pairs, all in bulk. Then asks Django's test client for the
coordinator's program page and relationships page (its first page of 25), the mentor's "my mentees" page
and one relationship page with its log, as the user each page is for, beside the bare view (middleware
only): p50/p95 of each request's wall and processor (CPU) time, the page's own SQL time (from the
connection's queries) and its query count, all in the same run. Prints them and writes docs/benchmarks.md.
A single process (no gunicorn): what one request costs, not how many a server answers.
"""

import argparse
import os
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MENTEES_PER_MENTOR = 5


def generate(pairs: int, meetings: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from hevruta.directory.models import Network, NetworkMembership, Person
    from hevruta.mentoring import services
    from hevruta.mentoring.models import Application, MeetingLog, MentoringProgram, Relationship

    User = get_user_model()
    found = MentoringProgram.objects.filter(program__slug="bench-mentoring").first()
    if found is not None and Relationship.objects.filter(program_id=found.program_id).count() >= pairs:
        return _cast(found)
    starts = date(2026, 9, 1)
    with transaction.atomic():
        network = Network.objects.create(name="רשת חונכות", slug="bench-mentoring")
        coordinator_user = User.objects.create(email="bench-coordinator@example.org")
        mentor_user = User.objects.create(email="bench-mentor@example.org")
        coordinator = Person.objects.create(user=coordinator_user, given_name="רכזת", family_name="התוכנית")
        mentors = Person.objects.bulk_create(
            Person(given_name="חונכת", family_name=f"{n:05d}") for n in range(pairs // MENTEES_PER_MENTOR)
        )
        mentees = Person.objects.bulk_create(Person(given_name="מתמחה", family_name=f"{n:05d}") for n in range(pairs))
        Person.objects.filter(pk=mentors[0].pk).update(user=mentor_user)
        NetworkMembership.objects.bulk_create(
            NetworkMembership(network=network, person=p) for p in [coordinator, *mentors, *mentees]
        )
        program = services.create_mentoring_program(
            network,
            coordinator=coordinator,
            slug="bench-mentoring",
            program_fields={"name_he": "חניכה בקנה מידה ארצי"},
            starts_on=starts,
            ends_on=date(2027, 6, 30),
            default_capacity=MENTEES_PER_MENTOR,
        )
        Application.objects.bulk_create(
            [Application(program=program, person=m, side="mentor", capacity=5, status="matched") for m in mentors]
            + [Application(program=program, person=m, side="mentee", status="matched") for m in mentees],
            batch_size=5000,
        )
        relationships = Relationship.objects.bulk_create(
            (
                Relationship(
                    program=program.program,
                    kind="mentoring",
                    mentor=mentors[n // MENTEES_PER_MENTOR],
                    mentee=mentee,
                    starts_on=starts,
                )
                for n, mentee in enumerate(mentees)
            ),
            batch_size=5000,
        )
        per_pair = max(1, meetings // pairs)
        batch: list[MeetingLog] = []
        for relationship in relationships:
            batch += [
                MeetingLog(
                    relationship=relationship,
                    date=starts + timedelta(days=14 * n),
                    hours=1.5,
                    summary="סיכום המפגש: תכננו את השבועיים הבאים.",
                    summary_shared=n % 3 == 0,
                )
                for n in range(per_pair)
            ]
            if len(batch) >= 20_000:
                MeetingLog.objects.bulk_create(batch)
                batch = []
        MeetingLog.objects.bulk_create(batch)
    return _cast(program)


def _cast(program) -> dict:  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    from hevruta.mentoring.models import Relationship

    User = get_user_model()
    mentor = User.objects.get(email="bench-mentor@example.org")
    return {
        "program": program,
        "coordinator": User.objects.get(email="bench-coordinator@example.org"),
        "mentor": mentor,
        "relationship": Relationship.objects.filter(mentor__user=mentor).order_by("id").first(),
    }


def timed(client, url: str, requests: int) -> dict:  # type: ignore[no-untyped-def]
    from django.db import connection, reset_queries

    walls, cpus, sql = [], [], []
    client.get(url)
    for _ in range(requests):
        reset_queries()
        started, cpu_started = time.perf_counter(), time.process_time()
        assert client.get(url).status_code == 200, url
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu_started) * 1000)
        sql.append(sum(float(q["time"]) for q in connection.queries) * 1000)
    return {
        "p50": statistics.median(walls),
        "p95": statistics.quantiles(walls, n=20)[-1],
        "cpu_p50": statistics.median(cpus),
        "cpu_p95": statistics.quantiles(cpus, n=20)[-1],
        "sql_p50": statistics.median(sql),
        "queries": len(connection.queries),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=20_000)
    parser.add_argument("--meetings", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'mentoring.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from bench.report import table, write_section

    settings.DEBUG = True  # the connection keeps each query's time
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    data = generate(args.pairs, args.meetings)
    made = time.perf_counter() - started
    slug = data["program"].program.slug
    coordinator, mentor = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    coordinator.force_login(data["coordinator"])
    mentor.force_login(data["mentor"])
    relationship, load_before = data["relationship"].pk, os.getloadavg()[0]
    rows = []
    for name, client, url in (
        ("bare view", mentor, "/bench/bare/"),
        ("coordinator: program page", coordinator, reverse("mentoring:program", args=[slug])),
        ("coordinator: relationships (first 25)", coordinator, reverse("mentoring:relationships", args=[slug])),
        ("mentor: a relationship with its log", mentor, reverse("mentoring:relationship", args=[relationship])),
        ("mentor: my mentees", mentor, reverse("mentoring:mine")),
    ):
        r = timed(client, url, args.requests)
        rows.append([name, *(f"{r[key]:.1f}" for key in ("p50", "p95", "cpu_p50", "cpu_p95", "sql_p50")), r["queries"]])
        print(name, {key: round(value, 1) for key, value in r.items()})
    from hevruta.mentoring.models import MeetingLog, Relationship

    body = (
        f"`nice -n 10 .venv/bin/python -m bench.mentoring_pages --pairs {args.pairs} --meetings {args.meetings}`: "
        f"one program of {Relationship.objects.count():,} relationships and {MeetingLog.objects.count():,} "
        f"meeting logs (made in {made:.0f} s, SQLite), {args.requests} requests each by Django's test client "
        f"logged in as the coordinator or a mentor of five, in one process; load average {load_before:.1f} "
        f"before and {os.getloadavg()[0]:.1f} after (2 cores shared with other work: CPU time is the fairer "
        "figure).\n\n" + table(["page", "p50 ms", "p95 ms", "CPU p50 ms", "CPU p95 ms", "SQL p50 ms", "queries"], rows)
    )
    write_section("mentoring-pages", "Mentoring: the coordinator's, the mentor's and a relationship's pages", body)


if __name__ == "__main__":
    main()
