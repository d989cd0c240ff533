"""Rebuilds the search index in the background, after a new lexicon (docs/search.md)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hevruta.core.jobs.services import JobRefused
from hevruta.core.search.reindexing import SOURCES, indexed_lexicons, start_reindex
from hevruta.core.text import lexicon


class Command(BaseCommand):
    help = "Puts every indexed object through the index again, as a background job (manage.py work runs it)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--check", action="store_true", help="Only say whether the index was built with the shipped lexicons."
        )

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        shipped, indexed = lexicon.version(), indexed_lexicons()
        if check:
            if indexed != shipped:
                raise CommandError(f"The index was built with {indexed or 'unknown lexicons'}; shipped: {shipped}.")
            self.stdout.write(f"The index is current ({shipped}).")
            return
        try:
            job = start_reindex()
        except JobRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        job.refresh_from_db()
        self.stdout.write(
            f"Job {job.pk}: {job.total} documents of {', '.join(SOURCES) or 'no kind'} with {shipped}; "
            f"state {job.state}. Its progress: /jobs/{job.pk}/ or the API."
        )
