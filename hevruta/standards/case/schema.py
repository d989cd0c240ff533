"""Which CASE properties are columns, of what shape, and how each is read and written back.

One table of fields per CASE object serves the importer (check the shape, fill the column) and the
exporter (write the column back under its CASE name), so the two cannot drift apart.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

# CASE identifiers are UUIDs; other URL-safe tokens are accepted because some publishers use them.
IDENTIFIER = re.compile(r"^[A-Za-z0-9._~:-]{1,100}$")
NODE_IDENTIFIER_LENGTH = 255

TEXT, DATE, STRINGS, LINK, LINKS, INTEGER = "text", "date", "strings", "link", "links", "integer"


@dataclass(frozen=True)
class Field:
    case: str  # the CASE property
    column: str  # our column
    shape: str  # one of TEXT, DATE, STRINGS, LINK, LINKS, INTEGER


DOCUMENT_FIELDS = (
    Field("title", "title", TEXT),
    Field("creator", "creator", TEXT),
    Field("publisher", "publisher", TEXT),
    Field("description", "description", TEXT),
    Field("officialSourceURL", "official_source_url", TEXT),
    Field("language", "language", TEXT),
    Field("version", "version", TEXT),
    Field("adoptionStatus", "adoption_status", TEXT),
    Field("statusStartDate", "status_start_date", DATE),
    Field("statusEndDate", "status_end_date", DATE),
    Field("subject", "subject", STRINGS),
    Field("subjectURI", "subject_uri", LINKS),
    Field("licenseURI", "license_uri", LINK),
    Field("notes", "notes", TEXT),
)

ITEM_FIELDS = (
    Field("fullStatement", "full_statement", TEXT),
    Field("alternativeLabel", "alternative_label", TEXT),
    Field("CFItemType", "item_type", TEXT),
    Field("humanCodingScheme", "human_coding_scheme", TEXT),
    Field("listEnumeration", "list_enumeration", TEXT),
    Field("abbreviatedStatement", "abbreviated_statement", TEXT),
    Field("conceptKeywords", "concept_keywords", STRINGS),
    Field("conceptKeywordsURI", "concept_keywords_uri", LINK),
    Field("notes", "notes", TEXT),
    Field("subject", "subject", STRINGS),
    Field("subjectURI", "subject_uri", LINKS),
    Field("language", "language", TEXT),
    Field("educationLevel", "education_level", STRINGS),
    Field("CFItemTypeURI", "item_type_uri", LINK),
    Field("licenseURI", "license_uri", LINK),
    Field("statusStartDate", "status_start_date", DATE),
    Field("statusEndDate", "status_end_date", DATE),
)

ASSOCIATION_FIELDS = (
    Field("associationType", "association_type", TEXT),
    Field("sequenceNumber", "sequence_number", INTEGER),
    Field("CFAssociationGroupingURI", "grouping_uri", LINK),
    Field("notes", "notes", TEXT),
)

# Column lengths that PostgreSQL enforces; longer values are refused with a message, not truncated.
MAX_LENGTHS = {"language": 35, "association_type": 64}

ASSOCIATION_TYPES = frozenset(
    {
        "isChildOf",
        "isPeerOf",
        "isPartOf",
        "exactMatchOf",
        "precedes",
        "isRelatedTo",
        "replacedBy",
        "exemplar",
        "hasSkillLevel",
        "isTranslationOf",
    }
)
# CASE 1.1 lets publishers extend the vocabulary with "ext:" types.
EXTENSION_PREFIX = "ext:"

DEFINITION_LISTS = ("CFConcepts", "CFSubjects", "CFLicenses", "CFItemTypes", "CFAssociationGroupings")


@lru_cache(maxsize=4096)
def format_datetime(value: datetime) -> str:
    """CASE's xsd:dateTime as we write it: UTC, to the second."""
    return value.astimezone(UTC).isoformat(timespec="seconds")


