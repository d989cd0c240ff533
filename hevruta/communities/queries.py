"""The read side of communities: who may see, read and moderate what, and the pages' queries.

- *listed* (`communities_visible_to`): public communities to anyone; members-of-the-network ones to the
  network's members; closed ones (name and purpose) to whoever may see the network; secret ones to
  their members and invitees only: never listed, counted, found or named to anyone else.
- *read* (`communities_readable_by`): public to anyone, network to the network's members, closed and
  secret to their active members only. Threads and posts follow their community.
- A post's author always reads their own posts, even after leaving or being removed (`my_posts`).
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse

from hevruta.core.pagination import Page, paginate
from hevruta.directory.queries import viewer_for

from .models import (
    Community,
    CommunityVisibility,
    MemberRole,
    Membership,
    MemberStatus,
    ModerationAction,
    Post,
    PostStatus,
    Reaction,
    ReactionKind,
    SharedResource,
    Thread,
    ThreadRead,
)

POSTS_PER_PAGE = 50
THREADS_PER_PAGE = 25
# Whoever is in a community's list in one of these states knows it exists.
KNOWN_TO = (MemberStatus.ACTIVE, MemberStatus.INVITED, MemberStatus.REQUESTED)


@dataclass(frozen=True)
class CommunityAccess:
    """What one user is in one community; one query (their membership), passed to templates."""

    community: Community
    person_id: int | None
    is_operator: bool
    in_network: bool
    manages_network: bool
    role: str = ""
    status: str = ""

    @property
    def is_member(self) -> bool:
        return self.status == MemberStatus.ACTIVE

    @property
    def is_facilitator(self) -> bool:
        return self.is_member and self.role == MemberRole.FACILITATOR

    @property
    def is_invited(self) -> bool:
        return self.status == MemberStatus.INVITED

    @property
    def has_asked(self) -> bool:
        return self.status == MemberStatus.REQUESTED

    @property
    def was_removed(self) -> bool:
        return self.status == MemberStatus.REMOVED

    @property
    def may_see(self) -> bool:
        visibility = self.community.visibility
        if self.is_operator or self.status in KNOWN_TO:
            return True
        if visibility == CommunityVisibility.PUBLIC:
            return True
        if visibility == CommunityVisibility.NETWORK:
            return self.in_network
        if visibility == CommunityVisibility.CLOSED:
            return self.in_network or self.community.network.is_public
        return False

    @property
    def may_read(self) -> bool:
        visibility = self.community.visibility
        if self.is_operator or self.is_member or visibility == CommunityVisibility.PUBLIC:
            return True
        return visibility == CommunityVisibility.NETWORK and self.in_network

    @property
    def may_post(self) -> bool:
        return self.is_member

    @property
    def may_moderate(self) -> bool:
        """Removes and restores posts and threads: its facilitators, and the managers of its network in a
        community whose threads they read (a closed or secret one only if they belong to it)."""
        return self.is_facilitator or (self.manages_network and self.may_read)

    @property
    def join_mode(self) -> str:
        """How this user would join: "open", "request", "accept" (an invitation waits), or "" (cannot)."""
        if self.person_id is None or self.is_member or self.was_removed or self.has_asked:
            return ""
        if self.is_invited:
            return "accept"
        if not self.in_network:
            return ""
        if self.community.visibility in (CommunityVisibility.PUBLIC, CommunityVisibility.NETWORK):
            return "open"
        if self.community.visibility == CommunityVisibility.CLOSED:
            return "request"
        return ""


def community_access(user: Any, community: Community) -> CommunityAccess:
    viewer = viewer_for(user)
    role, status = "", ""
    if viewer.person_id is not None:
        found = (
            Membership.objects.filter(community=community, person_id=viewer.person_id)
            .values_list("role", "status")
            .first()
        )
        if found:
            role, status = found
    return CommunityAccess(
        community=community,
        person_id=viewer.person_id,
        is_operator=viewer.is_operator,
        in_network=community.network_id in viewer.network_ids,
        manages_network=community.network_id in viewer.managed_network_ids,
        role=role,
        status=status,
    )


def _membership(person_id: int, statuses: tuple[str, ...]) -> Exists:
    return Exists(Membership.objects.filter(community=OuterRef("pk"), person_id=person_id, status__in=statuses))


def communities_visible_to(user: Any) -> QuerySet[Community]:
    """Communities this user may know of (lists, search, counts)."""
    viewer = viewer_for(user)
    if viewer.is_operator:
        return Community.objects.all()
    condition: Any = Q(visibility=CommunityVisibility.PUBLIC) | Q(
        visibility=CommunityVisibility.CLOSED, network__is_public=True
    )
    if viewer.network_ids:
        condition |= Q(
            visibility__in=(CommunityVisibility.NETWORK, CommunityVisibility.CLOSED), network_id__in=viewer.network_ids
        )
    if viewer.person_id:
        condition |= _membership(viewer.person_id, KNOWN_TO)
    return Community.objects.filter(condition)


def communities_readable_by(user: Any) -> QuerySet[Community]:
    """Communities whose threads and posts this user may read."""
    viewer = viewer_for(user)
    if viewer.is_operator:
        return Community.objects.all()
    condition: Any = Q(visibility=CommunityVisibility.PUBLIC)
    if viewer.network_ids:
        condition |= Q(visibility=CommunityVisibility.NETWORK, network_id__in=viewer.network_ids)
    if viewer.person_id:
        condition |= _membership(viewer.person_id, (MemberStatus.ACTIVE,))
    return Community.objects.filter(condition)


def threads_readable_by(user: Any) -> QuerySet[Thread]:
    """Threads this user may find (search): a removed thread is found by no one."""
    return Thread.objects.filter(community__in=communities_readable_by(user), is_removed=False)


def facilitated_communities(user: Any) -> QuerySet[Community]:
    person_id = viewer_for(user).person_id
    if person_id is None:
        return Community.objects.none()
    return Community.objects.filter(
        memberships__person_id=person_id,
        memberships__status=MemberStatus.ACTIVE,
        memberships__role=MemberRole.FACILITATOR,
    )


def visible_community(user: Any, pk: int) -> tuple[Community, CommunityAccess] | None:
    community = Community.objects.select_related("network").filter(pk=pk).first()
    if community is None:
        return None
    access = community_access(user, community)
    return (community, access) if access.may_see else None


def readable_thread(user: Any, pk: int) -> tuple[Thread, CommunityAccess] | None:
    thread = Thread.objects.select_related("community__network", "author").filter(pk=pk).first()
    if thread is None:
        return None
    access = community_access(user, thread.community)
    return (thread, access) if may_open(thread, access) else None


def may_open(thread: Thread, access: CommunityAccess) -> bool:
    """A removed thread opens only to its moderators and its author; any other to its readers."""
    if thread.is_removed:
        return access.may_moderate or _reads_own_removed(thread, access)
    return access.may_read


def _reads_own_removed(thread: Thread, access: CommunityAccess) -> bool:
    """The author of a removed thread reads it, with the reason, even after leaving the community."""
    return thread.is_removed and access.person_id is not None and access.person_id == thread.author_id


# Lists -------------------------------------------------------------------------------------------


def community_list(user: Any, *, network_id: int | None = None, query: str = "") -> QuerySet[Community]:
    communities = communities_visible_to(user).select_related("network")
    if network_id:
        communities = communities.filter(network_id=network_id)
    if query:
        communities = communities.filter(Q(name__icontains=query) | Q(purpose__icontains=query))
    return communities.annotate(
        member_count=Count("memberships", filter=Q(memberships__status=MemberStatus.ACTIVE), distinct=True)
    ).order_by("name", "id")


def thread_page(community: Community, page: object, *, with_removed: bool = False) -> Page:
    """A community's threads; removed ones only for its moderators (`with_removed`)."""
    threads = (
        Thread.objects.filter(community=community, **({} if with_removed else {"is_removed": False}))
        .select_related("author")
        .order_by("-is_pinned", "-last_post_at", "-id")
    )
    return paginate(threads, page, THREADS_PER_PAGE)


