"""The knowledge API: find, read, write, submit, review and report use of resources.

Every answer goes through the same `resources_visible_to` and django-rules permissions as the pages;
errors are JSON with a `detail` (400 invalid content, 401, 403, 404 hidden or missing, 422 bad types).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext
from ninja import File, Query, Router, Status, UploadedFile
from ninja.errors import HttpError

from hevruta.api.auth import OPTIONAL, REQUIRED
from hevruta.api.types import PathId
from hevruta.directory.models import GradeBand, Network, Organization, Subject, Topic
from hevruta.directory.queries import network_by_slug
from hevruta.directory.services import ensure_person_for_user

from . import queries, services
from .models import Attachment, Resource, Review, TagKind, UseReport
from .queries.listing import find_slice
from .queries.pages import district_label
from .schemas import (
    FollowedResourceOut,
    ResourceAttachmentOut,
    ResourceDetailOut,
    ResourceFields,
    ResourceIn,
    ResourcePageOut,
    ResourceQuery,
    ResourceReviewIn,
    ResourceReviewOut,
    ResourceUpdateIn,
    ResourceVersionOut,
    ReviewReplyIn,
    UseReportIn,
    UseReportOut,
)
from .services.versions import current_input

router = Router(tags=["knowledge"])


@contextmanager
def refusals_as_400() -> Iterator[None]:
    """A service's ValidationError becomes a 400 whose detail names each field and its problem."""
    try:
        yield
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            detail = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
        else:
            detail = " ".join(error.messages)
        raise HttpError(400, detail) from None


def _resource(request: HttpRequest, resource_id: int) -> Resource:
    resource = queries.resource_for_page(request.user, resource_id)
    if resource is None:
        raise Http404("No such resource, or it is not shown to you.")
    return resource


def _require(request: HttpRequest, permission: str, obj: Any, message: str) -> None:
    from django.core.exceptions import PermissionDenied

    if not request.user.has_perm(permission, obj):
        raise PermissionDenied(message)


# Reading --------------------------------------------------------------------------------------------


def _row(resource: Resource, snippet: str = "") -> dict:
    credits = getattr(resource, "credits", [])
    return {
        "id": resource.pk,
        "title": resource.title,
        "kind": resource.kind,
        "language": resource.language,
        "status": resource.status,
        "network": resource.network.slug,
        "licence": resource.licence,
        "subjects": [subject.slug for subject in resource.subjects.all()],
        "grade_bands": [band.slug for band in resource.grade_bands.all()],
        "authors": [credit.name for credit in credits],
        "published_at": resource.published_at,
        "use_count": resource.use_count,
        "url": reverse("knowledge:detail", args=[resource.pk]),
        "snippet_html": snippet,
    }


@router.get("/knowledge/resources", response=ResourcePageOut, auth=OPTIONAL, summary="Find published resources")
def list_resources(request: HttpRequest, filters: Query[ResourceQuery]) -> dict[str, Any]:
    """Published resources you may see, with the same search and facets as the site's page."""
    params = filters.dict()
    found = find_slice(request.user, queries.ResourceFilter.from_params(params), filters.offset, filters.limit)
    if found.error:
        raise HttpError(400, found.error)
    queries.attach_credits(request.user, found.items)
    assert found.among is not None  # set whenever the query was accepted
    return {
        "items": [_row(resource, _snippet(found.marks, resource.pk)) for resource in found.items],
        "count": found.among.count(),
        "next_offset": filters.offset + filters.limit if found.has_next else None,
    }


def _snippet(marks: dict, pk: int) -> str:
    return str(marks[pk].snippet_html) if pk in marks else ""


