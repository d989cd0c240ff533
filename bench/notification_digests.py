"""Daily digests for 250,000 people, built and sent streamed, on a scratch SQLite database.

    .venv/bin/python -m bench.notification_digests [--people 250000] [--per-person 3] [--chunk 500]

Makes the people (a third each reading Hebrew, Arabic and English) and their waiting notices of
three kinds, then runs `send_digests("daily")`: every person's digest is read, rendered in their
language (text and HTML, signed unsubscribe link) and handed to a mail backend, and the notices are
marked sent. The backend sends nothing; it turns one message in `--mime-every` into its MIME bytes,
as an SMTP backend would before sending, and times that apart (Python's email package folds each
header, which costs more than building the digest). The data is made by a child process, so the
peak resident size of this one is the digests' own. Prints and writes the results to
docs/benchmarks.md.
"""

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = ROOT / "var" / "bench" / "notifications.sqlite3"
BATCH = 10_000


class SamplingBackend:
    """Takes the messages; turns one in `every` into its MIME bytes, timed apart from the rest."""

    def __init__(self, every: int) -> None:
        self.every = every
        self.messages = 0
        self.serialized = 0
        self.bytes = 0
        self.seconds = 0.0

    def send_messages(self, messages: list[Any]) -> int:
        for message in messages:
            self.messages += 1
            if self.messages % self.every == 0:
                started = time.perf_counter()
                self.bytes += len(message.message().as_bytes())
                self.seconds += time.perf_counter() - started
                self.serialized += 1
        return len(messages)


def populate(people: int, per_person: int) -> int:
    from django.utils import timezone

    from hevruta.accounts.models import User
    from hevruta.notifications.models import Notice

    languages = ["he", "ar", "en"]
    made = 0
    for start in range(0, people, BATCH):
        users = User.objects.bulk_create(
            [
                User(email=f"teacher{n}@bench.example", password="!", language=languages[n % 3])
                for n in range(start, min(start + BATCH, people))
            ]
        )
        now = timezone.now()
        notices = []
        for user in users:
            for k in range(1 + (user.pk % (2 * per_person - 1))):  # 1 to 2×per_person−1, per_person on average
                notices.append(_notice(user.pk, k, now))
        Notice.objects.bulk_create(notices, batch_size=BATCH)
        made += len(notices)
    return made


def _notice(user_id: int, k: int, now: Any) -> Any:
    from hevruta.notifications.models import Notice

    kind = k % 3
    if kind == 0:
        return Notice(
            recipient_id=user_id,
            kind="knowledge.new_version",
            context={"title": f"משימת אבחון בשברים {k}", "version": k + 2, "note": "Edited"},
            url=f"/knowledge/{user_id % 5000 + 1}/",
            email="daily",
            created_at=now,
        )
    if kind == 1:
        return Notice(
            recipient_id=user_id,
            kind="programs.evidence_reviewed",
            context={
                "competency": "2.1 הובלת למידה עמיתים",
                "program": {"he": "מורים מובילים", "ar": "المعلمون القادة", "en": "Leading teachers"},
                "decision": "accept",
            },
            url=f"/programs/evidence/{user_id}/",
            email="daily",
            created_at=now,
        )
    return Notice(
        recipient_id=user_id,
        kind="credentials.credential_issued",
        context={
            "name": "מנחת קהילה מקצועית מוסמכת",
            "issuer": {
                "he": "המכון להוראה מתקדמת",
                "ar": "معهد التدريس المتقدم",
                "en": "Institute for Advanced Teaching",
            },
        },
        url=f"/credentials/{user_id:032x}/",
        email="daily",
        created_at=now,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=250_000)
    parser.add_argument("--per-person", type=int, default=3)
    parser.add_argument("--chunk", type=int, default=500)
    parser.add_argument("--mime-every", type=int, default=50)
    parser.add_argument("--populate-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = f"sqlite:///{SCRATCH}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    if args.populate_only:
        _populate_scratch(args)
        return
    # The data is made by a child process, so that this process's peak memory is the digests' own.
    for suffix in ("", "-wal", "-shm"):
        Path(str(SCRATCH) + suffix).unlink(missing_ok=True)
    SCRATCH.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bench.notification_digests", "--populate-only", *_size_arguments(args)], check=True
    )
    made_in = time.perf_counter() - started
    import django

    django.setup()
    from django.urls import reverse

    from hevruta.notifications.digests import send_digests
    from hevruta.notifications.models import Notice

    notices = Notice.objects.count()
    print(f"{args.people:,} people, {notices:,} waiting notices made in {made_in:.0f} s")
    reverse("notifications:list")  # the URL resolver's first load is not the digests' cost
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    mailer = SamplingBackend(args.mime_every)
    started = time.perf_counter()
    run = send_digests("daily", chunk_size=args.chunk, mailer=mailer)
    seconds = time.perf_counter() - started - mailer.seconds
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert run.people == args.people and run.notices == notices, run
    assert not Notice.objects.filter(emailed_at__isnull=True).exists()
    _report(args, run, notices, seconds, mailer, rss_before, rss_after)


