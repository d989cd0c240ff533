"""Whom a network's survey can be sent to from here (hevruta/surveys/audiences.py): the members of a
community. Secret communities are not offered: only their members know they exist."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from hevruta.directory.models import Network
from hevruta.surveys.audiences import Audience, register

from .models import Community, CommunityVisibility, Membership, MemberStatus


def _communities(scope: Any):  # type: ignore[no-untyped-def]
    if not isinstance(scope, Network):
        return Community.objects.none()
    return Community.objects.filter(network=scope).exclude(visibility=CommunityVisibility.SECRET)


def _members(scope: Any, community_id: int) -> list[tuple[Any, str]]:
    community = _communities(scope).filter(pk=community_id).first()
    if community is None:
        return []
    memberships = Membership.objects.filter(community=community, status=MemberStatus.ACTIVE).select_related("person")
    return [(membership.person, community.name) for membership in memberships]


register(
    Audience(
        key="communities.community",
        label=_("The members of a community"),
        options=lambda scope: [(community.pk, community.name) for community in _communities(scope).order_by("name")],
        people=_members,
    )
)
