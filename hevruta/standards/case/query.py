"""The query parameters of CASE 1.1's getAllCFDocuments: filter, fields, sort, orderBy, limit, offset.

The filter syntax is 1EdTech's, shared with OneRoster: `field operator 'value'`, predicates joined
by ` AND ` or ` OR ` (one kind of joint per filter), operators `=`, `!=`, `>`, `>=`, `<`, `<=` and
`~` (contains, ignoring case). For example:

    filter=adoptionStatus='Adopted' AND lastChangeDateTime>='2026-01-01T00:00:00+00:00'
    fields=identifier,title,lastChangeDateTime

Whatever cannot be read raises `BadQuery` with the parameter it is about, which the view answers
with CASE's imsx_StatusInfo and 400; nothing reaches the database unchecked.
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext as _

from . import schema

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
# Far beyond any real list; larger numbers would overflow the database's integers.
MAX_OFFSET = 2**31 - 1
MAX_PREDICATES = 20

# The CFDocument properties that are columns, and so can be filtered and sorted on.
DOCUMENT_COLUMNS: dict[str, tuple[str, str]] = {
    "identifier": ("identifier", schema.TEXT),
    "uri": ("uri", schema.TEXT),
    "title": ("title", schema.TEXT),
    "creator": ("creator", schema.TEXT),
    "publisher": ("publisher", schema.TEXT),
    "description": ("description", schema.TEXT),
    "officialSourceURL": ("official_source_url", schema.TEXT),
    "language": ("language", schema.TEXT),
    "version": ("version", schema.TEXT),
    "adoptionStatus": ("adoption_status", schema.TEXT),
    "notes": ("notes", schema.TEXT),
    "statusStartDate": ("status_start_date", schema.DATE),
    "statusEndDate": ("status_end_date", schema.DATE),
    "lastChangeDateTime": ("last_change", "datetime"),
}
LOOKUPS = {"=": "exact", ">": "gt", ">=": "gte", "<": "lt", "<=": "lte", "~": "icontains"}
PREDICATE = re.compile(r"\s*([A-Za-z]+)\s*(!=|>=|<=|=|>|<|~)\s*'([^']*)'\s*")
JOINT = re.compile(r"(AND|OR)\b")


class BadQuery(ValueError):
    def __init__(self, parameter: str, minor: str, message: str) -> None:
        super().__init__(message)
        self.parameter, self.minor, self.message = parameter, minor, message


@dataclass
class DocumentQuery:
    where: Q
    order: tuple[str, ...]
    limit: int
    offset: int
    fields: tuple[str, ...] | None  # None: every property


def _value(field: str, kind: str, raw: str) -> Any:
    if "\x00" in raw:
        raise BadQuery("filter", "invalid_filter_field", _("The filter contains a NUL character."))
    try:
        if kind == schema.DATE:
            return date.fromisoformat(raw)
        if kind == "datetime":
            return schema.parse_datetime(raw)
    except ValueError:
        raise BadQuery(
            "filter",
            "invalid_filter_field",
            _("%(field)s is compared with a date, not %(value)r.") % {"field": field, "value": raw[:60]},
        ) from None
    return raw


def _predicate(field: str, operator: str, raw: str) -> Q:
    if field not in DOCUMENT_COLUMNS:
        raise BadQuery(
            "filter",
            "invalid_filter_field",
            _("Documents cannot be filtered on %(field)s; the fields are: %(fields)s.")
            % {"field": field[:60], "fields": ", ".join(DOCUMENT_COLUMNS)},
        )
    column, kind = DOCUMENT_COLUMNS[field]
    if operator == "~" and kind != schema.TEXT:
        raise BadQuery("filter", "invalid_filter_field", _("~ (contains) compares texts only."))
    value = _value(field, kind, raw)
    if operator == "!=":
        return ~Q(**{column: value})
    return Q(**{f"{column}__{LOOKUPS[operator]}": value})


def parse_filter(text: str) -> Q:
    """A filter expression as a Q; raises BadQuery with what is wrong in it."""
    predicates: list[Q] = []
    joints: set[str] = set()
    position = 0
    while True:
        match = PREDICATE.match(text, position)
        if match is None:
            raise BadQuery(
                "filter",
                "invalid_filter_field",
                _("The filter cannot be read at character %(at)s: write field operator 'value', joined by AND or OR.")
                % {"at": position + 1},
            )
        predicates.append(_predicate(*match.groups()))
        position = match.end()
        if position == len(text):
            break
        joint = JOINT.match(text, position)
        if joint is None:
            raise BadQuery(
                "filter",
                "invalid_filter_field",
                _("The filter cannot be read at character %(at)s: AND or OR was expected.") % {"at": position + 1},
            )
        joints.add(joint.group(1))
        position = joint.end()
        if len(predicates) >= MAX_PREDICATES:
            raise BadQuery("filter", "invalid_filter_field", _("A filter has at most 20 conditions."))
    if len(joints) > 1:
        raise BadQuery(
            "filter", "invalid_filter_field", _("A filter joins its conditions with AND or with OR, not both.")
        )
    where = predicates[0]
    for predicate in predicates[1:]:
        where = where | predicate if joints == {"OR"} else where & predicate
    return where


def _whole_number(params: QueryDict, name: str, default: int, low: int, high: int) -> int:
    raw = params.get(name)
    if raw is None:
        return default
    if not re.fullmatch(r"\d{1,12}", raw.strip()):
        raise BadQuery(name, "invalid_selection_field", _("%(name)s is a whole number.") % {"name": name})
    value = int(raw)
    if not low <= value <= high:
        raise BadQuery(
            name,
            "invalid_selection_field",
            _("%(name)s is between %(low)s and %(high)s.") % {"name": name, "low": low, "high": high},
        )
    return value


def parse_document_query(params: QueryDict) -> DocumentQuery:
    """The getAllCFDocuments parameters, checked; raises BadQuery for the first one that is wrong."""
    limit = min(_whole_number(params, "limit", DEFAULT_LIMIT, 1, 10**9), MAX_LIMIT)
    offset = _whole_number(params, "offset", 0, 0, MAX_OFFSET)
    sort = params.get("sort", "title")
    if sort not in DOCUMENT_COLUMNS or sort in ("description", "notes"):
        sortable = [name for name in DOCUMENT_COLUMNS if name not in ("description", "notes")]
        raise BadQuery("sort", "invalid_sort_field", _("sort is one of: %(fields)s.") % {"fields": ", ".join(sortable)})
    order_by = params.get("orderBy", "asc")
    if order_by not in ("asc", "desc"):
        raise BadQuery("orderBy", "invalid_sort_field", _("orderBy is asc or desc."))
    column = DOCUMENT_COLUMNS[sort][0]
    text, selection = params.get("filter", ""), params.get("fields", "")
    where = parse_filter(text) if text else Q()
    fields = None
    if selection:
        fields = tuple(name.strip() for name in selection.split(",") if name.strip())
        unknown = [name for name in fields if name not in schema.DOCUMENT_KEYS]
        if unknown or not fields:
            raise BadQuery(
                "fields",
                "invalid_selection_field",
                _("A CFDocument has no property %(field)s.") % {"field": (unknown or [""])[0][:60]},
            )
    order = (f"-{column}" if order_by == "desc" else column, "identifier")
    return DocumentQuery(where=where, order=order, limit=limit, offset=offset, fields=fields)


def select_fields(document: dict[str, Any], fields: tuple[str, ...] | None) -> dict[str, Any]:
    return document if fields is None else {name: document[name] for name in fields if name in document}