def parse_datetime(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    # A time without a zone (OpenSALT writes them) is read as UTC, the zone CASE servers use.
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def to_case(field: Field, value: Any) -> Any:
    """A column's value as CASE writes it."""
    if field.shape == DATE:
        return value.isoformat()
    return value


def shape_problem(field: Field, value: Any) -> str | None:
    """Why `value` cannot be the CASE property `field`, or None when it can."""
    if field.shape == TEXT:
        return None if isinstance(value, str) else "text"
    if field.shape == INTEGER:
        # OpenSALT writes sequence numbers as strings of digits; those are integers too.
        if isinstance(value, str):
            return None if re.fullmatch(r"-?\d{1,9}", value) else "integer"
        return None if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**31 else "integer"
    if field.shape == DATE:
        if not isinstance(value, str):
            return "date"
        try:
            date.fromisoformat(value)
        except ValueError:
            return "date"
        return None
    if field.shape == STRINGS:
        ok = isinstance(value, list) and all(isinstance(entry, str) for entry in value)
        return None if ok else "strings"
    if field.shape == LINK:
        return None if is_link(value) else "link"
    if field.shape == LINKS:
        return None if isinstance(value, list) and all(is_link(entry) for entry in value) else "links"
    raise ValueError(field.shape)


def from_case(field: Field, value: Any) -> Any:
    """A checked CASE value as its column stores it."""
    if field.shape == DATE:
        return date.fromisoformat(value)
    if field.shape == INTEGER:
        return int(value)
    return value


def is_link(value: Any) -> bool:
    """A CASE LinkURI: an object with a non-empty identifier and a uri (and usually a title)."""
    return (
        isinstance(value, dict)
        and isinstance(value.get("identifier"), str)
        and bool(value["identifier"])
        and isinstance(value.get("uri"), str)
        and isinstance(value.get("title", ""), str)
    )


def link(title: str, identifier: str, uri: str) -> dict[str, str]:
    return {"title": title, "identifier": identifier, "uri": uri}


# The properties CASE 1.1 allows on each object of a CFPackage (1EdTech's official CFPackage schema:
# every object there has "additionalProperties": false). The v1p1 endpoints write nothing else: a
# property an imported package carried beyond these goes into the object's `extensions`, the place
# CASE gives to proprietary data. tests/standards/test_case_conformance.py keeps these sets equal to
# the official schema's.
PACKAGE_KEYS = frozenset({"CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "CFRubrics", "extensions"})
DOCUMENT_KEYS = frozenset(
    {
        "identifier",
        "uri",
        "frameworkType",
        "caseVersion",
        "creator",
        "title",
        "lastChangeDateTime",
        "officialSourceURL",
        "publisher",
        "description",
        "subject",
        "subjectURI",
        "language",
        "version",
        "adoptionStatus",
        "statusStartDate",
        "statusEndDate",
        "licenseURI",
        "notes",
        "extensions",
    }
)
ITEM_KEYS = frozenset({"identifier", "uri", "lastChangeDateTime", "extensions", *(spec.case for spec in ITEM_FIELDS)})
ASSOCIATION_KEYS = frozenset(
    {
        "identifier",
        "uri",
        "lastChangeDateTime",
        "originNodeURI",
        "destinationNodeURI",
        "extensions",
        *(spec.case for spec in ASSOCIATION_FIELDS),
    }
)
DEFINITIONS_KEYS = frozenset({*DEFINITION_LISTS, "extensions"})
DEFINITION_KEYS = {
    "CFConcepts": frozenset(
        {"identifier", "uri", "title", "keywords", "hierarchyCode", "description", "lastChangeDateTime", "extensions"}
    ),
    "CFSubjects": frozenset(
        {"identifier", "uri", "title", "hierarchyCode", "description", "lastChangeDateTime", "extensions"}
    ),
    "CFLicenses": frozenset(
        {"identifier", "uri", "title", "description", "licenseText", "lastChangeDateTime", "extensions"}
    ),
    "CFItemTypes": frozenset(
        {"identifier", "uri", "title", "description", "hierarchyCode", "typeCode", "lastChangeDateTime", "extensions"}
    ),
    "CFAssociationGroupings": frozenset(
        {"identifier", "uri", "title", "description", "lastChangeDateTime", "extensions"}
    ),
}
RUBRIC_KEYS = frozenset(
    {"identifier", "uri", "title", "description", "lastChangeDateTime", "CFRubricCriteria", "extensions"}
)
CRITERION_KEYS = frozenset(
    {
        "identifier",
        "uri",
        "category",
        "description",
        "CFItemURI",
        "weight",
        "position",
        "rubricId",
        "lastChangeDateTime",
        "CFRubricCriterionLevels",
        "extensions",
    }
)
CRITERION_LEVEL_KEYS = frozenset(
    {
        "identifier",
        "uri",
        "description",
        "quality",
        "score",
        "feedback",
        "position",
        "rubricCriterionId",
        "lastChangeDateTime",
        "extensions",
    }
)
LINK_KEYS = ("title", "identifier", "uri")


def strict_link(value: dict[str, Any]) -> dict[str, str]:
    """A LinkURI with exactly its three properties (an imported one may lack a title or carry more)."""
    return {"title": value.get("title") or "", "identifier": value["identifier"], "uri": value["uri"]}


def conform(
    out: dict[str, Any], extra: dict[str, Any], allowed: frozenset[str], owned: frozenset[str]
) -> dict[str, Any]:
    """`out` (written from our columns) completed from `extra` within CASE 1.1's properties.

    An extra property CASE has (and `out` does not own) is added unless it is null; any other goes
    into `extensions`, beside what the object's own `extensions` held, so nothing is lost.
    """
    if not extra:
        return out
    kept = extra.get("extensions")
    moved: dict[str, Any] = dict(kept) if isinstance(kept, dict) else {}
    if kept is not None and not isinstance(kept, dict):
        moved["extensions"] = kept
    for key, value in extra.items():
        if key == "extensions" or key in owned:
            continue
        if key in allowed:
            if value is not None:
                out[key] = value
        else:
            moved.setdefault(key, value)
    if moved:
        out["extensions"] = moved
    return out
