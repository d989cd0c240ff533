"""Importing a CASE CFPackage: checked whole first, then written in one transaction, or not at all.

A package whose document is already on the site, imported into the same network, is a newer
version of what its publisher serves: it updates that framework in place (see `update.py`), and
the report says what changed. `import_package` is the one entry point for both; it takes the bytes
and returns the report, so a background job can call it as the import page does.
"""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hevruta.directory.models import Network

from ..models import (
    Association,
    Definition,
    Framework,
    FrameworkStatus,
    Item,
    PerformanceLevel,
    RubricText,
)
from .rubrics import ITEM_ROW, LEVEL_ROW, TEXT_ROW, TextSpec, as_rows, build_rubrics, read_rubrics
from .validate import CaseError, CheckedPackage, check_package, load_json

BATCH = 1000


def max_package_bytes() -> int:
    return getattr(settings, "CASE_MAX_BYTES", settings.MAX_UPLOAD_BYTES)


@dataclass
class ImportReport:
    framework: Framework
    items: int = 0
    associations: int = 0
    tree_links: int = 0
    definitions: int = 0
    levels: int = 0
    rubric_texts: int = 0
    # Associations whose other end is an item of another framework on this site, or outside it.
    linked_here: int = 0
    linked_elsewhere: int = 0
    notes: list[str] = field(default_factory=list)
    # An update of a framework already on the site: what changed, counted and listed.
    updated: bool = False
    changes: dict[str, int] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)


def refuse_known_identifiers(package: CheckedPackage, own: Framework | None = None) -> None:
    """Identifiers are unique on the site: an item or association of another framework is not taken.

    `own` is the framework being updated, whose identifiers the package may of course use again."""
    for model, objects, label in (
        (Item, package.items, "CFItems"),
        (Association, package.associations, "CFAssociations"),
    ):
        identifiers = [obj.identifier for obj in objects]
        taken: list[str] = []
        for start in range(0, len(identifiers), BATCH):
            batch = identifiers[start : start + BATCH]
            found = model.objects.filter(identifier__in=batch)
            if own is not None:
                found = found.exclude(framework=own)
            taken += found.values_list("identifier", flat=True)
        if taken:
            raise CaseError(
                [
                    _("%(list)s: %(count)s identifiers are already used on this site, e.g. %(example)s.")
                    % {"list": label, "count": len(taken), "example": taken[0]}
                ]
            )


def import_package(
    content: bytes,
    *,
    network: Network | None,
    user: Any = None,
    source: str,
    publish: bool = False,
) -> ImportReport:
    """Check the package, refuse it with every problem named, or write it all; nothing in between."""
    package = check_package(load_json(content, max_package_bytes()))
    with transaction.atomic():
        existing = Framework.objects.select_for_update().filter(identifier=package.document.identifier).first()
        if existing is not None:
            from .update import update_framework

            return update_framework(existing, package, network=network, source=source, publish=publish)
        refuse_known_identifiers(package)
        return _write(package, network=network, user=user, source=source or _("a CASE package"), publish=publish)


def _write(package: CheckedPackage, *, network: Network | None, user: Any, source: str, publish: bool) -> ImportReport:
    now = timezone.now()
    document = package.document
    package_extra = dict(package.package_extra)
    if package.definition_lists or package.definitions_extra:
        package_extra["_definitions"] = {"lists": package.definition_lists, "extra": package.definitions_extra}
    framework = Framework.objects.create(
        network=network,
        status=FrameworkStatus.PUBLISHED if publish else FrameworkStatus.DRAFT,
        published_at=now if publish else None,
        source=source[:2000],
        created_by=user if getattr(user, "is_authenticated", False) else None,
        identifier=document.identifier,
        uri=document.uri,
        last_change=document.last_change or now,
        extra=document.extra,
        package_extra=package_extra,
        **document.columns,
    )
    report = ImportReport(framework)
    Definition.objects.bulk_create(
        [
            Definition(framework=framework, kind=d.kind, identifier=d.identifier, uri=d.uri, title=d.title, data=d.data)
            for d in package.definitions
        ],
        batch_size=BATCH,
    )
    report.definitions = len(package.definitions)
    items = Item.objects.bulk_create(
        [
            Item(
                framework=framework,
                identifier=checked.identifier,
                uri=checked.uri,
                last_change=checked.last_change or now,
                extra=checked.extra,
                **checked.columns,
            )
            for checked in package.items
        ],
        batch_size=BATCH,
    )
    report.items = len(items)
    _write_associations(framework, package, {item.identifier: item for item in items}, report, now)
    _write_rubrics(framework, package, items, report)
    return report


