from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hevruta.credentials.contexts import PINNED, ContextError, Pin, check_pinned, context_dir, fetch, store


class Command(BaseCommand):
    help = (
        "The pinned JSON-LD contexts ship in the package (hevruta/credentials/jsonld/); this command is for "
        "operators who keep their own copy (CREDENTIALS_CONTEXT_DIR) or want to check the publishers: it "
        "downloads each pinned URL (or copies it from a folder with --from) and stores it only when its "
        "SHA-256 matches the pin. With --check it stores nothing and says whether each URL still serves "
        "the pinned bytes."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--from", dest="source", help="a folder holding the context files (no download)")
        parser.add_argument("--force", action="store_true", help="replace files already in the folder")
        parser.add_argument(
            "--check", action="store_true", help="download each context and compare it with its pin; store nothing"
        )

    def handle(self, *args, source: str | None, force: bool, check: bool, **options):  # type: ignore[no-untyped-def]
        failures = []
        for pin in PINNED.values():
            target = context_dir() / pin.filename
            if not check and target.exists() and not force and self._is_pinned(pin, target):
                self.stdout.write(f"ok       {pin.url}")
                continue
            try:
                data = self._read(pin, Path(source)) if source else fetch(pin)
                if not check:
                    store(pin, data)
            except (ContextError, OSError) as error:
                failures.append(f"{pin.url}: {error}")
                self.stderr.write(f"refused  {pin.url}: {error}")
                continue
            self.stdout.write(f"same     {pin.url}" if check else f"stored   {pin.url} -> {target}")
        if failures:
            if check:
                raise CommandError(f"{len(failures)} context(s) differ from their pins or could not be downloaded.")
            raise CommandError(f"{len(failures)} context(s) not stored; nothing unpinned was written.")

    @staticmethod
    def _is_pinned(pin: Pin, path: Path) -> bool:
        try:
            check_pinned(pin, path.read_bytes(), str(path))
        except ContextError:
            return False
        return True

    @staticmethod
    def _read(pin: Pin, folder: Path) -> bytes:
        path = folder / pin.filename
        return check_pinned(pin, path.read_bytes(), str(path))
