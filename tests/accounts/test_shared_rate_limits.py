"""Login rate limits hold across web processes: without Redis they are kept in a database table.

Each gunicorn worker is a process of its own; a cache in a process's memory would let every worker
allow five wrong passwords. Two real processes share the limit here, on an SQLite file that `migrate`
prepared (it creates the cache table).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]

# The accounts tests' fixture empties the cache, which is a table of the (test) database.
pytestmark = pytest.mark.django_db

# One process's failed logins for one address, each from its own IP (so only the per-address limit counts).
FAILURES = """
import sys
import django

django.setup()
from allauth.core import ratelimit
from django.test import RequestFactory

allowed = 0
for attempt in range(int(sys.argv[1])):
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR=f"{sys.argv[2]}.{attempt + 1}")
    allowed += ratelimit.consume(request, action="login_failed", key="dana@example.org")
print(allowed)
"""


def _environment(tmp_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DATABASE_URL")}
    env.update(DJANGO_SETTINGS_MODULE="hevruta.settings", DATABASE_URL=f"sqlite:///{tmp_path / 'shared.sqlite3'}")
    return env


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_without_redis_the_default_cache_is_shared_by_every_process():
    assert "REDIS_URL" in os.environ or settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    assert not settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")


def test_two_processes_share_the_five_failures_of_one_address(tmp_path):
    env = _environment(tmp_path)
    _run(env, "manage.py", "migrate", "core", "--no-input", "-v", "0")  # makes the cache table too
    first = _run(env, "-c", FAILURES, "3", "10.0.1")
    second = _run(env, "-c", FAILURES, "3", "10.0.2")
    # ACCOUNT_RATE_LIMITS: 5 failures per 5 minutes for one address, whichever process counts them.
    assert (int(first), int(second)) == (3, 2)
