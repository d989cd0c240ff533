"""Rebuild the dashboards' summaries now: `manage.py refresh_insights [--days N] [--full]`."""

from typing import Any

from django.core.management.base import BaseCommand

from hevruta.insights.refresh import refresh_all
from hevruta.outcomes.services import refresh_computed_indicators


class Command(BaseCommand):
    help = "Recount the last days' activity, rebuild people counts and measures, and measure computed indicators."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--days", type=int, default=2, help="how many days back to recount the activity")
        parser.add_argument(
            "--full",
            action="store_true",
            help="recount the network graphs from the whole activity, not only what was recorded since the last time",
        )

    def handle(self, *args: Any, days: int, full: bool, **options: Any) -> None:
        indicators = refresh_computed_indicators()
        refresh = refresh_all(days=max(1, days), full=full)
        self.stdout.write(f"{indicators} indicators measured; summaries rebuilt in {refresh.seconds:.1f} s.")