def _items_elsewhere(identifiers: set[str]) -> dict[str, Item]:
    """Items of other frameworks on the site that the package's associations point to."""
    found: dict[str, Item] = {}
    ordered = sorted(identifiers)
    for start in range(0, len(ordered), BATCH):
        for item in Item.objects.filter(identifier__in=ordered[start : start + BATCH]).only("id", "identifier"):
            found[item.identifier] = item
    return found


def _write_associations(
    framework: Framework, package: CheckedPackage, items: dict[str, Item], report: ImportReport, now: Any
) -> None:
    outside = {
        identifier
        for checked in package.associations
        for identifier in (checked.columns["origin_identifier"], checked.columns["destination_identifier"])
        if identifier not in items and identifier != framework.identifier
    }
    elsewhere = _items_elsewhere(outside)
    rows = []
    for checked in package.associations:
        origin, destination = checked.columns["origin_identifier"], checked.columns["destination_identifier"]
        origin_item = items.get(origin) or elsewhere.get(origin)
        destination_item = items.get(destination) or elsewhere.get(destination)
        for identifier in (origin, destination):
            if identifier in elsewhere:
                report.linked_here += 1
            elif identifier in outside:
                report.linked_elsewhere += 1
        if checked.columns["association_type"] == "isChildOf":
            report.tree_links += 1
        rows.append(
            Association(
                framework=framework,
                identifier=checked.identifier,
                uri=checked.uri,
                origin_item=origin_item,
                destination_item=destination_item,
                last_change=checked.last_change or now,
                extra=checked.extra,
                **checked.columns,
            )
        )
    Association.objects.bulk_create(rows, batch_size=BATCH)
    report.associations = len(rows)


def _write_rubrics(framework: Framework, package: CheckedPackage, items: list[Item], report: ImportReport) -> None:
    if not package.rubrics:
        return
    by_identifier = {item.identifier: item for item in items}
    level_specs, text_specs = read_rubrics(package.rubrics, set(by_identifier), framework.last_change)
    levels = PerformanceLevel.objects.bulk_create(
        [
            PerformanceLevel(
                framework=framework,
                identifier=spec.identifier,
                name=spec.name,
                description=spec.description,
                position=spec.position,
                last_change=spec.last_change,
            )
            for spec in level_specs
        ]
    )
    write_texts(framework, package, items, levels, text_specs, report)


def write_texts(
    framework: Framework,
    package: CheckedPackage,
    items: list[Item],
    levels: list[PerformanceLevel],
    text_specs: list[TextSpec],
    report: ImportReport,
) -> None:
    """The rubric texts on the levels; the rubric is kept verbatim when we would not write it back the same."""
    by_identifier = {item.identifier: item for item in items}
    level_by_name = {level.name: level for level in levels}
    texts = RubricText.objects.bulk_create(
        [
            RubricText(
                item=by_identifier[spec.item_identifier],
                level=level_by_name[spec.level_name],
                text=spec.text,
                last_change=spec.last_change,
            )
            for spec in text_specs
        ],
        batch_size=BATCH,
        ignore_conflicts=False,
    )
    report.levels, report.rubric_texts = len(levels), len(texts)
    # What we would write back must be what came; if not (another server's rubric), keep it verbatim.
    rows = as_rows(items, ITEM_ROW), as_rows(levels, LEVEL_ROW), as_rows(texts, TEXT_ROW)
    if not package.rubrics:
        if framework.package_extra.pop("CFRubrics", None) is not None:
            framework.save(update_fields=["package_extra"])
    elif build_rubrics(framework, *rows) != package.rubrics:
        framework.package_extra["CFRubrics"] = package.rubrics
        framework.save(update_fields=["package_extra"])
        if levels:
            report.notes.append(_("The rubric is kept as it came and will be exported unchanged."))
        else:
            report.notes.append(_("The rubric has a shape Hevruta does not edit; it is kept and exported unchanged."))
    elif framework.package_extra.pop("CFRubrics", None) is not None:
        framework.save(update_fields=["package_extra"])
