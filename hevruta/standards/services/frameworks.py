"""Writing frameworks as wholes: create, describe, import, publish, retire, and make a new version.

Versions: a published framework is frozen. "New draft" copies it, with its items, associations,
definitions, levels and rubric texts, into the next version, linked to it by `previous`. The copy
gets new CASE identifiers: in CASE an identifier names one fixed content that consumers cache and
align to, and the published version stays served at its identifiers while the draft changes.
"""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hevruta.directory.models import Network

from ..case import schema, uris
from ..case.importer import ImportReport, import_package
from ..models import (
    Association,
    Definition,
    Framework,
    FrameworkStatus,
    Item,
    PerformanceLevel,
    Role,
    RubricText,
)

# The default scale of a new framework. Level names are content: they are stored in the language of
# whoever creates the framework (translated when it is created), and edited freely afterwards.
DEFAULT_LEVELS = (
    gettext_noop("Developing"),
    gettext_noop("Proficient"),
    gettext_noop("Accomplished"),
    gettext_noop("Leading"),
)

# CASE properties that point at the document a copy leaves behind; the copy gets its own.
STALE_KEYS = {"CFPackageURI", "CFDocumentURI", "CFItemAssociationURI", "lastChangeDateTime", "caseVersion"}
DOCUMENT_COLUMNS = {spec.column: spec.case for spec in schema.DOCUMENT_FIELDS}


class FrameworkFrozen(ValidationError):
    """The framework is published or retired: its content does not change any more."""


def now() -> datetime:
    return timezone.now().replace(microsecond=0)


def ensure_editable(framework: Framework) -> None:
    if framework.status != FrameworkStatus.DRAFT:
        raise FrameworkFrozen(_("This framework is published and cannot be changed; make a new draft to change it."))


def touch(framework: Framework, when: datetime | None = None, *, rubric_changed: bool = False) -> None:
    """The framework changed: its lastChangeDateTime moves, and a rubric kept verbatim is dropped once
    the levels or texts are edited here (they are the truth from then on)."""
    framework.last_change = when or now()
    framework.extra.pop("lastChangeDateTime", None)
    if rubric_changed:
        framework.package_extra.pop("CFRubrics", None)
    framework.save(update_fields=["last_change", "extra", "package_extra", "updated_at"])


@transaction.atomic
def create_framework(
    network: Network | None,
    *,
    title: str,
    creator: str,
    user: Any = None,
    levels: tuple[str, ...] | list[str] | None = None,
    **fields: Any,
) -> Framework:
    """A new draft framework with the given scale of performance levels, or the default one."""
    if not title.strip():
        raise ValidationError(_("A framework needs a title."))
    identifier = uris.new_identifier()
    when = now()
    framework = Framework.objects.create(
        network=network,
        identifier=identifier,
        uri=uris.object_uri(uris.site_base(), "CFDocuments", identifier),
        title=title.strip(),
        creator=creator.strip() or (network.name if network else title),
        adoption_status="Draft",
        version="1",
        last_change=when,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        **fields,
    )
    PerformanceLevel.objects.bulk_create(
        [
            PerformanceLevel(
                framework=framework, identifier=uris.new_identifier(), name=name, position=position, last_change=when
            )
            for position, name in enumerate(levels or [_(name) for name in DEFAULT_LEVELS], start=1)
        ]
    )
    return framework


@transaction.atomic
def update_framework(framework: Framework, **fields: Any) -> Framework:
    """The document's own description (title, creator, language, ...)."""
    ensure_editable(framework)
    for name, value in fields.items():
        if name not in DOCUMENT_COLUMNS:
            raise ValidationError(_("Unknown field: %(field)s.") % {"field": name})
        setattr(framework, name, value)
        framework.extra.pop(DOCUMENT_COLUMNS[name], None)  # the column is the truth now
    if not framework.title.strip() or not framework.creator.strip():
        raise ValidationError(_("A framework needs a title and a creator."))
    framework.save()
    touch(framework)
    return framework


