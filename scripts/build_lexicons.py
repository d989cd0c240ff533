"""Builds the two word tables that search uses (hevruta/core/text/lexicons/), from their sources.

    # Hebrew, from Debian's hspell 1.4-3.1 (AGPL-3+): the package's data files and its `hspell -l`.
    apt-get install hspell            # the analyser, run once per word here; not needed at run time
    apt-get download hspell           # hspell_1.4-3.1_amd64.deb, for its data files
    .venv/bin/python scripts/build_lexicons.py hebrew hspell_1.4-3.1_amd64.deb

    # Arabic broken plurals, from arramooz-pysqlite 0.4.2 on PyPI (GPL-3), its noun dictionary.
    .venv/bin/pip download --no-deps arramooz-pysqlite==0.4.2
    .venv/bin/python scripts/build_lexicons.py arabic arramooz_pysqlite-0.4.2-py3-none-any.whl

    # The Hebrew table of format 1 (lemma lines only, before the table was stored sorted) in format 2,
    # when hspell's .deb is not at hand: the same lemmas and words.
    .venv/bin/python scripts/build_lexicons.py convert-hebrew hebrew-lemmas.txt.gz

Each writes its gzip table and records the source's name, version, SHA-256 and the table's SHA-256 in
lexicons/manifest.json. The platform reads only the tables: no network, no system package. After a
new table, `manage.py reindex_search` puts every document through the new forms (docs/search.md).

Hebrew: hspell's word list (hebrew.wgz: every inflected word, without prefixes, 469,509 of them) is
decoded here, and `hspell -l` gives each word's analyses: lemma, part of speech, person, number,
construct state, possessive suffix. Of these, each word keeps its lemma(s), chosen the same way for
every word so that a document and a query agree:

- words hspell knows only as a function word or an acronym ("x", no lemma) get none: they are found
  as written;
- a word that is a noun or an adjective in some analysis keeps only those analyses (ספרו: his book,
  not "they counted"); verbs count only for words that are nothing else;
- a word that is its own lemma does not also stand for another lemma with a possessive suffix: ספרה
  is a digit, not "her book"; it does stand for another's plural or construct state: גננות is
  "gardening" and the plural of גננת;
- but an adjective made from a noun keeps the noun's possessive reading when only one noun fits
  (כיתתי: "of the class" and "my class"; `with_possessives_of_adjectives`).

The table (format 2, ISO-8859-8) holds one line per lemma with every word that has it:
"N<lemma>\\t<word> <word> …" (N noun or adjective, V verb), in core.text's folded spelling (no final
letters); then, after an empty line, one "<word>\\t<lemma number>" line per word and lemma, sorted by
bytes, which the platform bisects as it is stored (core/text/lexicon.py) without building anything.
"""

import argparse
import gzip
import hashlib
import io
import json
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hevruta.core.text import normalize_word

LEXICONS = Path(__file__).resolve().parent.parent / "hevruta" / "core" / "text" / "lexicons"
MANIFEST = LEXICONS / "manifest.json"
HEBREW_TABLE = "hebrew-lemmas-sorted.txt.gz"
HEBREW_FORMAT = b"hevruta-hebrew-lemmas 2"  # core.text.lexicon.HebrewLemmas reads this format
HEBREW_ENCODING = "iso-8859-8"
ARABIC_TABLE = "arabic-broken-plurals.txt.gz"
HSPELL = "/usr/bin/hspell"  # Debian's, from `apt-get install hspell`
NO_LEMMA = "שונות"  # hspell's lemma for words it has no lemma for (acronyms, function words)
PART_OF_SPEECH = {"ע": "N", "ת": "N", "פ": "V"}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def deb_member(deb: Path, name: str) -> bytes:
    """A file of a .deb's data archive (ar archive holding data.tar.xz), without dpkg."""
    content = deb.read_bytes()
    position = 8  # "!<arch>\n"
    while position < len(content):
        header = content[position : position + 60]
        member, size = header[:16].decode().strip().rstrip("/"), int(header[48:58])
        body = content[position + 60 : position + 60 + size]
        if member.startswith("data.tar"):
            with tarfile.open(fileobj=io.BytesIO(body)) as archive:
                extracted = archive.extractfile(f"./usr/share/hspell/{name}")
                assert extracted is not None
                return extracted.read()
        position += 60 + size + size % 2
    raise SystemExit(f"{deb} has no data archive")


