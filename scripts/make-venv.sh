#!/usr/bin/env bash
# Creates the virtual environment with the first Python 3.12 or newer found, or says there is none.
set -euo pipefail
venv=${1:-.venv}
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
  exit 0
fi
candidates=(python3.13 python3.12 python3)
if command -v pyenv >/dev/null 2>&1; then
  for version in 3.13 3.12; do
    prefix=$(pyenv prefix "$version" 2>/dev/null || true)
    [ -n "$prefix" ] && candidates+=("$prefix/bin/python3")
  done
fi
for candidate in "${candidates[@]}"; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
    echo "Creating $venv with $("$candidate" --version)"
    rm -rf "$venv"
    "$candidate" -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check --upgrade pip
    exit 0
  fi
done
echo "Hevruta needs Python 3.12 or newer, and none was found (tried: ${candidates[*]})." >&2
echo "Install it (e.g. 'apt install python3.12', 'brew install python@3.12' or 'pyenv install 3.12') and run again." >&2
exit 1
