"""Reports of use (with an optional adaptation), bookmarks, follows and collections."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from hevruta.directory.models import GradeBand, Locality, Network, NetworkMembership, Person, Position, Subject
from hevruta.insights import activity

from ..models import (
    Bookmark,
    Collection,
    CollectionItem,
    CollectionVisibility,
    Follow,
    Resource,
    Status,
    UseReport,
)
from ..models.choices import ADAPTABLE_LICENCES
from .resources import ResourceInput, Upload, create_resource

MAX_REPORT_CHARS = 5000


@dataclass
class UseInput:
    used_on: date
    students: int
    rating: int
    subject: Subject | None = None
    grade_band: GradeBand | None = None
    grade: str = ""
    how_it_went: str = ""
    is_public: bool = False


@dataclass
class AdaptationInput:
    """An adapted copy the reporter shares: a new draft resource, linked to the original."""

    network: Network
    title: str
    body: str = ""
    uploads: tuple[Upload, ...] = ()


def _validate_use(data: UseInput) -> None:
    errors: dict[str, list[str]] = {}
    if data.used_on > timezone.localdate():
        errors["used_on"] = [_("The date of use cannot be in the future.")]
    if not 1 <= data.students <= 1000:
        errors["students"] = [_("The number of students is between 1 and 1,000.")]
    if not 1 <= data.rating <= 5:
        errors["rating"] = [_("A rating from 1 to 5.")]
    data.how_it_went = (data.how_it_went or "").strip()
    if len(data.how_it_went) > MAX_REPORT_CHARS:
        errors["how_it_went"] = [_("At most %(limit)s characters.") % {"limit": MAX_REPORT_CHARS}]
    data.grade = " ".join((data.grade or "").split())[:40]
    if errors:
        raise ValidationError(errors)


def where_person_works(person: Person) -> Locality | None:
    """The reporter's own locality, or else that of the organization of a current position."""
    if person.locality_id:
        return person.locality
    today = timezone.localdate()
    position = (
        Position.objects.filter(person=person, organization__locality__isnull=False)
        .exclude(end_date__lt=today)
        .select_related("organization__locality")
        .order_by(F("start_date").desc(nulls_last=True), "-id")
        .first()
    )
    return position.organization.locality if position else None


@transaction.atomic
def report_use(
    resource: Resource, person: Person, data: UseInput, adaptation: AdaptationInput | None = None
) -> UseReport:
    _validate_use(data)
    if resource.status != Status.PUBLISHED:
        raise ValidationError(_("Use can be reported only for a published resource."))
    adapted = _create_adaptation(resource, person, adaptation) if adaptation else None
    report = UseReport.objects.create(
        resource=resource,
        reporter=person,
        used_on=data.used_on,
        subject=data.subject,
        grade_band=data.grade_band,
        grade=data.grade,
        students=data.students,
        how_it_went=data.how_it_went,
        rating=data.rating,
        is_public=data.is_public,
        locality=where_person_works(person),
        adaptation=adapted,
    )
    Resource.objects.filter(pk=resource.pk).update(use_count=F("use_count") + 1)
    activity.record(
        "knowledge.resource_used",
        person=person,
        network=resource.network,
        subject=resource,
        locality=report.locality,
    )
    return report


def _create_adaptation(resource: Resource, person: Person, data: AdaptationInput) -> Resource:
    if resource.licence not in ADAPTABLE_LICENCES:
        raise ValidationError(
            {"adaptation_title": [_("This resource's licence does not allow sharing adaptations of it.")]}
        )
    return create_resource(
        person,
        ResourceInput(
            network=data.network,
            kind=resource.kind,
            title=data.title,
            body=data.body,
            licence=resource.licence,
            subjects=list(resource.subjects.all()),
            grade_bands=list(resource.grade_bands.all()),
            topics=list(resource.topics.all()),
            adapted_from=resource,
        ),
        data.uploads,
    )


# Bookmarks and follows -----------------------------------------------------------------------------


@transaction.atomic
def set_bookmark(person: Person, resource: Resource, on: bool) -> bool:
    if on:
        Bookmark.objects.get_or_create(person=person, resource=resource)
    else:
        Bookmark.objects.filter(person=person, resource=resource).delete()
    return on


@transaction.atomic
def set_follow(person: Person, resource: Resource, on: bool) -> bool:
    if on:
        Follow.objects.get_or_create(person=person, resource=resource, defaults={"seen_version": resource.version})
    else:
        Follow.objects.filter(person=person, resource=resource).delete()
    return on


def mark_followed_as_seen(person_id: int, resource: Resource) -> None:
    """The follower opened the resource's page: its current version is no longer news to them.
    One UPDATE, and no page of visitors shows a follow, so none is forgotten."""
    Follow.objects.filter(person_id=person_id, resource=resource, seen_version__lt=resource.version).update(
        seen_version=resource.version
    )


# Collections ----------------------------------------------------------------------------------------


@dataclass
class CollectionInput:
    name: str
    description: str = ""
    visibility: str = CollectionVisibility.PRIVATE
    network: Network | None = None


def _validate_collection(owner: Person, data: CollectionInput) -> None:
    errors: dict[str, list[str]] = {}
    data.name = " ".join((data.name or "").split())[:200]
    if not data.name:
        errors["name"] = [_("A collection needs a name.")]
    if data.visibility not in CollectionVisibility.values:
        errors["visibility"] = [_("Choose who may see the collection.")]
    if data.visibility == CollectionVisibility.NETWORK:
        if data.network is None:
            errors["network"] = [_("Choose the network whose members may see it.")]
        elif not NetworkMembership.objects.filter(network=data.network, person=owner).exists():
            errors["network"] = [_("You can share a collection only with a network you belong to.")]
    else:
        data.network = None
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_collection(person: Person, data: CollectionInput) -> Collection:
    _validate_collection(person, data)
    return Collection.objects.create(
        owner=person, name=data.name, description=data.description, visibility=data.visibility, network=data.network
    )


@transaction.atomic
def update_collection(collection: Collection, data: CollectionInput) -> Collection:
    _validate_collection(collection.owner, data)
    collection.name, collection.description = data.name, data.description
    collection.visibility, collection.network = data.visibility, data.network
    collection.save()
    return collection


@transaction.atomic
def delete_collection(collection: Collection) -> None:
    collection.delete()


@transaction.atomic
def add_to_collection(collection: Collection, resource: Resource, user: Any, note: str = "") -> CollectionItem:
    if not user.has_perm("knowledge.view_resource", resource):
        raise PermissionDenied(_("You cannot add a resource you may not see."))
    item, _created = CollectionItem.objects.get_or_create(
        collection=collection, resource=resource, defaults={"note": note[:300]}
    )
    Collection.objects.filter(pk=collection.pk).update(updated_at=timezone.now())
    return item


@transaction.atomic
def remove_from_collection(collection: Collection, resource: Resource) -> None:
    CollectionItem.objects.filter(collection=collection, resource=resource).delete()
