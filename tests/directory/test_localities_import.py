"""Importing Israel's localities from the CBS files in ../shared/data/geo/, and the built-in set."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from hevruta.directory.builtin_localities import BUILTIN_LOCALITIES
from hevruta.directory.localities import (
    CSV_NAME,
    LocalityImportError,
    cbs_files_present,
    default_paths,
    import_localities,
    load_builtin_localities,
)
from hevruta.directory.models import District, Locality

# The CSV has 1,228 data rows (../shared/data/README.md says 1,227).
CBS_LOCALITIES = 1228

needs_cbs_files = pytest.mark.skipif(not cbs_files_present(), reason="../shared/data/geo/ is not there")


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    # The messages are matched in English; the interface language would translate them.
    with translation.override("en"):
        yield


@needs_cbs_files
@pytest.mark.django_db
def test_imports_every_cbs_locality_with_district_and_peripherality():
    counts = import_localities()
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
    import_localities()
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
    counts = import_localities()
    assert (counts.created, counts.updated, counts.unchanged) == (0, 0, CBS_LOCALITIES)
    Locality.objects.filter(cbs_code=831).update(population=1, name_ar="")
    counts = import_localities()
    assert (counts.created, counts.updated) == (0, 1)
    assert Locality.objects.get(cbs_code=831).population == 11031


@needs_cbs_files
@pytest.mark.django_db
def test_the_builtin_set_equals_the_cbs_files():
    counts = load_builtin_localities()
    assert counts.created == len(BUILTIN_LOCALITIES)
    counts = import_localities()
    assert (counts.created, counts.updated) == (CBS_LOCALITIES - len(BUILTIN_LOCALITIES), 0)


@pytest.mark.django_db
def test_the_builtin_set_loads_without_the_cbs_files():
    counts = load_builtin_localities()
    assert (counts.created, counts.updated, counts.unchanged) == (len(BUILTIN_LOCALITIES), 0, 0)
    assert load_builtin_localities().unchanged == len(BUILTIN_LOCALITIES)
    named = {locality.cbs_code: locality for locality in Locality.objects.all()}
    # Every locality the seed documents name.
    for code in (6600, 8600, 8300, 1059, 831, 6200, 6500, 3000, 1061, 7400, 8400, 5000):
        assert named[code].name_ar and named[code].name_en and named[code].peripherality_cluster
    assert named[1059].name_he == "כסיפה"
    assert named[831].district == District.SOUTH
    call_command("import_localities", "--builtin", stdout=_Sink())


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
        call_command("import_localities", localities_xlsx=tmp_path / "missing.xlsx", stdout=_Sink())
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
    call_command("import_localities", stdout=sink)
    return sink.text