def shared_resources(user: Any, community: Community, limit: int = 10) -> list[SharedResource]:
    """Resources shared into the community that this user may also see in the knowledge center."""
    from hevruta.knowledge.queries import resources_visible_to

    return list(
        SharedResource.objects.filter(community=community, resource__in=resources_visible_to(user))
        .select_related("resource", "shared_by")
        .order_by("-created_at", "-id")[:limit]
    )


def member_count(community: Community) -> int:
    return Membership.objects.filter(community=community, status=MemberStatus.ACTIVE).count()


def members(community: Community, statuses: tuple[str, ...] = (MemberStatus.ACTIVE,)) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(community=community, status__in=statuses)
        .select_related("person")
        .order_by("-role", "person__family_name", "person__given_name", "id")
    )


@dataclass
class PostView:
    """A post as this viewer sees it: the text only when they may read it (removed and hidden posts)."""

    post: Post
    shows_text: bool
    reactions: list[tuple[str, str, int, bool]]  # (kind, symbol, count, mine)
    is_answer: bool
    action_url: str = ""  # the post's actions are this address followed by "react/", "report/"...


def _action_urls() -> str:
    """The address of a post's actions with a placeholder for its number: reversed once a page, not
    four times a post (fifty posts a page)."""
    return reverse("communities:post_action", args=[0, "react"]).removesuffix("0/react/") + "{}/"


