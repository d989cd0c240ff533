"""Write hevruta/directory/data/localities.csv.gz from the CBS files: the localities every installation gets.

    .venv/bin/python scripts/build_localities_data.py [--geo ../shared/data/geo]

Reads the three CBS files (the localities list and the peripherality index 2020 of localities and of
local authorities) with the same code as `manage.py import_localities`, adds the Arabic names of
hevruta/directory/data/arabic-names.csv, and writes the packaged file (the same files always make the
same bytes). Then update the date and counts in hevruta/directory/data/README.md.
"""

import argparse
import hashlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hevruta.settings")
    import django

    django.setup()
    from hevruta.directory import localities

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # The reference copy of the CBS files beside the project; the platform itself never reads it.
    shared_geo = Path(__file__).resolve().parents[2] / "shared" / "data" / "geo"
    parser.add_argument("--geo", type=Path, default=shared_geo, help="the folder of the three CBS files")
    parser.add_argument("--output", type=Path, default=localities.PACKAGED_LOCALITIES)
    arguments = parser.parse_args()
    geo = arguments.geo
    try:
        rows = localities.read_cbs_files(*localities.cbs_paths(geo))
    except localities.LocalityImportError as error:
        sys.exit(str(error))
    data = localities.packaged_bytes(rows)
    arguments.output.write_bytes(data)
    with_cluster = sum(1 for row in rows.values() if row["peripherality_cluster"] is not None)
    with_arabic = sum(1 for row in rows.values() if row["name_ar"])
    print(
        f"{arguments.output}: {len(rows)} localities ({with_cluster} with a 2020 peripherality cluster, "
        f"{with_arabic} with an Arabic name), {len(data):,} bytes, sha256 {hashlib.sha256(data).hexdigest()}"
    )
    for name in (localities.CSV_NAME, localities.LOCALITIES_XLSX_NAME, localities.AUTHORITIES_XLSX_NAME):
        print(f"  from {name}: sha256 {hashlib.sha256((geo / name).read_bytes()).hexdigest()}")


if __name__ == "__main__":
    main()