def import_framework(
    content: bytes, *, network: Network | None, user: Any, source: str, publish: bool = False
) -> ImportReport:
    """A CASE package as a new framework; refused whole (CaseError) with every problem named."""
    return import_package(content, network=network, user=user, source=source, publish=publish)


@transaction.atomic
def publish(framework: Framework) -> Framework:
    """Freeze the draft and serve it; the version it follows is retired and its roles move here."""
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    ensure_editable(framework)
    if not framework.items.exists():
        raise ValidationError(_("A framework needs at least one item before it is published."))
    when = now()
    framework.status = FrameworkStatus.PUBLISHED
    framework.published_at = when
    if not framework.is_imported:
        framework.adoption_status = "Adopted"
        framework.extra.pop("adoptionStatus", None)
    framework.last_change = when
    framework.save()
    previous = framework.previous
    if previous is not None and previous.status == FrameworkStatus.PUBLISHED:
        _retire(previous)
        Role.objects.filter(framework=previous).update(framework=framework)
    return framework


def _retire(framework: Framework) -> None:
    """The framework and its items are no longer current: CASE says so, and when.

    The document becomes "Deprecated" with its statusEndDate, each item gets the statusEndDate, and
    both get a new lastChangeDateTime, so that a consumer syncing by lastChangeDateTime sees it.
    """
    when = now()
    framework.status = FrameworkStatus.RETIRED
    framework.adoption_status = "Deprecated"
    framework.status_end_date = when.date()
    framework.last_change = when
    for key in ("adoptionStatus", "statusEndDate", "lastChangeDateTime"):
        framework.extra.pop(key, None)
    framework.save(update_fields=["status", "adoption_status", "status_end_date", "last_change", "extra", "updated_at"])
    items = list(Item.objects.filter(framework=framework).only("pk", "extra"))
    for item in items:
        item.status_end_date, item.last_change = when.date(), when
        item.extra.pop("statusEndDate", None)
        item.extra.pop("lastChangeDateTime", None)
    Item.objects.bulk_update(items, ["status_end_date", "last_change", "extra"], batch_size=1000)


@transaction.atomic
def retire(framework: Framework) -> Framework:
    if framework.status != FrameworkStatus.PUBLISHED:
        raise ValidationError(_("Only a published framework can be retired."))
    _retire(framework)
    return framework


@transaction.atomic
def delete_draft(framework: Framework) -> None:
    ensure_editable(framework)
    framework.delete()


@transaction.atomic
def new_draft(framework: Framework, user: Any = None) -> Framework:
    """The next version of a published framework, as an editable copy (see the module's note)."""
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    if framework.status == FrameworkStatus.DRAFT:
        raise ValidationError(_("This framework is a draft already; edit it."))
    existing = Framework.objects.filter(previous=framework, status=FrameworkStatus.DRAFT).first()
    if existing is not None:
        raise ValidationError(_("A draft of the next version already exists."))
    when = now()
    copy = _copy_document(framework, user, when)
    items = _copy_items(framework, copy)
    _copy_associations(framework, copy, items, when)
    Definition.objects.bulk_create(
        [
            Definition(framework=copy, kind=d.kind, identifier=d.identifier, uri=d.uri, title=d.title, data=d.data)
            for d in framework.definitions.all()
        ]
    )
    _copy_levels_and_rubric(framework, copy, items, when)
    return copy


def _without_stale(extra: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in extra.items() if key not in STALE_KEYS}


def _copy_document(framework: Framework, user: Any, when: datetime) -> Framework:
    identifier = uris.new_identifier()
    copy = Framework(
        network=framework.network,
        status=FrameworkStatus.DRAFT,
        version_number=framework.version_number + 1,
        previous=framework,
        source="",
        created_by=user if getattr(user, "is_authenticated", False) else None,
        identifier=identifier,
        uri=uris.object_uri(uris.site_base(), "CFDocuments", identifier),
        last_change=when,
        extra=_without_stale(framework.extra),
        package_extra={key: value for key, value in framework.package_extra.items() if key != "CFRubrics"},
    )
    for column in DOCUMENT_COLUMNS:
        setattr(copy, column, getattr(framework, column))
    copy.version = str(copy.version_number)
    copy.adoption_status = "Draft"
    if framework.status == FrameworkStatus.RETIRED:
        copy.status_end_date = None  # the copy is current again
    copy.extra.pop("version", None)
    copy.extra.pop("adoptionStatus", None)
    copy.save()
    return copy


