"""What communities can measure for a network (docs/insights.md). Secret communities are never counted."""

from datetime import date, datetime, time
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hevruta.insights.measures import Measure, Unit, register

from .models import Community, CommunityVisibility, Membership, MemberStatus, Post


def _period(start: date, end: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return datetime.combine(start, time.min, zone), datetime.combine(end, time.max, zone)


def _network_id(scope: Any) -> int | None:
    from hevruta.directory.models import Network

    return scope.pk if isinstance(scope, Network) else None


def _counted_posts(scope: Any, start: date, end: date) -> Any:
    network_id = _network_id(scope)
    if network_id is None:
        return None
    return Post.objects.filter(
        thread__community__network_id=network_id, thread__is_removed=False, created_at__range=_period(start, end)
    ).exclude(thread__community__visibility=CommunityVisibility.SECRET)


def active_communities(scope: Any, start: date, end: date) -> float | None:
    posts = _counted_posts(scope, start, end)
    return None if posts is None else float(posts.values("thread__community").distinct().count())


def posts(scope: Any, start: date, end: date) -> float | None:
    found = _counted_posts(scope, start, end)
    return None if found is None else float(found.count())


def member_organizations(scope: Any, start: date, end: date) -> float | None:
    """Organizations whose people (by their current positions) belong to the network's communities."""
    network_id = _network_id(scope)
    if network_id is None:
        return None
    today = timezone.localdate()
    memberships = Membership.objects.filter(
        community__network_id=network_id, status=MemberStatus.ACTIVE, joined_at__lte=_period(start, end)[1]
    ).exclude(community__visibility=CommunityVisibility.SECRET)
    current = Q(person__positions__end_date__isnull=True) | Q(person__positions__end_date__gte=today)
    return float(memberships.filter(current).values("person__positions__organization").distinct().count())


def communities_count(scope: Any, start: date, end: date) -> float | None:
    network_id = _network_id(scope)
    if network_id is None:
        return None
    return float(
        Community.objects.filter(network_id=network_id, created_at__lte=_period(start, end)[1])
        .exclude(visibility=CommunityVisibility.SECRET)
        .count()
    )


register(
    Measure(
        key="communities.active",
        label=_("Active communities"),
        unit=Unit.COUNT,
        description=_("Communities of the network with at least one post in the period (secret ones are not counted)."),
        compute=active_communities,
    )
)
register(
    Measure(
        key="communities.posts",
        label=_("Posts in communities"),
        unit=Unit.COUNT,
        description=_("Posts written in the network's communities in the period (secret ones are not counted)."),
        compute=posts,
    )
)
register(
    Measure(
        key="communities.member_organizations",
        label=_("Organizations in communities"),
        unit=Unit.COUNT,
        description=_(
            "Different organizations whose people are members of the network's communities: how far "
            "communities reach across organizations."
        ),
        compute=member_organizations,
    )
)
register(
    Measure(
        key="communities.communities",
        label=_("Communities"),
        unit=Unit.COUNT,
        description=_("Communities of the network at the end of the period (secret ones are not counted)."),
        compute=communities_count,
    )
)
