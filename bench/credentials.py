"""Credentials: issue and sign N Open Badges 3.0 credentials in a batch, verify them, and time the RDF
canonicalization alone on the same documents, so we know where the time goes.

    .venv/bin/python -m bench.credentials [--count 10000] [--postgres]

Runs in a fresh database (var/bench/credentials.sqlite3, or the hevruta_bench_credentials database on
PostgreSQL at 127.0.0.1:5432 with --postgres) with production-like settings (bench/settings.py). The
pinned JSON-LD contexts are the ones the package ships (hevruta/credentials/jsonld/). Prints the
numbers and writes them to docs/benchmarks.md.
"""

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
POSTGRES_ADMIN_URL = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")


def prepare_environment(postgres: bool) -> str:
    """A fresh database for this run; returns its URL (set before Django reads its settings)."""
    VAR.mkdir(parents=True, exist_ok=True)
    if postgres:
        import psycopg

        with psycopg.connect(POSTGRES_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as db:
            db.execute("DROP DATABASE IF EXISTS hevruta_bench_credentials")
            db.execute("CREATE DATABASE hevruta_bench_credentials")
        url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/hevruta_bench_credentials"
    else:
        path = VAR / "credentials.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    return url


def setup_django() -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", "--no-input", verbosity=0)


def timed(label: str, count: int, work: Callable[[], object]) -> tuple[tuple[float, float], object]:
    """Wall-clock and CPU seconds of `work`: on a shared machine the CPU time is the steadier measure."""
    started, cpu_started = time.perf_counter(), time.process_time()
    result = work()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(
        f"{label:<56} {count:>6} in {seconds:8.2f} s = {count / seconds:8,.0f}/s"
        f" (CPU {cpu / count * 1000:6.2f} ms each)",
        flush=True,
    )
    return (seconds, cpu), result


class CanonizeMeter:
    """Counts the time spent canonicalizing while issuing or verifying: the same run, so the split is fair."""

    def __init__(self) -> None:
        from hevruta.credentials import dataintegrity

        self.module = dataintegrity
        self.original = dataintegrity.canonize
        self.seconds = self.cpu = 0.0

    def __enter__(self) -> "CanonizeMeter":
        def measured(document: dict) -> str:
            started, cpu_started = time.perf_counter(), time.process_time()
            try:
                return self.original(document)
            finally:
                self.seconds += time.perf_counter() - started
                self.cpu += time.process_time() - cpu_started

        self.module.canonize = measured  # type: ignore[assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        self.module.canonize = self.original  # type: ignore[assignment]


def make_people(count: int):  # type: ignore[no-untyped-def]
    from hevruta.directory.models import Organization, OrganizationKind, Person

    issuer = Organization.objects.create(
        name="המכון להוראה מתקדמת במתמטיקה ובמדעים",
        name_en="Institute for Advanced Teaching",
        kind=OrganizationKind.NONPROFIT,
    )
    people = Person.objects.bulk_create(
        [
            Person(given_name="נועה", family_name=f"כהן-לוי {number}", email=f"teacher{number}@example.org")
            for number in range(count)
        ],
        batch_size=2000,
    )
    return issuer, people


def achievement():  # type: ignore[no-untyped-def]
    from hevruta.credentials.models import AchievementType
    from hevruta.credentials.openbadges import AchievementSpec, Alignment

    return AchievementSpec(
        name="מנחת קהילה מקצועית מוסמכת",
        description="הסמכה להנחיית קהילה מקצועית של מורי מתמטיקה, לפי הגדרת התפקיד והסטנדרטים.",
        criteria="השלמת תוכנית ההכשרה, הנחיית שישה מפגשי קהילה ותיק עבודות שנבדק מול המיומנויות.",
        achievement_type=AchievementType.CERTIFICATION,
        alignments=tuple(
            Alignment(
                target_name=f"מיומנות {number}",
                target_url=f"https://hevruta.example.org/standards/competencies/{number}/",
                target_code=f"CF-{number}",
                target_framework="סטנדרטים למנחי קהילות",
            )
            for number in range(1, 4)
        ),
        language="he",
    )


def run(count: int) -> dict:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from hevruta.credentials import dataintegrity, services
    from hevruta.credentials.services import Award
    from hevruta.credentials.verifier import verify_credential

    issuer, people = make_people(count)
    spec = achievement()
    awards = [Award(person, spec) for person in people]
    services.load_signing_key(issuer)  # the key is made once, outside the timing
    results = {}

    with CanonizeMeter() as meter:
        results["issue"], issued = timed(
            "issue and sign in one batch (issue_batch)", count, lambda: services.issue_batch(issuer, awards)
        )
    results["issue_canonize"] = (meter.seconds, meter.cpu)
    documents = [json.loads(credential.signed_credential) for credential in issued]  # type: ignore[attr-defined]

    def verify_all() -> int:
        return sum(verify_credential(document).verified for document in documents)

    with CanonizeMeter() as meter:
        results["verify"], verified = timed("verify (our verifier: proof, key, dates, status)", count, verify_all)
    results["verify_canonize"] = (meter.seconds, meter.cpu)
    assert verified == count, f"only {verified} of {count} verified"

    unsecured = [{key: value for key, value in document.items() if key != "proof"} for document in documents]
    results["canonize"], _ = timed(
        "canonicalization alone (RDFC-1.0 of each credential)",
        count,
        lambda: [dataintegrity.canonize(document) for document in unsecured],
    )
    config = {
        **{k: v for k, v in documents[0]["proof"][0].items() if k != "proofValue"},
        "@context": unsecured[0]["@context"],
    }
    config_count = max(1, count // 10)
    results["canonize_config"], _ = timed(
        "canonicalization of a proof configuration (uncached)",
        config_count,
        lambda: [dataintegrity.canonize(config) for _ in range(config_count)],
    )
    key = Ed25519PrivateKey.generate()
    message = b"\x01" * 64
    results["ed25519_sign"], signatures = timed(
        "Ed25519 signature alone", count, lambda: [key.sign(message) for _ in range(count)]
    )
    public = key.public_key()
    results["ed25519_verify"], _ = timed(
        "Ed25519 verification alone",
        count,
        lambda: [public.verify(signature, message) for signature in signatures],  # type: ignore[attr-defined]
    )
    results["bytes"] = sum(len(credential.signed_credential.encode()) for credential in issued) / count  # type: ignore[attr-defined]
    return results


def report(count: int, backend: str, results: dict) -> str:
    from bench.report import table

    def row(label: str, key: str, number: int = count) -> list[object]:
        seconds, cpu = results[key]
        return [label, f"{number:,}", f"{seconds:.1f}", f"{number / seconds:,.0f}", f"{cpu / number * 1000:.2f}"]

    def cpu_each(key: str, number: int = count) -> float:
        return results[key][1] / number

    rows = [
        row("issue and sign in one batch: index, build, canonicalize, sign, store", "issue"),
        row("… of which canonicalization (measured inside the same run)", "issue_canonize"),
        row("verify with our verifier: proof, issuer key, dates, revocation status", "verify"),
        row("… of which canonicalization (measured inside the same run)", "verify_canonize"),
        row("canonicalization alone (RDFC-1.0, pyld) of the same credentials", "canonize"),
        row("canonicalization of one proof configuration", "canonize_config", max(1, count // 10)),
        row("Ed25519 signature alone", "ed25519_sign"),
        row("Ed25519 verification alone", "ed25519_verify"),
    ]
    share_sign = cpu_each("issue_canonize") / cpu_each("issue") * 100
    share_verify = cpu_each("verify_canonize") / cpu_each("verify") * 100
    return (
        f"`.venv/bin/python -m bench.credentials --count {count}` on {backend}: one issuer, {count:,} recipients, "
        f"one achievement with three aligned competencies, Hebrew texts; {results['bytes']:,.0f} bytes per "
        "credential.\n\n"
        + table(["step", "credentials", "seconds", "per second", "CPU ms each"], rows)
        + f"\n\nBy CPU time, canonicalization is {share_sign:.0f}% of issuing and {share_verify:.0f}% of "
        "verifying; Ed25519 itself is negligible. Rates are wall-clock; CPU time per credential is the "
        "steadier figure on a shared machine (compare the CPU column, not the rates, between runs). A batch "
        "shares one proof configuration (same key, same `created`), so it is canonicalized once per batch; "
        "a verifier canonicalizes each credential's own (cached per distinct configuration). The rest of "
        "issuing is building the JSON, random status-list indexes and the inserts; the rest of verifying is "
        "reading the key, the credential's record and its (cached, verified) status list from the database.\n"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--postgres", action="store_true", help="run on PostgreSQL instead of SQLite")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    options = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    prepare_environment(options.postgres)
    setup_django()
    backend = "PostgreSQL" if options.postgres else "SQLite"
    results = run(options.count)
    body = report(options.count, backend, results)
    print()
    print(body)
    if not options.no_write:
        from bench.report import write_section

        write_section("credentials", "Credentials: signing and verifying", body)


if __name__ == "__main__":
    main()
