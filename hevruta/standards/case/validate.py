"""Reading a CASE CFPackage: every problem is found and named before anything is written.

The checks, and why:
- JSON, UTF-8, within the size limit, and no NUL character (PostgreSQL cannot store one);
- every document, item, association and definition has an identifier (URL-safe, so our CASE
  endpoints can serve it), a uri and a lastChangeDateTime, and no identifier appears twice;
- every property we keep in a column has CASE's shape (a list where CASE has a list, a LinkURI
  object where it has a link, an integer sequenceNumber, ...);
- isChildOf builds this document's tree, so its destination must be this package's document or one
  of its items, and the isChildOf edges have no cycle. Other associations may point anywhere: a
  CASE association to an item of another framework (exactMatchOf a state standard, an exemplar on
  a web page) is how frameworks are linked, so an unknown destination there is legitimate. An
  association that touches nothing of this package, though, does not belong in it.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

from . import schema
from .schema import Field


class CaseError(Exception):
    """A CASE package that was refused, with every problem found (up to a limit)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


MAX_PROBLEMS = 50


class Problems:
    def __init__(self) -> None:
        self.messages: list[str] = []
        self.more = 0

    def add(self, path: str, message: str) -> None:
        if len(self.messages) < MAX_PROBLEMS:
            self.messages.append(f"{path}: {message}")
        else:
            self.more += 1

    def raise_if_any(self) -> None:
        if self.messages:
            if self.more:
                self.messages.append(_("… and %(count)s more problems.") % {"count": self.more})
            raise CaseError(self.messages)


@dataclass
class CheckedObject:
    """One CASE object split into our columns and everything else (`extra`, exported as it came)."""

    identifier: str
    uri: str
    last_change: datetime | None
    columns: dict[str, Any]
    extra: dict[str, Any]
    path: str = ""


@dataclass
class CheckedDefinition:
    kind: str
    identifier: str
    uri: str
    title: str
    data: dict[str, Any]


@dataclass
class CheckedPackage:
    document: CheckedObject
    items: list[CheckedObject]
    associations: list[CheckedObject]
    definitions: list[CheckedDefinition]
    # Which CFDefinitions lists the package had (even empty ones), and its other CFDefinitions keys.
    definition_lists: list[str] = field(default_factory=list)
    definitions_extra: dict[str, Any] = field(default_factory=dict)
    rubrics: list[Any] | None = None
    package_extra: dict[str, Any] = field(default_factory=dict)


def _shape_names() -> dict[str, str]:
    return {
        "text": _("a text"),
        "integer": _("an integer"),
        "date": _("a date (YYYY-MM-DD)"),
        "strings": _("a list of texts"),
        "link": _("a link object with title, identifier and uri"),
        "links": _("a list of link objects with title, identifier and uri"),
    }