def hspell_words(wgz: bytes) -> list[str]:
    """hspell's word list: each word is the previous one with some letters taken off its end (the
    number before the new letters) and new letters added."""
    data = gzip.decompress(wgz).decode("iso-8859-8")
    found, word, index = [], "", 0
    while index < len(data):
        end = index
        while end < len(data) and data[end].isdigit():
            end += 1
        if end > index:
            found.append(word)
            word = word[: len(word) - int(data[index:end])]
            index = end
        else:
            word += data[index]
            index += 1
    found.append(word)
    return found


Analysis = tuple[str, str, bool]  # lemma, part of speech (hspell's letter), with a possessive suffix


def hspell_analyses(words: list[str]) -> dict[str, list[Analysis]]:
    """word → its analyses as a whole word (not with prefixes)."""
    with tempfile.NamedTemporaryFile("w", encoding="iso-8859-8", suffix=".txt") as listing:
        listing.write("\n".join(words) + "\n")
        listing.flush()
        with open(listing.name, "rb") as stdin:
            output = subprocess.run([HSPELL, "-l", "-a"], stdin=stdin, capture_output=True, check=True).stdout  # noqa: S603 - our fixed command
    analyses: dict[str, list[Analysis]] = {}
    current: list[Analysis] | None = None
    for line in output.decode("iso-8859-8").splitlines():
        if line.startswith("מילה חוקית: "):
            current = analyses.setdefault(line.split(": ", 1)[1], [])
        elif line.startswith("\t") and current is not None:
            lemma, features = line.strip().rstrip(")").split("(", 1)
            current.append((lemma, features.split(",")[0], "כינוי" in features))
        else:
            current = None  # a blank line, "*", or analyses with prefixes ("צירוף חוקי"): not ours
    return analyses


def chosen_lemmas(word: str, analyses: list[Analysis]) -> set[tuple[str, str]]:
    """The (part of speech, lemma) pairs a word is indexed and searched by (the module's rules)."""
    if any(part == "x" for _lemma, part, _suffix in analyses) or '"' in word:
        return set()
    readings = {
        (PART_OF_SPEECH.get(part, "N"), word if lemma == NO_LEMMA else lemma, suffix)
        for lemma, part, suffix in analyses
    }
    kept = {reading for reading in readings if reading[0] == "N"} or readings
    if any(lemma == word for _part, lemma, _suffix in kept):
        # The word is a lemma itself: a reading with a possessive suffix is left out (ספרה is a digit,
        # not "her book"), a plural or construct one kept (גננות is also the plural of גננת).
        kept = {reading for reading in kept if reading[1] == word or not reading[2]}
    return {(part, lemma) for part, lemma, _suffix in kept}


def build_hebrew(deb: Path) -> dict:
    words = hspell_words(deb_member(deb, "hebrew.wgz"))
    analyses = hspell_analyses(words)
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for word, word_analyses in analyses.items():
        for part, lemma in chosen_lemmas(word, word_analyses):
            groups[(part, normalize_word(lemma))].add(normalize_word(word))
    with_possessives_of_adjectives(groups)
    table = LEXICONS / HEBREW_TABLE
    _write_bytes(table, hebrew_table(_lemma_lines(groups)))
    return {
        "table": HEBREW_TABLE,
        "sha256": sha256(table),
        "source": "Debian package hspell",
        "version": "1.4-3.1",
        "source_file": deb.name,
        "source_sha256": sha256(deb),
        "licence": "AGPL-3.0-or-later",
        "licence_file": "licenses/hspell-copyright.txt",
        "words": len(words),
        "analysed_words": len(analyses),
        "lemmas": len(groups),
    }


def build_arabic(wheel: Path) -> dict:
    with zipfile.ZipFile(wheel) as archive, tempfile.TemporaryDirectory() as folder:
        database = Path(archive.extract("arramooz/data/arabicdictionary.sqlite", folder))
        rows = sqlite3.connect(database).execute(
            "SELECT unvocalized, broken_plural FROM nouns WHERE broken_plural != ''"
        )
        plurals: dict[str, set[str]] = defaultdict(set)
        for singular, field in rows:
            for written in field.replace(";", " ").split():
                # "+ات" says the noun also takes the sound plural, which the stemmer handles.
                plural = "" if written.startswith("+") else normalize_word(written)
                if plural and plural != normalize_word(singular):
                    plurals[normalize_word(singular)].add(plural)
    lines = [f"{singular}\t{' '.join(sorted(forms))}" for singular, forms in sorted(plurals.items())]
    table = LEXICONS / ARABIC_TABLE
    _write(table, lines)
    return {
        "table": ARABIC_TABLE,
        "sha256": sha256(table),
        "source": "PyPI package arramooz-pysqlite (arramooz/data/arabicdictionary.sqlite, table nouns)",
        "version": "0.4.2",
        "source_file": wheel.name,
        "source_sha256": sha256(wheel),
        "licence": "GPL-3.0-or-later",
        "licence_file": "licenses/arramooz-LICENSE.txt",
        "singulars": len(plurals),
        "plurals": sum(len(forms) for forms in plurals.values()),
    }


