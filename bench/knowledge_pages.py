"""The knowledge center's results page over the million documents of bench.search, through gunicorn and wrk.

    .venv/bin/python -m bench.knowledge_pages [--backends sqlite postgres] [--seconds 8]

Runs after `bench.search`, on the databases it leaves (var/bench/search.sqlite3, hevruta_bench_search):
every synthetic document becomes a published resource of one public network, with a subject and a
grade band (one INSERT … SELECT each, so the resources are the documents already indexed). The
knowledge app is told that its documents are bench.search's kind (BENCH_KNOWLEDGE_KIND, read by
bench/wsgi.py): relabelling a million rows would make PostgreSQL compute every search vector again,
which is indexing, measured by bench.search. Then gunicorn (2 sync workers, DEBUG off) serves the
site and wrk requests, beside the bare view:

- the results page for one query, asked again by a visitor: served from the cache after the first time;
- the results page for bench.search's 200 fixed queries, cycled by a visitor: each rendered the first
  time, then served from the cache;
- the same 200 queries for a logged-in member: rendered on every request (search, ranking, snippets,
  facet counts over all matches, the page).

Prints and writes requests per second, p50/p95 latency and the ratio to the bare view to
docs/benchmarks.md. Needs wrk (`apt-get install wrk`).
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from bench import search as search_bench
from bench.directory_pages import ROOT, load, serve
from bench.report import postgres_version, rows_against_bare, table, write_section

PY = str(ROOT / ".venv" / "bin" / "python")
VAR = ROOT / "var" / "bench"
# A deployment's cache (docs/deploy.md), which all its web processes share, with the pages' versions.
REDIS_URL = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/14")


def redis_is_there() -> bool:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL).flushdb()  # nothing kept from an earlier run
    except redis.RedisError as error:
        print(f"no Redis at {REDIS_URL}, measured without it: {error}", file=sys.stderr)
        return False
    return True


def worker(out: Path) -> None:
    """In the bench database, with Django set up: resources for the documents, paths and a member's session."""
    import django

    django.setup()
    from django.core.management import call_command

    from bench.wsgi import use_the_benchmarks_documents

    use_the_benchmarks_documents()

    call_command("migrate", verbosity=0)
    make_resources()
    rng = random.Random(2026)
    langs = search_bench.languages(rng, vocabulary=30_000)  # the same words as bench.search's documents
    queries = search_bench.fixed_queries(200, random.Random(7), langs)
    (out / "knowledge.paths").write_text("".join(f"/knowledge/?q={quote(query)}\n" for query in queries))
    print(json.dumps({"one": f"/knowledge/?q={quote(queries[0])}", **counts(queries[0]), **member_cookie()}))


def make_resources() -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from hevruta.core.pagecache import data_changed
    from hevruta.directory.models import GradeBand, NetworkKind, Subject
    from hevruta.directory.services import create_network
    from hevruta.knowledge.models import Resource

    if Resource.objects.exists():
        return
    subjects = list(Subject.objects.order_by("pk").values_list("pk", flat=True))[:5]
    bands = list(GradeBand.objects.order_by("pk").values_list("pk", flat=True))
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        network = create_network("רשת המורים המובילים", kind=NetworkKind.PROFESSIONAL, is_public=True)
        # Newest first by id: published_at goes back one second a document.
        cursor.execute(
            """
            INSERT INTO knowledge_resource (id, created_at, updated_at, network_id, kind, title, body, body_html,
                language, licence, video_url, status, submitted_at, published_at, version, use_count)
            SELECT object_id, %s, %s, %s, 'tool', substr(title, 1, 200), body, '<p>' || body || '</p>', language,
                'cc-by', '', 'published', %s, %s, 1, object_id %% 7
            FROM core_searchdocument WHERE kind = 'bench.document'
            """,
            [now, now, network.pk, now, now],
        )
        for table_name, column, values in (
            ("knowledge_resource_subjects", "subject_id", subjects),
            ("knowledge_resource_grade_bands", "gradeband_id", bands),
        ):
            choice = " ".join(f"WHEN {number} THEN {pk}" for number, pk in enumerate(values))
            cursor.execute(
                f"INSERT INTO {table_name} (resource_id, {column}) "
                f"SELECT id, CASE id % {len(values)} {choice} END FROM knowledge_resource"
            )
        data_changed("knowledge")
        earlier = (
            "published_at - id * interval '1 second'"
            if connection.vendor == "postgresql"
            else "datetime(published_at, '-' || id || ' seconds')"
        )
        cursor.execute(f"UPDATE knowledge_resource SET published_at = {earlier}")
    with connection.cursor() as cursor:
        # As autovacuum would before long: the visibility map lets index-only scans skip the table.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def counts(query: str) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from hevruta.knowledge.models import Resource

    client = Client(HTTP_HOST="127.0.0.1")
    with CaptureQueriesContext(connection) as captured:
        status = client.get(f"/knowledge/?q={quote(query)}").status_code
    assert status == 200, status
    return {"resources": Resource.objects.count(), "queries": len(captured)}


