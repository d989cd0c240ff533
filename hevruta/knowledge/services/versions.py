"""Versions of published resources: snapshots, and the content of an earlier one to restore."""

from typing import Any

from django.db.models import Max
from django.urls import reverse

from hevruta.directory.models import GradeBand, Organization, Person, Subject, Topic
from hevruta.notifications.services import notify

from ..models import Follow, Resource, ResourceVersion, TagKind
from ..notices import NEW_VERSION
from ..queries.visibility import users_who_may_see
from .inputs import ResourceInput


def snapshot(resource: Resource) -> dict:
    """Everything about a resource but its title, text and files, as plain values for a version."""
    tags = list(resource.tags.values_list("kind", "value"))
    authorships = list(resource.authorships.values_list("person_id", "organization_id"))
    return {
        "kind": resource.kind,
        "licence": resource.licence,
        "video_url": resource.video_url,
        "subjects": sorted(resource.subjects.values_list("slug", flat=True)),
        "grade_bands": sorted(resource.grade_bands.values_list("slug", flat=True)),
        "topics": sorted(resource.topics.values_list("slug", flat=True)),
        "role_tags": [value for kind, value in tags if kind == TagKind.ROLE],
        "keywords": [value for kind, value in tags if kind == TagKind.KEYWORD],
        "links": [[url, label] for url, label in resource.links.values_list("url", "label")],
        "authors": [person_id for person_id, _org in authorships if person_id],
        "organizations": [organization_id for _person, organization_id in authorships if organization_id],
    }


def record_version(
    resource: Resource, person: Person | None, note: str, restored_from: int | None = None
) -> ResourceVersion | None:
    """A new version if the resource differs from its latest one; the same content makes none."""
    metadata = snapshot(resource)
    latest = resource.versions.order_by("-number").first()
    if (
        latest is not None
        and restored_from is None
        and (latest.title, latest.body, latest.language, latest.metadata)
        == (resource.title, resource.body, resource.language, metadata)
    ):
        return None
    number = (resource.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = ResourceVersion.objects.create(
        resource=resource,
        number=number,
        title=resource.title,
        body=resource.body,
        language=resource.language,
        metadata=metadata,
        note=note[:300],
        restored_from=restored_from,
        created_by=person,
    )
    Resource.objects.filter(pk=resource.pk).update(version=number)
    resource.version = number
    if number > 1:
        _tell_followers(resource, version, person)
    return version


def _tell_followers(resource: Resource, version: ResourceVersion, person: Person | None) -> None:
    """Those who follow it hear of a new version, if they may still read it (a follower who left a
    members-only network does not)."""
    followers = Person.objects.filter(pk__in=Follow.objects.filter(resource=resource).values("person_id"))
    notify(
        users_who_may_see(resource, followers),
        NEW_VERSION,
        url=reverse("knowledge:detail", args=[resource.pk]),
        context={"title": resource.title, "version": version.number, "note": version.note},
        actor=person.user if person is not None and person.user_id else None,
    )


def input_from_version(resource: Resource, version: ResourceVersion) -> ResourceInput:
    """What a resource was at an earlier version, with whatever of its vocabulary still exists."""
    return _input_from(resource, version.title, version.body, version.language, version.metadata)


def current_input(resource: Resource) -> ResourceInput:
    """What a resource is now, as the starting point of a partial change."""
    return _input_from(resource, resource.title, resource.body, resource.language, snapshot(resource))


def _input_from(resource: Resource, title: str, body: str, language: str, meta: dict) -> ResourceInput:
    return ResourceInput(
        network=resource.network,
        kind=meta.get("kind", resource.kind),
        title=title,
        body=body,
        language=language,
        licence=meta.get("licence", resource.licence),
        video_url=meta.get("video_url", ""),
        subjects=list(Subject.objects.filter(slug__in=meta.get("subjects", []))),
        grade_bands=list(GradeBand.objects.filter(slug__in=meta.get("grade_bands", []))),
        topics=list(Topic.objects.filter(slug__in=meta.get("topics", []))),
        role_tags=meta.get("role_tags", []),
        keywords=meta.get("keywords", []),
        links=[(url, label) for url, label in meta.get("links", [])],
        co_authors=_in_order(Person, meta.get("authors", [])),
        organizations=_in_order(Organization, meta.get("organizations", [])),
    )


def _in_order(model: Any, ids: list[int]) -> list:
    found = model.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
