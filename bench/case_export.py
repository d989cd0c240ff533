"""The time of a CASE export of a large framework, and of importing that export back.

    .venv/bin/python -m bench.case_export [--items 5000] [--repeat 3]

Builds, in a scratch SQLite database under var/bench/ (made anew each run), a published framework of
about N items: domains → standards → competencies, Hebrew statements, four performance levels and a
rubric text per competency and level. Then times the CASE 1.1 CFPackage export (the query work, the
dict, and the JSON bytes the endpoint sends), deletes the framework, times importing the exported
bytes back, checks that the re-export equals the first export, prints, and writes the numbers to
docs/benchmarks.md.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
DATABASE = VAR / "case_export.sqlite3"


def setup_django(database_url: str) -> None:
    # Before django.setup(): the settings read DATABASE_URL once, when they are imported.
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hevruta.settings")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "bench-only-key-" + "x" * 50)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def shape(items: int) -> tuple[int, int, int]:
    """Domains, standards per domain and competencies per standard for about `items` items."""
    domains, standards = 10, 20
    competencies = max(1, round((items - domains - domains * standards) / (domains * standards)))
    return domains, standards, competencies


def build(items: int):  # type: ignore[no-untyped-def]
    """A published framework of about `items` items, written in bulk (the services write one at a time)."""
    from django.utils import timezone

    from hevruta.directory.models import Network
    from hevruta.standards import services
    from hevruta.standards.case import uris
    from hevruta.standards.case.rubrics import node_title
    from hevruta.standards.models import Association, Framework, FrameworkStatus, Item, RubricText

    network = Network.objects.create(name="רשת למדידה", slug=f"bench-{time.time_ns()}")
    framework = services.create_framework(network, title="מסגרת גדולה למדידה", creator="Hevruta bench", language="he")
    levels = list(framework.levels.order_by("position"))
    base = uris.base_of(framework.uri)
    now = timezone.now().replace(microsecond=0)
    domains, standards, competencies = shape(items)
    rows: list[tuple[Item, Item | None]] = []

    def item(code: str, statement: str, kind: str, parent: Item | None) -> Item:
        identifier = uris.new_identifier()
        made = Item(
            framework=framework,
            identifier=identifier,
            uri=uris.object_uri(base, "CFItems", identifier),
            full_statement=statement,
            human_coding_scheme=code,
            item_type=kind,
            language="he",
            last_change=now,
        )
        rows.append((made, parent))
        return made

    for d in range(1, domains + 1):
        domain = item(str(d), f"תחום {d}: הובלת למידה מקצועית בקהילה", "תחום", None)
        for s in range(1, standards + 1):
            standard = item(f"{d}.{s}", f"סטנדרט {d}.{s}: תכנון והנחיה של מפגשי למידה", "סטנדרט", domain)
            for c in range(1, competencies + 1):
                item(
                    f"{d}.{s}.{c}", f"מיומנות {d}.{s}.{c}: מנחה שיח מקצועי הממוקד בחשיבת התלמידים", "מיומנות", standard
                )
    Item.objects.bulk_create([made for made, _parent in rows], batch_size=2000)
    associations = []
    siblings: dict[int | None, int] = {}
    for made, parent in rows:
        number = siblings[parent.pk if parent else None] = siblings.get(parent.pk if parent else None, 0) + 1
        identifier = uris.new_identifier()
        associations.append(
            Association(
                framework=framework,
                identifier=identifier,
                uri=uris.object_uri(base, "CFAssociations", identifier),
                association_type="isChildOf",
                sequence_number=number,
                origin_identifier=made.identifier,
                origin_uri=made.uri,
                origin_title=node_title(made),
                origin_item=made,
                destination_identifier=parent.identifier if parent else framework.identifier,
                destination_uri=parent.uri if parent else framework.uri,
                destination_title=node_title(parent) if parent else framework.title,
                destination_item=parent,
                last_change=now,
            )
        )
    Association.objects.bulk_create(associations, batch_size=2000)
    texts = [
        RubricText(item=made, level=level, text=f"{level.name}: {made.full_statement}", last_change=now)
        for made, _parent in rows
        if made.item_type == "מיומנות"
        for level in levels
    ]
    RubricText.objects.bulk_create(texts, batch_size=2000)
    Framework.objects.filter(pk=framework.pk).update(status=FrameworkStatus.PUBLISHED, published_at=now)
    framework.refresh_from_db()
    return framework, len(rows), len(associations), len(texts)


def timed(action, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url", default="", help="default: a new SQLite file under var/bench/")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md")
    args = parser.parse_args()
    url = args.database_url
    if not url:
        VAR.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{DATABASE}"
    setup_django(url)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.report import table, write_section
    from hevruta.standards.case.compare import differences
    from hevruta.standards.case.exporter import dumps, export_package
    from hevruta.standards.models import Framework
    from hevruta.standards.services import import_framework

    started = time.perf_counter()
    framework, items, associations, texts = build(args.items)
    print(
        f"built {items:,} items, {associations:,} associations, {texts:,} rubric texts in "
        f"{time.perf_counter() - started:.1f} s"
    )

    with CaptureQueriesContext(connection) as queries:
        export_package(framework)
    export_seconds, package = timed(lambda: export_package(framework), args.repeat)
    json_seconds, content = timed(lambda: dumps(package), args.repeat)
    assert isinstance(content, bytes)
    size_mb = len(content) / 1e6
    print(
        f"export: {export_seconds:.3f} s ({len(queries.captured_queries)} queries), "
        f"JSON: {json_seconds:.3f} s, {size_mb:.1f} MB"
    )

    Framework.objects.filter(pk=framework.pk).delete()
    started = time.perf_counter()
    report = import_framework(content, network=None, user=None, source="bench")
    import_seconds = time.perf_counter() - started
    again = export_package(report.framework)
    problems = differences(package, again)
    print(f"import of the export: {import_seconds:.3f} s; re-export equal: {not problems}")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)

    engine = connection.vendor
    body = (
        f"`.venv/bin/python -m bench.case_export --items {args.items}` ({engine}, "
        f"median of {args.repeat}, {datetime.now(UTC):%Y-%m-%d}, load average {os.getloadavg()[0]:.1f} "
        f"when it ran).\n\n"
        + table(
            [
                "items",
                "associations",
                "rubric texts",
                "package",
                "export (queries → dict)",
                "JSON bytes",
                "export total",
                "import of that package",
                "round trip",
            ],
            [
                [
                    f"{items:,}",
                    f"{associations:,}",
                    f"{texts:,}",
                    f"{size_mb:.1f} MB",
                    f"{export_seconds:.2f} s ({len(queries.captured_queries)} queries)",
                    f"{json_seconds:.2f} s",
                    f"{export_seconds + json_seconds:.2f} s",
                    f"{import_seconds:.2f} s",
                    "equal" if not problems else "DIFFERENT",
                ]
            ],
        )
        + "\n\nThe export reads the framework in a fixed number of queries whatever its size; the time is "
        "building the CASE objects and serializing them. The import checks the whole package before "
        "writing, then writes in batches of 1,000 in one transaction."
    )
    if not args.no_write:
        write_section("case-export", "CASE export", body)


if __name__ == "__main__":
    main()
