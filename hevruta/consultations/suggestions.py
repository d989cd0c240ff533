"""Whom to invite: people of the consultation's network strong where the asker wants to grow, ranked,
each with the reasons that gave it its points, so a person can check the ranking by hand.

Points (WEIGHTS):
- strong in the topic (a strength on their profile): 4;
- speaks for an organization strong in the topic (a current head or senior post there): 3;
- helped others on the topic (offered help in a closed consultation on it): 2 each, at most 3 counted;
- published knowledge resources on the topic: 1 each, at most 3;
- endorsed on the topic by peers they helped (they, or the organization they speak for): 1 each, at most 3;
- a similar place: a peripherality cluster at most one apart, the same district, the same sector: 1 each.
Hosting learning tours will count when the events app records them.

Only someone with a reason about the topic is suggested; a place alone is no reason. Never suggested:
the asker, people of the organization asking, and anyone whose profile the asker may not see (a
private profile is "only me"; the others are members of the asker's network, so the asker sees them).

Ties go by name. The many people who are strong in the topic and have no other reason about it are
ranked by the database (their points are 4 plus their place), so only the first few are read.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hevruta.directory.models import NetworkMembership, Organization, Person, Position, Visibility
from hevruta.knowledge.models import Authorship
from hevruta.knowledge.models.choices import Status as ResourceStatus

from .models import Answer, Consultation, ConsultationInvitation, Endorsement, Status
from .queries import is_current, representative_positions

WEIGHTS = {
    "strength": 4,
    "organization_strength": 3,
    "helped": 2,
    "published": 1,
    "endorsed": 1,
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


def _capped(code: str, count: int) -> Reason:
    return Reason(code, WEIGHTS[code] * min(count, MOST_COUNTED), count=count)


def _place_reasons(place: Place, cluster: int | None, district: int | None, sectors: set[str]) -> list[Reason]:
    reasons = []
    if place.cluster is not None and cluster is not None and abs(place.cluster - cluster) <= 1:
        reasons.append(Reason("cluster", WEIGHTS["cluster"], name=str(cluster)))
    if place.district is not None and district == place.district:
        reasons.append(Reason("district", WEIGHTS["district"]))
    if place.sector and place.sector in sectors:
        reasons.append(Reason("sector", WEIGHTS["sector"]))
    return reasons


def candidates(consultation: Consultation) -> QuerySet[Person]:
    """Everyone who may be suggested for this consultation, before any reason."""
    people = Person.objects.filter(
        Exists(NetworkMembership.objects.filter(person=OuterRef("pk"), network_id=consultation.network_id))
    ).exclude(profile_visibility=Visibility.PRIVATE)
    people = people.exclude(pk=consultation.asker_id)
    if consultation.organization_id:
        people = people.exclude(
            Exists(
                Position.objects.filter(
                    is_current(), person=OuterRef("pk"), organization_id=consultation.organization_id
                )
            )
        )
    return people


class _Collector:
    """The reasons about the topic, gathered from the few people who have more than a strength."""

    def __init__(self, consultation: Consultation) -> None:
        self.consultation = consultation
        self.topic_id = consultation.topic_id
        self.helped: dict[int, int] = {}
        self.published: dict[int, int] = {}
        self.endorsed: dict[int, int] = {}
        self.speaks_for: dict[int, Organization] = {}
        self.organization_endorsed: dict[int, int] = {}

    def gather(self) -> set[int]:
        topic_id = self.topic_id
        self.helped = dict(
            ConsultationInvitation.objects.filter(
                answer=Answer.OFFERED, consultation__topic_id=topic_id, consultation__status=Status.CLOSED
            )
            .values("person_id")
            .annotate(n=Count("consultation_id", distinct=True))
            .values_list("person_id", "n")
        )
        published = Q(resource__status=ResourceStatus.PUBLISHED, resource__topics=topic_id, person__isnull=False)
        readable = Q(resource__network__is_public=True) | Q(resource__network_id=self.consultation.network_id)
        self.published = dict(
            Authorship.objects.filter(published, readable)
            .values("person_id")
            .annotate(n=Count("resource_id", distinct=True))
            .values_list("person_id", "n")
        )
        self.endorsed = dict(
            Endorsement.objects.filter(topic_id=topic_id, person__isnull=False)
            .values("person_id")
            .annotate(n=Count("pk"))
            .values_list("person_id", "n")
        )
        heads = representative_positions().filter(organization__strengths=topic_id).select_related("organization")
        for position in heads.order_by("organization__name", "id"):
            self.speaks_for.setdefault(position.person_id, position.organization)
        organization_ids = {organization.pk for organization in self.speaks_for.values()}
        self.organization_endorsed = dict(
            Endorsement.objects.filter(topic_id=topic_id, organization_id__in=organization_ids)
            .values("organization_id")
            .annotate(n=Count("pk"))
            .values_list("organization_id", "n")
        )
        return set(self.helped) | set(self.published) | set(self.endorsed) | set(self.speaks_for)

    def reasons_of(self, person: Person, strong: bool, topic_name: str) -> tuple[list[Reason], Organization | None]:
        reasons = []
        if strong:
            reasons.append(Reason("strength", WEIGHTS["strength"], name=topic_name))
        organization = self.speaks_for.get(person.pk)
        if organization is not None:
            from hevruta.core.names import local_name_text

            reasons.append(
                Reason("organization_strength", WEIGHTS["organization_strength"], name=local_name_text(organization))
            )
        for code, counts in (("helped", self.helped), ("published", self.published)):
            if counts.get(person.pk):
                reasons.append(_capped(code, counts[person.pk]))
        endorsements = self.endorsed.get(person.pk, 0)
        if organization is not None:
            endorsements += self.organization_endorsed.get(organization.pk, 0)
        if endorsements:
            reasons.append(_capped("endorsed", endorsements))
        return reasons, organization


def _strong(topic_id: int) -> Exists:
    return Exists(Person.strengths.through.objects.filter(person_id=OuterRef("pk"), topic_id=topic_id))


def _sectors(person_ids: list[int]) -> dict[int, set[str]]:
    sectors: dict[int, set[str]] = defaultdict(set)
    rows = Position.objects.filter(is_current(), person_id__in=person_ids).values_list(
        "person_id", "organization__sector"
    )
    for person_id, sector in rows:
        if sector:
            sectors[person_id].add(sector)
    return sectors


def _place_points(place: Place) -> Any:
    """The place's points as a database expression, for ranking the many who are only strong."""
    zero = Value(0, output_field=IntegerField())
    one = Value(1, output_field=IntegerField())
    cluster = (
        Case(
            When(locality__peripherality_cluster__range=(place.cluster - 1, place.cluster + 1), then=one), default=zero
        )
        if place.cluster is not None
        else zero
    )
    district = Case(When(locality__district=place.district, then=one), default=zero) if place.district else zero
    sector = (
        Case(
            When(
                Exists(Position.objects.filter(is_current(), person=OuterRef("pk"), organization__sector=place.sector)),
                then=one,
            ),
            default=zero,
        )
        if place.sector
        else zero
    )
    return cluster + district + sector


