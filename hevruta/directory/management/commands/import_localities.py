from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hevruta.directory.localities import (
    LocalityImportError,
    cbs_paths,
    import_localities,
    read_packaged_localities,
    write_localities,
)


class Command(BaseCommand):
    help = (
        "Refresh Israel's localities from the CBS localities CSV and the 2020 peripherality workbooks "
        "(--dir, a folder holding them under their CBS names, or each file by name). Every installation "
        "already has them: migrate loads the copy "
        "shipped in the package; --packaged writes that copy again over changed values. Safe to run again: "
        "it creates new CBS codes, updates changed ones and reports what it did. A bad file changes nothing."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--dir", type=Path, help="a folder with the three CBS files under their CBS names")
        parser.add_argument("--csv", type=Path, help="the CBS localities CSV (UTF-8)")
        parser.add_argument("--localities-xlsx", type=Path, help="peripherality index 2020 of localities")
        parser.add_argument(
            "--authorities-xlsx",
            type=Path,
            help="peripherality index 2020 of local authorities, for localities the first workbook lacks",
        )
        parser.add_argument(
            "--packaged",
            action="store_true",
            help="write the localities shipped in the package (hevruta/directory/data/) instead of reading files",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if options["packaged"]:
            counts = write_localities(read_packaged_localities())
        else:
            found = cbs_paths(options["dir"]) if options["dir"] else (None, None, None)
            paths = [
                options[name] or default
                for name, default in zip(("csv", "localities_xlsx", "authorities_xlsx"), found, strict=True)
            ]
            if not all(paths):
                raise CommandError("Give --dir, or --csv, --localities-xlsx and --authorities-xlsx, or --packaged.")
            try:
                counts = import_localities(*paths)
            except LocalityImportError as error:
                raise CommandError(str(error)) from None
        self.stdout.write(str(counts))