Lemmas = dict[tuple[str, str], set[str]]  # (part of speech, lemma) → the words that have it


def with_possessives_of_adjectives(groups: Lemmas) -> int:
    """Gives back to an adjective made from a noun (כיתתי "of the class", from כיתה) the noun's
    possessive reading ("my class") that the rule for lemmas dropped, when the noun is the only one
    it can come from; returns how many words it gave back.

    The rule keeps ספרה a digit, not "her book", because the two are unrelated; an adjective of the
    form <noun's construct>+י is not: השיח הכיתתי is about a class, and כיתתי is also "my class".
    Read from the table itself: a word whose only lemma is itself and which ends in י, whose letters
    before the י are a form of exactly one other noun that has the possessives ה and ו on that form
    (כיתתה, כיתתו) but not this one. Two nouns (שנתי: שנה year, שינה sleep) give nothing back.
    """
    lemmas_of: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for key, words in groups.items():
        for word in words:
            lemmas_of[word].add(key)
    given = 0
    for word, keys in list(lemmas_of.items()):
        base = word[:-1]
        if keys != {("N", word)} or not word.endswith("י") or len(word) < 4:
            continue
        nouns = [
            key
            for key in lemmas_of.get(base, ())
            if key[0] == "N" and key[1] != word and {base + "ה", base + "ו"} <= groups[key] and word not in groups[key]
        ]
        if len(nouns) == 1:
            groups[nouns[0]].add(word)
            given += 1
    return given


def _lemma_lines(groups: Lemmas) -> list[str]:
    return [f"{part}{lemma}\t{' '.join(sorted(forms))}" for (part, lemma), forms in sorted(groups.items())]


def hebrew_table(lemma_lines: list[str]) -> bytes:
    """The Hebrew table in the form the platform keeps in memory as it is (lexicon.HebrewLemmas):
    the lemma lines, numbered by their order, then one "<word>\\t<lemma number>" line per word and
    lemma, sorted by bytes, so that loading it sorts and copies nothing."""
    pairs = []
    for number, line in enumerate(lemma_lines):
        for word in line.split("\t")[1].split():
            pairs.append(word.encode(HEBREW_ENCODING) + b"\t" + str(number).encode())
    pairs.sort()  # "\t" sorts before every letter: a word's lines come before longer words'
    lemmas = "\n".join(lemma_lines).encode(HEBREW_ENCODING)
    return HEBREW_FORMAT + b"\n" + lemmas + b"\n\n" + b"\n".join(pairs) + b"\n"


def convert_hebrew(old_table: Path) -> dict:
    """The Hebrew table of format 1 (the lemma lines only, UTF-8) written in format 2 with the same
    lemmas and words, for when hspell's .deb is not at hand; the manifest records the conversion."""
    groups: Lemmas = {}
    for line in gzip.decompress(old_table.read_bytes()).decode().splitlines():
        head, words = line.split("\t")
        groups[(head[0], head[1:])] = set(words.split())
    given = with_possessives_of_adjectives(groups)
    table = LEXICONS / HEBREW_TABLE
    _write_bytes(table, hebrew_table(_lemma_lines(groups)))
    entry = json.loads(MANIFEST.read_text())["hebrew"]
    return entry | {
        "table": HEBREW_TABLE,
        "sha256": sha256(table),
        "converted_from": {"table": old_table.name, "sha256": sha256(old_table), "format": 1},
        "possessives_of_adjectives": given,
    }


def _write(table: Path, lines: list[str]) -> None:
    _write_bytes(table, ("\n".join(lines) + "\n").encode())


def _write_bytes(table: Path, content: bytes) -> None:
    # mtime 0: the same source gives the same bytes, so the SHA-256 in the manifest can be checked.
    with open(table, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as packed:
        packed.write(content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("language", choices=["hebrew", "arabic", "convert-hebrew"])
    parser.add_argument(
        "source", type=Path, help="hspell's .deb, arramooz-pysqlite's wheel, or (convert-hebrew) a format 1 table"
    )
    arguments = parser.parse_args()
    builders = {"hebrew": build_hebrew, "arabic": build_arabic, "convert-hebrew": convert_hebrew}
    entry = builders[arguments.language](arguments.source)
    manifest = json.loads(MANIFEST.read_text()) if MANIFEST.exists() else {}
    manifest[arguments.language.removeprefix("convert-")] = entry
    MANIFEST.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    print(json.dumps(entry, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