def member_cookie() -> dict:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(email="bench-member@example.org")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return {"cookie": f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"}


def measure(backend: str, seconds: int) -> tuple[str, str]:
    """The heading and body of this database's part of the report."""
    env = {
        **os.environ,
        "DATABASE_URL": search_bench.database_url(backend),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "STATIC_ROOT": str(VAR / "static"),
        "PYTHONPATH": str(ROOT),
        "BENCH_KNOWLEDGE_KIND": "bench.document",
    }
    out = VAR / "paths"
    out.mkdir(parents=True, exist_ok=True)
    # The worker renders a page, which names the static files by their hashed names.
    subprocess.run([PY, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True)
    command = [PY, "-m", "bench.knowledge_pages", "--worker", str(out)]
    sample = json.loads(
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout.splitlines()[-1]
    )
    server, base = serve(env)
    load_before = os.getloadavg()[0]
    try:
        results = {
            "bare view": load(base + "/bench/bare/", seconds),
            "results page, one query, visitor": load(base + sample["one"], seconds),
            "results page, 200 queries, visitor": load(base + sample["one"], seconds, paths=out / "knowledge.paths"),
            "results page, 200 queries, member": load(
                base + sample["one"], seconds, paths=out / "knowledge.paths", cookie=sample["cookie"]
            ),
        }
    finally:
        server.terminate()
        server.wait()
    if redis_is_there():
        server, base = serve({**env, "REDIS_URL": REDIS_URL})
        try:
            results["results page, one query, visitor, cache in Redis"] = load(base + sample["one"], seconds)
        finally:
            server.terminate()
            server.wait()
    rows = rows_against_bare(backend, results)
    label = "SQLite" if backend == "sqlite" else f"PostgreSQL {postgres_version(search_bench.database_url(backend))}"
    return (
        f"{label}, {sample['resources']:,} published resources",
        f"Load average of the machine (2 cores, shared) before the runs: {load_before:.1f}. A results page that "
        f"is rendered takes {sample['queries']} SQL queries.\n\n"
        + table(["page", "req/s", "p50 ms", "p95 ms", "of bare view", "errors"], rows)
        + "\n",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    parts = {backend: measure(backend, args.seconds) for backend in args.backends}
    intro = (
        "`.venv/bin/python -m bench.knowledge_pages`, after `bench.search`: its synthetic documents made published "
        "resources, each with a subject and a grade band; gunicorn with 2 sync workers and DEBUG off, wrk with 2 "
        f"connections for {args.seconds} s per row after a 2 s warm-up. A visitor's results page is served from the "
        "cache once it has been rendered, each process's own (the default) or, in the last row, Redis, as a "
        "deployment has it (REDIS_URL). In each process's own cache the page's data version is read from the "
        "database; in Redis the page and its version come in one read, with no SQL. A member's page is rendered on "
        "every request: the search (ranking, count, snippets of 25 hits), the eight facet counts over the listed "
        "results (up to the search's own count cap or 5,000 results), and the page. Errors are requests past "
        "wrk's 2 s timeout."
    )
    for heading, body in parts.values():
        print(f"{heading}\n{body}")
    write_section("knowledge-pages", "Knowledge center: the results page", intro, parts)


if __name__ == "__main__":
    main()
