from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from hevruta.directory.generate import Shape, generate_network
from hevruta.directory.localities import LocalityImportError


class Command(BaseCommand):
    help = (
        "Generate a national-scale synthetic professional network, the same for the same --seed. At --scale 1 "
        "it has the shape of seed document 002: 17,259 mathematics and science teachers in post-elementary "
        "schools, ~20% leading teachers, ~3% senior teachers; --scale 15 is about every teacher in the "
        "country (~250,000 people, ~5,000 schools). Each run adds a new members-only network."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--scale", type=float, default=1.0, help="multiplies the 17,259 teachers (e.g. 0.05, 15)")
        parser.add_argument("--teachers", type=int, default=Shape.teachers, help="people at scale 1")

    def handle(self, *args, seed: int, scale: float, teachers: int, **options):  # type: ignore[no-untyped-def]
        if scale <= 0 or teachers <= 0:
            raise CommandError(_("--scale and --teachers must be positive."))
        verbosity = options["verbosity"]

        def progress(done: int, total: int) -> None:
            if verbosity > 1:
                self.stdout.write(f"{done:,} / {total:,}")

        try:
            result = generate_network(seed=seed, scale=scale, shape=Shape(teachers=teachers), progress=progress)
        except LocalityImportError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _(
                "%(network)s: %(people)s people, %(schools)s schools, %(positions)s positions in %(seconds).1f s: "
                "%(rate)s people/second"
            )
            % {
                "network": result.network.slug,
                "people": f"{result.people:,}",
                "schools": f"{result.organizations:,}",
                "positions": f"{result.positions:,}",
                "seconds": result.seconds,
                "rate": f"{result.people_per_second:,.0f}",
            }
        )
        # After a bulk load the query planner's statistics describe an empty table; without fresh ones
        # PostgreSQL sorts every public profile for the first page of the directory.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