def load_json(content: bytes, max_bytes: int) -> Any:
    if len(content) > max_bytes:
        raise CaseError(
            [
                _("The package is %(size)s MB; at most %(limit)s MB can be imported.")
                % {"size": round(len(content) / 1e6, 1), "limit": round(max_bytes / 1e6, 1)}
            ]
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CaseError([_("The package is not UTF-8 text (byte %(at)s).") % {"at": error.start}]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CaseError(
            [
                _("The package is not JSON: %(message)s at line %(line)s, column %(column)s.")
                % {"message": error.msg, "line": error.lineno, "column": error.colno}
            ]
        ) from None
    except RecursionError:
        raise CaseError([_("The package is nested too deeply to be read.")]) from None
    # JSON writes a NUL only as \u0000 (a raw one is refused by the parser): no escape, no NUL to look for.
    if "\\u0000" in text:
        problems = Problems()
        _find_nul(data, "package", problems)
        problems.raise_if_any()
    return data


def _find_nul(value: Any, path: str, problems: Problems) -> None:
    """PostgreSQL refuses NUL in text and in JSON; so do we, and say where."""
    stack = [(value, path)]
    while stack:
        current, where = stack.pop()
        if isinstance(current, str):
            if "\x00" in current:
                problems.add(where, _("contains a NUL character, which cannot be stored."))
        elif isinstance(current, dict):
            for key, inner in current.items():
                if "\x00" in key:
                    problems.add(where, _("contains a NUL character, which cannot be stored."))
                stack.append((inner, f"{where}.{key}"))
        elif isinstance(current, list):
            stack.extend((inner, f"{where}[{index}]") for index, inner in enumerate(current))


def _check_object(
    value: Any, path: str, fields: tuple[Field, ...], required: tuple[str, ...], problems: Problems
) -> CheckedObject | None:
    if not isinstance(value, dict):
        problems.add(path, _("should be an object."))
        return None
    identifier = value.get("identifier")
    if not isinstance(identifier, str) or not identifier:
        problems.add(path, _("the identifier is missing."))
        identifier = ""
    elif not schema.IDENTIFIER.match(identifier):
        problems.add(
            path,
            _("the identifier %(identifier)r is not a usable CASE identifier (a UUID is expected).")
            % {"identifier": identifier[:120]},
        )
    uri = value.get("uri")
    if not isinstance(uri, str) or not uri:
        problems.add(path, _("the uri is missing."))
        uri = ""
    columns: dict[str, Any] = {}
    known = _known_keys(fields)
    extra = {key: inner for key, inner in value.items() if key not in known}
    last_change = _check_last_change(value, path, extra, problems)
    for spec in fields:
        if spec.case not in value:
            continue
        raw = value[spec.case]
        if schema.is_empty(raw):
            # An empty or null value is kept as it was written; a column would not tell "" from absent.
            extra[spec.case] = raw
            continue
        shape = schema.shape_problem(spec, raw)
        if shape:
            problems.add(
                path, _("%(field)s should be %(shape)s.") % {"field": spec.case, "shape": _shape_names()[shape]}
            )
            continue
        stored = schema.from_case(spec, raw)
        limit = schema.MAX_LENGTHS.get(spec.column)
        if limit and len(stored) > limit:
            problems.add(
                path, _("%(field)s is longer than %(limit)s characters.") % {"field": spec.case, "limit": limit}
            )
            continue
        columns[spec.column] = stored
        if schema.to_case(spec, stored) != raw:
            extra[spec.case] = raw  # written back exactly as it came
    for name in required:
        spec = next(spec for spec in fields if spec.case == name)
        if spec.column not in columns and not problems_for(problems, path, name):
            problems.add(path, _("%(field)s is required.") % {"field": name})
    return CheckedObject(identifier, uri, last_change, columns, extra, path)


def problems_for(problems: Problems, path: str, name: str) -> bool:
    return any(message.startswith(f"{path}: {name} ") for message in problems.messages)


@lru_cache(maxsize=8)
def _known_keys(fields: tuple[Field, ...]) -> frozenset[str]:
    return frozenset({"identifier", "uri", "lastChangeDateTime"} | {spec.case for spec in fields})


def _check_last_change(value: dict, path: str, extra: dict, problems: Problems) -> datetime | None:
    raw = value.get("lastChangeDateTime")
    if not isinstance(raw, str) or not raw:
        problems.add(path, _("lastChangeDateTime is missing."))
        return None
    try:
        parsed = schema.parse_datetime(raw)
    except ValueError:
        problems.add(path, _("lastChangeDateTime %(value)r is not a date and time.") % {"value": raw[:60]})
        return None
    if schema.format_datetime(parsed) != raw:
        extra["lastChangeDateTime"] = raw
    return parsed


def _check_node(value: Any, path: str, problems: Problems) -> dict | None:
    if not schema.is_link(value):
        problems.add(path, _("should be a link object with title, identifier and uri."))
        return None
    if len(value["identifier"]) > schema.NODE_IDENTIFIER_LENGTH:
        problems.add(path, _("the identifier is too long."))
        return None
    return value


def _list(package: dict, key: str, problems: Problems) -> list:
    value = package.get(key, [])
    if not isinstance(value, list):
        problems.add(key, _("should be a list."))
        return []
    return value


def check_package(data: Any) -> CheckedPackage:
    """Every problem of a parsed CASE package, raised together as a CaseError; or the checked package."""
    problems = Problems()
    if not isinstance(data, dict) or not isinstance(data.get("CFDocument"), dict):
        raise CaseError([_("This is not a CASE package: there is no CFDocument object.")])
    document = _check_object(data["CFDocument"], "CFDocument", schema.DOCUMENT_FIELDS, ("title", "creator"), problems)
    items = [
        _check_object(value, f"CFItems[{index}]", schema.ITEM_FIELDS, ("fullStatement",), problems)
        for index, value in enumerate(_list(data, "CFItems", problems))
    ]
    associations = [
        _check_association(value, f"CFAssociations[{index}]", problems)
        for index, value in enumerate(_list(data, "CFAssociations", problems))
    ]
    definitions, lists, definitions_extra = _check_definitions(data.get("CFDefinitions"), problems)
    rubrics = data.get("CFRubrics")
    if rubrics is not None and not isinstance(rubrics, list):
        problems.add("CFRubrics", _("should be a list."))
    assert document is not None  # CFDocument is an object, checked above
    checked = CheckedPackage(
        document=document,
        items=[item for item in items if item],
        associations=[association for association in associations if association],
        definitions=definitions,
        definition_lists=lists,
        definitions_extra=definitions_extra,
        rubrics=rubrics,
        package_extra={
            key: value
            for key, value in data.items()
            if key not in {"CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "CFRubrics"}
        },
    )
    _check_identifiers(checked, problems)
    _check_nodes(checked, problems)
    problems.raise_if_any()
    return checked


def _check_association(value: Any, path: str, problems: Problems) -> CheckedObject | None:
    checked = _check_object(value, path, schema.ASSOCIATION_FIELDS, ("associationType",), problems)
    if checked is None:
        return None
    kind = checked.columns.get("association_type")
    if kind and kind not in schema.ASSOCIATION_TYPES and not kind.startswith(schema.EXTENSION_PREFIX):
        problems.add(path, _("associationType %(type)r is not a CASE association type.") % {"type": kind[:60]})
    for key, prefix in (("originNodeURI", "origin"), ("destinationNodeURI", "destination")):
        if key not in value:
            problems.add(path, _("%(field)s is missing.") % {"field": key})
            continue
        node = _check_node(value[key], f"{path}.{key}", problems)
        if node:
            checked.columns[f"{prefix}_identifier"] = node["identifier"]
            checked.columns[f"{prefix}_uri"] = node["uri"]
            checked.columns[f"{prefix}_title"] = node.get("title", "")
            if "title" not in node or set(node) - {"title", "identifier", "uri"}:
                checked.extra[key] = node  # an unusual node reference is written back as it came
    return checked


def _check_definitions(value: Any, problems: Problems) -> tuple[list[CheckedDefinition], list[str], dict]:
    if value is None:
        return [], [], {}
    if not isinstance(value, dict):
        problems.add("CFDefinitions", _("should be an object."))
        return [], [], {}
    definitions: list[CheckedDefinition] = []
    lists = [key for key in schema.DEFINITION_LISTS if key in value]
    for kind in lists:
        entries = value[kind]
        if not isinstance(entries, list):
            problems.add(f"CFDefinitions.{kind}", _("should be a list."))
            continue
        seen: set[str] = set()
        for index, entry in enumerate(entries):
            path = f"CFDefinitions.{kind}[{index}]"
            if not isinstance(entry, dict):
                problems.add(path, _("should be an object."))
                continue
            identifier, uri, title = entry.get("identifier"), entry.get("uri"), entry.get("title", "")
            if not isinstance(identifier, str) or not schema.IDENTIFIER.match(identifier):
                problems.add(path, _("the identifier is missing."))
                continue
            if identifier in seen:
                problems.add(path, _("the identifier %(identifier)s appears twice.") % {"identifier": identifier})
            if not isinstance(uri, str) or not uri:
                problems.add(path, _("the uri is missing."))
            if not isinstance(title, str | None):
                problems.add(path, _("title should be a text."))
            seen.add(identifier)
            definitions.append(CheckedDefinition(kind, identifier, uri or "", title or "", entry))
    others = {key: inner for key, inner in value.items() if key not in schema.DEFINITION_LISTS}
    return definitions, lists, others


def _check_identifiers(package: CheckedPackage, problems: Problems) -> None:
    """No identifier twice: the package's objects are stored and served by their identifiers."""
    seen: dict[str, str] = {package.document.identifier: "CFDocument"}
    for checked in [*package.items, *package.associations]:
        if not checked.identifier:
            continue
        if checked.identifier in seen:
            problems.add(
                checked.path,
                _("the identifier %(identifier)s is also used by %(other)s.")
                % {"identifier": checked.identifier, "other": seen[checked.identifier]},
            )
        else:
            seen[checked.identifier] = checked.path


def _check_nodes(package: CheckedPackage, problems: Problems) -> None:
    document_id = package.document.identifier
    item_ids = {item.identifier for item in package.items}
    inside = item_ids | {document_id}
    parents: dict[str, list[str]] = {}
    for association in package.associations:
        origin = association.columns.get("origin_identifier")
        destination = association.columns.get("destination_identifier")
        if origin is None or destination is None:
            continue
        if origin not in inside and destination not in inside:
            problems.add(
                association.path,
                _("connects %(origin)s to %(destination)s, neither of which is in this package.")
                % {"origin": origin, "destination": destination},
            )
        if association.columns.get("association_type") != "isChildOf":
            continue
        if destination not in inside:
            problems.add(
                association.path,
                _("isChildOf points to %(destination)s, which is neither this package's document nor one of its items.")
                % {"destination": destination},
            )
        elif origin == document_id:
            problems.add(association.path, _("the document cannot be a child."))
        elif origin in item_ids and destination in item_ids:
            parents.setdefault(origin, []).append(destination)
    cycle = find_cycle(parents)
    if cycle:
        problems.add("CFAssociations", _("isChildOf makes a cycle: %(cycle)s.") % {"cycle": " → ".join(cycle)})


def find_cycle(parents: dict[str, list[str]]) -> list[str] | None:
    """A cycle in the child → parents graph, as the list of nodes around it, or None."""
    done: set[str] = set()
    for start in parents:
        if start in done:
            continue
        path: list[str] = []
        on_path: set[str] = set()
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            node, index = stack.pop()
            if index == 0:
                if node in on_path:
                    return [*path[path.index(node) :], node]
                if node in done:
                    continue
                path.append(node)
                on_path.add(node)
            upward = parents.get(node, [])
            if index < len(upward):
                stack.append((node, index + 1))
                stack.append((upward[index], 0))
            else:
                done.add(node)
                on_path.discard(node)
                path.pop()
    return None
