"""Who may do what in a community, declared once for pages and the API (services check the same)."""

import rules

from .models import Community, Post, Thread
from .queries import community_access


@rules.predicate
def can_view_community(user: object, community: Community) -> bool:
    return community_access(user, community).may_see


@rules.predicate
def can_read_community(user: object, community: Community) -> bool:
    return community_access(user, community).may_read


@rules.predicate
def can_post(user: object, community: Community) -> bool:
    return community_access(user, community).may_post


@rules.predicate
def facilitates(user: object, community: Community) -> bool:
    return community_access(user, community).is_facilitator


@rules.predicate
def can_read_thread(user: object, thread: Thread) -> bool:
    return community_access(user, thread.community).may_read


@rules.predicate
def moderates_post(user: object, post: Post) -> bool:
    return community_access(user, post.thread.community).is_facilitator


@rules.predicate
def moderates_thread(user: object, thread: Thread) -> bool:
    return community_access(user, thread.community).is_facilitator


rules.add_perm("communities.view_community", can_view_community)
rules.add_perm("communities.read_community", can_read_community)
rules.add_perm("communities.post", can_post)
rules.add_perm("communities.moderate", facilitates)
rules.add_perm("communities.read_thread", can_read_thread)
rules.add_perm("communities.moderate_post", moderates_post)
rules.add_perm("communities.remove_thread", moderates_thread)
