"""Reading and checking a roster of people and positions (CSV or XLSX) before anything is written.

A roster is what a ministry division or a college sends: one row a person (and their position).
Every row is checked first; a single bad row refuses the whole file, with a report that names the
row, the column and what is wrong, so the sender can fix the file and send it again.
"""

import codecs
import csv
import hashlib
import hmac
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _

from .models import (
    GradeBand,
    Language,
    Locality,
    Organization,
    OrganizationKind,
    Person,
    Position,
    PositionRole,
    Subject,
)

# Header aliases: the canonical English name, and the Hebrew and Arabic headers offices use.
COLUMNS: dict[str, tuple[str, ...]] = {
    "email": ("email", "e-mail", 'דוא"ל', "אימייל", "البريد الإلكتروني"),
    "given_name": ("given_name", "first_name", "שם פרטי", "الاسم الشخصي"),
    "family_name": ("family_name", "last_name", "שם משפחה", "اسم العائلة"),
    "phone": ("phone", "טלפון", "الهاتف"),
    "national_id": ("national_id", "תעודת זהות", "ת.ז.", "رقم الهوية"),
    "locality_code": ("locality_code", "סמל יישוב", "رمز البلدة"),
    "organization": ("organization", "ארגון", "מוסד", "المؤسسة"),
    "organization_kind": ("organization_kind",),
    "title": ("title", "תפקיד", "المنصب"),
    "role": ("role",),
    # A senior management post (a dean, a head of a division): counted as such in alumni figures.
    "senior": ("senior", "is_senior", "משרה בכירה", "בכיר", "منصب رفيع"),
    "start_date": ("start_date", "מתאריך", "من تاريخ"),
    "end_date": ("end_date", "עד תאריך", "حتى تاريخ"),
    "subjects": ("subjects", "מקצועות", "المواضيع"),
    "grade_bands": ("grade_bands", "שכבות גיל", "المراحل"),
    "languages": ("languages", "שפות", "اللغات"),
}
REQUIRED = ("email", "given_name", "family_name")
LIST_SEPARATORS = (";", "|")
# How offices write yes and no in the "senior" column, in the three languages; anything else is refused.
YES = frozenset({"1", "yes", "y", "true", "x", "✓", "כן", "نعم"})
NO = frozenset({"", "0", "no", "n", "false", "לא", "لا"})
MAX_ROWS = 200_000
# What an XLSX may hold once unzipped: a 20,000-row roster is a few megabytes; a "zip bomb" is not.
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
MAX_ZIP_ENTRIES = 2000
# Encodings' names as people know them, for the message that says how a CSV was read.
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "cp1255": "Windows-1255 (Hebrew)",
    "iso8859-8": "ISO-8859-8 (Hebrew)",
    "cp1256": "Windows-1256 (Arabic)",
    "iso8859-6": "ISO-8859-6 (Arabic)",
    "cp1252": "Windows-1252",
    "utf-16": "UTF-16",
}


def _limit(model: type, field: str) -> int:
    return int(model._meta.get_field(field).max_length)  # type: ignore[attr-defined]


# Each column's limit is its model field's, so that what passes here is what every database stores.
def column_limits() -> dict[str, int]:
    return {
        "email": _limit(Person, "email"),
        "given_name": _limit(Person, "given_name"),
        "family_name": _limit(Person, "family_name"),
        "phone": _limit(Person, "phone"),
        "organization": _limit(Organization, "name"),
        "title": _limit(Position, "title"),
    }


class RosterError(Exception):
    """The file cannot be read at all (wrong type, broken, no header)."""


@dataclass
class RowProblem:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class RosterRow:
    number: int
    email: str
    given_name: str
    family_name: str
    phone: str = ""
    national_id_hash: str | None = None
    locality_id: int | None = None
    organization_name: str = ""
    organization_kind: str = ""
    title: str = ""
    role: str = PositionRole.OTHER
    is_senior: bool = False
    start_date: date | None = None
    end_date: date | None = None
    subject_ids: list[int] = field(default_factory=list)
    grade_band_ids: list[int] = field(default_factory=list)
    language_ids: list[int] = field(default_factory=list)


