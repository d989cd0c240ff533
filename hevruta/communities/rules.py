"""Who may do what in a community, declared once for pages and the API (services check the same)."""

import rules

from .models import Attachment, Community, Post, PostStatus, Thread
from .queries import community_access, may_open


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
    """Removes or shows again a post: the community's facilitators, and its network's managers where
    they read the community (`CommunityAccess.may_moderate`); never a manager of another network."""
    return community_access(user, post.thread.community).may_moderate


@rules.predicate
def moderates_thread(user: object, thread: Thread) -> bool:
    return community_access(user, thread.community).may_moderate


@rules.predicate
def can_download(user: object, attachment: Attachment) -> bool:
    """A post's file goes to its author, and to whoever opens its thread (a removed thread: its
    moderators and author) while the post is shown (a hidden or removed one: its moderators)."""
    post = attachment.post
    access = community_access(user, post.thread.community)
    if access.person_id is not None and post.author_id == access.person_id:
        return True
    return may_open(post.thread, access) and (post.status == PostStatus.VISIBLE or access.may_moderate)


rules.add_perm("communities.view_community", can_view_community)
rules.add_perm("communities.read_community", can_read_community)
rules.add_perm("communities.post", can_post)
rules.add_perm("communities.moderate", facilitates)
rules.add_perm("communities.read_thread", can_read_thread)
rules.add_perm("communities.moderate_post", moderates_post)
rules.add_perm("communities.moderate_thread", moderates_thread)
rules.add_perm("communities.download_attachment", can_download)
