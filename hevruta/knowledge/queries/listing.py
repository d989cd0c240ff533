"""Finding resources: one search box, faceted filters, three sort orders, pages without COUNT."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from hevruta.core.names import local_name_text
from hevruta.core.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page, parse_positive_int
from hevruta.core.search import COUNT_CAP
from hevruta.directory.models import GradeBand, Position, PositionRole, Subject, Topic
from hevruta.directory.queries import networks_visible_to, people_visible_to

from .. import search
from ..models import Authorship, Resource, ResourceTag, TagKind
from .visibility import published_visible_to

FACETS = ("kind", "subject", "grade_band", "role", "topic", "language", "network", "licence")
# Facets are counted over results up to this many (for a search ranked by relevance, up to core's
# COUNT_CAP, as far as the search counts). Counting every match of a common word, or every resource
# of an unfiltered page, took seconds at a million resources; past this the facets still list every
# value, without counts, and narrowing the search brings the counts back.
FACET_COUNT_LIMIT = 5_000
SORTS = ("relevance", "newest", "most_used")


def _clean(value: object, limit: int = 100) -> str:
    return str(value or "").replace("\x00", "")[:limit]


@dataclass
class ResourceFilter:
    q: str = ""
    kind: str = ""
    subject: str = ""
    grade_band: str = ""
    role: str = ""
    topic: str = ""
    language: str = ""
    network: str = ""
    licence: str = ""
    sort: str = ""

    @classmethod
    def from_params(cls, params: Any) -> "ResourceFilter":
        """From a page's query string or the API's; the query keeps its length so it can be refused."""
        values = {name: _clean(params.get(name)) for name in (*FACETS, "sort")}
        return cls(q=str(params.get("q") or "").replace("\x00", ""), **values)

    @property
    def effective_sort(self) -> str:
        if self.sort in SORTS and not (self.sort == "relevance" and not self.q.strip()):
            return self.sort
        return "relevance" if self.q.strip() else "newest"

    def active(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in FACETS if getattr(self, name)}


def apply_facets(resources: QuerySet[Resource], filters: ResourceFilter) -> QuerySet[Resource]:
    """Each facet is one indexed condition; a resource has a subject once, so no row repeats."""
    simple = {"kind": "kind", "language": "language", "licence": "licence", "network": "network__slug"}
    for name, lookup in simple.items():
        if getattr(filters, name):
            resources = resources.filter(**{lookup: getattr(filters, name)})
    if filters.subject:
        resources = resources.filter(subjects__slug=filters.subject)
    if filters.grade_band:
        resources = resources.filter(grade_bands__slug=filters.grade_band)
    if filters.topic:
        resources = resources.filter(topics__slug=filters.topic)
    if filters.role:
        resources = resources.filter(tags__kind=TagKind.ROLE, tags__value=filters.role)
    return resources


def with_row_data(resources: QuerySet[Resource]) -> QuerySet[Resource]:
    """What a row of results shows, fetched in a fixed number of queries for any page size."""
    return resources.select_related("network").prefetch_related(
        "subjects",
        "grade_bands",
        Prefetch("authorships", queryset=Authorship.objects.select_related("person", "organization")),
    )


@dataclass
class Credit:
    name: str
    person_id: int | None = None


def attach_credits(user: Any, resources: list[Resource]) -> None:
    """Set `credits` on each resource: organizations, and the people whose profile this viewer may see;
    `hidden_authors` counts the others, so a private person is never named."""
    person_ids = {a.person_id for r in resources for a in r.authorships.all() if a.person_id}
    visible = (
        set(people_visible_to(user).filter(pk__in=person_ids).values_list("pk", flat=True)) if person_ids else set()
    )
    workplaces = _workplaces(person_ids - visible)
    for resource in resources:
        credits, hidden = [], []
        for authorship in resource.authorships.all():
            if authorship.organization_id:
                credits.append(Credit(local_name_text(authorship.organization)))  # type: ignore[union-attr]
            elif authorship.person_id in visible:
                credits.append(Credit(authorship.person.full_name, authorship.person_id))  # type: ignore[union-attr]
            else:
                hidden.append(workplaces.get(authorship.person_id, ""))  # type: ignore[arg-type]
        resource.credits = credits  # type: ignore[attr-defined]
        resource.hidden_authors = len(hidden)  # type: ignore[attr-defined]
        # The organization of each author not shown, or "" (organizations are public; the person is not).
        resource.hidden_author_organizations = hidden  # type: ignore[attr-defined]


def _workplaces(person_ids: set[int]) -> dict[int, str]:
    """Where each person works now (their senior or latest current post), by name; one query."""
    if not person_ids:
        return {}
    today = timezone.localdate()
    places: dict[int, str] = {}
    positions = (
        Position.objects.filter(person_id__in=person_ids)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("organization")
        .order_by("person_id", "-is_senior", F("start_date").desc(nulls_last=True), "id")
    )
    for position in positions:
        places.setdefault(position.person_id, local_name_text(position.organization))
    return places


@dataclass
class Results:
    page: Page
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    # False when the results were too many to count by facet (FACET_COUNT_LIMIT).
    counted: bool = True
    error: str = ""
    sort: str = "newest"


def find_resources(user: Any, filters: ResourceFilter, page: object = 1, size: object = DEFAULT_PAGE_SIZE) -> Results:
    """Published resources the user may see, searched, filtered and sorted: one page of them."""
    number = parse_positive_int(page, 1, maximum=10_000)
    page_size = parse_positive_int(size, DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE)
    found = find_slice(user, filters, offset=(number - 1) * page_size, limit=page_size)
    attach_credits(user, found.items)
    for resource in found.items:
        mark = found.marks.get(resource.pk)
        resource.title_html = mark.title_html if mark else ""  # type: ignore[attr-defined]
        resource.snippet = mark.snippet_html if mark else ""  # type: ignore[attr-defined]
    counted_ids = _ids_to_count(found)
    return Results(
        page=Page(found.items, number, page_size, found.has_next),
        facets=facet_counts(Resource.objects.filter(pk__in=counted_ids)) if counted_ids is not None else {},
        counted=counted_ids is not None,
        error=found.error,
        sort=found.sort,
    )


def _ids_to_count(found: "Slice") -> list[int] | None:
    """The results' ids, listed once for the eight facet counts, each of which would otherwise find
    them again (a full-text match and the visibility rules every time); None when they are too many."""
    if found.among is None:
        return None
    if found.matches is not None and (found.matches >= COUNT_CAP or found.matches > FACET_COUNT_LIMIT):
        return None  # counted by the search, which stops at its cap: past that, listing would find every match
    ids = list(found.among.order_by().values_list("pk", flat=True)[: FACET_COUNT_LIMIT + 1])
    return ids if len(ids) <= FACET_COUNT_LIMIT else None


@dataclass
class Slice:
    items: list[Resource]
    has_next: bool
    marks: dict[int, search.Marked]
    sort: str
    # The whole filtered set (for facets and counts); None when the query was refused.
    among: QuerySet[Resource] | None
    error: str = ""
    # How many they are, when the search counted them already (no further than core's COUNT_CAP).
    matches: int | None = None


def find_slice(user: Any, filters: ResourceFilter, offset: int, limit: int) -> Slice:
    """`limit` results from `offset`, fetching one more to know whether others follow (no COUNT)."""
    resources = apply_facets(published_visible_to(user), filters)
    sort = filters.effective_sort
    if not filters.q.strip():
        rows = list(with_row_data(_ordered(resources, sort))[offset : offset + limit + 1])
        return Slice(rows[:limit], len(rows) > limit, {}, sort, resources)
    try:
        query = search.check_query(filters.q)
    except search.QueryError as error:
        return Slice([], False, {}, sort, None, error=error.message)
    if sort != "relevance":
        matching = search.matching(query, resources)
        rows = list(with_row_data(_ordered(matching, sort))[offset : offset + limit + 1])
        marks = {resource.pk: search.marked(resource, query) for resource in rows[:limit]}
        return Slice(rows[:limit], len(rows) > limit, marks, sort, matching)
    # The index ranks and cuts the page, with visibility and facets as a subquery; the whole set for
    # the facets searches as broadly as the ranking did.
    found = search.page_of_hits(query, resources, limit=limit + 1, offset=offset)
    wanted = [hit.resource_id for hit in found.marks[:limit]]
    by_id = with_row_data(Resource.objects.filter(pk__in=wanted)).in_bulk(wanted) if wanted else {}
    items = [by_id[pk] for pk in wanted if pk in by_id]
    return Slice(
        items,
        len(found.marks) > limit,
        {hit.resource_id: hit for hit in found.marks},
        sort,
        search.matching(query, resources, broad=found.broadened),
        matches=found.matches,
    )


def _ordered(resources: QuerySet[Resource], sort: str) -> QuerySet[Resource]:
    if sort == "most_used":
        return resources.order_by("-use_count", "-published_at", "-id")
    return resources.order_by("-published_at", "-id")


def facet_counts(resources: QuerySet[Resource]) -> dict[str, dict[str, int]]:
    """How many of the results fall under each value of each facet: eight grouped queries."""
    ids = resources.order_by().values("pk")
    plain = resources.order_by()
    counts = {
        "kind": plain.values_list("kind").annotate(n=Count("pk")),
        "language": plain.values_list("language").annotate(n=Count("pk")),
        "licence": plain.values_list("licence").annotate(n=Count("pk")),
        "network": plain.values_list("network__slug").annotate(n=Count("pk")),
        "subject": Resource.subjects.through.objects.filter(resource_id__in=ids)
        .values_list("subject__slug")
        .annotate(n=Count("resource_id")),
        "grade_band": Resource.grade_bands.through.objects.filter(resource_id__in=ids)
        .values_list("gradeband__slug")
        .annotate(n=Count("resource_id")),
        "topic": Resource.topics.through.objects.filter(resource_id__in=ids)
        .values_list("topic__slug")
        .annotate(n=Count("resource_id")),
        "role": ResourceTag.objects.filter(resource_id__in=ids, kind=TagKind.ROLE)
        .values_list("value")
        .annotate(n=Count("id")),
    }
    return {name: {str(value): n for value, n in rows.order_by()} for name, rows in counts.items()}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int | None  # None: not counted


def facet_options(
    user: Any, facets: dict[str, dict[str, int]], filters: ResourceFilter, *, counted: bool = True
) -> dict[str, list]:
    """Each facet's choices with their counts: values with no results are left out unless chosen.
    Without counts (too many results to count), every value is offered."""
    from hevruta.core.models import ContentLanguage

    from ..models import Licence, ResourceKind

    labels: dict[str, list[tuple[str, Any]]] = {
        "kind": list(ResourceKind.choices),
        "subject": [(s.slug, s.name) for s in Subject.objects.all()],
        "grade_band": [(g.slug, g.name) for g in GradeBand.objects.all()],
        "topic": [(t.slug, t.name) for t in Topic.objects.all()],
        "language": list(ContentLanguage.choices),
        "network": [(n.slug, n.name) for n in networks_visible_to(user).order_by("name")],
        "licence": list(Licence.choices),
        "role": list(PositionRole.choices),
    }
    options: dict[str, list] = {}
    for name, choices in labels.items():
        counts, chosen = facets.get(name, {}), getattr(filters, name)
        options[name] = [
            FacetOption(str(value), str(label), counts.get(str(value), 0) if counted else None)
            for value, label in choices
            if not counted or counts.get(str(value)) or str(value) == chosen
        ]
    return options
