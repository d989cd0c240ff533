"""Israel's localities from the Central Bureau of Statistics: shipped in the package, refreshed from CBS files.

Every installation has all of them: `data/localities.csv.gz` (data/README.md says what it holds and
where it comes from) is loaded by a data migration, so `migrate` alone gives a fresh install every
locality, with no network and no file from outside the package.

`import_localities` refreshes them from newer CBS files (../shared/data/README.md describes them):

- cbs-localities.csv: names, district, sub-district, municipal status, WGS84 coordinates, population;
- cbs-peripherality-2020-localities.xlsx: each locality's peripherality index and cluster (2020);
- cbs-peripherality-2020-authorities.xlsx: the same per local authority, for localities the first lacks.

Every file is read and checked before anything is written, so a bad file changes nothing. Writing is
one transaction of bulk inserts and bulk updates keyed on the CBS code; a second run changes nothing.
`scripts/build_localities_data.py` writes the packaged file from the same files with the same code.
"""

import csv
import gzip
import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from hevruta.core.pagecache import data_changed

from .models import District, Locality, Person
from .signals import people_changed

CSV_NAME = "cbs-localities.csv"
LOCALITIES_XLSX_NAME = "cbs-peripherality-2020-localities.xlsx"
AUTHORITIES_XLSX_NAME = "cbs-peripherality-2020-authorities.xlsx"

DATA_DIR = Path(__file__).resolve().parent / "data"
PACKAGED_LOCALITIES = DATA_DIR / "localities.csv.gz"
# Customary Arabic names, kept by hand: CBS publishes none.
ARABIC_NAMES = DATA_DIR / "arabic-names.csv"

CSV_COLUMNS = (
    "id",
    "name",
    "name_en",
    "district_id",
    "sub_district_name",
    "municipal_status_id",
    "municipal_status_name",
    "coordinates_wgs84_latitude",
    "coordinates_wgs84_longitude",
    "population",
)
LOCALITIES_XLSX_COLUMNS = ("locality_code", "peri_index_2020_value", "peri_cluster_2020")
AUTHORITIES_XLSX_COLUMNS = ("municipal_status", "locality_code", "peri_cluster_2020")

# CBS writes a regional council's members with the municipal status "מועצה אזורית <name>".
REGIONAL_COUNCIL = "מועצה אזורית"

FIELDS = (
    "name_he",
    "name_en",
    "name_ar",
    "district",
    "sub_district",
    "municipal_status",
    "regional_council",
    "latitude",
    "longitude",
    "population",
    "peripherality_cluster",
    "peripherality_index",
)
TEXT_FIELDS = {"name_he", "name_en", "name_ar", "sub_district", "municipal_status", "regional_council"}
INTEGER_FIELDS = {"district", "population", "peripherality_cluster"}
BATCH = 500


class LocalityImportError(Exception):
    """A file is missing, unreadable or not the shape the importer expects; nothing was written."""


@dataclass(frozen=True)
class ImportCounts:
    created: int
    updated: int
    unchanged: int

    def __str__(self) -> str:
        return _("created %(created)d, updated %(updated)d, unchanged %(unchanged)d") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


@dataclass(frozen=True)
class Peripherality:
    cluster: int | None
    index: float | None


def cbs_paths(folder: Path) -> tuple[Path, Path, Path]:
    """The three CBS files in a folder, under the names CBS publishes them with."""
    return folder / CSV_NAME, folder / LOCALITIES_XLSX_NAME, folder / AUTHORITIES_XLSX_NAME


def import_localities(csv_path: Path, localities_xlsx: Path, authorities_xlsx: Path) -> ImportCounts:
    """Import the CBS files; raises LocalityImportError before writing."""
    return write_localities(read_cbs_files(csv_path, localities_xlsx, authorities_xlsx))


def read_cbs_files(csv_path: Path, localities_xlsx: Path, authorities_xlsx: Path) -> dict[int, dict]:
    """The localities of the three CBS files by CBS code, as Locality field values."""
    rows = read_cbs_csv(Path(csv_path))
    by_locality = read_locality_peripherality(Path(localities_xlsx))
    by_authority_code, by_council = read_authority_peripherality(Path(authorities_xlsx))
    for code, row in rows.items():
        council_code = row.pop("_council_code")
        peripherality = by_locality.get(code)
        if peripherality is None:
            # 15 localities of the CSV are missing from the localities workbook (small places, mostly in
            # regional councils). Their authority's cluster stands in: a city or local council by its own
            # code, a regional council's member by the council's code (the CSV's municipal_status_id is
            # the authorities workbook's municipal_status). That gives 11 of them a cluster; the 4 without
            # a municipal status keep none. Names cannot be matched: the workbook spells authorities in
            # CBS transliteration only. The authority's index is not the locality's, so it stays empty.
            cluster = by_authority_code.get(code) or (by_council.get(council_code) if council_code else None)
            peripherality = Peripherality(cluster, None)
        row["peripherality_cluster"] = peripherality.cluster
        row["peripherality_index"] = peripherality.index
    return rows


