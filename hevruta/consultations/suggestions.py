"""Whom to invite: people of the consultation's network strong where the asker wants to grow, ranked,
each with the reasons that gave it its points, so a person can check the ranking by hand.

Points (WEIGHTS):
- strong in the topic (a strength on their profile): 4;
- speaks for an organization strong in the topic (a current head or senior post there): 3;
- helped others on the topic (offered help in a closed consultation on it): 2 each, at most 3 counted;
- published knowledge resources on the topic: 1 each, at most 3;
- endorsed on the topic by peers they helped (they, or the organization they speak for): 1 each, at most 3;
- speaks for an organization that has hosted a site of a learning tour (events): 1;
- a similar place: a peripherality cluster at most one apart, the same district, the same sector: 1 each.

Only someone with a reason about the topic is suggested; a place, or a hosted tour (events carry no
topic), alone is no reason. Never suggested: the asker, people of the organization asking, and anyone
whose profile the asker may not see (a private profile is "only me"; the others are members of the
asker's network, so the asker sees them).

The database does the ranking (`_ranking`): it gathers the few sets of people with a reason about the
topic (each read through an index on the topic), scores their union with the place, and returns the
first `limit` by points, then name, with each part of their points; the reasons are built from those
rows only. A fixed number of queries, whatever the size of the network.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hevruta.directory.models import Locality, NetworkMembership, Organization, Person, Position, Visibility
from hevruta.knowledge.models import Authorship
from hevruta.knowledge.models.choices import Status as ResourceStatus

from .models import Answer, Consultation, ConsultationInvitation, Endorsement, Status, StrongMember
from .queries import is_current, representative_positions
from .strong_members import sector_bit

WEIGHTS = {
    "strength": 4,
    "organization_strength": 3,
    "helped": 2,
    "published": 1,
    "endorsed": 1,
    "hosted_tour": 1,
    "cluster": 1,
    "district": 1,
    "sector": 1,
}
MOST_COUNTED = 3
DEFAULT_LIMIT = 20


@dataclass(frozen=True)
class Reason:
    code: str
    points: int
    count: int = 0
    name: str = ""

    @property
    def text(self) -> str:
        n = self.count
        texts = {
            "strength": lambda: _("Strong in %(topic)s") % {"topic": self.name},
            "organization_strength": lambda: (
                _("Speaks for %(organization)s, strong in this") % {"organization": self.name}
            ),
            "helped": lambda: (
                ngettext("Helped %(n)d other on this topic", "Helped %(n)d others on this topic", n) % {"n": n}
            ),
            "published": lambda: (
                ngettext("Published %(n)d resource on this topic", "Published %(n)d resources on this topic", n)
                % {"n": n}
            ),
            "endorsed": lambda: (
                ngettext("Endorsed by %(n)d peer they helped", "Endorsed by %(n)d peers they helped", n) % {"n": n}
            ),
            "hosted_tour": lambda: _("Their organization has hosted a learning tour"),
            "cluster": lambda: _("A similar peripherality cluster (%(cluster)s)") % {"cluster": self.name},
            "district": lambda: _("The same district"),
            "sector": lambda: _("The same sector"),
        }
        return texts[self.code]()


@dataclass
class Suggestion:
    person: Person
    organization: Organization | None = None
    reasons: list[Reason] = field(default_factory=list)
    invited: bool = False

    @property
    def score(self) -> int:
        return sum(reason.points for reason in self.reasons)

    def sort_key(self) -> tuple:
        return (-self.score, self.person.family_name, self.person.given_name, self.person.pk)


@dataclass(frozen=True)
class Place:
    """Where the asker stands: a peripherality cluster, a district and a sector, each possibly unknown."""

    cluster: int | None
    district: int | None
    sector: str


def asker_place(consultation: Consultation) -> Place:
    organization = consultation.organization
    if organization is None:
        position = (
            Position.objects.filter(is_current(), person_id=consultation.asker_id)
            .select_related("organization__locality")
            .order_by("id")
            .first()
        )
        organization = position.organization if position else None
    locality = consultation.organization.locality if consultation.organization else consultation.asker.locality
    if locality is None and organization is not None:
        locality = organization.locality
    return Place(
        cluster=getattr(locality, "peripherality_cluster", None),
        district=getattr(locality, "district", None),
        sector=getattr(organization, "sector", "") or "",
    )


# The ranking in SQL ---------------------------------------------------------------------------------


def _sql(queryset: QuerySet) -> tuple[str, tuple]:
    """A queryset as SQL for a common table expression (no ordering: the outer query orders)."""
    sql, params = queryset.order_by().query.sql_with_params()
    return sql, tuple(params)


def _topic_sets(consultation: Consultation) -> list[tuple[str, QuerySet]]:
    """The few people with a reason about the topic other than their own strength, one set per reason,
    each as (name, queryset). The many strong in it are read from `StrongMember` (`_strong_sql`)."""
    topic_id = consultation.topic_id
    helped = (
        ConsultationInvitation.objects.filter(
            answer=Answer.OFFERED, consultation__topic_id=topic_id, consultation__status=Status.CLOSED
        )
        .values("person_id")
        .annotate(n=Count("consultation_id", distinct=True))
        .values("person_id", "n")
    )
    published = (
        Authorship.objects.filter(
            resource__status=ResourceStatus.PUBLISHED, resource__topics=topic_id, person__isnull=False
        )
        .filter(Q(resource__network__is_public=True) | Q(resource__network_id=consultation.network_id))
        .values("person_id")
        .annotate(n=Count("resource_id", distinct=True))
        .values("person_id", "n")
    )
    endorsed = (
        Endorsement.objects.filter(topic_id=topic_id, person__isnull=False)
        .values("person_id")
        .annotate(n=Count("pk"))
        .values("person_id", "n")
    )
    # The organization a person speaks for, when several are strong: the first by name.
    # From the organizations strong in the topic to their posts (an index each), not the other way:
    # the posts of every head in the country are many.
    strong_organizations = Organization.strengths.through.objects.filter(topic_id=topic_id).values("organization_id")
    heads = (
        representative_positions()
        .filter(organization_id__in=strong_organizations)
        .annotate(rank=Window(RowNumber(), partition_by=F("person_id"), order_by=[F("organization__name"), F("id")]))
        .values("person_id", "organization_id", "rank")
    )
    organization_endorsed = (
        Endorsement.objects.filter(topic_id=topic_id, organization__isnull=False)
        .values("organization_id")
        .annotate(n=Count("pk"))
        .values("organization_id", "n")
    )
    return [
        ("helped(person_id, n)", helped),
        ("published(person_id, n)", published),
        ("endorsed(person_id, n)", endorsed),
        ("heads(person_id, organization_id, rnk)", heads),
        ("organization_endorsed(organization_id, n)", organization_endorsed),
    ]


def _tour_hosts() -> QuerySet:
    """People who speak for an organization that has hosted a site of a published learning tour."""
    from hevruta.events.models import EventKind, EventSession, EventStatus, SessionKind

    hosts = EventSession.objects.filter(
        kind=SessionKind.SITE_VISIT,
        event__kind=EventKind.LEARNING_TOUR,
        event__status=EventStatus.PUBLISHED,
        host_organization__isnull=False,
        starts_at__lt=timezone.now(),
    ).values("host_organization_id")
    return representative_positions().filter(organization_id__in=hosts).values("person_id")


def _table(model: Any) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _place_columns(place: Place) -> tuple[str, list]:
    """The place's parts as SQL columns (cluster, near, same_district, same_sector) and their parameters.

    A person's place is their locality, else that of the organization they speak for; their sectors
    those of their current posts' organizations and of the organization they speak for."""
    cluster = "CASE WHEN p.locality_id IS NULL THEN ol.peripherality_cluster ELSE pl.peripherality_cluster END"
    district = "CASE WHEN p.locality_id IS NULL THEN ol.district ELSE pl.district END"
    params: list = []
    near = "0"
    if place.cluster is not None:
        near = f"CASE WHEN {cluster} BETWEEN %s AND %s THEN 1 ELSE 0 END"
        params += [place.cluster - 1, place.cluster + 1]
    same_district = "0"
    if place.district is not None:
        same_district = f"CASE WHEN {district} = %s THEN 1 ELSE 0 END"
        params.append(place.district)
    same_sector = "0"
    if place.sector:
        today = connection.ops.adapt_datefield_value(timezone.localdate())
        same_sector = (
            # Table names only are formatted in; every value is a parameter.
            f"CASE WHEN so.sector = %s OR EXISTS (SELECT 1 FROM {_table(Position)} po "  # noqa: S608
            f"JOIN {_table(Organization)} o ON o.id = po.organization_id WHERE po.person_id = p.id "
            "AND (po.end_date IS NULL OR po.end_date >= %s) AND o.sector = %s) THEN 1 ELSE 0 END"
        )
        params += [place.sector, today, place.sector]
    columns = f"{cluster} AS cluster, {near} AS near, {same_district} AS same_district, {same_sector} AS same_sector"
    return columns, params


