"""Directory pages at national scale, through gunicorn and a load generator on loopback.

    .venv/bin/python -m bench.directory_pages [--scale 15] [--seconds 10] [--backends sqlite postgres]

For each database: generates the network (once; kept in var/bench/ or the hevruta_bench database),
serves the site with gunicorn (2 sync workers, DEBUG off), and measures with wrk the bare view
(middleware only), the people list, a people search, a profile page and the API's search: for a
visitor asking again for one address, for a visitor asking for many different ones, and for a
logged-in member (whose pages are never served from the cache). Prints and writes requests per
second, p50/p95 latency and the ratio to the bare view in docs/benchmarks.md.
Needs wrk (`apt-get install wrk`) and, for PostgreSQL, a server at 127.0.0.1:5432.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench.report import postgres_version, rows_against_bare, table, write_section

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
VAR = ROOT / "var" / "bench"
POSTGRES_ADMIN_URL = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")


def database_url(backend: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{VAR / 'directory.sqlite3'}"
    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/hevruta_bench"


def manage(env: dict, *args: str, capture: bool = False) -> str:
    result = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=capture, text=True)
    return result.stdout if capture else ""


def people_count(env: dict) -> int:
    out = manage(
        env, "shell", "-c", "from hevruta.directory.models import Person; print(Person.objects.count())", capture=True
    )
    return int(out.strip().splitlines()[-1])


def reset_database(backend: str) -> None:
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(str(VAR / "directory.sqlite3") + suffix).unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS hevruta_bench")
        connection.execute("CREATE DATABASE hevruta_bench")


def prepare(backend: str, scale: float, env: dict) -> dict:
    """Generates the network unless the database already holds one of this size."""
    expected = round(17_259 * scale)
    generated = {}
    try:
        have = people_count(env)
    except subprocess.CalledProcessError:
        have = -1
    if abs(have - expected) > expected * 0.05:
        reset_database(backend)
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "import_localities", "-v", "0")
        started = time.perf_counter()
        manage(env, "generate_network", "--scale", str(scale), "--seed", "1")
        seconds = time.perf_counter() - started
        have = people_count(env)
        generated = {"people": have, "seconds": round(seconds, 1), "per_second": round(have / seconds)}
        print(f"[{backend}] generated {have:,} people in {seconds:.1f} s ({have / seconds:,.0f}/s, whole command)")
    return generated


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(env: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "bench.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "error",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/bench/bare/", timeout=1).read()
            return server, base
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def load(url: str, seconds: int, *, paths: Path | None = None, cookie: str = "") -> dict:
    """wrk on one address, or cycling through the addresses of a paths file; with a cookie, a member's."""
    # Two connections for two workers: the server is saturated without queueing inside it, so the
    # latency is the page's own and the throughput the machine's.
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    script = ["-s", str(ROOT / "bench" / ("paths.lua" if paths else "report.lua"))]
    after = ["--", str(paths)] if paths else []
    # The warm-up runs on another list when the paths vary, so the measured run finds nothing kept yet.
    subprocess.run(["wrk", "-t1", "-c2", "-d2s", *headers, url], capture_output=True, check=True)
    out = subprocess.run(
        ["wrk", "-t1", "-c2", f"-d{seconds}s", *headers, *script, url, *after],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


# (row label, page, how it is requested): a visitor asking again for one address (served from the
# cache after the first time), a visitor asking for 2,000 different ones (each new to the cache), and a
# logged-in member (never cached: pages are rendered for each request).
RUNS = [
    ("people list", "people list", "visitor"),
    ("people list, 120 different", "people list", "varied"),
    ("people list, member", "people list", "member"),
    ("people search", "people search", "visitor"),
    ("people search, 2,000 different", "people search", "varied"),
    ("people search, member", "people search", "member"),
    ("profile", "profile", "visitor"),
    ("profile, 2,000 different", "profile", "varied"),
    ("profile, member", "profile", "member"),
    ("api people search", "api people search", "visitor"),
    ("api people search, member", "api people search", "member"),
]


def measure(backend: str, scale: float, seconds: int) -> str:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(backend),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "STATIC_ROOT": str(VAR / "static"),
        "PYTHONPATH": str(ROOT),
    }
    VAR.mkdir(parents=True, exist_ok=True)
    generated = prepare(backend, scale, env)
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    paths_dir = VAR / "paths"
    paths_dir.mkdir(exist_ok=True)
    sample = json.loads(
        subprocess.run(
            [PY, "-m", "bench.sample", str(paths_dir)], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    server, base = serve(env)
    load_before = os.getloadavg()[0]
    try:
        results = {"bare view": load(base + "/bench/bare/", seconds)}
        for label, page, how in RUNS:
            url = base + urllib.parse.quote(sample["pages"][page], safe="/?=&%")
            if how == "varied":
                results[label] = load(url, seconds, paths=paths_dir / f"{page}.paths")
            else:
                results[label] = load(url, seconds, cookie=sample["member_cookie"] if how == "member" else "")
    finally:
        server.terminate()
        server.wait()
    queries = {label: sample["queries"]["member" if how == "member" else "visitor"][page] for label, page, how in RUNS}
    rows = rows_against_bare(backend, results, queries)
    label = "SQLite" if backend == "sqlite" else f"PostgreSQL {postgres_version(database_url(backend))}"
    text = f"### {label}, {sample['people']:,} people\n\n"
    text += f"Load average of the machine (2 cores, shared) before the runs: {load_before:.1f}.\n\n"
    if generated:
        text += (
            f"Generated by `generate_network --scale {scale}` in {generated['seconds']} s "
            f"({generated['per_second']:,} people/s for the whole command).\n\n"
        )
    text += table(["page", "req/s", "p50 ms", "p95 ms", "of bare view", "SQL queries", "errors"], rows)
    return text + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=15.0)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    sections = [measure(backend, args.scale, args.seconds) for backend in args.backends]
    body = (
        "`.venv/bin/python -m bench.directory_pages`: gunicorn with 2 sync workers and DEBUG off, wrk with "
        f"2 connections for {args.seconds} s per row after a 2 s warm-up. The bare view runs the whole middleware "
        "stack and returns a fixed response; it is the yardstick. A row with a page's name alone is a visitor (not "
        "logged in) asking again for one address, which is served from the cache of visitors' pages after the "
        'first time (core/pagecache.py); "N different" cycles through N addresses of that page (lists with six '
        "filters × 20 pages, searches for 2,000 name beginnings, 2,000 public profiles), each rendered the first "
        'time it is asked for; "member" is a logged-in member of the generated network, whose pages are rendered '
        "on every request. The SQL column counts the queries of one request (a cached page's is the data version).\n\n"
        + "\n".join(sections)
    )
    write_section("directory-pages", "Directory pages at national scale", body)


if __name__ == "__main__":
    main()
