"""What a resource's page, its history, the curators' queue and "my resources" read."""

import difflib
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Case, Count, F, Prefetch, QuerySet, Sum, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from hevruta.directory.models import District
from hevruta.directory.queries import people_visible_to

from ..models import (
    AWAITING_REVIEW,
    Attachment,
    Authorship,
    Bookmark,
    Collection,
    Follow,
    Resource,
    ResourceVersion,
    Review,
    ReviewReply,
    Status,
    UseReport,
)
from .listing import attach_credits, with_row_data
from .visibility import knowledge_viewer, published_visible_to, resources_visible_to


def resource_for_page(user: Any, pk: int) -> Resource | None:
    """A resource with everything its page shows, or None if this user may not see it."""
    resource = (
        resources_visible_to(user)
        .select_related("network", "adapted_from", "created_by")
        .prefetch_related(
            "subjects",
            "grade_bands",
            "topics",
            "tags",
            "links",
            Prefetch("attachments", queryset=Attachment.objects.order_by("id")),
            Prefetch("authorships", queryset=Authorship.objects.select_related("person", "organization")),
        )
        .filter(pk=pk)
        .first()
    )
    if resource is not None:
        attach_credits(user, [resource])
    return resource


def reviews_of(resource: Resource) -> list[Review]:
    """Reviews with their answers, for the author and the curators only."""
    return list(
        resource.reviews.select_related("reviewer").prefetch_related(
            Prefetch("replies", queryset=ReviewReply.objects.select_related("author"))
        )
    )


@dataclass
class UseSummary:
    reports: int = 0
    teachers: int = 0
    students: int = 0
    rating: float | None = None
    by_district: list[tuple[str, int, int]] = field(default_factory=list)
    by_cluster: list[tuple[str, int, int]] = field(default_factory=list)
    public_reports: list[UseReport] = field(default_factory=list)


def use_summary(resource: Resource, user: Any = None, public_limit: int = 20) -> UseSummary:
    """How many used it and where; names only of those who made their report public.

    A report made public is still named only to those who may see its reporter's profile
    (`people_visible_to`): "only me" stays only me. Each public report gets `reporter_name`, the name
    or None; the page says "a teacher" instead."""
    reports = UseReport.objects.filter(resource=resource)
    totals = reports.aggregate(
        reports=Count("id"), teachers=Count("reporter", distinct=True), students=Sum("students"), rating=Avg("rating")
    )
    if not totals["reports"]:
        return UseSummary()
    return UseSummary(
        reports=totals["reports"],
        teachers=totals["teachers"],
        students=totals["students"] or 0,
        rating=round(totals["rating"], 1) if totals["rating"] is not None else None,
        by_district=_grouped(reports, "locality__district", district_label),
        by_cluster=_grouped(reports, "locality__peripherality_cluster", cluster_label),
        public_reports=_named(
            list(reports.filter(is_public=True).select_related("reporter", "subject", "grade_band")[:public_limit]),
            user,
        ),
    )


def _named(reports: list[UseReport], user: Any) -> list[UseReport]:
    reporter_ids = {report.reporter_id for report in reports if report.reporter_id}
    if not reporter_ids:
        return reports
    shown = (
        set(people_visible_to(user).filter(pk__in=reporter_ids).values_list("pk", flat=True)) if reporter_ids else set()
    )
    for report in reports:
        name = report.reporter.full_name if report.reporter_id in shown else None
        report.reporter_name = name  # type: ignore[attr-defined]
    return reports


def _grouped(reports: QuerySet[UseReport], key: str, label: Any) -> list[tuple[str, int, int]]:
    rows = reports.order_by().values_list(key).annotate(n=Count("id"), students=Sum("students")).order_by(key)
    return [(label(value), n, students or 0) for value, n, students in rows]


def district_label(value: int | None) -> str:
    from django.utils.translation import gettext as _

    return str(District(value).label) if value in District.values else _("Unknown")


def cluster_label(value: int | None) -> str:
    from django.utils.translation import gettext as _

    return str(value) if value else _("Unknown")


@dataclass
class Keeping:
    """This viewer's relation to a resource: saved, followed, and their collections."""

    bookmarked: bool = False
    following: bool = False
    # Following, and a version was published since they last opened the page.
    news: bool = False
    collections: list[Collection] = field(default_factory=list)
    in_collections: set[int] = field(default_factory=set)


def keeping(user: Any, resource: Resource) -> Keeping:
    person_id = knowledge_viewer(user).person_id
    if person_id is None:
        return Keeping()
    collections = list(Collection.objects.filter(owner_id=person_id).order_by("name")[:100])
    seen = Follow.objects.filter(person_id=person_id, resource=resource).values_list("seen_version", flat=True).first()
    return Keeping(
        bookmarked=Bookmark.objects.filter(person_id=person_id, resource=resource).exists(),
        following=seen is not None,
        news=seen is not None and seen < resource.version,
        collections=collections,
        in_collections=set(
            resource.collection_items.filter(collection__owner_id=person_id).values_list("collection_id", flat=True)
        ),
    )


