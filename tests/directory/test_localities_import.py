"""Israel's localities: the CBS localities shipped in the package (loaded by migrate), and refreshing them
from the CBS files in ../shared/data/geo/."""

import importlib
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.utils import translation

from hevruta.directory.localities import (
    CSV_NAME,
    PACKAGED_LOCALITIES,
    LocalityImportError,
    arabic_names,
    cbs_paths,
    import_localities,
    load_packaged_localities,
    packaged_bytes,
    read_cbs_files,
    read_packaged_localities,
)
from hevruta.directory.models import District, Locality

# The CSV has 1,228 data rows (../shared/data/README.md says 1,227).
CBS_LOCALITIES = 1228

# The reference CBS files beside the project (../shared/data/geo): the platform itself never reads them.
GEO_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "geo"


def default_paths() -> tuple[Path, Path, Path]:
    return cbs_paths(GEO_DIR)


needs_cbs_files = pytest.mark.skipif(
    not all(path.is_file() for path in default_paths()), reason="../shared/data/geo/ is not there"
)


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    # The messages are matched in English; the interface language would translate them.
    with translation.override("en"):
        yield


@needs_cbs_files
@pytest.mark.django_db
def test_imports_every_cbs_locality_with_district_and_peripherality():
    counts = import_localities(*default_paths())
    assert (counts.created, counts.updated, counts.unchanged) == (CBS_LOCALITIES, 0, 0)
    assert Locality.objects.count() == CBS_LOCALITIES
    yeruham = Locality.objects.get(cbs_code=831)
    assert (yeruham.name_he, yeruham.name_en) == ("ירוחם", "Yeroham")
    assert yeruham.district == District.SOUTH
    assert yeruham.peripherality_cluster == 2
    assert yeruham.peripherality_index == pytest.approx(-1.0246, abs=1e-4)
    assert yeruham.municipal_status == "מועצה מקומית"
    assert yeruham.latitude == pytest.approx(30.988, abs=1e-3)
    # Arabic names come from the built-in set; CBS publishes none.
    assert yeruham.name_ar == "يروحام"
    tel_aviv = Locality.objects.get(cbs_code=5000)
    assert (tel_aviv.district, tel_aviv.peripherality_cluster) == (District.TEL_AVIV, 10)
    # A regional council's member: the council's name without "מועצה אזורית".
    sapir = Locality.objects.get(cbs_code=1176)
    assert (sapir.municipal_status, sapir.regional_council) == ("מועצה אזורית", "הערבה התיכונה")


@needs_cbs_files
@pytest.mark.django_db
def test_localities_missing_from_the_workbook_take_their_authoritys_cluster():
    import_localities(*default_paths())
    # Nimrod is in the CSV but not in the localities workbook; the Golan Regional Council is cluster 1.
    nimrod = Locality.objects.get(cbs_code=4035)
    assert (nimrod.regional_council, nimrod.peripherality_cluster, nimrod.peripherality_index) == ("גולן", 1, None)
    # Without a municipal status there is no authority either.
    assert Locality.objects.get(cbs_code=22).peripherality_cluster is None
    assert Locality.objects.filter(peripherality_cluster__isnull=True).count() == 4


@needs_cbs_files
@pytest.mark.django_db
def test_a_second_import_changes_nothing_and_a_changed_value_is_updated():
    out = _command_output()
    assert "1228" in out
    counts = import_localities(*default_paths())
    assert (counts.created, counts.updated, counts.unchanged) == (0, 0, CBS_LOCALITIES)
    Locality.objects.filter(cbs_code=831).update(population=1, name_ar="")
    counts = import_localities(*default_paths())
    assert (counts.created, counts.updated) == (0, 1)
    assert Locality.objects.get(cbs_code=831).population == 11031


@needs_cbs_files
@pytest.mark.django_db
def test_the_packaged_localities_are_what_the_cbs_files_import():
    counts = load_packaged_localities(Locality)
    assert (counts.created, counts.updated, counts.unchanged) == (CBS_LOCALITIES, 0, 0)
    counts = import_localities(*default_paths())
    assert (counts.created, counts.updated, counts.unchanged) == (0, 0, CBS_LOCALITIES)


@needs_cbs_files
def test_the_packaged_file_is_rebuilt_byte_for_byte_from_the_cbs_files():
    assert packaged_bytes(read_cbs_files(*default_paths())) == PACKAGED_LOCALITIES.read_bytes()


