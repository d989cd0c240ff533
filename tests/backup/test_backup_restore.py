"""A backup is `dumpdata`, a restore `loaddata`: from SQLite into PostgreSQL and back, nothing lost.

The demo (with issued credentials) is loaded into an SQLite file, dumped, loaded into a fresh PostgreSQL
database, dumped again and loaded into a fresh SQLite file. Every model's row count must match at each
step, and every credential must still verify where it arrived. Each step is its own process with its own
DATABASE_URL, as an operator would run them; the databases are this test's own.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.credentials.conftest import SHARED_CONTEXTS, require

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")

# Made by migrate in every database alike; a dump leaves them out so that loading does not clash.
NOT_DUMPED = ("contenttypes", "auth.Permission", "sessions")

INVENTORY = """
import json
from collections import Counter

import django

django.setup()
from django.apps import apps

from hevruta.credentials.models import IssuedCredential
from hevruta.credentials.verifier import verify_text

counts = {
    model._meta.label: model._base_manager.count()
    for model in apps.get_models()
    if model._meta.managed and not model._meta.proxy
}
verdicts = Counter(verify_text(c.signed_credential).status for c in IssuedCredential.objects.all())
print(json.dumps({"counts": counts, "verdicts": verdicts}))
"""


def _server_url(database: str) -> str:
    return POSTGRES_URL.rsplit("/", 1)[0] + "/" + database


def _postgres_or_skip() -> None:
    try:
        import psycopg

        psycopg.connect(_server_url("postgres").replace("postgres://", "postgresql://"), connect_timeout=3).close()
    except Exception as error:
        require(False, f"no PostgreSQL at {POSTGRES_URL} to restore into ({error})")


def _recreate_postgres(database: str) -> str:
    import psycopg

    with psycopg.connect(_server_url("postgres").replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{database}"')
    return _server_url(database)


def _drop_postgres(database: str) -> None:
    import psycopg

    with psycopg.connect(_server_url("postgres").replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


class Site:
    """manage.py against one database, in processes of its own."""

    def __init__(self, database_url: str, tmp_path: Path) -> None:
        self.env = {
            key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")
        }
        self.env.update(
            DATABASE_URL=database_url,
            DJANGO_SETTINGS_MODULE="hevruta.settings",
            CREDENTIALS_CONTEXT_DIR=str(tmp_path / "jsonld"),
            CREDENTIALS_FETCH_CONTEXTS="false",
            PRIVATE_FILES_ROOT=str(tmp_path / "private"),
            SECRET_KEY="backup-and-restore-test-key-" + "x" * 40,
            PYTHONDONTWRITEBYTECODE="1",
        )

    def run(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, *args], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=1200, check=False
        )
        assert done.returncode == 0, f"{' '.join(args)[:200]}\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
        return done.stdout

    def manage(self, *args: str) -> str:
        return self.run("manage.py", *args)

    def dump(self, target: Path) -> Path:
        excluded = [item for name in NOT_DUMPED for item in ("-e", name)]
        self.manage("dumpdata", "--natural-foreign", "--natural-primary", *excluded, "-o", str(target))
        return target

    def restore(self, backup: Path, *, migrated: bool = False) -> None:
        if not migrated:
            self.manage("migrate", "--no-input", "-v", "0")
        self.manage("loaddata", str(backup), "-v", "0")

    def inventory(self) -> dict:
        return json.loads(self.run("-c", INVENTORY).strip().splitlines()[-1])


def test_a_backup_moves_between_sqlite_and_postgresql_whole(tmp_path):
    from django.db import connection

    if connection.vendor == "postgresql":
        pytest.skip("runs once, in the SQLite pass: it makes its own SQLite and PostgreSQL databases either way")
    require(SHARED_CONTEXTS.is_dir(), f"the reference contexts are missing: {SHARED_CONTEXTS}")
    _postgres_or_skip()
    shutil.copytree(SHARED_CONTEXTS, tmp_path / "jsonld")
    database = f"hv_backup_{os.getpid()}"

    first = Site(f"sqlite:///{tmp_path / 'first.sqlite3'}", tmp_path)
    first.manage("migrate", "--no-input", "-v", "0")
    # The SQLite file restored into at the end starts as this one does, freshly migrated and empty: a copy
    # saves migrating twice (migrate is most of this test's time).
    shutil.copyfile(tmp_path / "first.sqlite3", tmp_path / "back.sqlite3")
    first.manage("load_demo")
    before = first.inventory()
    assert before["counts"]["accounts.User"] > 0 and before["counts"]["directory.Person"] > 0
    assert before["verdicts"].get("valid", 0) > 0, "the demo issued no credential to check"

    postgres = Site(_recreate_postgres(database), tmp_path)
    try:
        postgres.restore(first.dump(tmp_path / "from-sqlite.json"))
        in_postgres = postgres.inventory()
        backup = postgres.dump(tmp_path / "from-postgres.json")
    finally:
        _drop_postgres(database)
    assert in_postgres["counts"] == before["counts"]
    assert in_postgres["verdicts"] == before["verdicts"]

    back = Site(f"sqlite:///{tmp_path / 'back.sqlite3'}", tmp_path)
    back.restore(backup, migrated=True)
    again = back.inventory()
    assert again["counts"] == before["counts"]
    assert again["verdicts"] == before["verdicts"]
