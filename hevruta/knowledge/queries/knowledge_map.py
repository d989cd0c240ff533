"""The map of practical knowledge: how much exists, who contributes, where it is used, where the gaps are.

Counts only: contributors and reporters are counted, never named, so the map and its export are safe to
hand to a funder. Every breakdown is a handful of grouped queries, whatever the number of resources.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from hevruta.directory.models import District, GradeBand, Network, Person, Position, Subject

from ..models import Authorship, Resource, ResourceKind, Status, UseReport
from .visibility import knowledge_viewer

# Fewer reports of use than this marks "little use" on the map.
LITTLE_USE = 3


@dataclass
class Row:
    key: Any
    label: str
    published: int = 0
    in_curation: int = 0
    contributors: int = 0
    reports: int = 0
    students: int = 0

    @property
    def gap(self) -> str:
        if self.reports == 0:
            return _("No use reported") if self.published else _("No knowledge and no use")
        if self.reports < LITTLE_USE:
            return _("Little use")
        return ""


@dataclass
class Breakdown:
    name: str
    title: str
    rows: list[Row] = field(default_factory=list)

    @property
    def maximum(self) -> int:
        return max([row.reports for row in self.rows] + [1])


def map_networks(user: Any) -> QuerySet[Network]:
    """The networks whose map this viewer may read: the ones they manage or curate."""
    viewer = knowledge_viewer(user)
    if viewer.is_operator:
        return Network.objects.order_by("name")
    return Network.objects.filter(pk__in=viewer.curated_network_ids).order_by("name")


@dataclass
class KnowledgeMap:
    breakdowns: list[Breakdown]
    totals: Row


def knowledge_map(network_ids: list[int]) -> KnowledgeMap:
    resources = Resource.objects.filter(network_id__in=network_ids)
    published = resources.filter(status=Status.PUBLISHED)
    reports = UseReport.objects.filter(resource__in=published)
    authorships = Authorship.objects.filter(resource__in=published, person__isnull=False)
    places = _contributor_places(authorships)
    breakdowns = [
        _by_subject(resources, published, reports, authorships),
        _by_grade_band(resources, published, reports, authorships),
        _by_kind(resources, published, reports, authorships),
        _by_place("district", _("District"), list(District.choices), published, reports, places),
        _by_place(
            "cluster", _("Peripherality cluster"), [(n, str(n)) for n in range(1, 11)], published, reports, places
        ),
    ]
    return KnowledgeMap(breakdowns=breakdowns, totals=_totals(resources, published, reports, authorships))


def _totals(resources: QuerySet, published: QuerySet, reports: QuerySet, authorships: QuerySet) -> Row:
    use = reports.aggregate(n=Count("id"), students=Sum("students"))
    return Row(
        key=None,
        label=_("All"),
        published=published.count(),
        in_curation=resources.exclude(status=Status.PUBLISHED).count(),
        contributors=authorships.values("person_id").distinct().count(),
        reports=use["n"],
        students=use["students"] or 0,
    )


def _counted(rows: Any) -> dict:
    return {key: n for key, n in rows}


def _fill(breakdown: Breakdown, choices: list, columns: dict[str, dict]) -> Breakdown:
    """One row per choice, including those with nothing: an empty row is exactly the gap to show."""
    keys = [key for key, _label in choices]
    extra = {key for column in columns.values() for key in column if key not in keys}
    for key, label in [*choices, *[(key, _("Not stated")) for key in sorted(extra, key=str)]]:
        row = Row(key=key, label=str(label))
        for name, values in columns.items():
            setattr(row, name, values.get(key, 0) or 0)
        breakdown.rows.append(row)
    return breakdown


def _by_relation(
    name: str, title: str, relation: str, choices: list, resources: QuerySet, published: QuerySet, reports: QuerySet,
    authorships: QuerySet,
) -> Breakdown:  # fmt: skip
    key = f"{relation}__slug" if relation != "kind" else "kind"
    use = reports.order_by().values_list(f"resource__{key}").annotate(n=Count("id"), students=Sum("students"))
    use_rows = list(use)
    columns = {
        "published": _counted(published.order_by().values_list(key).annotate(n=Count("id", distinct=True))),
        "in_curation": _counted(
            resources.exclude(status=Status.PUBLISHED)
            .order_by()
            .values_list(key)
            .annotate(n=Count("id", distinct=True))
        ),
        "contributors": _counted(
            authorships.order_by().values_list(f"resource__{key}").annotate(n=Count("person_id", distinct=True))
        ),
        "reports": {k: n for k, n, _s in use_rows},
        "students": {k: s for k, _n, s in use_rows},
    }
    return _fill(Breakdown(name, title), choices, columns)


def _by_subject(resources: QuerySet, published: QuerySet, reports: QuerySet, authorships: QuerySet) -> Breakdown:
    choices = [(s.slug, s.name) for s in Subject.objects.all()]
    return _by_relation("subject", _("Subject"), "subjects", choices, resources, published, reports, authorships)


def _by_grade_band(resources: QuerySet, published: QuerySet, reports: QuerySet, authorships: QuerySet) -> Breakdown:
    choices = [(g.slug, g.name) for g in GradeBand.objects.all()]
    return _by_relation(
        "grade_band", _("Grade band"), "grade_bands", choices, resources, published, reports, authorships
    )


def _by_kind(resources: QuerySet, published: QuerySet, reports: QuerySet, authorships: QuerySet) -> Breakdown:
    choices = list(ResourceKind.choices)
    return _by_relation("kind", _("Resource type"), "kind", choices, resources, published, reports, authorships)


@dataclass
class Place:
    district: int | None
    cluster: int | None


def _contributor_places(authorships: QuerySet) -> dict[int, Place]:
    """Where each contributor works: their own locality, else a current position's organization's."""
    people = dict(Person.objects.filter(pk__in=authorships.values("person_id")).values_list("pk", "locality__district"))
    clusters = dict(Person.objects.filter(pk__in=people).values_list("pk", "locality__peripherality_cluster"))
    places = {pk: Place(people[pk], clusters.get(pk)) for pk in people}
    missing = [pk for pk, place in places.items() if place.district is None and place.cluster is None]
    if missing:
        today = timezone.localdate()
        positions = (
            Position.objects.filter(person_id__in=missing, organization__locality__isnull=False)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
            .values_list(
                "person_id", "organization__locality__district", "organization__locality__peripherality_cluster"
            )
            .order_by("person_id", "-id")
        )
        for person_id, district, cluster in positions:
            places[person_id] = Place(district, cluster)
    return places


def _by_place(
    name: str, title: str, choices: list, published: QuerySet, reports: QuerySet, places: dict[int, Place]
) -> Breakdown:
    attribute = "district" if name == "district" else "cluster"
    lookup = "locality__district" if name == "district" else "locality__peripherality_cluster"
    use_rows = list(reports.order_by().values_list(lookup).annotate(n=Count("id"), students=Sum("students")))
    contributors: dict = defaultdict(set)
    resources_from: dict = defaultdict(set)
    for resource_id, person_id in Authorship.objects.filter(
        resource__in=published, person_id__in=list(places)
    ).values_list("resource_id", "person_id"):
        key = getattr(places[person_id], attribute)
        contributors[key].add(person_id)
        resources_from[key].add(resource_id)
    columns = {
        "published": {key: len(ids) for key, ids in resources_from.items()},
        "contributors": {key: len(ids) for key, ids in contributors.items()},
        "reports": {k: n for k, n, _s in use_rows},
        "students": {k: s for k, _n, s in use_rows},
    }
    return _fill(Breakdown(name, title), choices, columns)


def map_csv_rows(result: KnowledgeMap) -> tuple[list[str], list[list[object]]]:
    header = [
        _("Breakdown"),
        _("Value"),
        _("Published resources"),
        _("In curation"),
        _("Contributors"),
        _("Reports of use"),
        _("Students reached"),
        _("Gap"),
    ]
    rows: list[list[object]] = []
    for breakdown in result.breakdowns:
        for row in breakdown.rows:
            rows.append(
                [breakdown.title, row.label, row.published, row.in_curation, row.contributors, row.reports,
                 row.students, row.gap]
            )  # fmt: skip
    return header, rows
