"""Builds PostgreSQL's RUM index for search after the extension was installed on a running site.

Migration core 0004 builds it when the server has the extension at that time; a server that gets
`postgresql-NN-rum` later needs this once (docs/search.md, "The ranked index").
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from hevruta.core.search.backends import has_ranked_index
from hevruta.core.search.schema import create_ranked_index


class Command(BaseCommand):
    help = "Builds the RUM index that ranks search results on PostgreSQL, where the server has the extension."

    def handle(self, *args: object, **options: object) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("The ranked search index is PostgreSQL's; SQLite ranks with FTS5's own index.")
        if has_ranked_index(connection):
            self.stdout.write("The ranked search index is already there.")
            return
        with connection.schema_editor() as schema_editor:
            built = create_ranked_index(schema_editor)
        if not built:
            raise CommandError(
                "The rum extension is not available on this PostgreSQL server: install its package "
                "(Debian: postgresql-NN-rum, NN the server's major version) and run this again."
            )
        self.stdout.write(self.style.SUCCESS("Built the ranked search index."))
