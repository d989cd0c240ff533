"""Digests: each person's notices waiting for the daily or weekly email, built and sent streamed.

People are read in chunks in the order of their id, from the partial index of waiting notices, so
a run over 250,000 people holds one chunk in memory at a time (bench/notification_digests.py). A
chunk is marked sent right after its emails leave; a run that dies midway resumes where it
stopped, and at worst one chunk is mailed twice (never lost).
"""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.mail import mailers
from django.db import transaction
from django.utils import timezone

from .emails import Recipient, digest_message, language_or_default
from .kinds import DIGESTS
from .models import Notice

CHUNK = 500


@dataclass
class DigestRun:
    period: str
    people: int = 0
    emails: int = 0
    notices: int = 0
    chunks: int = 0


def send_digests(
    period: str, *, chunk_size: int = CHUNK, until: datetime | None = None, mailer: Any = None
) -> DigestRun:
    """Email every person their waiting `period` ("daily" or "weekly") notices made up to `until`."""
    if period not in DIGESTS:
        raise ValueError(f"A digest is daily or weekly, not {period!r}.")
    until = until or timezone.now()
    waiting = Notice.objects.filter(email=period, emailed_at__isnull=True, created_at__lte=until)
    run = DigestRun(period=period)
    connection = mailer or mailers.default
    after = 0
    while True:
        people = list(
            waiting.filter(recipient_id__gt=after)
            .order_by("recipient_id")
            .values_list("recipient_id", flat=True)
            .distinct()[:chunk_size]
        )
        if not people:
            return run
        _send_chunk(period, people, waiting, connection, run)
        after = people[-1]
        run.chunks += 1


def _send_chunk(period: str, people: list[int], waiting: Any, connection: Any, run: DigestRun) -> None:
    rows: dict[int, list[dict]] = defaultdict(list)
    for row in waiting.filter(recipient_id__in=people).values("recipient_id", "kind", "context", "url", "created_at"):
        rows[row["recipient_id"]].append(row)
    users = get_user_model().objects.filter(pk__in=people, is_active=True).values("id", "email", "language")
    messages = [digest_message(_recipient(user), period, rows[user["id"]]) for user in users if user["email"]]
    connection.send_messages(messages)
    with transaction.atomic():
        # The same rows that were read: a notice made since then waits for the next digest.
        marked = waiting.filter(recipient_id__in=people).update(emailed_at=timezone.now())
    run.people += len(people)
    run.emails += len(messages)
    run.notices += marked


def _recipient(user: Mapping[str, Any]) -> Recipient:
    return Recipient(user["id"], user["email"], language_or_default(user["language"]))