def _strong_sql(consultation: Consultation, place: Place, limit: int) -> tuple[list[str], list]:
    """Common table expressions for `strong_top(person_id)`: the first `limit` of the members strong in
    the topic by their place's points, then name, read from `StrongMember`.

    Among those strong only (no other reason), that order is the ranking's own, so the first `limit` of
    the ranking are among these and the few with other reasons. `best` reads those who match every
    part of the asker's place that is known, in name order through the index by district, and stops at
    `limit`. When they are `limit` or more, nobody else can come first and the rest is never read: its
    gate, a row only when `best` is short, is the outer table of the join (CROSS JOIN keeps SQLite from
    reordering it; PostgreSQL reads a condition without columns once, as a one-time filter).
    Otherwise `rest` orders all of them by their place."""
    table = _table(StrongMember)
    today = connection.ops.adapt_datefield_value(timezone.localdate())
    conditions = ["s.network_id = %s", "s.topic_id = %s", "s.person_id <> %s"]
    condition_params = [consultation.network_id, consultation.topic_id, consultation.asker_id]
    if consultation.organization_id:
        conditions.append("s.person_id NOT IN (SELECT person_id FROM colleagues)")
    parts: list[tuple[str, list]] = []  # each part of the place: (1 when it matches, else 0; its parameters)
    matching: list[tuple[str, list]] = []  # each as a condition that the index can read
    if place.district is not None:
        parts.append(("CASE WHEN s.district = %s THEN 1 ELSE 0 END", [place.district]))
        matching.append(("s.district = %s", [place.district]))
    if place.cluster is not None:
        near = [place.cluster - 1, place.cluster + 1]
        parts.append(("CASE WHEN s.cluster BETWEEN %s AND %s THEN 1 ELSE 0 END", near))
        matching.append(("s.cluster BETWEEN %s AND %s", near))
    if place.sector:
        bit = sector_bit(place.sector)
        sector = (
            # A post with an end date counts while it lasts: checked on the day of the reading.
            f"CASE WHEN (s.sectors & %s) <> 0 THEN 1 WHEN (s.dated_sectors & %s) <> 0 AND EXISTS (SELECT 1 "  # noqa: S608
            f"FROM {_table(Position)} po JOIN {_table(Organization)} o ON o.id = po.organization_id "
            "WHERE po.person_id = s.person_id AND po.end_date >= %s AND o.sector = %s) THEN 1 ELSE 0 END"
        )
        sector_params = [bit, bit, today, place.sector]
        parts.append((sector, sector_params))
        matching.append((f"{sector} = 1", sector_params))
    place_sql = " + ".join(fragment for fragment, _values in parts) or "0"
    place_params = [value for _fragment, values in parts for value in values]
    where = " AND ".join(conditions)
    best_where = " AND ".join([where, *(fragment for fragment, _values in matching)])
    best_params = [*condition_params, *(value for _fragment, values in matching for value in values)]
    name_order = "s.family_name, s.given_name, s.person_id"
    ctes = [
        f"best(person_id) AS (SELECT s.person_id FROM {table} s WHERE {best_where} "  # noqa: S608
        f"ORDER BY {name_order} LIMIT %s)",
        f"rest(person_id) AS (SELECT s.person_id FROM (SELECT 1 AS is_short WHERE (SELECT COUNT(*) FROM best) < %s) "  # noqa: S608
        f"AS gate CROSS JOIN {table} s WHERE {where} ORDER BY {place_sql} DESC, {name_order} LIMIT %s)",
        "strong_top(person_id) AS (SELECT person_id FROM best UNION SELECT person_id FROM rest)",
    ]
    params = [*best_params, limit, limit, *condition_params, *place_params, limit]
    return ctes, params


