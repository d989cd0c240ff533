"""What a network's or a program's dashboard shows, read from the summaries only (refresh.py).

A section is a chart and the table behind it (the same rows), a note of what it counts, and the unit.
The number of queries does not grow with the activity history: each section reads one summary table.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import Q, Sum
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from hevruta.core.names import local_name_text
from hevruta.directory.models import District, Locality, Organization, PositionRole, Subject
from hevruta.outcomes.queries import logic_model
from hevruta.outcomes.scopes import Scope

from . import charts, measures
from .activity import kind_label
from .measures import PERIPHERY
from .models import DailyActivity, MeasureValue, NetworkGraph, PeopleCount, Refresh
from .refresh import LEADING, OTHER, SENIOR, TEACHER, refresh_interval


@dataclass
class Section:
    key: str
    title: str
    note: str
    rows: Sequence[tuple[str, float]]
    chart: SafeString | None = None
    printed_chart: SafeString | None = None  # the PDF's drawing where it differs from the page's (no tiles)
    columns: tuple[str, ...] = ()
    extra: list[tuple] = field(default_factory=list)  # wider rows for a table with more columns

    @property
    def total(self) -> float:
        return sum(value for _label, value in self.rows)

    def share(self, value: float) -> int:
        return round(100 * value / self.total) if self.total else 0


@dataclass
class Dashboard:
    scope: Scope
    start: date
    end: date
    refreshed_at: datetime | None
    refresh_minutes: int
    sections: list[Section]

    def section(self, key: str) -> Section | None:
        return next((section for section in self.sections if section.key == key), None)


def _scope_filter(scope: Scope) -> dict:
    return {"program": scope.owner, "network": None} if scope.program else {"network": scope.owner, "program": None}


def _people(scope: Scope) -> dict[str, list[tuple[str, int]]]:
    counts: dict[str, list[tuple[str, int]]] = {}
    for row in PeopleCount.objects.filter(**_scope_filter(scope)).order_by("dimension", "-count", "value"):
        counts.setdefault(row.dimension, []).append((row.value, row.count))
    return counts


def _names(model, values: list[str]) -> dict[str, str]:  # type: ignore[no-untyped-def]
    ids = [int(value) for value in values if value.isdigit()]
    return {str(obj.pk): local_name_text(obj) for obj in model.objects.filter(pk__in=ids)}


def _people_sections(scope: Scope) -> list[Section]:
    counts = _people(scope)
    whom = _("participants of the program") if scope.program else _("members of the network")
    note = _("Counts %(whom)s with a profile others may see (a private profile is counted by nobody).") % {"whom": whom}
    unknown = _("Not known")
    subjects = _names(Subject, [value for value, _count in counts.get("subject", [])])
    roles = dict(PositionRole.choices)
    districts = {str(value): str(label) for value, label in District.choices}
    tiers = {TEACHER: _("Teachers"), LEADING: _("Leading teachers"), SENIOR: _("Senior teachers"), OTHER: _("Others")}
    labelled = {
        "tier": [(tiers.get(v, v), c) for v, c in counts.get("tier", [])],
        "subject": [(subjects.get(v, unknown), c) for v, c in counts.get("subject", [])],
        "role": [(str(roles.get(v, v)), c) for v, c in counts.get("role", [])],
        "district": [(districts.get(v, unknown), c) for v, c in counts.get("district", [])],
        "cluster": sorted(
            [(v if v.isdigit() else unknown, c) for v, c in counts.get("cluster", [])],
            key=lambda pair: int(pair[0]) if pair[0].isdigit() else 99,
        ),
    }
    titles = {
        "tier": _("Teachers, leading teachers and senior teachers"),
        "subject": _("People by subject"),
        "role": _("People by role"),
        "district": _("People by district"),
        "cluster": _("People by peripherality cluster (1 the most peripheral)"),
    }
    sections = []
    for key, rows in labelled.items():
        drawn = charts.pie(rows, titles[key]) if key == "tier" else charts.bars(rows, titles[key])
        sections.append(Section(f"people_{key}", titles[key], note, rows, drawn))
    return sections


def _activity(scope: Scope, start: date, end: date) -> list[dict]:
    # A program's activity is recorded with its network too: the network counts it, the program its own.
    owner = {"program": scope.owner} if scope.program else {"network": scope.owner}
    rows = (
        DailyActivity.objects.filter(**owner, day__gte=start, day__lte=end)
        .values("kind", "cluster")
        .annotate(total=Sum("count"))
        .order_by("kind", "cluster")
    )
    return [dict(row) for row in rows]


def _activity_sections(scope: Scope, start: date, end: date) -> list[Section]:
    rows = _activity(scope, start, end)
    by_kind: dict[str, int] = {}
    periphery = known = 0
    for row in rows:
        by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + row["total"]
        if row["cluster"]:
            known += row["total"]
            periphery += row["total"] if row["cluster"] in PERIPHERY else 0
    kinds = sorted(by_kind.items(), key=lambda pair: -pair[1])
    title = _("Activity by kind")
    activity = Section(
        "activity",
        title,
        _("Counts what the apps recorded in the period (knowledge, programs, and every app that records activity)."),
        [(kind_label(kind), float(count)) for kind, count in kinds],
        charts.bars([(kind_label(kind), float(count)) for kind, count in kinds], title),
    )
    return [activity, _periphery(scope, periphery, known)]


def _periphery(scope: Scope, activity_in_periphery: int, activity_known: int) -> Section:
    people = dict(_people(scope).get("cluster", []))
    members_known = sum(count for value, count in people.items() if value.isdigit())
    members_periphery = sum(count for value, count in people.items() if value.isdigit() and int(value) in PERIPHERY)
    population = _population_share()

    def percent(part: int, whole: int) -> float:
        return round(100 * part / whole, 1) if whole else 0.0

    rows = [
        (_("Members or participants"), percent(members_periphery, members_known)),
        (_("Activity"), percent(activity_in_periphery, activity_known)),
        (_("Population of Israel"), population),
    ]
    title = _("Share from the periphery (clusters 1–4), in percent")
    return Section(
        "periphery",
        title,
        _(
            "Of those whose locality is known: the share in peripherality clusters 1 to 4, "
            "beside that share of the population."
        ),
        rows,
        charts.bars(rows, title),
    )


def _population_share() -> float:
    """The share of Israel's population living in the periphery, from the CBS localities (one query)."""
    totals = Locality.objects.filter(peripherality_cluster__isnull=False).aggregate(
        everyone=Sum("population"), periphery=Sum("population", filter=Q(peripherality_cluster__in=PERIPHERY))
    )
    everyone = totals["everyone"] or 0
    return round(100 * (totals["periphery"] or 0) / everyone, 1) if everyone else 0.0