def adaptations_of(user: Any, resource: Resource) -> list[Resource]:
    return list(published_visible_to(user).filter(adapted_from=resource).order_by("-published_at")[:20])


# History --------------------------------------------------------------------------------------------


def versions_of(resource: Resource) -> list[ResourceVersion]:
    return list(resource.versions.select_related("created_by"))


@dataclass
class Change:
    number: int
    version: ResourceVersion
    previous: ResourceVersion | None
    title_diff: SafeString
    body_diff: SafeString
    changed_fields: list[str]


def line_diff(before: str, after: str) -> SafeString:
    """A line-by-line diff marked with <del> and <ins>; every line's text is escaped."""
    lines = []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        tag, text = line[:2], escape(line[2:])
        if tag == "- ":
            lines.append(f'<del class="d-block bg-danger-subtle" dir="auto">{text or "&nbsp;"}</del>')
        elif tag == "+ ":
            lines.append(f'<ins class="d-block bg-success-subtle" dir="auto">{text or "&nbsp;"}</ins>')
        elif tag == "  ":
            lines.append(f'<span class="d-block" dir="auto">{text or "&nbsp;"}</span>')
    return mark_safe("".join(lines))  # noqa: S308 - built only from escaped text


def change(version: ResourceVersion, previous: ResourceVersion | None) -> Change:
    before_meta = previous.metadata if previous else {}
    return Change(
        number=version.number,
        version=version,
        previous=previous,
        title_diff=line_diff(previous.title if previous else "", version.title),
        body_diff=line_diff(previous.body if previous else "", version.body),
        changed_fields=sorted(
            key for key in set(before_meta) | set(version.metadata) if before_meta.get(key) != version.metadata.get(key)
        )
        if previous
        else [],
    )


def version_change(resource: Resource, number: int) -> Change | None:
    pair = list(resource.versions.select_related("created_by").filter(number__lte=number).order_by("-number")[:2])
    if not pair or pair[0].number != number:
        return None
    return change(pair[0], pair[1] if len(pair) > 1 else None)


# Lists of one's own ---------------------------------------------------------------------------------


def my_resources(user: Any) -> QuerySet[Resource]:
    person_id = knowledge_viewer(user).person_id
    if person_id is None:
        return Resource.objects.none()
    return with_row_data(Resource.objects.filter(authorships__person_id=person_id).order_by("-updated_at", "-id"))


def bookmarked(user: Any) -> QuerySet[Resource]:
    person_id = knowledge_viewer(user).person_id
    if person_id is None:
        return Resource.objects.none()
    return with_row_data(
        resources_visible_to(user).filter(bookmarks__person_id=person_id).order_by("-bookmarks__created_at")
    )


def followed(user: Any) -> QuerySet[Resource]:
    """Published resources this user follows and may see: first those with a version published since
    they last opened them (`news`), then the newest."""
    person_id = knowledge_viewer(user).person_id
    if person_id is None:
        return Resource.objects.none()
    return (
        published_visible_to(user)
        .filter(follows__person_id=person_id)
        .annotate(
            seen_version=F("follows__seen_version"),
            news=Case(When(version__gt=F("follows__seen_version"), then=True), default=False),
        )
        .order_by("-news", "-published_at", "-id")
    )


def home_resources(user: Any, limit: int = 5) -> dict[str, list[Resource]] | None:
    """The home page's card: what I wrote (with its status), what I follow that has a new version,
    and what I saved. None for a visitor, who gets no card."""
    person_id = knowledge_viewer(user).person_id
    if person_id is None:
        return None
    # Titles and statuses only: three small queries, nothing prefetched.
    written = Resource.objects.filter(authorships__person_id=person_id).order_by("-updated_at", "-id")
    updated = followed(user).filter(news=True)  # type: ignore[misc]  # news is followed()'s annotation
    saved = resources_visible_to(user).filter(bookmarks__person_id=person_id).order_by("-bookmarks__created_at")
    return {"written": list(written[:limit]), "updated": list(updated[:limit]), "saved": list(saved[:limit])}


def review_queue(user: Any) -> dict[str, QuerySet[Resource]]:
    """For curators: what waits for them, and what waits for its authors after a review."""
    viewer = knowledge_viewer(user)
    networks = (
        Resource.objects.all()
        if viewer.is_operator
        else Resource.objects.filter(network_id__in=viewer.curated_network_ids)
    )
    rows = with_row_data(networks).order_by("submitted_at", "id")
    return {
        "waiting": rows.filter(status__in=AWAITING_REVIEW),
        "returned": rows.filter(status=Status.RETURNED),
    }