def _capped_sql(column: str) -> str:
    return f"CASE WHEN {column} > {MOST_COUNTED} THEN {MOST_COUNTED} ELSE {column} END"


POINTS = " + ".join(
    [
        f"{WEIGHTS['strength']} * strong",
        f"{WEIGHTS['organization_strength']} * CASE WHEN organization_id IS NULL THEN 0 ELSE 1 END",
        f"{WEIGHTS['helped']} * {_capped_sql('helped')}",
        f"{WEIGHTS['published']} * {_capped_sql('published')}",
        f"{WEIGHTS['endorsed']} * {_capped_sql('endorsed')}",
        f"{WEIGHTS['hosted_tour']} * hosted_tour",
        f"{WEIGHTS['cluster']} * near",
        f"{WEIGHTS['district']} * same_district",
        f"{WEIGHTS['sector']} * same_sector",
    ]
)


def _ranking(consultation: Consultation, place: Place, limit: int) -> list[dict]:
    """The first `limit` candidates by points, then name, each with the parts of their points."""
    ctes = [*_topic_sets(consultation), ("tour_hosts(person_id)", _tour_hosts().distinct())]
    if consultation.organization_id:
        colleagues = Position.objects.filter(is_current(), organization_id=consultation.organization_id)
        ctes.append(("colleagues(person_id)", colleagues.values("person_id")))
    parts: list[str] = []
    params: list[Any] = []
    for name, queryset in ctes:
        sql, sql_params = _sql(queryset)
        parts.append(f"{name} AS ({sql})")
        params += sql_params
    parts.append("speaks(person_id, organization_id) AS (SELECT person_id, organization_id FROM heads WHERE rnk = 1)")
    strong_ctes, strong_params = _strong_sql(consultation, place, limit)
    parts += strong_ctes
    params += strong_params
    parts.append(
        "pool(person_id) AS (SELECT person_id FROM strong_top UNION SELECT person_id FROM helped "
        "UNION SELECT person_id FROM published UNION SELECT person_id FROM endorsed "
        "UNION SELECT person_id FROM speaks)"
    )
    place_sql, place_params = _place_columns(place)
    not_colleague = "AND p.id NOT IN (SELECT person_id FROM colleagues)" if consultation.organization_id else ""
    parts.append(
        f"""scored AS MATERIALIZED (SELECT p.id, p.family_name, p.given_name, sp.organization_id,
            CASE WHEN EXISTS (SELECT 1 FROM {_table(Person.strengths.through)} st
                WHERE st.person_id = p.id AND st.topic_id = %s) THEN 1 ELSE 0 END AS strong,
            COALESCE(h.n, 0) AS helped, COALESCE(pu.n, 0) AS published,
            COALESCE(e.n, 0) + COALESCE(oe.n, 0) AS endorsed,
            CASE WHEN t.person_id IS NULL THEN 0 ELSE 1 END AS hosted_tour,
            {place_sql}
        FROM pool JOIN {_table(Person)} p ON p.id = pool.person_id
        LEFT JOIN helped h ON h.person_id = p.id
        LEFT JOIN published pu ON pu.person_id = p.id
        LEFT JOIN endorsed e ON e.person_id = p.id
        LEFT JOIN speaks sp ON sp.person_id = p.id
        LEFT JOIN tour_hosts t ON t.person_id = p.id
        LEFT JOIN organization_endorsed oe ON oe.organization_id = sp.organization_id
        LEFT JOIN {_table(Organization)} so ON so.id = sp.organization_id
        LEFT JOIN {_table(Locality)} pl ON pl.id = p.locality_id
        LEFT JOIN {_table(Locality)} ol ON ol.id = so.locality_id
        WHERE p.profile_visibility <> %s AND p.id <> %s
        AND EXISTS (SELECT 1 FROM {_table(NetworkMembership)} m WHERE m.person_id = p.id AND m.network_id = %s)
        {not_colleague})"""  # noqa: S608 (table names and fixed fragments only; every value is a parameter)
    )
    params += [consultation.topic_id, *place_params]
    params += [Visibility.PRIVATE.value, consultation.asker_id, consultation.network_id]
    sql = (
        "WITH " + ",\n".join(parts) + f"\nSELECT scored.*, {POINTS} AS points FROM scored "
        "ORDER BY points DESC, family_name, given_name, id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        columns = [column[0] for column in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _capped(code: str, count: int) -> Reason:
    return Reason(code, WEIGHTS[code] * min(count, MOST_COUNTED), count=count)


def _reasons(row: dict, topic_name: str, organization: Organization | None) -> list[Reason]:
    from hevruta.core.names import local_name_text

    reasons = []
    if row["strong"]:
        reasons.append(Reason("strength", WEIGHTS["strength"], name=topic_name))
    if organization is not None:
        reasons.append(
            Reason("organization_strength", WEIGHTS["organization_strength"], name=local_name_text(organization))
        )
    reasons += [_capped(code, row[code]) for code in ("helped", "published", "endorsed") if row[code]]
    if row["hosted_tour"]:
        reasons.append(Reason("hosted_tour", WEIGHTS["hosted_tour"]))
    if row["near"]:
        reasons.append(Reason("cluster", WEIGHTS["cluster"], name=str(row["cluster"])))
    if row["same_district"]:
        reasons.append(Reason("district", WEIGHTS["district"]))
    if row["same_sector"]:
        reasons.append(Reason("sector", WEIGHTS["sector"]))
    return reasons


def suggest(consultation: Consultation, limit: int = DEFAULT_LIMIT) -> list[Suggestion]:
    """The first `limit` suggestions with their reasons: the ranking, then the people and the
    organizations of those few, and who of them is invited already."""
    from hevruta.core.names import local_name_text

    rows = _ranking(consultation, asker_place(consultation), limit)
    people = Person.objects.in_bulk([row["id"] for row in rows])
    organizations = Organization.objects.in_bulk([row["organization_id"] for row in rows if row["organization_id"]])
    invited = set(consultation.invitations.filter(person_id__in=list(people)).values_list("person_id", flat=True))
    topic_name = local_name_text(consultation.topic)
    suggestions = []
    for row in rows:
        organization = organizations.get(row["organization_id"])
        suggestions.append(
            Suggestion(
                person=people[row["id"]],
                organization=organization,
                reasons=_reasons(row, topic_name, organization),
                invited=row["id"] in invited,
            )
        )
    return suggestions
