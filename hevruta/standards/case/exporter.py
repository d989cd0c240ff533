"""A framework as a CASE 1.1 CFPackage, and its parts as the CASE endpoints serve them.

An imported framework is written back as it came: its columns under their CASE names, then the
properties kept in `extra`. A framework written here also gets what CASE servers add to their own
documents: CFPackageURI and caseVersion on the document, CFDocumentURI on items and associations.
"""

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


def document_json(framework: Framework, *, v1p0: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"identifier": framework.identifier, "uri": framework.uri}
    out.update(_columns(as_rows([framework], DOCUMENT_ROW)[0], schema.DOCUMENT_FIELDS))
    out["lastChangeDateTime"] = schema.format_datetime(framework.last_change)
    if not framework.is_imported:
        package_uri = uris.object_uri(uris.base_of(framework.uri), "CFPackages", framework.identifier)
        out["CFPackageURI"] = schema.link(framework.title, framework.identifier, package_uri)
        if not v1p0:
            out["caseVersion"] = "1.1"
    return _with_extra(out, framework.extra)


def item_json(item: Item | dict[str, Any], document: dict[str, str] | None) -> dict[str, Any]:
    """A CFItem, from an Item or from its row (`ITEM_ROW` values, as the package export reads them)."""
    row = item if isinstance(item, dict) else as_rows([item], ITEM_ROW)[0]
    out: dict[str, Any] = {"identifier": row["identifier"], "uri": row["uri"]}
    out.update(_columns(row, schema.ITEM_FIELDS))
    if document is not None:
        out["CFDocumentURI"] = document
    out["lastChangeDateTime"] = schema.format_datetime(row["last_change"])
    return _with_extra(out, row["extra"])


def association_json(association: Association | dict[str, Any], document: dict[str, str] | None) -> dict[str, Any]:
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
    if document is not None:
        out["CFDocumentURI"] = document
    out["lastChangeDateTime"] = schema.format_datetime(row["last_change"])
    return _with_extra(out, row["extra"])


def _definitions_json(framework: Framework, definitions: list[Definition]) -> dict[str, Any] | None:
    kept = framework.package_extra.get("_definitions")
    if framework.is_imported and kept is None and not definitions:
        return None  # the package had no CFDefinitions
    lists = list(schema.DEFINITION_LISTS) if not framework.is_imported else list((kept or {}).get("lists", []))
    for definition in definitions:
        if definition.kind not in lists:
            lists.append(definition.kind)
    out: dict[str, Any] = {kind: [] for kind in schema.DEFINITION_LISTS if kind in lists}
    for definition in definitions:
        out[definition.kind].append(definition.data)
    out.update((kept or {}).get("extra", {}))
    return out


def export_package(framework: Framework, *, v1p0: bool = False) -> dict[str, Any]:
    """The whole CFPackage, in a fixed number of queries whatever the framework's size."""
    items = list(Item.objects.filter(framework=framework).order_by("id").values(*ITEM_ROW))
    associations = Association.objects.filter(framework=framework).order_by("id").values(*ASSOCIATION_ROW)
    definitions = list(Definition.objects.filter(framework=framework).order_by("id"))
    document = None if framework.is_imported else document_link(framework)
    package: dict[str, Any] = {
        "CFDocument": document_json(framework, v1p0=v1p0),
        "CFItems": [item_json(item, document) for item in items],
        "CFAssociations": [association_json(association, document) for association in associations],
    }
    definitions_json = _definitions_json(framework, definitions)
    if definitions_json is not None:
        package["CFDefinitions"] = definitions_json
    rubrics = framework.package_extra.get("CFRubrics")
    if rubrics is None:
        levels = list(PerformanceLevel.objects.filter(framework=framework).order_by("position").values(*LEVEL_ROW))
        texts = list(RubricText.objects.filter(item__framework=framework).values(*TEXT_ROW))
        rubrics = build_rubrics(framework, items, levels, texts)
    if rubrics:
        package["CFRubrics"] = rubrics
    package.update(
        (key, value) for key, value in framework.package_extra.items() if not key.startswith("_") and key != "CFRubrics"
    )
    return package


def dumps(data: Any) -> bytes:
    """JSON as CASE servers send it: UTF-8, letters of every script as themselves."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