def ensure_localities() -> str:
    """Localities for the demo and the generator: the packaged ones, when migrate's are not all there."""
    return _("CBS localities: %(counts)s") % {"counts": load_packaged_localities(Locality)}


@transaction.atomic
def write_localities(rows: dict[int, dict]) -> ImportCounts:
    """Create new codes and update changed ones in bulk; a locality missing from `rows` is left alone."""
    data_changed("directory")  # bulk writes send no signals
    existing = {locality.cbs_code: locality for locality in Locality.objects.all()}
    new, changed = [], []
    for code, values in rows.items():
        locality = existing.get(code)
        if locality is None:
            new.append(Locality(cbs_code=code, **values))
            continue
        # A source without an Arabic name never erases one written before.
        updates = {
            field: value
            for field, value in values.items()
            if getattr(locality, field) != value and not (field == "name_ar" and not value)
        }
        for field, value in updates.items():
            setattr(locality, field, value)
        if updates:
            changed.append(locality)
    Locality.objects.bulk_create(new, batch_size=BATCH)
    Locality.objects.bulk_update(changed, FIELDS, batch_size=BATCH)
    if changed:  # a place moved: the people living there
        moved = Person.objects.filter(locality__in=changed).values_list("pk", flat=True)
        people_changed.send(sender=Locality, person_ids=list(moved))
    return ImportCounts(created=len(new), updated=len(changed), unchanged=len(rows) - len(new) - len(changed))


# The packaged localities -------------------------------------------------------------------------------


def load_packaged_localities(model: Any) -> ImportCounts:
    """Create the packaged localities whose codes are not there yet; existing ones are left as they are.

    `model` is Locality, or the migration's historical Locality. Nothing is updated, so values refreshed
    by `import_localities` from newer CBS files are never put back to the packaged ones.
    """
    rows = read_packaged_localities()
    with transaction.atomic():
        existing = set(model.objects.values_list("cbs_code", flat=True))
        new = [model(cbs_code=code, **values) for code, values in rows.items() if code not in existing]
        model.objects.bulk_create(new, batch_size=BATCH)
    if new and model is Locality:
        data_changed("directory")  # bulk writes send no signals
    return ImportCounts(created=len(new), updated=0, unchanged=len(rows) - len(new))


def read_packaged_localities(path: Path = PACKAGED_LOCALITIES) -> dict[int, dict]:
    """The packaged file's localities by CBS code, as Locality field values."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return {int(line["cbs_code"]): _packaged_values(line) for line in csv.DictReader(handle)}


def _packaged_values(line: dict[str, str]) -> dict:
    values: dict[str, Any] = {}
    for field in FIELDS:
        text = line[field]
        if field in TEXT_FIELDS:
            values[field] = text
        elif not text:
            values[field] = None
        else:
            values[field] = int(text) if field in INTEGER_FIELDS else float(text)
    return values


def packaged_bytes(rows: dict[int, dict]) -> bytes:
    """The packaged file for these localities: a CSV sorted by code, gzip'd without a date, so the same
    rows always make the same bytes (a rebuild from the same CBS files changes nothing in git)."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(("cbs_code", *FIELDS))
    for code in sorted(rows):
        writer.writerow((code, *(_packaged_text(rows[code][field]) for field in FIELDS)))
    compressed = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=compressed, compresslevel=9, mtime=0) as handle:
        handle.write(text.getvalue().encode("utf-8"))
    return compressed.getvalue()


def _packaged_text(value: object) -> str:
    # repr() of a float reads back as exactly the same float.
    return "" if value is None else repr(value) if isinstance(value, float) else str(value)


