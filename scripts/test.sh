#!/usr/bin/env bash
# Every test: lint and type checks, migrations check, the suite on SQLite, again on PostgreSQL when a
# server answers (always on CI), and the browser tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
export PYTHONDONTWRITEBYTECODE=1

echo "== ruff, mypy, migrations"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy hevruta
$py manage.py makemigrations --check --dry-run
$py manage.py check

# Second implementations from npm, each locked by its package-lock.json: an independent verifier for
# credentials (tests/credentials/verifier) and ical.js reading our calendars (tests/events/icaljs).
for second in tests/credentials/verifier tests/events/icaljs; do
  if [ ! -d "$second/node_modules" ]; then
    if command -v npm >/dev/null; then
      echo "== installing $second (npm)"
      npm ci --no-audit --no-fund --prefix "$second"
    elif [ "${CI:-}" = "true" ]; then
      echo "CI needs node and npm for $second." >&2
      exit 1
    else
      echo "== npm is missing: the tests that use $second will be skipped."
    fi
  fi
done

echo "== tests on SQLite"
DATABASE_URL= $py -m pytest -n 2 -m "not browser" -q

postgres_url=${POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}
if $py - "$postgres_url" <<'PY' 2>/dev/null; then
import sys, psycopg
psycopg.connect(sys.argv[1].replace("postgres://", "postgresql://"), connect_timeout=3).close()
PY
  # Search ranks through the RUM extension where the server has it (docs/search.md); CI installs it
  # from Debian when the server is this machine's, so that both ways of ranking are tested.
  rum_missing_on=$($py - "$postgres_url" <<'PY'
import sys, psycopg
with psycopg.connect(sys.argv[1].replace("postgres://", "postgresql://")) as connection:
    if not connection.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'").fetchone():
        print(connection.info.server_version // 10000)
PY
)
  if [ -n "$rum_missing_on" ] && [ "${CI:-}" = "true" ] && [ "$(id -u)" = 0 ] && [ -d "/usr/lib/postgresql/$rum_missing_on" ]; then
    echo "== installing the rum extension for PostgreSQL $rum_missing_on"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$rum_missing_on-rum" >/dev/null
  fi
  echo "== tests on PostgreSQL"
  DATABASE_URL=$postgres_url $py -m pytest -n 2 -m "not browser" -q
elif [ "${CI:-}" = "true" ]; then
  echo "CI needs PostgreSQL at $postgres_url and none answers." >&2
  exit 1
else
  echo "== PostgreSQL: no server at $postgres_url; those tests were not run."
fi

echo "== browser tests"
if [ ! -x /usr/bin/chromium ] && [ "${CI:-}" = "true" ] && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
$py -m pytest -m browser -q -p no:xdist