def _size_arguments(args: argparse.Namespace) -> list[str]:
    return ["--people", str(args.people), "--per-person", str(args.per_person)]


def _populate_scratch(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    populate(args.people, args.per_person)


def _report(args, run, notices, seconds, mailer, rss_before, rss_after) -> None:  # type: ignore[no-untyped-def]
    from bench.report import table, write_section

    mime_ms = 1000 * mailer.seconds / max(1, mailer.serialized)
    mime_kb = mailer.bytes / max(1, mailer.serialized) / 1024
    print(f"digests: {run.emails:,} emails built and marked in {seconds:.1f} s ({run.emails / seconds:,.0f}/s)")
    print(f"MIME bytes: {mime_ms:.1f} ms and {mime_kb:.1f} KiB per message ({mailer.serialized:,} sampled)")
    print(f"peak RSS: {rss_before / 1024:.0f} MiB before sending, {rss_after / 1024:.0f} MiB after")
    load = os.getloadavg()[0]
    write_section(
        "notification-digests",
        "Notification digests",
        f"`.venv/bin/python -m bench.notification_digests --people {args.people} --per-person {args.per_person} "
        f"--chunk {args.chunk}` on SQLite: {args.people:,} people (a third each reading Hebrew, Arabic and English) "
        f"with {notices:,} notices waiting for the daily digest (1 to {2 * args.per_person - 1} each, of three kinds), "
        'then `send_digests("daily")`: people read '
        f"{args.chunk} at a time, each digest rendered in its reader's language (text and HTML, grouped by kind, "
        "signed unsubscribe link and headers) and handed to the mail backend, each chunk marked sent. The backend "
        f"sends nothing; one message in {args.mime_every} is turned into its MIME bytes, as an SMTP backend does "
        "before sending, and timed apart. Memory: the sending process's peak resident size before the run "
        "(Django loaded) and after it; the data is made by a child process, so neither includes it. "
        f"Load average of the machine (shared) when it ran: {load:.1f}.\n\n"
        + table(
            [
                "people",
                "notices",
                "emails",
                "built and marked, s",
                "emails/s",
                "MIME bytes per message",
                "peak RSS before → after",
            ],
            [
                [
                    f"{run.people:,}",
                    f"{run.notices:,}",
                    f"{run.emails:,}",
                    f"{seconds:.1f}",
                    f"{run.emails / seconds:,.0f}",
                    f"{mime_ms:.1f} ms, {mime_kb:.1f} KiB",
                    f"{rss_before / 1024:.0f} → {rss_after / 1024:.0f} MiB",
                ]
            ],
        ),
    )


if __name__ == "__main__":
    main()
