"""Editing a draft framework: items and their place in the tree, performance levels, rubric texts and
links to items of other frameworks. Every function refuses a framework that is not a draft."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from ..case import schema, uris
from ..case.rubrics import node_title
from ..models import (
    Association,
    AssociationType,
    Definition,
    DefinitionKind,
    Framework,
    FrameworkStatus,
    Item,
    PerformanceLevel,
    RubricText,
)
from ..queries import DOCUMENT, child_map, descendants
from .frameworks import ensure_editable, now, touch

ITEM_COLUMNS = {spec.column: spec.case for spec in schema.ITEM_FIELDS}


def _item_type_link(framework: Framework, title: str) -> dict[str, str] | None:
    """The CFItemType definition of this title in the framework, created when new."""
    if not title:
        return None
    definition = Definition.objects.filter(framework=framework, kind=DefinitionKind.ITEM_TYPE, title=title).first()
    if definition is None:
        identifier = uris.derived_identifier(framework.identifier, "item-type", title)
        uri = uris.object_uri(uris.base_of(framework.uri), "CFItemTypes", identifier)
        count = Definition.objects.filter(framework=framework, kind=DefinitionKind.ITEM_TYPE).count()
        definition = Definition.objects.create(
            framework=framework,
            kind=DefinitionKind.ITEM_TYPE,
            identifier=identifier,
            uri=uri,
            title=title,
            data={
                "identifier": identifier,
                "uri": uri,
                "title": title,
                "description": title,
                "hierarchyCode": str(count + 1),
                "typeCode": title,
                "lastChangeDateTime": schema.format_datetime(now()),
            },
        )
    return schema.link(definition.title, definition.identifier, definition.uri)


def _check_item_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(ITEM_COLUMNS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    if "full_statement" in fields and not str(fields["full_statement"]).strip():
        raise ValidationError(_("An item needs a statement."))


def _parent_node(framework: Framework, parent: Item | None) -> tuple[str, str, str, Item | None]:
    if parent is None:
        return framework.identifier, framework.uri, framework.title, None
    if parent.framework_id != framework.pk:
        raise ValidationError(_("The parent must be an item of the same framework."))
    return parent.identifier, parent.uri, node_title(parent), parent


def _siblings(framework: Framework, parent: Item | None) -> list[Association]:
    return child_map(framework).get(parent.pk if parent else DOCUMENT, [])


def _renumber(siblings: list[Association]) -> None:
    """Sequence numbers 1..n in the given order; only the associations that change are written."""
    when = now()
    changed = []
    for number, association in enumerate(siblings, start=1):
        if association.sequence_number != number:
            association.sequence_number = number
            association.last_change = when
            association.extra.pop("sequenceNumber", None)
            association.extra.pop("lastChangeDateTime", None)
            changed.append(association)
    Association.objects.bulk_update(changed, ["sequence_number", "last_change", "extra"], batch_size=1000)


@transaction.atomic
def add_item(framework: Framework, *, parent: Item | None = None, **fields: Any) -> Item:
    """A new item, placed last under `parent` (or at the top of the tree)."""
    ensure_editable(framework)
    _check_item_fields({"full_statement": fields.get("full_statement", ""), **fields})
    identifier = uris.new_identifier()
    base = uris.base_of(framework.uri)
    when = now()
    item = Item(
        framework=framework, identifier=identifier, uri=uris.object_uri(base, "CFItems", identifier), last_change=when
    )
    for name, value in fields.items():
        setattr(item, name, value)
    item.item_type_uri = _item_type_link(framework, item.item_type)
    item.save()
    destination_identifier, destination_uri, destination_title, destination_item = _parent_node(framework, parent)
    siblings = _siblings(framework, parent)
    _renumber(siblings)
    association_id = uris.new_identifier()
    Association.objects.create(
        framework=framework,
        identifier=association_id,
        uri=uris.object_uri(base, "CFAssociations", association_id),
        association_type=AssociationType.IS_CHILD_OF,
        sequence_number=len(siblings) + 1,
        origin_identifier=item.identifier,
        origin_uri=item.uri,
        origin_title=node_title(item),
        origin_item=item,
        destination_identifier=destination_identifier,
        destination_uri=destination_uri,
        destination_title=destination_title,
        destination_item=destination_item,
        last_change=when,
    )
    touch(framework, when)
    return item


@transaction.atomic
def update_item(item: Item, **fields: Any) -> Item:
    framework = item.framework
    ensure_editable(framework)
    _check_item_fields(fields)
    for name, value in fields.items():
        setattr(item, name, value)
        item.extra.pop(ITEM_COLUMNS[name], None)  # the column is the truth now
    if "item_type" in fields:
        item.item_type_uri = _item_type_link(framework, item.item_type)
        item.extra.pop("CFItemTypeURI", None)
    item.last_change = now()
    item.extra.pop("lastChangeDateTime", None)
    item.save()
    # Associations name their nodes by title; keep those of this framework in step.
    title = node_title(item)
    Association.objects.filter(framework=framework, origin_item=item).update(origin_title=title)
    Association.objects.filter(framework=framework, destination_item=item).update(destination_title=title)
    touch(framework, item.last_change)
    return item


@transaction.atomic
def move_item(item: Item, *, parent: Item | None, position: int | None = None) -> Item:
    """Place the item under another parent (None: the top), at a 0-based position among its siblings.

    An item cannot go under itself or under one of its descendants: isChildOf has no cycles.
    """
    framework = item.framework
    ensure_editable(framework)
    children = child_map(framework)
    if parent is not None and (parent.pk == item.pk or parent.pk in descendants(children, item.pk)):
        raise ValidationError(_("An item cannot be placed under itself or under one of its own descendants."))
    destination_identifier, destination_uri, destination_title, destination_item = _parent_node(framework, parent)
    placing = next(
        (
            association
            for siblings in children.values()
            for association in siblings
            if association.origin_item_id == item.pk
        ),
        None,
    )
    when = now()
    if placing is None:
        association_id = uris.new_identifier()
        placing = Association(
            framework=framework,
            identifier=association_id,
            uri=uris.object_uri(uris.base_of(framework.uri), "CFAssociations", association_id),
            association_type=AssociationType.IS_CHILD_OF,
            origin_identifier=item.identifier,
            origin_uri=item.uri,
            origin_title=node_title(item),
            origin_item=item,
        )
    placing.destination_identifier = destination_identifier
    placing.destination_uri = destination_uri
    placing.destination_title = destination_title
    placing.destination_item = destination_item
    placing.last_change = when
    placing.extra.pop("destinationNodeURI", None)
    placing.extra.pop("lastChangeDateTime", None)
    placing.save()
    siblings = [a for a in children.get(parent.pk if parent else DOCUMENT, []) if a.pk != placing.pk]
    index = len(siblings) if position is None else max(0, min(position, len(siblings)))
    siblings.insert(index, placing)
    _renumber(siblings)
    touch(framework, when)
    return item


@transaction.atomic
def delete_item(item: Item) -> int:
    """Delete the item with everything under it; returns how many items went."""
    framework = item.framework
    ensure_editable(framework)
    doomed = {item.pk} | descendants(child_map(framework), item.pk)
    Association.objects.filter(framework=framework).filter(
        Q(origin_item_id__in=doomed) | Q(destination_item_id__in=doomed)
    ).delete()
    Item.objects.filter(pk__in=doomed).delete()
    touch(framework, rubric_changed=True)
    return len(doomed)


@dataclass
class LevelRow:
    """One level as the levels form sends it, in the order wanted; pk None for a new level."""

    pk: int | None
    name: str
    description: str = ""
    delete: bool = False


@transaction.atomic
def save_levels(framework: Framework, rows: list[LevelRow]) -> list[PerformanceLevel]:
    """The framework's scale as given: renamed, reordered, added and deleted in one go."""
    ensure_editable(framework)
    existing = {level.pk: level for level in framework.levels.all()}
    kept = [row for row in rows if not row.delete and row.name.strip()]
    names = [row.name.strip() for row in kept]
    if len(set(names)) != len(names):
        raise ValidationError(_("Two levels have the same name."))
    if any(row.pk is not None and row.pk not in existing for row in rows):
        raise ValidationError(_("A level of another framework was sent."))
    gone = [pk for pk in existing if pk not in {row.pk for row in kept}]
    PerformanceLevel.objects.filter(pk__in=gone).delete()
    # Positions and names are unique per framework: move the survivors out of the way first.
    survivors = [existing[row.pk] for row in kept if row.pk is not None]
    for offset, level in enumerate(survivors):
        level.position = 10000 + offset
        level.name = f"\u2060{level.pk}"
    PerformanceLevel.objects.bulk_update(survivors, ["position", "name"])
    when = now()
    result = []
    for position, row in enumerate(kept, start=1):
        level = (
            existing[row.pk]
            if row.pk is not None
            else PerformanceLevel(framework=framework, identifier=uris.new_identifier())
        )
        level.name, level.description, level.position, level.last_change = (
            row.name.strip(),
            row.description.strip(),
            position,
            when,
        )
        level.save()
        result.append(level)
    touch(framework, when, rubric_changed=True)
    return result