def suggest(consultation: Consultation, limit: int = DEFAULT_LIMIT) -> list[Suggestion]:
    from hevruta.core.names import local_name_text

    topic_name = local_name_text(consultation.topic)
    place = asker_place(consultation)
    pool = candidates(consultation)
    collector = _Collector(consultation)
    special_ids = collector.gather()
    suggestions = []
    # Those with more than a strength: few; read them all and count their points here.
    special = list(
        pool.filter(pk__in=special_ids).select_related("locality").annotate(strong=_strong(consultation.topic_id))
    )
    sectors = _sectors([person.pk for person in special])
    for person in special:
        reasons, organization = collector.reasons_of(person, person.strong, topic_name)  # type: ignore[attr-defined]
        locality = person.locality or (organization.locality if organization else None)
        cluster = getattr(locality, "peripherality_cluster", None)
        district = getattr(locality, "district", None)
        person_sectors = sectors.get(person.pk, set()) | (
            {organization.sector} if organization and organization.sector else set()
        )
        reasons += _place_reasons(place, cluster, district, person_sectors)
        suggestions.append(Suggestion(person=person, organization=organization, reasons=reasons))
    # Those only strong in the topic: the database ranks them by their place's points.
    only_strong = (
        pool.filter(_strong(consultation.topic_id))
        .exclude(pk__in=special_ids)
        .select_related("locality")
        .annotate(place_points=_place_points(place))
        .order_by("-place_points", "family_name", "given_name", "id")[:limit]
    )
    only_strong_list = list(only_strong)
    sectors = _sectors([person.pk for person in only_strong_list])
    for strong_person in only_strong_list:
        locality = strong_person.locality
        reasons = [Reason("strength", WEIGHTS["strength"], name=topic_name)]
        reasons += _place_reasons(
            place,
            getattr(locality, "peripherality_cluster", None),
            getattr(locality, "district", None),
            sectors.get(strong_person.pk, set()),
        )
        suggestions.append(Suggestion(person=strong_person, reasons=reasons))
    suggestions.sort(key=Suggestion.sort_key)
    chosen = suggestions[:limit]
    invited = set(consultation.invitations.values_list("person_id", flat=True))
    for suggestion in chosen:
        suggestion.invited = suggestion.person.pk in invited
    return chosen