def _detail(request: HttpRequest, resource: Resource) -> dict:
    use = queries.use_summary(resource, request.user)
    tags = list(resource.tags.all())
    return {
        **_row(resource),
        "body": resource.body,
        "body_html": resource.body_html,
        "video_url": resource.video_url,
        "topics": [topic.slug for topic in resource.topics.all()],
        "role_tags": [tag.value for tag in tags if tag.kind == TagKind.ROLE],
        "keywords": [tag.value for tag in tags if tag.kind == TagKind.KEYWORD],
        "links": [{"url": link.url, "label": link.label} for link in resource.links.all()],
        "attachments": [_attachment(attachment) for attachment in resource.attachments.all()],
        "version": resource.version,
        "adapted_from": resource.adapted_from_id,
        "use": {
            "reports": use.reports,
            "teachers": use.teachers,
            "students": use.students,
            "rating": use.rating,
            "by_district": [{"place": p, "reports": n, "students": s} for p, n, s in use.by_district],
            "by_cluster": [{"place": p, "reports": n, "students": s} for p, n, s in use.by_cluster],
            "public_reports": [
                {
                    "reporter": getattr(report, "reporter_name", None) or gettext("A teacher"),
                    "used_on": report.used_on,
                    "grade": report.grade,
                    "students": report.students,
                    "rating": report.rating,
                    "how_it_went": report.how_it_went,
                }
                for report in use.public_reports
            ],
        },
    }


def _attachment(attachment: Any) -> dict:
    return {
        "id": attachment.pk,
        "name": attachment.original_name,
        "file_type": attachment.file_type,
        "size": attachment.size,
        "url": reverse("knowledge:attachment", args=[attachment.pk, attachment.original_name]),
        "text_extraction": attachment.extraction,
    }


@router.get("/knowledge/resources/{resource_id}", response=ResourceDetailOut, auth=OPTIONAL, summary="A resource")
def get_resource(request: HttpRequest, resource_id: PathId) -> dict[str, Any]:
    """Drafts and resources in review are shown only to their authors and the network's curators."""
    return _detail(request, _resource(request, resource_id))


# Writing --------------------------------------------------------------------------------------------


def _by_slugs(model: Any, slugs: list[str], label: str) -> list:
    found = {item.slug: item for item in model.objects.filter(slug__in=slugs)}
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        raise HttpError(400, f"Unknown {label}: {', '.join(unknown[:10])}.")
    return [found[slug] for slug in slugs]


def _apply(data: services.ResourceInput, fields: ResourceFields, network: Network) -> services.ResourceInput:
    """Fields sent replace what the resource has; fields left out keep it (PATCH semantics)."""
    sent = fields.dict(exclude_unset=True)
    for name in ("kind", "title", "body", "language", "licence", "video_url", "role_tags", "keywords"):
        if name in sent and sent[name] is not None:
            setattr(data, name, sent[name])
    for name, model in (("subjects", Subject), ("grade_bands", GradeBand), ("topics", Topic)):
        if sent.get(name) is not None:
            setattr(data, name, _by_slugs(model, sent[name], name.replace("_", " ")))
    if sent.get("links") is not None:
        data.links = [(link["url"], link.get("label", "")) for link in sent["links"]]
    if sent.get("co_authors") is not None:
        people, unknown = queries.resolve_co_authors(network, sent["co_authors"])
        if unknown:
            raise HttpError(400, f"co_authors: no member of the network has the address {', '.join(unknown)}.")
        data.co_authors = people
    if sent.get("organizations") is not None:
        found = Organization.objects.in_bulk(sent["organizations"])
        data.organizations = [found[pk] for pk in sent["organizations"] if pk in found]
    return data


@router.post(
    "/knowledge/resources", response={201: ResourceDetailOut}, auth=REQUIRED, summary="Write a resource (a draft)"
)
def create_resource(request: HttpRequest, payload: ResourceIn) -> Status:
    network = network_by_slug(payload.network)
    if network is None or not request.user.has_perm("directory.view_network", network):
        raise Http404("No such network, or it is open to its members only.")
    data = _apply(services.ResourceInput(network=network, kind="", title=""), payload, network)
    with refusals_as_400():
        resource = services.create_resource(ensure_person_for_user(request.user), data)
    return Status(201, _detail(request, _resource(request, resource.pk)))


