from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from hevruta.notifications.digests import CHUNK, send_digests
from hevruta.notifications.kinds import Email


class Command(BaseCommand):
    help = "Email every person the digest of their waiting notices: run --daily each day and --weekly each week."

    def add_arguments(self, parser: CommandParser) -> None:
        period = parser.add_mutually_exclusive_group(required=True)
        period.add_argument("--daily", action="store_const", const=Email.DAILY, dest="period")
        period.add_argument("--weekly", action="store_const", const=Email.WEEKLY, dest="period")
        parser.add_argument("--chunk", type=int, default=CHUNK, help="people read and mailed at a time")

    def handle(self, *args: Any, **options: Any) -> None:
        run = send_digests(options["period"], chunk_size=max(1, options["chunk"]))
        self.stdout.write(
            _("%(emails)s digests sent to %(people)s people, with %(notices)s notices.")
            % {"emails": run.emails, "people": run.people, "notices": run.notices}
        )