@transaction.atomic
def set_rubric_texts(item: Item, texts: dict[int, str]) -> None:
    """What the item looks like at each level (level pk → text); an empty text removes it."""
    framework = item.framework
    ensure_editable(framework)
    levels = {level.pk: level for level in framework.levels.all()}
    if set(texts) - set(levels):
        raise ValidationError(_("A level of another framework was sent."))
    when = now()
    current = {text.level_id: text for text in item.rubric_texts.all()}
    for level_id, value in texts.items():
        value = value.strip()
        existing = current.get(level_id)
        if not value:
            if existing is not None:
                existing.delete()
        elif existing is None:
            RubricText.objects.create(item=item, level=levels[level_id], text=value, last_change=when)
        elif existing.text != value:
            existing.text, existing.last_change = value, when
            existing.save(update_fields=["text", "last_change"])
    touch(framework, when, rubric_changed=True)


LINK_TYPES = [choice for choice in AssociationType.values if choice != AssociationType.IS_CHILD_OF]


@transaction.atomic
def add_link(item: Item, target: Item, association_type: str) -> Association:
    """A CASE association from the item to an item of this or of another (published) framework."""
    framework = item.framework
    ensure_editable(framework)
    if association_type not in LINK_TYPES:
        raise ValidationError(_("Choose a kind of link; the tree is edited by moving items."))
    if target.pk == item.pk:
        raise ValidationError(_("An item cannot be linked to itself."))
    if target.framework_id != framework.pk and target.framework.status == FrameworkStatus.DRAFT:
        raise ValidationError(_("Link to items of published frameworks only; a draft may still change."))
    if Association.objects.filter(
        framework=framework, origin_item=item, destination_item=target, association_type=association_type
    ).exists():
        raise ValidationError(_("This link exists already."))
    identifier = uris.new_identifier()
    when = now()
    association = Association.objects.create(
        framework=framework,
        identifier=identifier,
        uri=uris.object_uri(uris.base_of(framework.uri), "CFAssociations", identifier),
        association_type=association_type,
        origin_identifier=item.identifier,
        origin_uri=item.uri,
        origin_title=node_title(item),
        origin_item=item,
        destination_identifier=target.identifier,
        destination_uri=target.uri,
        destination_title=node_title(target),
        destination_item=target,
        last_change=when,
    )
    touch(framework, when)
    return association


@transaction.atomic
def delete_link(association: Association) -> None:
    framework = association.framework
    ensure_editable(framework)
    if association.association_type == AssociationType.IS_CHILD_OF:
        raise ValidationError(_("The tree is edited by moving or deleting items."))
    association.delete()
    touch(framework)
