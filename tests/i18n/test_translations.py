"""Every interface string has a Hebrew and an Arabic translation.

Extracts the strings from the code as it is now (makemessages into a scratch copy, so the working
tree is not touched) and checks that the committed .po files translate every one of them, and that
the compiled .mo files are up to date with the .po files.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "hevruta" / "locale"
LANGUAGES = ("he", "ar")


def read_po(path: Path) -> dict[str, str]:
    """msgid → msgstr (plural forms joined), without the header entry."""
    entries: dict[str, str] = {}
    text = path.read_text(encoding="utf-8")
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        fields: dict[str, str] = {}
        current = None
        for line in lines:
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif current and line.startswith('"'):
                fields[current] += line[1:-1]
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in block.splitlines())
        if fields.get("msgid"):
            key = fields.get("msgctxt", "") + "\x04" + fields["msgid"] if "msgctxt" in fields else fields["msgid"]
            translations = [value for name, value in fields.items() if name.startswith("msgstr")]
            entries[key] = "" if fuzzy or not all(translations) else "|".join(translations)
    return entries


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict[str, str]:
    if not shutil.which("xgettext"):
        pytest.skip("GNU gettext (xgettext) is not installed, so strings cannot be extracted: apt install gettext")
    scratch = tmp_path_factory.mktemp("messages")
    shutil.copytree(
        ROOT / "hevruta", scratch / "hevruta", ignore=shutil.ignore_patterns("locale", "static", "__pycache__")
    )
    (scratch / "hevruta" / "locale").mkdir()
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "he", "--no-location", "-v", "0"],
        cwd=scratch / "hevruta",
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "hevruta.settings", "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    return read_po(scratch / "hevruta" / "locale" / "he" / "LC_MESSAGES" / "django.po")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_interface_string_is_translated(extracted, language):
    translated = read_po(LOCALE / language / "LC_MESSAGES" / "django.po")
    missing = sorted(msgid for msgid in extracted if not translated.get(msgid))
    assert len(extracted) > 50, "extraction found suspiciously few strings"
    assert not missing, f"{len(missing)} strings lack a {language} translation, e.g. {missing[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo.relative_to(ROOT)} is missing: run `make messages`"
    from django.utils.translation import gettext, override

    entries = read_po(po)
    sample = [msgid for msgid in entries if not set("\x04%\\") & set(msgid) and "|" not in entries[msgid]][:200]
    with override(language):
        stale = [msgid for msgid in sample if gettext(msgid) != entries[msgid]]
    assert not stale, f"the .mo file is older than the .po file: run `make messages` ({stale[:5]})"