@dataclass
class CheckedRoster:
    rows: list[RosterRow]
    problems: list[RowProblem]
    encoding: str = ""

    @property
    def is_valid(self) -> bool:
        return not self.problems and bool(self.rows)


def _ascii_digits(text: str) -> str:
    # Not str.isdigit(): "²" and "٣" are digits too, and int() refuses the first.
    return "".join(ch for ch in text if ch in "0123456789")


def hash_national_id(national_id: str) -> str:
    digits = _ascii_digits(national_id).zfill(9)
    return hmac.new(settings.NATIONAL_ID_HASH_KEY.encode(), digits.encode(), hashlib.sha256).hexdigest()


def is_valid_israeli_id(national_id: str) -> bool:
    """The check digit of an Israeli identity number (Luhn-like, weights 1,2,1,2,…)."""
    digits = _ascii_digits(national_id)
    if not digits or len(digits) > 9 or len(digits) != len(national_id.strip()):
        return False
    total = 0
    for index, char in enumerate(digits.zfill(9)):
        product = int(char) * (1 if index % 2 == 0 else 2)
        total += product - 9 if product > 9 else product
    return total % 10 == 0


def _is_xlsx(name: str) -> bool:
    return name.lower().endswith(".xlsx")


def _is_csv(name: str) -> bool:
    return name.lower().endswith((".csv", ".txt"))


def precheck(name: str, content: bytes, thorough: bool = False) -> int:
    """What can be told without parsing: the kind of file and its bounds, before openpyxl sees it.

    Returns the number of rows the file may hold (its lines, or an XLSX's rows). In the web request
    (thorough=False) an XLSX is judged by its archive's directory (entries and the sizes they unpack
    to; zipfile never unpacks more than an entry declares) and by the sheet's own <dimension>, read
    from its first kilobytes. The worker (thorough=True) unzips the sheets as a stream and counts
    their <row>s, stopping as soon as MAX_UNCOMPRESSED_BYTES or MAX_ROWS is passed.
    """
    if _is_xlsx(name):
        rows = _xlsx_row_count(content, thorough)
    elif _is_csv(name):
        if b"\x00" in content and not content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise RosterError(_("The CSV file is not text."))
        rows = content.count(b"\n") + (0 if content.endswith(b"\n") else 1)
    else:
        raise RosterError(_("Only CSV and XLSX files can be imported."))
    if rows - 1 > MAX_ROWS:
        raise RosterError(_("A roster may have at most %(count)s rows.") % {"count": f"{MAX_ROWS:,}"})
    if rows < 2 and _is_csv(name):  # an XLSX's rows are told apart from its other XML while it is parsed
        raise RosterError(_("The file has a header but no rows.") if rows == 1 else _("The file is empty."))
    return max(rows - 1, 0)


def _xlsx_row_count(content: bytes, thorough: bool) -> int:
    cannot_open = _("The XLSX file cannot be opened; is it a real Excel workbook?")
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise RosterError(cannot_open) from None
    too_big = _("The XLSX file unpacks to more than %(size)s MB; a roster is much smaller.") % {
        "size": MAX_UNCOMPRESSED_BYTES // (1024 * 1024)
    }
    # The sizes the archive declares are checked first; the stream below checks what it really holds.
    if len(entries) > MAX_ZIP_ENTRIES or sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED_BYTES:
        raise RosterError(too_big)
    sheets = [
        entry for entry in entries if entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml")
    ]
    if not sheets:
        raise RosterError(cannot_open)
    if not thorough:
        return _declared_rows(archive, sheets, cannot_open)
    rows = unpacked = 0
    try:
        for sheet in sheets:
            tail = b""
            with archive.open(sheet) as stream:
                while chunk := stream.read(256 * 1024):
                    unpacked += len(chunk)
                    if unpacked > MAX_UNCOMPRESSED_BYTES:
                        raise RosterError(too_big)
                    window = tail + chunk
                    # "<row " or "<row>" (a namespace prefix, "<x:row ", is counted too: ":row ").
                    rows += window.count(b"<row ") + window.count(b"<row>") + window.count(b":row ")
                    rows -= tail.count(b"<row ") + tail.count(b"<row>") + tail.count(b":row ")
                    tail = chunk[-5:]
                    if rows - 1 > MAX_ROWS:
                        raise RosterError(_("A roster may have at most %(count)s rows.") % {"count": f"{MAX_ROWS:,}"})
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError):
        raise RosterError(cannot_open) from None
    return rows