@needs_cbs_files
def test_the_build_script_writes_the_packaged_file(tmp_path):
    output = tmp_path / "localities.csv.gz"
    completed = subprocess.run(
        [sys.executable, "scripts/build_localities_data.py", "--output", str(output)],
        cwd=PACKAGED_LOCALITIES.parents[3],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert f"{CBS_LOCALITIES} localities" in completed.stdout
    assert output.read_bytes() == PACKAGED_LOCALITIES.read_bytes()


@pytest.mark.django_db
def test_every_locality_is_packaged_with_district_coordinates_population_and_cluster():
    rows = read_packaged_localities()
    assert len(rows) == CBS_LOCALITIES
    assert sum(1 for row in rows.values() if row["district"] in District.values) == CBS_LOCALITIES
    assert sum(1 for row in rows.values() if row["peripherality_cluster"]) == CBS_LOCALITIES - 4
    assert sum(1 for row in rows.values() if row["latitude"] and row["longitude"]) == CBS_LOCALITIES
    assert sum(1 for row in rows.values() if row["population"]) == CBS_LOCALITIES - 9
    counts = load_packaged_localities(Locality)
    assert (counts.created, counts.updated, counts.unchanged) == (CBS_LOCALITIES, 0, 0)
    named = {locality.cbs_code: locality for locality in Locality.objects.all()}
    # Every locality the seed documents name, with the Arabic names CBS does not publish.
    for code in (6600, 8600, 8300, 1059, 831, 6200, 6500, 3000, 1061, 7400, 8400, 5000):
        assert named[code].name_ar and named[code].name_en and named[code].peripherality_cluster
    assert {code: named[code].name_ar for code in arabic_names()} == arabic_names()
    yeruham = named[831]
    assert (yeruham.name_he, yeruham.district, yeruham.sub_district) == ("ירוחם", District.SOUTH, "באר שבע")
    assert (yeruham.peripherality_cluster, yeruham.population) == (2, 11031)
    assert yeruham.peripherality_index == pytest.approx(-1.0246, abs=1e-4)
    assert (yeruham.latitude, yeruham.longitude) == (pytest.approx(30.988, abs=1e-3), pytest.approx(34.93, abs=1e-2))


@pytest.mark.django_db
def test_loading_again_creates_only_what_is_missing_and_changes_nothing():
    load_packaged_localities(Locality)
    # A refresh from newer CBS files (here: one changed population) is never put back.
    Locality.objects.filter(cbs_code=831).update(population=12000)
    Locality.objects.filter(cbs_code=5000).delete()
    counts = load_packaged_localities(Locality)
    assert (counts.created, counts.updated, counts.unchanged) == (1, 0, CBS_LOCALITIES - 1)
    assert Locality.objects.get(cbs_code=831).population == 12000
    assert Locality.objects.count() == CBS_LOCALITIES
    # --packaged writes the packaged values back.
    call_command("import_localities", "--packaged", stdout=_Sink())
    assert Locality.objects.get(cbs_code=831).population == 11031


@pytest.mark.django_db
def test_the_data_migration_loads_every_locality():
    """Migrating loads them (the test database itself was migrated; conftest.py then emptied the table)."""
    migration = importlib.import_module("hevruta.directory.migrations.0005_every_cbs_locality_from_the_package")
    migration.load(apps, schema_editor=None)
    assert Locality.objects.count() == CBS_LOCALITIES
    assert Locality.objects.filter(peripherality_cluster__isnull=False).count() == CBS_LOCALITIES - 4


@pytest.mark.django_db
def test_a_csv_without_the_expected_columns_is_refused_and_nothing_is_written(tmp_path):
    bad = tmp_path / CSV_NAME
    bad.write_text("\ufeffid,name\n831,ירוחם\n", encoding="utf-8")
    _, localities_xlsx, authorities_xlsx = default_paths()
    with pytest.raises(CommandError, match="lacks the columns"):
        call_command(
            "import_localities",
            csv=bad,
            localities_xlsx=localities_xlsx,
            authorities_xlsx=authorities_xlsx,
            stdout=_Sink(),
        )
    assert not Locality.objects.exists()


@needs_cbs_files
@pytest.mark.django_db
def test_an_unreadable_workbook_is_refused_and_nothing_is_written(tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"this is not a workbook")
    csv_path, _, authorities_xlsx = default_paths()
    with pytest.raises(LocalityImportError, match="Cannot read"):
        import_localities(csv_path, broken, authorities_xlsx)
    with pytest.raises(CommandError):
        call_command("import_localities", dir=GEO_DIR, localities_xlsx=tmp_path / "missing.xlsx", stdout=_Sink())
    assert not Locality.objects.exists()


@pytest.mark.django_db
def test_a_bad_number_names_its_row(tmp_path):
    bad = tmp_path / CSV_NAME
    header = "id,name,name_en,district_id,sub_district_name,municipal_status_id,municipal_status_name,"
    header += "coordinates_wgs84_latitude,coordinates_wgs84_longitude,population"
    bad.write_text(f"{header}\n831,ירוחם,Yeroham,6,באר שבע,99,מועצה מקומית,30.9,34.9,many\n", encoding="utf-8")
    with pytest.raises(LocalityImportError, match="row 2: population"):
        import_localities(bad, *default_paths()[1:])


class _Sink:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def _command_output() -> str:
    sink = _Sink()
    call_command("import_localities", dir=GEO_DIR, stdout=sink)
    return sink.text
