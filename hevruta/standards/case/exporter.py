"""A framework as a CASE CFPackage, and its parts as the CASE endpoints serve them.

Two ways of writing, one per API version:

- CASE 1.1 (`/ims/case/v1p1/`, downloads, the API): exactly the properties of 1EdTech's official
  CASE 1.1 schema. Columns are written under their CASE names; what an imported package carried
  beyond the specification (OpenSALT's `CFDocumentURI`, `CFItemAssociationURI`, ...) is kept in each
  object's `extensions`, and a value kept only for its spelling (`"sequenceNumber": "1"`, a time
  without its zone) is written from the column, in CASE's own form. Our own frameworks get
  `caseVersion: "1.1"`.
- CASE 1.0 (`/ims/case/v1p0/`): an imported framework exactly as it came (columns, then the kept
  `extra` over them), and ours with what CASE 1.0 servers add: CFPackageURI on the document and
  CFDocumentURI on items and associations.
"""

import contextlib
import functools
import json
from typing import Any

from ..models import Association, Definition, Framework, Item, PerformanceLevel, RubricText
from . import schema, uris
from .rubrics import LEVEL_ROW, TEXT_ROW, as_rows, build_rubrics
from .schema import Field

ITEM_ROW = ("id", "identifier", "uri", "last_change", "extra", *(spec.column for spec in schema.ITEM_FIELDS))
DOCUMENT_ROW = tuple(spec.column for spec in schema.DOCUMENT_FIELDS)
ASSOCIATION_ROW = (
    "identifier",
    "uri",
    "association_type",
    "sequence_number",
    "origin_identifier",
    "origin_uri",
    "origin_title",
    "destination_identifier",
    "destination_uri",
    "destination_title",
    "grouping_uri",
    "notes",
    "last_change",
    "extra",
)


