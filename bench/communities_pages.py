"""A community page and a thread page of 500 posts, rendered for a logged-in member, in this process.

    .venv/bin/python -m bench.communities_pages [--communities 5000] [--posts 1000000] [--requests 200]

Generates (once, in var/bench/communities.sqlite3 or DATABASE_URL) a network with the given number of
communities and posts in bulk, one thread of exactly 500 posts in the member's community, then asks
Django's test client, logged in as that member, for the community page and that thread's page (its
first page of 50 posts), beside the bare view (middleware only), and times each request and the SQL it
ran (the page's own SQL time, measured around each query), with the process's CPU time beside.
Prints p50/p95 and appends to docs/benchmarks.md.
Not a wrk run through gunicorn (bench/knowledge_pages.py): a single process.
"""

import argparse
import os
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def generate(communities: int, posts: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from hevruta.communities.models import Community, Membership, Post, Thread
    from hevruta.directory.models import Network, NetworkMembership, Person

    user, _ = get_user_model().objects.get_or_create(email="bench-member@example.org")
    if Community.objects.count() >= communities:
        return {
            "user": user,
            "community": Community.objects.order_by("id").first(),
            "thread": Thread.objects.order_by("id").first(),
        }
    now = timezone.now()
    with transaction.atomic():
        network = Network.objects.create(name="רשת", slug="bench-communities")
        person = Person.objects.create(user=user, given_name="Bench", family_name="Member", email=user.email)
        NetworkMembership.objects.create(network=network, person=person)
        made = Community.objects.bulk_create(
            Community(network=network, name=f"קהילה {n}", purpose="מטרה", visibility="network")
            for n in range(communities)
        )
        Membership.objects.bulk_create(Membership(community=c, person=person, joined_at=now) for c in made[:20])
        per_community = max(1, (posts - 500) // communities)
        threads = Thread.objects.bulk_create(
            Thread(community=c, title=f"דיון {c.pk}", author=person, last_post_at=now, post_count=per_community)
            for c in made
        )
        big = Thread.objects.create(
            community=made[0], title="דיון של 500", author=person, last_post_at=now, post_count=500
        )
        batch = []
        for thread in [big, *threads]:
            count = 500 if thread is big else per_community
            for n in range(count):
                batch.append(
                    Post(thread=thread, author=person, body=f"פוסט {n}", body_html=f"<p>פוסט {n}</p>", language="he")
                )
            if len(batch) > 20_000:
                Post.objects.bulk_create(batch)
                batch = []
        Post.objects.bulk_create(batch)
    return {"user": user, "community": made[0], "thread": big}


def timed(client, url: str, requests: int) -> dict:  # type: ignore[no-untyped-def]
    from django.db import connection

    from bench.report import SqlTimer

    totals, cpu, sql = [], [], []
    client.get(url)
    for _ in range(requests):
        timer = SqlTimer()
        with connection.execute_wrapper(timer):
            started, started_cpu = time.perf_counter(), time.process_time()
            assert client.get(url).status_code == 200
            totals.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        sql.append(timer.seconds * 1000)
    return {
        "p50": statistics.median(totals),
        "p95": statistics.quantiles(totals, n=20)[-1],
        "cpu_p50": statistics.median(cpu),
        "cpu_p95": statistics.quantiles(cpu, n=20)[-1],
        "sql_p95": statistics.quantiles(sql, n=20)[-1],
        "queries": timer.count,
    }


HEADERS = ["page", "p50 ms", "p95 ms", "CPU p50 ms", "CPU p95 ms", "SQL p95 ms", "queries"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--communities", type=int, default=5000)
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'communities.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from bench.report import table, write_section

    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    data = generate(args.communities, args.posts)
    made = time.perf_counter() - started
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(data["user"])
    rows = []
    for name, url in (
        ("bare view", "/bench/bare/"),
        ("community page", reverse("communities:community", args=[data["community"].pk])),
        ("thread page (500 posts, first 50 shown)", reverse("communities:thread", args=[data["thread"].pk])),
    ):
        result = timed(client, url, args.requests)
        rows.append(
            [
                name,
                *(f"{result[key]:.1f}" for key in ("p50", "p95", "cpu_p50", "cpu_p95", "sql_p95")),
                result["queries"],
            ]
        )
        print(name, result)
    from hevruta.communities.models import Community, Post

    body = (
        f"`.venv/bin/python -m bench.communities_pages --communities {args.communities} --posts {args.posts}`: "
        f"{Community.objects.count():,} communities and {Post.objects.count():,} posts (made in {made:.0f} s), "
        f"{args.requests} requests each by Django's test client logged in as a member, in one process, load "
        f"average {os.getloadavg()[0]:.1f}.\n\n" + table(HEADERS, rows)
    )
    write_section("communities-pages", "Communities: a community page and a thread page", body)


if __name__ == "__main__":
    main()
