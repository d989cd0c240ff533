from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hevruta.credentials.contexts import PINNED, ContextError, check_pinned, context_dir, fetch, store


class Command(BaseCommand):
    help = (
        "Put the pinned JSON-LD contexts into the local cache (CREDENTIALS_CONTEXT_DIR): downloaded once, "
        "or copied from a folder with --from; a file whose SHA-256 differs from its pin is refused."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--from", dest="source", help="a folder holding the context files (no download)")
        parser.add_argument("--force", action="store_true", help="replace files already in the cache")

    def handle(self, *args, source: str | None, force: bool, **options):  # type: ignore[no-untyped-def]
        failures = []
        for pin in PINNED.values():
            target = context_dir() / pin.filename
            if target.exists() and not force and self._is_pinned(pin, target):
                self.stdout.write(f"ok       {pin.url}")
                continue
            try:
                data = self._read(pin, Path(source)) if source else fetch(pin)
                store(pin, data)
            except (ContextError, OSError) as error:
                failures.append(f"{pin.url}: {error}")
                self.stderr.write(f"refused  {pin.url}: {error}")
                continue
            self.stdout.write(f"stored   {pin.url} -> {target}")
        if failures:
            raise CommandError(f"{len(failures)} context(s) not stored; nothing unpinned was written.")

    @staticmethod
    def _is_pinned(pin, path: Path) -> bool:  # type: ignore[no-untyped-def]
        try:
            check_pinned(pin, path.read_bytes(), str(path))
        except ContextError:
            return False
        return True

    @staticmethod
    def _read(pin, folder: Path) -> bytes:  # type: ignore[no-untyped-def]
        path = folder / pin.filename
        return check_pinned(pin, path.read_bytes(), str(path))