_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]+\d+:[A-Z]+(\d+)\"")


def _declared_rows(archive: zipfile.ZipFile, sheets: list[zipfile.ZipInfo], cannot_open: str) -> int:
    """The rows the sheets say they span (<dimension ref="A1:O20001"/>), from their first 64 KB."""
    rows = 0
    try:
        for sheet in sheets:
            with archive.open(sheet) as stream:
                match = _DIMENSION.search(stream.read(64 * 1024))
            rows += int(match[1]) if match else 0
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError):
        raise RosterError(cannot_open) from None
    return rows


def read_table(
    name: str, content: bytes, encoding_used: Callable[[str], None] | None = None
) -> Iterator[tuple[int, dict[str, object]]]:
    """Rows of a CSV or XLSX file as dicts keyed by canonical column names, with their row numbers."""
    if _is_xlsx(name):
        precheck(name, content, thorough=True)  # bounds first: openpyxl would read a bomb whole
        rows = _xlsx_rows(content)
    elif _is_csv(name):
        text, encoding = decode_csv(content)
        if encoding_used:
            encoding_used(encoding)
        rows = _csv_rows(text)
    else:
        raise RosterError(_("Only CSV and XLSX files can be imported."))
    try:
        header = next(rows)
    except StopIteration:
        raise RosterError(_("The file is empty.")) from None
    columns = _canonical_header(header)
    missing = [column for column in REQUIRED if column not in columns.values()]
    if missing:
        raise RosterError(
            _("The header row lacks the required columns: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    for number, values in enumerate(rows, start=2):
        if number - 1 > MAX_ROWS:
            raise RosterError(_("A roster may have at most %(count)s rows.") % {"count": f"{MAX_ROWS:,}"})
        if not any(value not in (None, "") for value in values):
            continue
        yield number, {columns[index]: value for index, value in enumerate(values) if index in columns}


def _canonical_header(header: list[object]) -> dict[int, str]:
    lookup = {alias.strip().lower(): canonical for canonical, aliases in COLUMNS.items() for alias in aliases}
    columns = {}
    for index, cell in enumerate(header):
        canonical = lookup.get(str(cell or "").strip().lower())
        if canonical:
            columns[index] = canonical
    return columns


def decode_csv(content: bytes) -> tuple[str, str]:
    """The CSV's text and its encoding's name: UTF-8 when it is, otherwise what charset-normalizer finds.

    Hebrew Excel on Windows saves "CSV" in Windows-1255, Arabic Excel in Windows-1256; both are
    read, and the page says which encoding was used so that a wrong guess is seen.
    """
    if b"\x00" in content and not content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise RosterError(_("The CSV file is not text."))
    try:
        return content.decode("utf-8-sig"), ENCODING_NAMES["utf-8"]
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(content[: 512 * 1024]).best()
    if best is None:
        raise RosterError(_("The CSV file's encoding cannot be told; save it as CSV UTF-8 and try again."))
    name = codecs.lookup(best.encoding).name
    try:
        text = content.decode(name)
    except UnicodeDecodeError:
        raise RosterError(_("The CSV file's encoding cannot be told; save it as CSV UTF-8 and try again.")) from None
    if "\x00" in text:
        raise RosterError(_("The CSV file is not text."))
    return text.lstrip("\ufeff"), ENCODING_NAMES.get(name.replace("_", "-"), name)


def _csv_rows(text: str) -> Iterator[list[object]]:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    try:
        yield from csv.reader(io.StringIO(text), dialect)
    except csv.Error as error:
        raise RosterError(_("The CSV file is malformed: %(error)s") % {"error": error}) from None


def _xlsx_rows(content: bytes) -> Iterator[list[object]]:
    from openpyxl import load_workbook

    # A broken workbook fails in many ways (a bad zip, a missing part, malformed XML in the workbook
    # or in a sheet, read lazily); each of them is the file's fault, not the server's.
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        raise RosterError(_("The XLSX file cannot be opened; is it a real Excel workbook?")) from None
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception:
                raise RosterError(_("The XLSX file is damaged; save it again from Excel and retry.")) from None
            yield list(row)
    finally:
        workbook.close()


class Vocabulary:
    """The platform's vocabularies, loaded once per roster, matched by slug, code or any name."""

    def __init__(self) -> None:
        self.subjects = self._index(Subject.objects.all(), "slug")
        self.grade_bands = self._index(GradeBand.objects.all(), "slug")
        self.languages = self._index(Language.objects.all(), "code")
        self.localities = dict(Locality.objects.values_list("cbs_code", "pk"))
        self.limits = column_limits()
        self.organizations = {name.strip().lower(): pk for pk, name in Organization.objects.values_list("pk", "name")}
        self.roles = {}
        for value, label in PositionRole.choices:
            self.roles[value] = value
            # A roster names roles in whichever language its office writes, not the site's current one.
            for language, _name in settings.LANGUAGES:
                with translation.override(language):
                    self.roles[str(label).lower()] = value

    @staticmethod
    def _index(queryset, key: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
        index = {}
        for item in queryset:
            for name in (getattr(item, key), item.name_he, item.name_ar, item.name_en):
                if name:
                    index[name.strip().lower()] = item.pk
        return index


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(value: object) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError


def _split(value: object) -> list[str]:
    text = _text(value)
    for separator in LIST_SEPARATORS:
        text = text.replace(separator, ",")
    return [part.strip() for part in text.split(",") if part.strip()]


def check_roster(name: str, content: bytes, progress: Callable[[int], None] | None = None) -> CheckedRoster:
    """Parse and validate every row; nothing is written. `progress` hears the rows read so far."""
    vocabulary = Vocabulary()
    rows: list[RosterRow] = []
    problems: list[RowProblem] = []
    encodings: list[str] = []
    # A person may stand on several rows (one a position), always with the same names and ID.
    first_row_of_email: dict[str, RosterRow] = {}
    email_of_national_id: dict[str, tuple[str, int]] = {}
    for number, raw in read_table(name, content, encodings.append):
        if progress and number % 500 == 0:
            progress(number - 1)
        row, row_problems = _check_row(number, raw, vocabulary)
        if row is not None:
            first = first_row_of_email.setdefault(row.email, row)
            if (first.given_name, first.family_name) != (row.given_name, row.family_name):
                row_problems.append(
                    RowProblem(
                        number,
                        "email",
                        _("The address %(email)s is used in row %(row)s for someone else.")
                        % {"email": row.email, "row": first.number},
                    )
                )
            if row.national_id_hash:
                email, holder = email_of_national_id.setdefault(row.national_id_hash, (row.email, number))
                if email != row.email:
                    row_problems.append(
                        RowProblem(
                            number,
                            "national_id",
                            _("The same ID number appears in row %(row)s with another email.") % {"row": holder},
                        )
                    )
        problems.extend(row_problems)
        if row is not None and not row_problems:
            rows.append(row)
    if not rows and not problems:
        raise RosterError(_("The file has a header but no rows."))
    held = _national_ids_held_by_others(rows)
    if held:
        problems = sorted([*problems, *held], key=lambda problem: problem.row)
        held_rows = {problem.row for problem in held}
        rows = [row for row in rows if row.number not in held_rows]
    return CheckedRoster(rows=rows, problems=problems, encoding=encodings[0] if encodings else "")


def _national_ids_held_by_others(rows: list[RosterRow]) -> list[RowProblem]:
    """An ID number already recorded for a person with another email would break the import halfway."""
    from .models import Person

    rows_by_hash: dict[str | None, RosterRow] = {row.national_id_hash: row for row in rows if row.national_id_hash}
    problems = []
    hashes = list(rows_by_hash)
    for start in range(0, len(hashes), 2000):
        holders = Person.objects.filter(national_id_hash__in=hashes[start : start + 2000]).values_list(
            "national_id_hash", "email"
        )
        for national_id_hash, email in holders:
            row = rows_by_hash[national_id_hash]
            if email != row.email:
                problems.append(
                    RowProblem(
                        row.number,
                        "national_id",
                        _("This ID number already belongs to someone in the directory with another email."),
                    )
                )
    return problems


def _check_row(
    number: int, raw: dict[str, object], vocabulary: Vocabulary
) -> tuple[RosterRow | None, list[RowProblem]]:
    problems: list[RowProblem] = []

    def problem(column: str, message: str) -> None:
        problems.append(RowProblem(number, column, message))

    email = _text(raw.get("email")).lower()
    try:
        validate_email(email)
    except ValidationError:
        problem(
            "email",
            _("“%(value)s” is not an email address.") % {"value": email} if email else _("The email is missing."),
        )
    given_name, family_name = _text(raw.get("given_name")), _text(raw.get("family_name"))
    if not given_name:
        problem("given_name", _("The given name is missing."))
    if not family_name:
        problem("family_name", _("The family name is missing."))
    limits = vocabulary.limits
    for column in ("email", "given_name", "family_name", "phone", "organization", "title"):
        value = email if column == "email" else _text(raw.get(column))
        if len(value) > limits[column]:
            problem(
                column,
                _("At most %(limit)s characters; this one has %(length)s.")
                % {"limit": limits[column], "length": len(value)},
            )
        if "\x00" in value:
            problem(column, _("The value holds a NUL character, which no database stores."))

    row = RosterRow(number=number, email=email, given_name=given_name, family_name=family_name)
    row.phone = _text(raw.get("phone"))
    national_id = _text(raw.get("national_id"))
    if national_id:
        if is_valid_israeli_id(national_id):
            row.national_id_hash = hash_national_id(national_id)
        else:
            problem("national_id", _("Not a valid identity number (check digit)."))
    locality_code = _text(raw.get("locality_code"))
    if locality_code:
        # isdecimal, not isdigit: "²" is a digit that int() refuses.
        row.locality_id = vocabulary.localities.get(int(locality_code)) if locality_code.isdecimal() else None
        if row.locality_id is None:
            problem("locality_code", _("No locality has the CBS code %(code)s.") % {"code": locality_code})

    _check_position(row, raw, vocabulary, problem)
    for column, index, target in (
        ("subjects", vocabulary.subjects, row.subject_ids),
        ("grade_bands", vocabulary.grade_bands, row.grade_band_ids),
        ("languages", vocabulary.languages, row.language_ids),
    ):
        for part in _split(raw.get(column)):
            pk = index.get(part.lower())
            if pk is None:
                problem(column, _("Unknown value “%(value)s”.") % {"value": part})
            else:
                target.append(pk)
    return (row if not problems else None), problems


def _check_position(row: RosterRow, raw: dict[str, object], vocabulary: Vocabulary, problem) -> None:  # type: ignore[no-untyped-def]
    row.organization_name = _text(raw.get("organization"))
    row.title = _text(raw.get("title"))
    if not row.organization_name:
        if row.title:
            problem("organization", _("A title needs an organization."))
        return
    row.organization_kind = _text(raw.get("organization_kind")).lower()
    is_known = row.organization_name.lower() in vocabulary.organizations
    if not is_known and row.organization_kind not in OrganizationKind.values:
        problem(
            "organization",
            _("No organization is called “%(name)s”; give its kind in organization_kind to create it.")
            % {"name": row.organization_name},
        )
    if not row.title:
        problem("title", _("The position's title is missing."))
    role = _text(raw.get("role")).lower()
    if role:
        if role not in vocabulary.roles:
            problem("role", _("Unknown role “%(value)s”.") % {"value": role})
        else:
            row.role = vocabulary.roles[role]
    senior = _text(raw.get("senior")).lower()
    if senior in YES:
        row.is_senior = True
    elif senior not in NO:
        problem("senior", _("“%(value)s” is not yes or no.") % {"value": senior})
    for column in ("start_date", "end_date"):
        try:
            setattr(row, column, _date(raw.get(column)))
        except ValueError:
            problem(
                column,
                _("“%(value)s” is not a date (use YYYY-MM-DD or DD/MM/YYYY).") % {"value": _text(raw.get(column))},
            )
    if row.start_date and row.end_date and row.end_date < row.start_date:
        problem("end_date", _("The position ends before it starts."))
