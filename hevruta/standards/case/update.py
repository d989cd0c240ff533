"""A newer package of a framework already imported: the framework is updated in place, by identifier.

CASE identifiers name the same document, items and associations across a publisher's versions, so
the package is merged object by object: what is new is added, what differs is changed (with the
package's lastChangeDateTime), and what the package no longer has is removed. An item that a program
still refers to (a requirement, an accreditation, evidence) cannot simply vanish: it is kept,
retired (its statusEndDate set), and the report says so. Levels are matched by identifier, then by
name, so the reviews and requirements that point at them stay valid. All of it runs inside the
import's transaction: a package that fails half-way leaves the framework as it was.

Only an imported framework is updated, only from the network it lives in, only while it is a draft
or published, and only by a package no older than what is there.
"""

from typing import Any, cast

from django.db import transaction
from django.db.models import Field, Model, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from hevruta.directory.models import Network

from ..models import Association, Definition, Framework, FrameworkStatus, Item, PerformanceLevel, RubricText
from . import schema
from .importer import BATCH, ImportReport, _items_elsewhere, refuse_known_identifiers, write_texts
from .rubrics import read_rubrics
from .validate import CaseError, CheckedObject, CheckedPackage

MAX_LISTED = 200


def _empty(model: type[Model], column: str) -> Any:
    """What a column holds when the package does not have the property."""
    field = cast(Field, model._meta.get_field(column))
    if field.null:
        return None
    return field.get_default() if field.has_default() else ""


def _refuse(framework: Framework, package: CheckedPackage, network: Network | None) -> None:
    title, identifier = framework.title, framework.identifier
    if not framework.is_imported:
        raise CaseError(
            [
                _("“%(title)s” (identifier %(identifier)s) was written on this site; edit it here instead.")
                % {"title": title, "identifier": identifier}
            ]
        )
    if framework.network_id != (network.pk if network else None):
        raise CaseError(
            [
                _("This framework is on the site already as “%(title)s” (%(identifier)s), in another network.")
                % {"title": title, "identifier": identifier}
            ]
        )
    if framework.status == FrameworkStatus.RETIRED:
        raise CaseError([_("“%(title)s” is retired on this site and is not updated any more.") % {"title": title}])
    incoming = package.document.last_change
    if incoming is not None and incoming < framework.last_change:
        raise CaseError(
            [
                _("This package (changed %(incoming)s) is older than “%(title)s” on the site (changed %(current)s).")
                % {
                    "incoming": schema.format_datetime(incoming),
                    "title": title,
                    "current": schema.format_datetime(framework.last_change),
                }
            ]
        )
    refuse_known_identifiers(package, own=framework)


class Changes:
    """Counts by kind of change, and the first lines that say which object changed how."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report

    def note(self, kind: str, line: str) -> None:
        self.report.changes[kind] = self.report.changes.get(kind, 0) + 1
        if len(self.report.changed) < MAX_LISTED:
            self.report.changed.append(line)


def _label(checked: CheckedObject | Item) -> str:
    if isinstance(checked, Item):
        code, statement = checked.human_coding_scheme, checked.full_statement
    else:
        code, statement = checked.columns.get("human_coding_scheme", ""), checked.columns.get("full_statement", "")
    return code or statement[:60] or checked.identifier


def _apply(obj: Model, checked: CheckedObject, model: type[Model], columns: list[str], when: Any) -> bool:
    """Set the object to the package's version; True when anything differed."""
    values = {column: checked.columns.get(column, _empty(model, column)) for column in columns}
    values.update(uri=checked.uri, extra=checked.extra, last_change=checked.last_change or when)
    changed = any(getattr(obj, name) != value for name, value in values.items() if name != "last_change")
    for name, value in values.items():
        setattr(obj, name, value)
    return changed


DOCUMENT_COLUMNS = [spec.column for spec in schema.DOCUMENT_FIELDS]
ITEM_COLUMNS = [spec.column for spec in schema.ITEM_FIELDS]
ASSOCIATION_COLUMNS = [
    *(spec.column for spec in schema.ASSOCIATION_FIELDS),
    *(f"{end}_{part}" for end in ("origin", "destination") for part in ("identifier", "uri", "title")),
]


def update_framework(
    framework: Framework, package: CheckedPackage, *, network: Network | None, source: str, publish: bool
) -> ImportReport:
    """Merge the newer package into `framework` (inside the caller's transaction); the report lists what changed."""
    _refuse(framework, package, network)
    when = timezone.now()
    report = ImportReport(framework, updated=True)
    changes = Changes(report)
    _update_document(framework, package, changes, when, source=source, publish=publish)
    _update_definitions(framework, package, changes)
    items = _update_items(framework, package, changes, when)
    _update_associations(framework, package, items, changes, when, report)
    _update_rubrics(framework, package, list(items.values()), changes, report)
    report.items, report.associations = len(package.items), len(package.associations)
    report.definitions = len(package.definitions)
    if not report.changes:
        report.notes.append(_("The package is the same as the framework on the site; nothing changed."))
    unlisted = sum(report.changes.values()) - len(report.changed)
    if unlisted > 0:
        report.changed.append(_("… and %(count)s more changes.") % {"count": unlisted})
    return report