@router.patch(
    "/knowledge/resources/{resource_id}",
    response=ResourceDetailOut,
    auth=REQUIRED,
    summary="Change a resource",
    description="Only the fields sent change. Changing a published resource makes a new version.",
)
def update_resource(request: HttpRequest, resource_id: PathId, payload: ResourceUpdateIn) -> dict[str, Any]:
    resource = _resource(request, resource_id)
    _require(request, "knowledge.change_resource", resource, "You may not change this resource now.")
    data = _apply(current_input(resource), payload, resource.network)
    with refusals_as_400():
        services.update_resource(resource, ensure_person_for_user(request.user), data, note=payload.change_note)
    return _detail(request, _resource(request, resource.pk))


@router.post(
    "/knowledge/resources/{resource_id}/attachments",
    response={201: list[ResourceAttachmentOut]},
    auth=REQUIRED,
    summary="Attach files (PDF, images, office files)",
)
def add_attachments(request: HttpRequest, resource_id: PathId, files: File[list[UploadedFile]]) -> Status:
    resource = _resource(request, resource_id)
    _require(request, "knowledge.change_resource", resource, "You may not change this resource now.")
    uploads = [services.Upload(name=f.name or "file", handle=f.file, size=f.size) for f in files]  # type: ignore[arg-type]
    with refusals_as_400():
        saved = services.add_attachments(resource, ensure_person_for_user(request.user), uploads)
    # Re-read: with the immediate task backend the text is already extracted; with a worker, pending.
    fresh = Attachment.objects.filter(pk__in=[attachment.pk for attachment in saved]).order_by("id")
    return Status(201, [_attachment(attachment) for attachment in fresh])


@router.post("/knowledge/resources/{resource_id}/submit", response=ResourceDetailOut, auth=REQUIRED)
def submit_resource(request: HttpRequest, resource_id: PathId) -> dict[str, Any]:
    """The author sends a draft (or a returned resource) to the network's curators."""
    resource = _resource(request, resource_id)
    _require(
        request, "knowledge.submit_resource", resource, "Only its authors may submit a draft or returned resource."
    )
    with refusals_as_400():
        services.submit_resource(resource)
    return _detail(request, _resource(request, resource.pk))


# Curation -------------------------------------------------------------------------------------------


def _review_out(review: Review) -> dict:
    return {
        "id": review.pk,
        "decision": review.decision,
        "accuracy": review.accuracy,
        "classroom_readiness": review.classroom_readiness,
        "clarity": review.clarity,
        "alignment": review.alignment,
        "comments": review.comments,
        "reviewer": review.reviewer.full_name if review.reviewer else "",
        "created_at": review.created_at,
        "replies": [
            {"author": r.author.full_name if r.author else "", "text": r.text, "created_at": r.created_at}
            for r in review.replies.all()
        ],
    }


@router.post("/knowledge/resources/{resource_id}/reviews", response={201: ResourceReviewOut}, auth=REQUIRED)
def review_resource(request: HttpRequest, resource_id: PathId, payload: ResourceReviewIn) -> Status:
    """A curator publishes the resource or returns it with comments; the rubric scores 1–4 each."""
    resource = _resource(request, resource_id)
    _require(request, "knowledge.review_resource", resource, "Only the network's curators review, and not their own.")
    with refusals_as_400():
        review = services.review_resource(
            resource, ensure_person_for_user(request.user), services.ReviewInput(**payload.dict())
        )
    return Status(201, _review_out(review))


@router.get("/knowledge/resources/{resource_id}/reviews", response=list[ResourceReviewOut], auth=REQUIRED)
def list_reviews(request: HttpRequest, resource_id: PathId) -> list[dict[str, Any]]:
    """Reviews and the authors' answers: for the authors and the network's curators."""
    resource = _resource(request, resource_id)
    if not (queries.is_author(request.user, resource) or request.user.has_perm("knowledge.change_resource", resource)):
        raise Http404("No such resource, or its reviews are not shown to you.")
    return [_review_out(review) for review in queries.reviews_of(resource)]


