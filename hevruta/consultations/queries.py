"""The read side of consultations: who may read which, the lists, the page, the home card and the
network managers' view of strengths (gaps, and strong members never asked).

A draft is its asker's alone; a private thread is read by its asker and the people invited to it; an
open thread also by the members of its network. Every list, count, search and API answer goes
through `consultations_visible_to`.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from hevruta.directory.models import (
    Network,
    NetworkMembership,
    NetworkOrganization,
    Organization,
    Person,
    Position,
    PositionRole,
    Topic,
    Visibility,
)
from hevruta.directory.queries import Viewer, viewer_for, without_nul

from .models import Answer, Consultation, ConsultationInvitation, Endorsement, Reply, Status, Thread

# Who speaks for an organization: its head (a city's head of education, a principal, a college's head
# of unit), or anyone in one of its senior management posts.
REPRESENTATIVE_ROLES = (PositionRole.DEPARTMENT_HEAD, PositionRole.PRINCIPAL, PositionRole.ACADEMIC_HEAD)


def is_current() -> Q:
    return Q(end_date__isnull=True) | Q(end_date__gte=timezone.localdate())


def representative_positions() -> QuerySet[Position]:
    return Position.objects.filter(is_current()).filter(Q(role__in=REPRESENTATIVE_ROLES) | Q(is_senior=True))


def organizations_represented_by(person_id: int | None) -> QuerySet[Organization]:
    if person_id is None:
        return Organization.objects.none()
    return Organization.objects.filter(
        Exists(representative_positions().filter(person_id=person_id, organization=OuterRef("pk")))
    ).order_by("name")


def _readable(viewer: Viewer) -> Q:
    """The condition for a consultation this viewer may read (the viewer is not the operator)."""
    condition = Q(pk__in=[])
    if viewer.person_id is None:
        return condition
    invited = ConsultationInvitation.objects.filter(consultation=OuterRef("pk"), person_id=viewer.person_id)
    condition = Q(asker_id=viewer.person_id) | (~Q(status=Status.DRAFT) & Q(Exists(invited)))
    if viewer.network_ids:
        condition |= ~Q(status=Status.DRAFT) & Q(thread=Thread.OPEN, network_id__in=viewer.network_ids)
    return condition


def consultations_visible_to(user: Any) -> QuerySet[Consultation]:
    viewer = viewer_for(user)
    if viewer.is_operator:
        return Consultation.objects.all()
    if viewer.person_id is None:
        return Consultation.objects.none()
    return Consultation.objects.filter(_readable(viewer))


def may_read(user: Any, consultation: Consultation) -> bool:
    return consultations_visible_to(user).filter(pk=consultation.pk).exists()


@dataclass
class ConsultationFilter:
    query: str = ""
    topic: str = ""
    status: str = ""
    network: int | None = None
    mine: bool = False


def search_consultations(user: Any, filters: ConsultationFilter) -> QuerySet[Consultation]:
    found = consultations_visible_to(user)
    # Titles are few per network and short: each word of the query is looked for as written.
    for term in without_nul(filters.query).split()[:8]:
        found = found.filter(title__icontains=term)
    if filters.topic:
        found = found.filter(topic__slug=filters.topic)
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.network:
        found = found.filter(network_id=filters.network)
    person_id = viewer_for(user).person_id
    if filters.mine and person_id is not None:
        found = found.filter(
            Q(asker_id=person_id)
            | Q(Exists(ConsultationInvitation.objects.filter(consultation=OuterRef("pk"), person_id=person_id)))
        )
    return found.select_related("topic", "network", "asker", "organization").order_by("-created_at", "-id")


def consultation_page(user: Any, pk: int) -> Consultation | None:
    """One consultation with everything its page shows, in a fixed number of queries."""
    return (
        consultations_visible_to(user)
        .filter(pk=pk)
        .select_related("topic", "network", "asker__locality", "organization__locality", "event")
        .prefetch_related(
            Prefetch(
                "invitations",
                queryset=ConsultationInvitation.objects.select_related("person", "organization").order_by(
                    "invited_at", "id"
                ),
            ),
            Prefetch("replies", queryset=Reply.objects.select_related("author").order_by("created_at", "id")),
            Prefetch("endorsements", queryset=Endorsement.objects.select_related("person", "organization")),
        )
        .first()
    )


def invitation_of(consultation: Consultation, person_id: int | None) -> ConsultationInvitation | None:
    """The viewer's own invitation, from the page's prefetched invitations."""
    for invitation in consultation.invitations.all():
        if invitation.person_id == person_id:
            return invitation
    return None


def participants(consultation: Consultation) -> list[Person]:
    """Who hears of a reply: the asker, those invited who did not decline, and whoever replied already
    (in an open thread, any member of the network may have)."""
    ids = {consultation.asker_id}
    ids |= set(consultation.invitations.exclude(answer=Answer.DECLINED).values_list("person_id", flat=True))
    ids |= set(consultation.replies.values_list("author_id", flat=True))
    return list(Person.objects.filter(pk__in=ids).select_related("user"))


def networks_to_ask(user: Any) -> QuerySet[Network]:
    return Network.objects.filter(pk__in=viewer_for(user).network_ids).order_by("name")


# The home card -------------------------------------------------------------------------------------


def consultations_card(user: Any) -> dict | None:
    """Consultations the person was invited to and is yet to answer, open ones on their strengths,
    and their own that are still going."""
    viewer = viewer_for(user)
    if viewer.person_id is None:
        return None
    visible = consultations_visible_to(user).select_related("topic")
    invited = list(
        visible.filter(
            status__in=[Status.OPEN, Status.IN_PROGRESS],
            invitations__person_id=viewer.person_id,
            invitations__answer=Answer.INVITED,
        )[:5]
    )
    strengths = Person.strengths.through.objects.filter(person_id=viewer.person_id).values("topic_id")
    on_my_strengths = list(
        visible.filter(status__in=[Status.OPEN, Status.IN_PROGRESS], thread=Thread.OPEN, topic_id__in=strengths)
        .exclude(asker_id=viewer.person_id)
        .exclude(pk__in=[c.pk for c in invited])[:5]
    )
    mine = list(
        visible.filter(asker_id=viewer.person_id).exclude(status=Status.CLOSED).order_by("-created_at", "-id")[:5]
    )
    return {"invited": invited, "on_my_strengths": on_my_strengths, "mine": mine, "may_ask": bool(viewer.network_ids)}


# Strengths kept honest: the network managers' view ---------------------------------------------------


@dataclass(frozen=True)
class TopicBalance:
    topic: Topic
    wanting: int
    strong: int

    @property
    def gap(self) -> int:
        return self.wanting - self.strong


def _count_by_topic(through: Any, owner: str, owner_ids: QuerySet) -> dict[int, int]:
    return dict(
        through.objects.filter(**{f"{owner}_id__in": owner_ids})
        .values("topic_id")
        .annotate(n=Count("pk"))
        .values_list("topic_id", "n")
    )


def topic_balance(network: Network) -> list[TopicBalance]:
    """For every topic, how many of the network's members (people and organizations) want to develop
    it and how many are strong in it; the widest gaps first."""
    people = NetworkMembership.objects.filter(network=network).values("person_id")
    organizations = NetworkOrganization.objects.filter(network=network).values("organization_id")
    wanting = _count_by_topic(Person.areas_to_develop.through, "person", people)
    strong = _count_by_topic(Person.strengths.through, "person", people)
    for topic_id, n in _count_by_topic(Organization.areas_to_develop.through, "organization", organizations).items():
        wanting[topic_id] = wanting.get(topic_id, 0) + n
    for topic_id, n in _count_by_topic(Organization.strengths.through, "organization", organizations).items():
        strong[topic_id] = strong.get(topic_id, 0) + n
    balances = [TopicBalance(topic, wanting.get(topic.pk, 0), strong.get(topic.pk, 0)) for topic in Topic.objects.all()]
    return sorted(balances, key=lambda b: (-b.gap, -b.wanting, b.topic.slug))


def strong_never_asked(network: Network, limit: int = 50) -> QuerySet[Person]:
    """Members strong in something whom no consultation has invited yet. A private profile stays out:
    it is "only me", even to the network's managers."""
    return (
        Person.objects.filter(memberships__network=network)
        .exclude(profile_visibility=Visibility.PRIVATE)
        .filter(Exists(Person.strengths.through.objects.filter(person_id=OuterRef("pk"))))
        .exclude(Exists(ConsultationInvitation.objects.filter(person_id=OuterRef("pk"))))
        .prefetch_related("strengths")
        .order_by("family_name", "given_name", "id")[:limit]
    )


def endorsement_counts(person_ids: list[int], topic_id: int) -> dict[int, int]:
    return dict(
        Endorsement.objects.filter(person_id__in=person_ids, topic_id=topic_id)
        .values("person_id")
        .annotate(n=Count("pk"))
        .values_list("person_id", "n")
    )


def endorsed_strengths(person_id: int) -> list[tuple[Topic, int]]:
    """The topics a person was endorsed for and by how many peers, most first: for their profile page,
    which decides first whether the viewer may see the profile at all. One query."""
    theirs = Endorsement.objects.filter(person_id=person_id)
    counts = theirs.filter(topic=OuterRef("pk")).values("topic").annotate(n=Count("pk")).values("n")
    topics = (
        Topic.objects.filter(pk__in=theirs.values("topic"))
        .annotate(endorsements=Subquery(counts))
        .order_by("-endorsements", "slug")
    )
    return [(topic, topic.endorsements) for topic in topics]