def _update_document(
    framework: Framework, package: CheckedPackage, changes: Changes, when: Any, *, source: str, publish: bool
) -> None:
    package_extra = dict(package.package_extra)
    if package.definition_lists or package.definitions_extra:
        package_extra["_definitions"] = {"lists": package.definition_lists, "extra": package.definitions_extra}
    if "CFRubrics" in framework.package_extra:
        package_extra["CFRubrics"] = framework.package_extra["CFRubrics"]  # settled by _update_rubrics
    changed = _apply(framework, package.document, Framework, DOCUMENT_COLUMNS, when)
    if framework.package_extra != package_extra:
        framework.package_extra = package_extra
        changed = True
    if changed:
        changes.note("document", _("The document “%(title)s” changed.") % {"title": framework.title})
    framework.source = (source or framework.source)[:2000]
    if publish and framework.status == FrameworkStatus.DRAFT:
        framework.status, framework.published_at = FrameworkStatus.PUBLISHED, when
    framework.save()


def _named(key: tuple[str, str]) -> dict[str, str]:
    return {"kind": key[0], "identifier": key[1]}


def _update_definitions(framework: Framework, package: CheckedPackage, changes: Changes) -> None:
    """Definitions are stored whole and nothing points at them: they are replaced when they differ."""
    current = {(d.kind, d.identifier): d.data for d in framework.definitions.all()}
    incoming = {(d.kind, d.identifier): d.data for d in package.definitions}
    if current == incoming:
        return
    for key in incoming.keys() - current.keys():
        changes.note("definitions_added", _("Definition added: %(kind)s %(identifier)s.") % _named(key))
    for key in current.keys() - incoming.keys():
        changes.note("definitions_removed", _("Definition removed: %(kind)s %(identifier)s.") % _named(key))
    for key in current.keys() & incoming.keys():
        if current[key] != incoming[key]:
            changes.note("definitions_changed", _("Definition changed: %(kind)s %(identifier)s.") % _named(key))
    framework.definitions.all().delete()
    Definition.objects.bulk_create(
        [
            Definition(framework=framework, kind=d.kind, identifier=d.identifier, uri=d.uri, title=d.title, data=d.data)
            for d in package.definitions
        ],
        batch_size=BATCH,
    )


def _update_items(framework: Framework, package: CheckedPackage, changes: Changes, when: Any) -> dict[str, Item]:
    existing = {item.identifier: item for item in Item.objects.filter(framework=framework)}
    fresh, touched = [], []
    for checked in package.items:
        item = existing.pop(checked.identifier, None)
        if item is None:
            item = Item(framework=framework, identifier=checked.identifier)
            _apply(item, checked, Item, ITEM_COLUMNS, when)
            fresh.append(item)
            changes.note("items_added", _("Item added: %(item)s.") % {"item": _label(checked)})
            continue
        before = item.last_change
        if _apply(item, checked, Item, ITEM_COLUMNS, when):
            changes.note("items_changed", _("Item changed: %(item)s.") % {"item": _label(checked)})
            touched.append(item)
        elif item.last_change != before:
            touched.append(item)
    Item.objects.bulk_create(fresh, batch_size=BATCH)
    fields = ["uri", "extra", "last_change", *ITEM_COLUMNS]
    Item.objects.bulk_update(touched, fields, batch_size=BATCH)
    kept = _remove_items(list(existing.values()), changes, when)
    items = {item.identifier: item for item in Item.objects.filter(framework=framework).order_by("id")}
    return {identifier: item for identifier, item in items.items() if identifier not in kept}


def _remove_items(gone: list[Item], changes: Changes, when: Any) -> set[str]:
    """Delete what the package dropped; an item that programs refer to is retired instead (kept)."""
    kept: set[str] = set()
    for item in gone:
        try:
            with transaction.atomic():
                item.delete()
            changes.note("items_removed", _("Item removed: %(item)s.") % {"item": _label(item)})
        except ProtectedError:
            item.status_end_date, item.last_change = when.date(), when
            item.extra.pop("statusEndDate", None)
            item.extra.pop("lastChangeDateTime", None)
            item.save(update_fields=["status_end_date", "last_change", "extra"])
            kept.add(item.identifier)
            changes.note(
                "items_retired",
                _("Item retired, not removed, because programs refer to it: %(item)s.") % {"item": _label(item)},
            )
    return kept