@router.post(
    "/knowledge/resources/{resource_id}/reviews/{review_id}/replies", response={201: ResourceReviewOut}, auth=REQUIRED
)
def reply_to_review(request: HttpRequest, resource_id: PathId, review_id: PathId, payload: ReviewReplyIn) -> Status:
    resource = _resource(request, resource_id)
    _require(request, "knowledge.answer_review", resource, "Only the resource's authors answer its reviews.")
    review = Review.objects.filter(pk=review_id, resource=resource).first()
    if review is None:
        raise Http404("No such review.")
    with refusals_as_400():
        services.reply_to_review(review, ensure_person_for_user(request.user), payload.text)
    return Status(201, _review_out(review))


@router.get("/knowledge/resources/{resource_id}/versions", response=list[ResourceVersionOut], auth=OPTIONAL)
def list_versions(request: HttpRequest, resource_id: PathId) -> list[dict[str, Any]]:
    resource = _resource(request, resource_id)
    return [
        {
            "number": v.number,
            "title": v.title,
            "note": v.note,
            "author": v.created_by.full_name if v.created_by else "",
            "created_at": v.created_at,
            "restored_from": v.restored_from,
        }
        for v in queries.versions_of(resource)
    ]


# Following ------------------------------------------------------------------------------------------


@router.get(
    "/knowledge/following",
    response=list[FollowedResourceOut],
    auth=REQUIRED,
    summary="Resources you follow",
    description="Published resources you follow and may see, those with a version you have not seen first.",
)
def list_followed(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "id": resource.pk,
            "title": resource.title,
            "version": resource.version,
            "seen_version": resource.seen_version,  # type: ignore[attr-defined]
            "news": resource.news,  # type: ignore[attr-defined]
            "url": reverse("knowledge:detail", args=[resource.pk]),
        }
        for resource in queries.followed(request.user)[:200]
    ]


@router.put("/knowledge/resources/{resource_id}/follow", response={204: None}, auth=REQUIRED, summary="Follow")
def follow_resource(request: HttpRequest, resource_id: PathId) -> Status:
    _set_follow(request, resource_id, on=True)
    return Status(204, None)


@router.delete("/knowledge/resources/{resource_id}/follow", response={204: None}, auth=REQUIRED, summary="Unfollow")
def unfollow_resource(request: HttpRequest, resource_id: PathId) -> Status:
    _set_follow(request, resource_id, on=False)
    return Status(204, None)


def _set_follow(request: HttpRequest, resource_id: int, *, on: bool) -> None:
    resource = _resource(request, resource_id)
    _require(request, "knowledge.keep_resource", resource, "You may not follow this resource.")
    services.set_follow(ensure_person_for_user(request.user), resource, on)


# Use ------------------------------------------------------------------------------------------------


@router.post(
    "/knowledge/resources/{resource_id}/uses",
    response={201: UseReportOut},
    auth=REQUIRED,
    summary="Report that you used a resource",
    description="Reports are counted by district and peripherality cluster; your name is shown only if "
    "is_public is true.",
)
def report_use(request: HttpRequest, resource_id: PathId, payload: UseReportIn) -> Status:
    resource = _resource(request, resource_id)
    _require(request, "knowledge.report_use", resource, "Use can be reported for a published resource you can see.")
    subject = _by_slugs(Subject, [payload.subject], "subject")[0] if payload.subject else None
    grade_band = _by_slugs(GradeBand, [payload.grade_band], "grade band")[0] if payload.grade_band else None
    data = services.UseInput(
        used_on=payload.used_on, students=payload.students, rating=payload.rating, subject=subject,
        grade_band=grade_band, grade=payload.grade, how_it_went=payload.how_it_went, is_public=payload.is_public,
    )  # fmt: skip
    with refusals_as_400():
        report = services.report_use(resource, ensure_person_for_user(request.user), data)
    return Status(201, _use_out(report))


def _use_out(report: UseReport) -> dict:
    locality = report.locality
    return {
        "id": report.pk,
        "used_on": report.used_on,
        "students": report.students,
        "rating": report.rating,
        "is_public": report.is_public,
        "district": district_label(locality.district if locality else None),
        "peripherality_cluster": locality.peripherality_cluster if locality else None,
    }