def post_page(thread: Thread, access: CommunityAccess, page: object) -> tuple[Page, list[PostView]]:
    """One page of a thread's posts, with attachments and reactions in two more queries, whatever its size."""
    # Of the people and the post replied to, only what the page names: a post's author row is wide.
    names = ("id", "given_name", "family_name")
    posts = (
        Post.objects.filter(thread=thread)
        .select_related("author", "reply_to__author")
        .only(
            *(field.name for field in Post._meta.concrete_fields),
            *(f"author__{name}" for name in names),
            "reply_to__id",
            "reply_to__author_id",
            *(f"reply_to__author__{name}" for name in names),
        )
        .prefetch_related("attachments")
        .order_by("created_at", "id")
    )
    shown = paginate(posts, page, POSTS_PER_PAGE)
    reactions = _reactions([post.pk for post in shown.items], access.person_id)
    action_url = _action_urls()
    views = [
        PostView(
            post=post,
            shows_text=post.status == PostStatus.VISIBLE
            or access.may_moderate
            or (access.person_id is not None and post.author_id == access.person_id),
            reactions=reactions.get(post.pk, []),
            is_answer=post.pk == thread.answer_id,
            action_url=action_url.format(post.pk),
        )
        for post in shown.items
    ]
    return shown, views


def _reactions(post_ids: list[int], person_id: int | None) -> dict[int, list[tuple[str, str, int, bool]]]:
    if not post_ids:
        return {}
    mine_filter = Q(person_id=person_id) if person_id else Q(pk__in=[])
    rows = (
        Reaction.objects.filter(post_id__in=post_ids)
        .values("post_id", "kind")
        .annotate(count=Count("id"), mine=Count("id", filter=mine_filter))
        .order_by("post_id", "kind")
    )
    symbols = dict(ReactionKind.choices)
    result: dict[int, list[tuple[str, str, int, bool]]] = {}
    for row in rows:
        result.setdefault(row["post_id"], []).append(
            (row["kind"], str(symbols[row["kind"]]), row["count"], bool(row["mine"]))
        )
    return result


def my_posts(user: Any) -> QuerySet[Post]:
    """Everything this person wrote, wherever it is and whatever became of their membership."""
    person_id = viewer_for(user).person_id
    if person_id is None:
        return Post.objects.none()
    return Post.objects.filter(author_id=person_id).select_related("thread__community").order_by("-created_at", "-id")


def hidden_posts(community: Community) -> QuerySet[Post]:
    """Posts waiting for a moderator's decision, because members reported them."""
    return (
        Post.objects.filter(thread__community=community, status=PostStatus.HIDDEN)
        .select_related("thread", "author")
        .order_by("created_at")
    )


def moderation_log(user: Any, network_id: int) -> QuerySet[ModerationAction]:
    """A network's moderation, for its managers: of the communities they may know of (a secret
    community's acts only to a manager who belongs to it)."""
    return (
        ModerationAction.objects.filter(network_id=network_id, community__in=communities_visible_to(user))
        .select_related("community", "actor", "thread", "person")
        .order_by("-created_at", "-id")
    )


# Home --------------------------------------------------------------------------------------------


def my_communities_card(user: Any) -> dict | None:
    """The communities I belong to, each with how many of its threads have posts I have not read:
    two queries, whatever the number of communities and threads."""
    person_id = viewer_for(user).person_id
    if person_id is None:
        return None
    communities = list(
        Community.objects.filter(memberships__person_id=person_id, memberships__status=MemberStatus.ACTIVE)
        .select_related("network")
        .order_by("name", "id")[:12]
    )
    unread: dict[int, int] = {}
    if communities:
        read = ThreadRead.objects.filter(
            thread=OuterRef("pk"), person_id=person_id, read_at__gte=OuterRef("last_post_at")
        )
        unread = dict(
            Thread.objects.filter(community__in=[community.pk for community in communities], is_removed=False)
            .exclude(author_id=person_id, post_count=1)
            .filter(~Exists(read))
            .values("community_id")
            .annotate(count=Count("id"))
            .values_list("community_id", "count")
        )
    for community in communities:
        community.unread = unread.get(community.pk, 0)  # type: ignore[attr-defined]
    return {"communities": communities}


def last_reads(person_id: int | None, thread_ids: list[int]) -> dict[int, Any]:
    if person_id is None or not thread_ids:
        return {}
    return dict(
        ThreadRead.objects.filter(person_id=person_id, thread_id__in=thread_ids).values_list("thread_id", "read_at")
    )
