"""Performance levels and rubric texts as CASE CFRubrics, and back.

A framework's scale becomes one CFRubric. Its first criterion, the one without a CFItemURI, lists the
levels themselves (quality = the level's name, description = what the level means); every item with
rubric texts gets a criterion whose levels carry those texts. Identifiers are derived from the
framework's, the items' and the levels' identifiers, so that a package we wrote imports back into
the same levels and texts and exports again identically.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..models import Framework, Item
from . import schema, uris


def node_title(item: Item) -> str:
    return title_for(item.human_coding_scheme, item.full_statement)


def title_for(code: str, statement: str) -> str:
    """How associations and rubrics name an item: its code, or the start of its statement."""
    return code or statement[:100]


# The rubric is built from plain rows (dicts), not model instances: a framework of thousands of
# competencies has tens of thousands of rubric texts, and instances cost more than the export itself.
ITEM_ROW = ("id", "identifier", "uri", "human_coding_scheme", "full_statement", "last_change")
LEVEL_ROW = ("id", "identifier", "name", "description", "position", "last_change")
TEXT_ROW = ("item_id", "level_id", "text", "last_change")


def as_rows(objects: Any, names: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{name: getattr(obj, "pk" if name == "id" else name) for name in names} for obj in objects]


def build_rubrics(
    framework: Framework, items: list[dict[str, Any]], levels: list[dict[str, Any]], texts: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """One CFRubric for the framework's scale (see the module's note); [] when there is no rubric text."""
    if not levels or not texts:
        return []
    base = uris.base_of(framework.uri)
    rubric_id = uris.derived_identifier(framework.identifier, "rubric")
    levels_id = uris.derived_identifier(framework.identifier, "levels")
    criteria = [
        {
            "identifier": levels_id,
            "uri": uris.object_uri(base, "CFRubricCriteria", levels_id),
            "position": 0,
            "rubricId": rubric_id,
            "lastChangeDateTime": schema.format_datetime(framework.last_change),
            "CFRubricCriterionLevels": [_level_definition(base, level, levels_id) for level in levels],
        }
    ]
    by_item: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for text in texts:
        by_item[text["item_id"]].append(text)
    level_by_id = {level["id"]: level for level in levels}
    for item in items:
        item_texts = sorted(by_item.get(item["id"], []), key=lambda text: level_by_id[text["level_id"]]["position"])
        if item_texts:
            criteria.append(_item_criterion(base, item, item_texts, level_by_id, rubric_id, len(criteria)))
    return [
        {
            "identifier": rubric_id,
            "uri": uris.object_uri(base, "CFRubrics", rubric_id),
            "title": framework.title,
            "lastChangeDateTime": schema.format_datetime(framework.last_change),
            "CFRubricCriteria": criteria,
        }
    ]


def _level_definition(base: str, level: dict[str, Any], criterion_id: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "identifier": level["identifier"],
        "uri": uris.object_uri(base, "CFRubricCriterionLevels", level["identifier"]),
        "quality": level["name"],
        "score": level["position"],
        "position": level["position"],
        "rubricCriterionId": criterion_id,
        "lastChangeDateTime": schema.format_datetime(level["last_change"]),
    }
    if level["description"]:
        entry["description"] = level["description"]
    return entry


def _item_criterion(
    base: str,
    item: dict[str, Any],
    texts: list[dict[str, Any]],
    level_by_id: dict[int, dict[str, Any]],
    rubric_id: str,
    position: int,
) -> dict[str, Any]:
    criterion_id = uris.derived_identifier(item["identifier"], "criterion")
    levels = []
    for text in texts:
        level = level_by_id[text["level_id"]]
        identifier = uris.derived_identifier(item["identifier"], level["identifier"])
        levels.append(
            {
                "identifier": identifier,
                "uri": uris.object_uri(base, "CFRubricCriterionLevels", identifier),
                "quality": level["name"],
                "description": text["text"],
                "score": level["position"],
                "position": level["position"],
                "rubricCriterionId": criterion_id,
                "lastChangeDateTime": schema.format_datetime(text["last_change"]),
            }
        )
    return {
        "identifier": criterion_id,
        "uri": uris.object_uri(base, "CFRubricCriteria", criterion_id),
        "CFItemURI": schema.link(
            title_for(item["human_coding_scheme"], item["full_statement"]), item["identifier"], item["uri"]
        ),
        "position": position,
        "rubricId": rubric_id,
        "lastChangeDateTime": schema.format_datetime(max(text["last_change"] for text in texts)),
        "CFRubricCriterionLevels": levels,
    }


@dataclass
class LevelSpec:
    identifier: str
    name: str
    description: str
    position: int
    last_change: datetime


@dataclass
class TextSpec:
    item_identifier: str
    level_name: str
    text: str
    last_change: datetime


def read_rubrics(raw: Any, item_identifiers: set[str], fallback: datetime) -> tuple[list[LevelSpec], list[TextSpec]]:
    """Levels and texts from CFRubrics shaped like ours; ([], []) when the shape does not fit.

    A rubric of another shape is not lost: the importer keeps it verbatim for export.
    """
    if not isinstance(raw, list) or len(raw) != 1 or not isinstance(raw[0], dict):
        return [], []
    criteria = raw[0].get("CFRubricCriteria")
    if not isinstance(criteria, list) or not all(isinstance(criterion, dict) for criterion in criteria):
        return [], []
    definitions = [criterion for criterion in criteria if "CFItemURI" not in criterion]
    levels = _read_levels(definitions[0] if len(definitions) == 1 else None, criteria, fallback)
    if not levels:
        return [], []
    names = {level.name for level in levels}
    texts = []
    seen: set[tuple[str, str]] = set()
    for criterion in criteria:
        target = criterion.get("CFItemURI")
        if target is None:
            continue
        if not schema.is_link(target) or target["identifier"] not in item_identifiers:
            return [], []
        for entry in _criterion_levels(criterion):
            if entry.get("quality") not in names or not isinstance(entry.get("description"), str):
                return [], []
            if not entry["description"]:
                continue
            if (target["identifier"], entry["quality"]) in seen:
                return [], []
            seen.add((target["identifier"], entry["quality"]))
            texts.append(TextSpec(target["identifier"], entry["quality"], entry["description"], _when(entry, fallback)))
    return levels, texts


def _criterion_levels(criterion: dict) -> list[dict]:
    entries = criterion.get("CFRubricCriterionLevels")
    if not isinstance(entries, list):
        return []
    return [entry for entry in entries if isinstance(entry, dict)]


def _read_levels(definition: dict | None, criteria: list[dict], fallback: datetime) -> list[LevelSpec]:
    if definition is not None:
        entries = _criterion_levels(definition)
    else:
        # No criterion defines the scale: the qualities used across criteria are the levels.
        entries = [entry for criterion in criteria for entry in _criterion_levels(criterion)]
    levels: dict[str, LevelSpec] = {}
    for entry in entries:
        name, position = entry.get("quality"), entry.get("position")
        if not isinstance(name, str) or not name or len(name) > 200:
            return []
        if not isinstance(position, int) or isinstance(position, bool) or not 0 <= position < 32767:
            return []
        identifier = entry.get("identifier") if definition is not None else None
        if not isinstance(identifier, str) or not schema.IDENTIFIER.match(identifier):
            identifier = uris.new_identifier()
        description = entry.get("description") if definition is not None else ""
        known = levels.get(name)
        if known is not None and known.position != position:
            return []
        levels.setdefault(
            name,
            LevelSpec(
                identifier,
                name,
                description if isinstance(description, str) else "",
                position,
                _when(entry, fallback),
            ),
        )
    positions = [level.position for level in levels.values()]
    if len(set(positions)) != len(positions):
        return []
    return sorted(levels.values(), key=lambda level: level.position)


def _when(entry: dict, fallback: datetime) -> datetime:
    raw = entry.get("lastChangeDateTime")
    if isinstance(raw, str):
        try:
            return schema.parse_datetime(raw)
        except ValueError:
            pass
    return fallback