def _columns(row: dict[str, Any], fields: tuple[Field, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for spec in fields:
        value = row[spec.column]
        if not schema.is_empty(value):
            out[spec.case] = schema.to_case(spec, value)
    return out


def _with_extra(out: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out.update(extra)
    return out


def document_link(framework: Framework) -> dict[str, str]:
    return schema.link(framework.title, framework.identifier, framework.uri)


# What each object's columns write; `extra` never overrides these in CASE 1.1.
DOCUMENT_OWNED = frozenset({"identifier", "uri", "lastChangeDateTime", *(f.case for f in schema.DOCUMENT_FIELDS)})
ITEM_OWNED = frozenset({"identifier", "uri", "lastChangeDateTime", *(f.case for f in schema.ITEM_FIELDS)})
ASSOCIATION_OWNED = frozenset(
    {
        "identifier",
        "uri",
        "lastChangeDateTime",
        "originNodeURI",
        "destinationNodeURI",
        *(f.case for f in schema.ASSOCIATION_FIELDS),
    }
)
NO_KEYS: frozenset[str] = frozenset()


def _strict_links(out: dict[str, Any], fields: tuple[Field, ...]) -> dict[str, Any]:
    """LinkURIs with exactly title, identifier and uri (imported ones may lack a title or carry more)."""
    for spec in _link_fields(fields):
        value = out.get(spec.case)
        if value is None:
            continue
        if spec.shape == schema.LINK:
            if len(value) != 3:
                out[spec.case] = schema.strict_link(value)
        elif any(len(link) != 3 for link in value):
            out[spec.case] = [schema.strict_link(link) for link in value]
    return out


@functools.cache
def _link_fields(fields: tuple[Field, ...]) -> tuple[Field, ...]:
    return tuple(spec for spec in fields if spec.shape in (schema.LINK, schema.LINKS))


def document_json(framework: Framework, *, v1p0: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"identifier": framework.identifier, "uri": framework.uri}
    out.update(_columns(as_rows([framework], DOCUMENT_ROW)[0], schema.DOCUMENT_FIELDS))
    out["lastChangeDateTime"] = schema.format_datetime(framework.last_change)
    if v1p0:
        if not framework.is_imported:
            package_uri = uris.object_uri(uris.base_of(framework.uri), "CFPackages", framework.identifier)
            out["CFPackageURI"] = schema.link(framework.title, framework.identifier, package_uri)
        return _with_extra(out, framework.extra)
    if not framework.is_imported:
        out["caseVersion"] = "1.1"
    _strict_links(out, schema.DOCUMENT_FIELDS)
    return schema.conform(out, framework.extra, schema.DOCUMENT_KEYS, DOCUMENT_OWNED)


def item_json(item: Item | dict[str, Any], document: dict[str, str] | None, *, v1p0: bool = False) -> dict[str, Any]:
    """A CFItem, from an Item or from its row (`ITEM_ROW` values, as the package export reads them).

    `document` (the CFDocumentURI link) is written in CASE 1.0 only."""
    row = item if isinstance(item, dict) else as_rows([item], ITEM_ROW)[0]
    out: dict[str, Any] = {"identifier": row["identifier"], "uri": row["uri"]}
    out.update(_columns(row, schema.ITEM_FIELDS))
    if v1p0 and document is not None:
        out["CFDocumentURI"] = document
    out["lastChangeDateTime"] = schema.format_datetime(row["last_change"])
    if v1p0:
        return _with_extra(out, row["extra"])
    _strict_links(out, schema.ITEM_FIELDS)
    return schema.conform(out, row["extra"], schema.ITEM_KEYS, ITEM_OWNED)


def association_json(
    association: Association | dict[str, Any], document: dict[str, str] | None, *, v1p0: bool = False
) -> dict[str, Any]:
    row = association if isinstance(association, dict) else as_rows([association], ASSOCIATION_ROW)[0]
    out: dict[str, Any] = {
        "identifier": row["identifier"],
        "uri": row["uri"],
        "associationType": row["association_type"],
    }
    if row["sequence_number"] is not None:
        out["sequenceNumber"] = row["sequence_number"]
    out["originNodeURI"] = schema.link(row["origin_title"], row["origin_identifier"], row["origin_uri"])
    out["destinationNodeURI"] = schema.link(
        row["destination_title"], row["destination_identifier"], row["destination_uri"]
    )
    if row["grouping_uri"]:
        out["CFAssociationGroupingURI"] = row["grouping_uri"]
    if row["notes"]:
        out["notes"] = row["notes"]
    if v1p0 and document is not None:
        out["CFDocumentURI"] = document
    out["lastChangeDateTime"] = schema.format_datetime(row["last_change"])
    if v1p0:
        return _with_extra(out, row["extra"])
    _strict_links(out, schema.ASSOCIATION_FIELDS)
    return schema.conform(out, row["extra"], schema.ASSOCIATION_KEYS, ASSOCIATION_OWNED)


def definition_json(kind: str, data: dict[str, Any], *, v1p0: bool = False) -> dict[str, Any]:
    """A definition as it was stored; in CASE 1.1 within the properties of its kind."""
    if v1p0:
        return data
    out = schema.conform({}, data, schema.DEFINITION_KEYS[kind], NO_KEYS)
    # Every property of a definition is a text; a null one (OpenSALT writes `"description": null`,
    # which CFItemType requires) is written as an empty text.
    for key in schema.DEFINITION_KEYS[kind] - {"extensions"}:
        if key in data and data[key] is None:
            out[key] = ""
    when = out.get("lastChangeDateTime")
    if isinstance(when, str):
        # The import checked only that it is there: one we cannot read is written as it came.
        with contextlib.suppress(ValueError):
            out["lastChangeDateTime"] = schema.format_datetime(schema.parse_datetime(when))
    return out


def _definitions_json(framework: Framework, definitions: list[Definition], v1p0: bool) -> dict[str, Any] | None:
    kept = framework.package_extra.get("_definitions")
    if framework.is_imported and kept is None and not definitions:
        return None  # the package had no CFDefinitions
    lists = list(schema.DEFINITION_LISTS) if not framework.is_imported else list((kept or {}).get("lists", []))
    for definition in definitions:
        if definition.kind not in lists:
            lists.append(definition.kind)
    out: dict[str, Any] = {kind: [] for kind in schema.DEFINITION_LISTS if kind in lists}
    for definition in definitions:
        out[definition.kind].append(definition_json(definition.kind, definition.data, v1p0=v1p0))
    if v1p0:
        out.update((kept or {}).get("extra", {}))
        return out
    return schema.conform(out, (kept or {}).get("extra", {}), schema.DEFINITIONS_KEYS, frozenset(out))


def rubric_json(rubric: Any, *, v1p0: bool = False) -> Any:
    """A CFRubric; one kept as it came from another server is held to CASE 1.1's properties here."""
    if v1p0 or not isinstance(rubric, dict):
        return rubric
    out = schema.conform({}, rubric, schema.RUBRIC_KEYS, frozenset({"CFRubricCriteria"}))
    criteria = rubric.get("CFRubricCriteria")
    if isinstance(criteria, list):
        out["CFRubricCriteria"] = [_criterion_json(criterion) for criterion in criteria]
    return out


def _criterion_json(criterion: Any) -> Any:
    if not isinstance(criterion, dict):
        return criterion
    out = schema.conform({}, criterion, schema.CRITERION_KEYS, frozenset({"CFRubricCriterionLevels", "CFItemURI"}))
    if schema.is_link(criterion.get("CFItemURI")):
        out["CFItemURI"] = schema.strict_link(criterion["CFItemURI"])
    levels = criterion.get("CFRubricCriterionLevels")
    if isinstance(levels, list):
        out["CFRubricCriterionLevels"] = [_criterion_level_json(level) for level in levels]
    return out


def _criterion_level_json(level: Any) -> Any:
    """CASE 1.1 makes a criterion level's `extensions` a list of objects (the others' are one object)."""
    if not isinstance(level, dict):
        return level
    others = {key: value for key, value in level.items() if key != "extensions"}
    out = schema.conform({}, others, schema.CRITERION_LEVEL_KEYS, NO_KEYS)
    kept = level.get("extensions")
    extensions = list(kept) if isinstance(kept, list) else ([] if kept is None else [kept])
    moved = out.pop("extensions", None)
    if moved:
        extensions.append(moved)
    if extensions:
        out["extensions"] = extensions
    return out


def framework_rubrics(
    framework: Framework, items: list[dict[str, Any]] | None = None, *, v1p0: bool = False
) -> list[Any]:
    """The framework's CFRubrics: built from its levels and texts, or the one kept as it came."""
    rubrics = framework.package_extra.get("CFRubrics")
    if rubrics is not None:
        if not v1p0 and isinstance(rubrics, list):
            return [rubric_json(rubric) for rubric in rubrics]
        return rubrics
    if items is None:
        items = list(
            Item.objects.filter(framework=framework, rubric_texts__isnull=False)
            .distinct()
            .order_by("id")
            .values(*ITEM_ROW)
        )
    levels = list(PerformanceLevel.objects.filter(framework=framework).order_by("position").values(*LEVEL_ROW))
    texts = list(RubricText.objects.filter(item__framework=framework).values(*TEXT_ROW))
    return build_rubrics(framework, items, levels, texts)


def export_package(framework: Framework, *, v1p0: bool = False) -> dict[str, Any]:
    """The whole CFPackage, in a fixed number of queries whatever the framework's size."""
    items = list(Item.objects.filter(framework=framework).order_by("id").values(*ITEM_ROW))
    associations = Association.objects.filter(framework=framework).order_by("id").values(*ASSOCIATION_ROW)
    definitions = list(Definition.objects.filter(framework=framework).order_by("id"))
    document = None if framework.is_imported or not v1p0 else document_link(framework)
    package: dict[str, Any] = {
        "CFDocument": document_json(framework, v1p0=v1p0),
        "CFItems": [item_json(item, document, v1p0=v1p0) for item in items],
        "CFAssociations": [association_json(association, document, v1p0=v1p0) for association in associations],
    }
    definitions_json = _definitions_json(framework, definitions, v1p0)
    if definitions_json is not None:
        package["CFDefinitions"] = definitions_json
    rubrics = framework_rubrics(framework, items, v1p0=v1p0)
    if rubrics:
        package["CFRubrics"] = rubrics
    leftovers = {
        key: value for key, value in framework.package_extra.items() if not key.startswith("_") and key != "CFRubrics"
    }
    if v1p0:
        package.update(leftovers)
        return package
    return schema.conform(package, leftovers, schema.PACKAGE_KEYS, frozenset(package))


def dumps(data: Any) -> bytes:
    """JSON as CASE servers send it: UTF-8, letters of every script as themselves."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
