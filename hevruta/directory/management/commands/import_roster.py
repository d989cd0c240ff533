"""Import a roster (CSV or XLSX) into a network from the command line, for operators and large files.

    manage.py import_roster <network-slug> <path> [--dry-run]

Every row is checked first; a file with any bad row is refused whole, with the report of each row's
problems, and the command exits with a non-zero status. A valid file is imported in one transaction
with a progress bar, and the summary is printed.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from hevruta.directory import services
from hevruta.directory.models import Network
from hevruta.directory.roster import CheckedRoster, RosterError, check_roster


class Command(BaseCommand):
    help = "Check a roster of people and positions and import it into a network."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("network", help="The network's slug.")
        parser.add_argument("path", help="The roster file, .csv or .xlsx.")
        parser.add_argument("--dry-run", action="store_true", help="Check every row and write nothing.")

    def handle(self, *args: object, **options: object) -> None:
        network = Network.objects.filter(slug=str(options["network"])).first()
        if network is None:
            raise CommandError(f"No network has the slug {options['network']!r}.")
        path = Path(str(options["path"]))
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}.") from None

        if options["dry_run"]:
            checked = self._check(path.name, content)
            self._refuse_if_invalid(checked)
            self.stdout.write(f"{len(checked.rows)} rows are valid; nothing was written (--dry-run).")
            return

        checked = self._check(path.name, content)
        self._refuse_if_invalid(checked)
        # tqdm writes carriage returns; the command's OutputWrapper would add a newline to each write.
        stream = getattr(self.stderr, "_out", self.stderr)
        with tqdm(total=len(checked.rows), unit="row", desc="Importing", file=stream, disable=False) as bar:

            def on_progress(done: int) -> None:
                bar.update(done - bar.n)

            summary = services.import_roster_at_once(network, None, path.name, checked, on_progress)
        self.stdout.write(
            self.style.SUCCESS(
                "Imported {rows} rows into {network}: {people_created} people created, {people_updated} updated, "
                "{positions_created} positions added, {memberships_created} members added.".format(
                    rows=len(checked.rows), network=network.slug, **summary
                )
            )
        )

    def _check(self, name: str, content: bytes) -> CheckedRoster:
        try:
            return check_roster(name, content)
        except RosterError as error:
            raise CommandError(str(error)) from None

    def _refuse_if_invalid(self, checked: CheckedRoster) -> None:
        if checked.is_valid:
            return
        for problem in checked.problems:
            self.stderr.write(f"row {problem.row}, {problem.column}: {problem.message}")
        rows = len({problem.row for problem in checked.problems})
        raise CommandError(
            f"The roster was refused and nothing was written: {len(checked.problems)} problems in {rows} rows."
        )