def arabic_names(path: Path = ARABIC_NAMES) -> dict[int, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {int(line["cbs_code"]): line["name_ar"] for line in csv.DictReader(handle)}


# Reading the files -------------------------------------------------------------------------------


def read_cbs_csv(path: Path) -> dict[int, dict]:
    """The CSV's localities by CBS code, as Locality field values plus the regional council's code."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            _require_columns(path, list(reader.fieldnames or []), CSV_COLUMNS)
            lines = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise LocalityImportError(_("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}) from None
    if not lines:
        raise LocalityImportError(_("%(path)s has no localities.") % {"path": path.name})
    names_ar = arabic_names()
    rows = {}
    for number, line in enumerate(lines, start=2):
        code = _integer(path, number, "id", line["id"], required=True)
        assert code is not None
        rows[code] = _csv_values(path, number, line, names_ar.get(code, ""))
    return rows


def _csv_values(path: Path, number: int, line: dict, name_ar: str) -> dict:
    status = (line["municipal_status_name"] or "").strip()
    council = status.removeprefix(REGIONAL_COUNCIL).strip() if status.startswith(REGIONAL_COUNCIL) else ""
    district = _integer(path, number, "district_id", line["district_id"])
    return {
        "name_he": (line["name"] or "").strip(),
        "name_en": (line["name_en"] or "").strip(),
        "name_ar": name_ar,
        "district": district if district in District.values else None,
        "sub_district": (line["sub_district_name"] or "").strip(),
        "municipal_status": REGIONAL_COUNCIL if council else status,
        "regional_council": council,
        "latitude": _number(path, number, "coordinates_wgs84_latitude", line["coordinates_wgs84_latitude"]),
        "longitude": _number(path, number, "coordinates_wgs84_longitude", line["coordinates_wgs84_longitude"]),
        "population": _integer(path, number, "population", line["population"]),
        "_council_code": _integer(path, number, "municipal_status_id", line["municipal_status_id"])
        if council
        else None,
    }


def read_locality_peripherality(path: Path) -> dict[int, Peripherality]:
    rows = _xlsx_rows(path, LOCALITIES_XLSX_COLUMNS)
    result = {}
    for number, row in rows:
        code = _integer(path, number, "locality_code", row["locality_code"], required=True)
        assert code is not None
        result[code] = Peripherality(
            _cluster(path, number, row["peri_cluster_2020"]),
            _number(path, number, "peri_index_2020_value", row["peri_index_2020_value"]),
        )
    return result


def read_authority_peripherality(path: Path) -> tuple[dict[int, int], dict[int, int]]:
    """Clusters of local authorities: by locality code (cities, local councils) and by council code."""
    by_code: dict[int, int] = {}
    by_council: dict[int, int] = {}
    for number, row in _xlsx_rows(path, AUTHORITIES_XLSX_COLUMNS):
        cluster = _cluster(path, number, row["peri_cluster_2020"])
        code = _integer(path, number, "locality_code", row["locality_code"])
        status = _integer(path, number, "municipal_status", row["municipal_status"])
        if cluster is None:
            continue
        if code:
            by_code[code] = cluster
        elif status:
            by_council[status] = cluster
    return by_code, by_council


def _xlsx_rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict]]:
    """The first sheet's rows as dicts keyed by stripped header names, with their row numbers."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            lines = list(workbook.worksheets[0].iter_rows(values_only=True))
        finally:
            workbook.close()
    except (OSError, BadZipFile, InvalidFileException, KeyError, ValueError, IndexError) as error:
        raise LocalityImportError(_("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}) from None
    if not lines:
        raise LocalityImportError(_("%(path)s is empty.") % {"path": path.name})
    # Some CBS headers carry a trailing space ("peri_index_2020_value ").
    header = [str(cell).strip() if cell is not None else "" for cell in lines[0]]
    _require_columns(path, header, required)
    return [
        (number, dict(zip(header, line, strict=False)))
        for number, line in enumerate(lines[1:], start=2)
        if any(cell not in (None, "") for cell in line)
    ]


def _require_columns(path: Path, header: list[str], required: tuple[str, ...]) -> None:
    missing = [column for column in required if column not in header]
    if missing:
        raise LocalityImportError(
            _("%(path)s lacks the columns: %(columns)s.") % {"path": path.name, "columns": ", ".join(missing)}
        )


def _bad_value(path: Path, number: int, column: str, value: object) -> LocalityImportError:
    return LocalityImportError(
        _("%(path)s, row %(row)d: %(column)s is %(value)r, not a number.")
        % {"path": path.name, "row": number, "column": column, "value": value}
    )


def _number(path: Path, number: int, column: str, value: object) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        result = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise _bad_value(path, number, column, value) from None
    if not math.isfinite(result):
        raise _bad_value(path, number, column, value)
    return result


def _integer(path: Path, number: int, column: str, value: object, *, required: bool = False) -> int | None:
    result = _number(path, number, column, value)
    if result is None:
        if required:
            raise _bad_value(path, number, column, value)
        return None
    if result != int(result):
        raise _bad_value(path, number, column, value)
    return int(result)


def _cluster(path: Path, number: int, value: object) -> int | None:
    cluster = _integer(path, number, "peri_cluster_2020", value)
    if cluster is not None and not 1 <= cluster <= 10:
        raise LocalityImportError(
            _("%(path)s, row %(row)d: a peripherality cluster is 1 to 10, not %(value)s.")
            % {"path": path.name, "row": number, "value": cluster}
        )
    return cluster