def _update_associations(
    framework: Framework,
    package: CheckedPackage,
    items: dict[str, Item],
    changes: Changes,
    when: Any,
    report: ImportReport,
) -> None:
    existing = {a.identifier: a for a in Association.objects.filter(framework=framework)}
    outside = {
        identifier
        for checked in package.associations
        for identifier in (checked.columns["origin_identifier"], checked.columns["destination_identifier"])
        if identifier not in items and identifier != framework.identifier
    }
    elsewhere = _items_elsewhere(outside)
    fresh, touched = [], []
    for checked in package.associations:
        association = existing.pop(checked.identifier, None)
        is_new = association is None
        if association is None:
            association = Association(framework=framework, identifier=checked.identifier)
        before = (
            association.last_change if not is_new else None,
            association.origin_item_id,
            association.destination_item_id,
        )
        differs = _apply(association, checked, Association, ASSOCIATION_COLUMNS, when)
        origin, destination = checked.columns["origin_identifier"], checked.columns["destination_identifier"]
        association.origin_item = items.get(origin) or elsewhere.get(origin)
        association.destination_item = items.get(destination) or elsewhere.get(destination)
        if checked.columns["association_type"] == "isChildOf":
            report.tree_links += 1
        label = f"{checked.columns['origin_title'] or origin} {checked.columns['association_type']} " + (
            checked.columns["destination_title"] or destination
        )
        if is_new:
            fresh.append(association)
            changes.note("associations_added", _("Association added: %(association)s.") % {"association": label})
        else:
            if differs:
                changes.note(
                    "associations_changed", _("Association changed: %(association)s.") % {"association": label}
                )
            after = (association.last_change, association.origin_item_id, association.destination_item_id)
            if differs or after != before:
                touched.append(association)
    for association in existing.values():
        changes.note(
            "associations_removed", _("Association removed: %(association)s.") % {"association": str(association)}
        )
    Association.objects.filter(pk__in=[a.pk for a in existing.values()]).delete()
    Association.objects.bulk_create(fresh, batch_size=BATCH)
    fields = ["uri", "extra", "last_change", "origin_item", "destination_item", *ASSOCIATION_COLUMNS]
    Association.objects.bulk_update(touched, fields, batch_size=BATCH)


def _update_rubrics(
    framework: Framework, package: CheckedPackage, items: list[Item], changes: Changes, report: ImportReport
) -> None:
    """Levels matched by identifier, then name (reviews point at them); texts rewritten when they differ."""
    by_identifier = {item.identifier: item for item in items}
    level_specs, text_specs = read_rubrics(package.rubrics, set(by_identifier), framework.last_change)
    levels = list(PerformanceLevel.objects.filter(framework=framework).order_by("position"))
    before_texts = set(
        RubricText.objects.filter(item__framework=framework).values_list("item__identifier", "level__name", "text")
    )
    by_id = {level.identifier: level for level in levels}
    by_name = {level.name: level for level in levels}
    matched: list[PerformanceLevel] = []
    for spec in level_specs:
        level = by_id.get(spec.identifier) or by_name.get(spec.name)
        if level is None or level in matched:
            level = PerformanceLevel(framework=framework)
        matched.append(level)
    # Park the kept levels on free positions and names first: both are unique in a framework.
    parked = [level for level in matched if level.pk]
    for offset, level in enumerate(parked):
        level.position, level.name = 30000 + offset, f"…{level.pk}"
    PerformanceLevel.objects.bulk_update(parked, ["position", "name"])
    gone = [level for level in levels if level not in matched]
    for level in gone:
        try:
            with transaction.atomic():
                level.delete()
            changes.note("levels_removed", _("Level removed: %(level)s.") % {"level": level.name})
        except ProtectedError:
            raise CaseError(
                [
                    _("The level “%(level)s” is no longer in the package, but reviews or requirements use it.")
                    % {"level": level.name}
                ]
            ) from None
    for level, spec in zip(matched, level_specs, strict=True):
        old = (level.name if level.pk else None, level.description, level.identifier)
        level.identifier, level.name, level.description = spec.identifier, spec.name, spec.description
        level.position, level.last_change = spec.position, spec.last_change
        if not level.pk:
            changes.note("levels_added", _("Level added: %(level)s.") % {"level": spec.name})
        elif old[1:] != (spec.description, spec.identifier) or by_id.get(spec.identifier) is None:
            changes.note("levels_changed", _("Level changed: %(level)s.") % {"level": spec.name})
        level.save()
    RubricText.objects.filter(item__framework=framework).delete()
    write_texts(framework, package, items, matched, text_specs, report)
    after_texts = {(spec.item_identifier, spec.level_name, spec.text) for spec in text_specs}
    if after_texts != before_texts:
        changes.note(
            "rubric_texts_changed",
            _("%(count)s rubric texts changed.") % {"count": len(after_texts ^ before_texts)},
        )
