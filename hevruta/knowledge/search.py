"""The knowledge app's side of search: what a published resource puts into core's index, and finding it.

The index is core's (hevruta/core/search, docs/search.md): it folds Hebrew and Arabic, strips
prefixes and ranks. Here we decide what a resource contributes (its title and text; its attachments'
text, authors and tags as `extra`, searched but not shown in snippets) and keep only published
resources in it. Who may see a hit is decided by `resources_visible_to`, passed as a subquery.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString

from hevruta.core.search import (
    MAX_QUERY_CHARACTERS,
    Query,
    QueryError,
    Searchable,
    everywhere,
    highlight,
    index_document,
    matching_ids,
    parse_query,
    remove_document,
    search,
    snippet,
)
from hevruta.directory.models import PositionRole, Visibility

from .models import Resource, Status, TagKind
from .rendering import plain_text

KIND = "knowledge.resource"


@dataclass(frozen=True)
class Marked:
    resource_id: int
    title_html: SafeString
    snippet_html: SafeString


MAX_QUERY_CHARS = MAX_QUERY_CHARACTERS

__all__ = [
    "KIND",
    "MAX_QUERY_CHARS",
    "HitPage",
    "Marked",
    "Query",
    "QueryError",
    "check_query",
    "index",
    "page_of_hits",
    "remove",
]


def check_query(text: str) -> Query:
    """The parsed query, or QueryError whose `message` says what to change (empty, punctuation, too long)."""
    return parse_query((text or "").replace("\x00", ""))


def extra_text(resource: Resource) -> str:
    """Attachments' text, authors and tags. Only people whose profile is public are findable by name:
    the index does not know who is searching. Organizations always are."""
    attachments = [text for text in resource.attachments.values_list("text", flat=True) if text]
    authors = [
        organization or f"{given} {family}"
        for given, family, visibility, organization in resource.authorships.values_list(
            "person__given_name", "person__family_name", "person__profile_visibility", "organization__name"
        )
        if organization or visibility == Visibility.PUBLIC
    ]
    tags = [_role_names(tag.value) if tag.kind == TagKind.ROLE else tag.value for tag in resource.tags.all()]
    return "\n".join([" ".join(authors), " ".join(tags), *attachments])


def _role_names(role: str) -> str:
    """A role is found by its name in each of the three languages, whichever the searcher writes in."""
    if role not in PositionRole.values:
        return role
    names = []
    for language in ("he", "ar", "en"):
        with translation.override(language):
            names.append(str(PositionRole(role).label))
    return " ".join(names)


def index(resource: Resource) -> None:
    item = searchable(resource)
    index_document(KIND, item.object_id, title=item.title, body=item.body, language=item.language, extra=item.extra)


def searchable(resource: Resource) -> Searchable:
    return Searchable(
        KIND,
        resource.pk,
        title=resource.title,
        body=plain_text(resource.body_html),
        language=resource.language,
        extra=extra_text(resource),
    )


def _published() -> QuerySet[Resource]:
    return Resource.objects.filter(status=Status.PUBLISHED).order_by("pk")


def register_for_reindexing() -> None:
    """What `manage.py reindex_search` puts through the index again: every published resource."""
    from hevruta.core.search.reindexing import register_source

    register_source(
        KIND,
        count=lambda: _published().count(),
        items=lambda: map(searchable, _published().prefetch_related("tags").iterator(chunk_size=500)),
    )


def remove(resource_id: int) -> None:
    remove_document(KIND, resource_id)


@dataclass(frozen=True)
class HitPage:
    marks: list[Marked]
    # How many of the resources match, no further than core's COUNT_CAP.
    matches: int
    # Whether the query's stripped forms were searched too, to find enough.
    broadened: bool


def page_of_hits(query: Query, among: QuerySet[Resource], limit: int, offset: int) -> HitPage:
    """The best matches among these resources, best first, with their words marked, and how many of
    them match; hidden resources never come back, nor are counted."""
    results = search(query, kinds=[KIND], visible={KIND: among.values("pk")}, limit=limit, offset=offset)
    marks = [Marked(hit.object_id, hit.title_html, hit.snippet_html) for hit in results.hits]
    return HitPage(marks, results.total_estimate, results.broadened)


def matching(query: Query, among: QuerySet[Resource], *, broad: bool | None = None) -> QuerySet[Resource]:
    """These resources that match, as a queryset to order by newest or most used. broad: as a
    page_of_hits of the same query said, which spares counting the matches again to decide."""
    return among.filter(pk__in=matching_ids(query, KIND, broad=broad))


def marked(resource: Resource, query: Query) -> Marked:
    """Title and snippet with the query's words marked, for results ordered by other than relevance."""
    return Marked(resource.pk, highlight(resource.title, query), snippet(plain_text(resource.body_html), query))


def find_everywhere(user: Any, query: Query, text: str, limit: int) -> everywhere.Finding:
    """The site-wide search's section (core/search/everywhere.py): published resources this user may see."""
    from .queries.visibility import published_visible_to

    hits = page_of_hits(query, published_visible_to(user), limit, 0)
    resources = Resource.objects.only("pk", "kind").in_bulk([mark.resource_id for mark in hits.marks])
    return everywhere.Finding(
        [
            everywhere.Found(
                reverse("knowledge:detail", args=[mark.resource_id]),
                mark.title_html,
                mark.snippet_html,
                str(resources[mark.resource_id].get_kind_display()),
            )
            for mark in hits.marks
            if mark.resource_id in resources
        ],
        hits.matches,
    )