def _indicator_section(scope: Scope) -> Section:
    model = logic_model(scope)
    extra = []
    rows = []
    for state in model.all_states:
        latest = float(state.latest.value) if state.latest else None
        target = state.next_target
        extra.append(
            (
                state.indicator.name,
                state.indicator.baseline,
                latest,
                target.value if target else None,
                target.due if target else None,
            )
        )
        rows.append((state.indicator.name, float(state.progress or 0)))
    title = _("Indicators: progress toward the next target, in percent")
    return Section(
        "indicators",
        title,
        _(
            "From the logic model: how far each indicator's latest value has come "
            "from its baseline toward its next target."
        ),
        rows,
        charts.bars(rows, title),
        columns=(_("Indicator"), _("Baseline"), _("Latest"), _("Target"), _("By")),
        extra=extra,
    )


def _measures_section(scope: Scope) -> Section:
    values = MeasureValue.objects.filter(**_scope_filter(scope)).order_by("key")
    rows = []
    for value in values:
        measure = measures.get(value.key)
        if measure is not None:
            rows.append((str(measure.label), round(value.value, 1)))
    return Section(
        "measures",
        _("The catalogue's measures this school year"),
        _("Each app's measures (docs/insights.md), computed at the last refresh for the current school year."),
        rows,
    )


def _graph_section(scope: Scope) -> Section | None:
    """The network of organizations this school year and last, drawn and measured at the refresh."""
    if scope.program is not None:
        return None
    graphs = list(NetworkGraph.objects.filter(network=scope.network).order_by("-year_start")[:2])
    if not graphs:
        return None
    this, last = graphs[0], (graphs[1] if len(graphs) > 1 else None)
    names = dict(Organization.objects.filter(pk__in=this.measures.get("connectors", [])).values_list("pk", "name"))
    labels = (
        ("organizations", _("Organizations with a tie")),
        ("ties", _("Ties between organizations")),
        ("components", _("Separate groups (components)")),
        ("cross_sector_percent", _("Ties across sectors (%)")),
        ("periphery_ties", _("Ties of periphery organizations")),
        ("periphery_to_centre", _("Ties between the periphery and the center")),
    )
    extra = [(label, this.measures.get(key), last.measures.get(key) if last else None) for key, label in labels]
    extra.append(
        (
            _("Most connecting organizations"),
            ", ".join(names[pk] for pk in this.measures.get("connectors", []) if pk in names) or None,
            None,
        )
    )
    return Section(
        "graph",
        _("The network of organizations: are we still in silos?"),
        _(
            "Organizations tied by activity they shared (one with another), coloured by peripherality cluster; "
            "this school year beside the last. The most connecting have the highest betweenness."
        ),
        [(label, float(value or 0)) for label, value, _last in extra[:-1]],
        mark_safe(this.drawing),  # noqa: S308 - drawn by graph.draw, every label escaped there
        columns=(_("Measure"), _("This school year"), _("Last school year")),
        extra=extra,
    )


def _map_section(scope: Scope) -> Section:
    counts = dict(_people(scope).get("locality", []))
    localities = Locality.objects.filter(pk__in=[int(v) for v in counts if v.isdigit()]).exclude(latitude=None)
    points = [(locality, counts[str(locality.pk)]) for locality in localities]
    title = _("Where the people are")
    rows = sorted(((local_name_text(locality), float(count)) for locality, count in points), key=lambda r: -r[1])
    return Section(
        "map",
        title,
        _(
            "People by the locality in their profile; the circle's area is their number, "
            "its colour the locality's peripherality cluster."
        ),
        rows,
        charts.map_of(
            points, title, tiles=settings.INSIGHTS_MAP_TILES, attribution=settings.INSIGHTS_MAP_TILES_ATTRIBUTION
        ),
        # The PDF never fetches anything: its map stays the one drawn from the coordinates alone.
        printed_chart=charts.map_of(points, title) if settings.INSIGHTS_MAP_TILES else None,
    )


def dashboard(scope: Scope, start: date, end: date) -> Dashboard:
    last = Refresh.objects.first()
    sections = [
        _indicator_section(scope),
        *_people_sections(scope),
        *_activity_sections(scope, start, end),
        _map_section(scope),
    ]
    graph = _graph_section(scope)
    sections += [graph] if graph else []
    sections.append(_measures_section(scope))
    return Dashboard(
        scope=scope,
        start=start,
        end=end,
        refreshed_at=last.finished_at if last else None,
        refresh_minutes=int(refresh_interval().total_seconds() // 60),
        sections=sections,
    )