ITEM_COPIED = [spec.column for spec in schema.ITEM_FIELDS]


def _copy_items(framework: Framework, copy: Framework) -> dict[int, Item]:
    base = uris.base_of(copy.uri)
    originals = list(framework.items.order_by("id"))
    fresh = []
    for original in originals:
        identifier = uris.new_identifier()
        item = Item(
            framework=copy,
            identifier=identifier,
            uri=uris.object_uri(base, "CFItems", identifier),
            last_change=original.last_change,
            extra=_without_stale(original.extra),
        )
        for column in ITEM_COPIED:
            setattr(item, column, getattr(original, column))
        if framework.status == FrameworkStatus.RETIRED:
            item.status_end_date = None
        fresh.append(item)
    created = Item.objects.bulk_create(fresh, batch_size=1000)
    return {original.pk: item for original, item in zip(originals, created, strict=True)}


def _copy_associations(framework: Framework, copy: Framework, items: dict[int, Item], when: datetime) -> None:
    base = uris.base_of(copy.uri)
    rows = []
    for original in framework.associations.order_by("id"):
        identifier = uris.new_identifier()
        row = Association(
            framework=copy,
            identifier=identifier,
            uri=uris.object_uri(base, "CFAssociations", identifier),
            association_type=original.association_type,
            sequence_number=original.sequence_number,
            grouping_uri=original.grouping_uri,
            notes=original.notes,
            last_change=original.last_change,
            extra=_without_stale(original.extra),
        )
        for end in ("origin", "destination"):
            _copy_node(original, row, end, framework, copy, items)
        rows.append(row)
    Association.objects.bulk_create(rows, batch_size=1000)


def _copy_node(
    original: Association, row: Association, end: str, framework: Framework, copy: Framework, items: dict[int, Item]
) -> None:
    """A node of the old version becomes the same node of the new one; any other stays as it was."""
    item_id = getattr(original, f"{end}_item_id")
    values: tuple[str, str, str, Item | None]
    identifier = getattr(original, f"{end}_identifier")
    if item_id in items:
        item = items[item_id]
        values = (item.identifier, item.uri, getattr(original, f"{end}_title"), item)
    elif identifier == framework.identifier:
        values = (copy.identifier, copy.uri, copy.title, None)
    else:
        values = (identifier, getattr(original, f"{end}_uri"), getattr(original, f"{end}_title"), None)
        if item_id is not None:
            setattr(row, f"{end}_item_id", item_id)
    setattr(row, f"{end}_identifier", values[0])
    setattr(row, f"{end}_uri", values[1])
    setattr(row, f"{end}_title", values[2])
    if values[3] is not None:
        setattr(row, f"{end}_item", values[3])
    row.extra.pop(f"{end}NodeURI", None)


def _copy_levels_and_rubric(framework: Framework, copy: Framework, items: dict[int, Item], when: datetime) -> None:
    originals = list(framework.levels.order_by("position"))
    levels = PerformanceLevel.objects.bulk_create(
        [
            PerformanceLevel(
                framework=copy,
                identifier=uris.new_identifier(),
                name=level.name,
                description=level.description,
                position=level.position,
                last_change=when,
            )
            for level in originals
        ]
    )
    level_map = {original.pk: level for original, level in zip(originals, levels, strict=True)}
    RubricText.objects.bulk_create(
        [
            RubricText(item=items[text.item_id], level=level_map[text.level_id], text=text.text, last_change=when)
            for text in RubricText.objects.filter(item__framework=framework)
        ],
        batch_size=1000,
    )
