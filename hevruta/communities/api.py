"""The communities API: communities, membership, threads and posts, reactions, reports, moderation.

Every answer goes through the same queries (`communities_visible_to`, `community_access`) and services
as the pages: a secret community is "not found" (404) to whoever is not in it, a closed one shows its
name and purpose but no threads (403). Errors are JSON with a `detail`.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Status, UploadedFile
from ninja.errors import HttpError

from hevruta.api.auth import OPTIONAL, REQUIRED
from hevruta.api.schemas import ErrorOut
from hevruta.api.types import PathId
from hevruta.core.search import QueryError, parse_query
from hevruta.directory.models import Person, Subject
from hevruta.directory.queries import is_network_manager, network_by_slug, networks_visible_to, people_visible_to

from . import queries, search, services
from .models import Attachment, Community, MemberStatus, ModerationAction, Post, PostStatus, Thread
from .schemas import (
    AccessOut,
    AttachmentOut,
    CommunityDetailOut,
    CommunityIn,
    CommunityInviteIn,
    CommunityPageOut,
    CommunityQuery,
    JoinIn,
    JoinRequestAnswerIn,
    MemberOut,
    MembershipOut,
    ModerateIn,
    ModerationOut,
    PostEditIn,
    PostIn,
    PostOut,
    ReactedOut,
    ReactionIn,
    ReasonIn,
    SearchOut,
    SharedOut,
    ShareIn,
    ThreadDetailOut,
    ThreadIn,
    ThreadPageOut,
)
from .views import attachment_response

router = Router(tags=["communities"])


@contextmanager
def refusals_as_400() -> Iterator[None]:
    try:
        yield
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            detail = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
        else:
            detail = " ".join(error.messages)
        raise HttpError(400, detail) from None


def _community(request: HttpRequest, community_id: int) -> tuple[Community, queries.CommunityAccess]:
    found = queries.visible_community(request.user, community_id)
    if found is None:
        raise Http404(_("No such community, or it is not shown to you."))
    return found


def _readable(request: HttpRequest, community_id: int) -> tuple[Community, queries.CommunityAccess]:
    community, access = _community(request, community_id)
    if not access.may_read:
        raise PermissionDenied(_("Only the community's members read its discussions."))
    return community, access


def _thread(request: HttpRequest, thread_id: int) -> tuple[Thread, queries.CommunityAccess]:
    found = queries.readable_thread(request.user, thread_id)
    if found is None:
        raise Http404(_("No such thread, or it is not shown to you."))
    return found


def _post(request: HttpRequest, post_id: int) -> Post:
    post = Post.objects.select_related("thread__community__network").filter(pk=post_id).first()
    if post is None or not queries.may_open(post.thread, queries.community_access(request.user, post.thread.community)):
        raise Http404(_("No such post, or it is not shown to you."))
    return post


def _row(community: Community, member_count: int | None = None) -> dict[str, Any]:
    return {
        "id": community.pk,
        "name": community.name,
        "purpose": community.purpose,
        "network": community.network.slug,
        "visibility": community.visibility,
        "subjects": [subject.slug for subject in community.subjects.all()],
        "roles": list(community.roles),
        "member_count": member_count if member_count is not None else getattr(community, "member_count", 0),
        "report_threshold": community.report_threshold,
        "url": reverse("communities:community", args=[community.pk]),
    }


def _detail(community: Community, access: queries.CommunityAccess) -> dict[str, Any]:
    you = AccessOut(
        may_read=access.may_read,
        is_member=access.is_member,
        is_facilitator=access.is_facilitator,
        status=access.status,
        join_mode=access.join_mode,
    )
    return {**_row(community, queries.member_count(community)), "you": you}


def _thread_row(thread: Thread) -> dict[str, Any]:
    return {
        "id": thread.pk,
        "community_id": thread.community_id,
        "title": thread.title,
        "author": thread.author.full_name if thread.author else "",
        "post_count": thread.post_count,
        "last_post_at": thread.last_post_at,
        "is_pinned": thread.is_pinned,
        "is_locked": thread.is_locked,
        "answer_id": thread.answer_id,
        "is_removed": thread.is_removed,
        "removal_reason": thread.removal_reason,
        "url": reverse("communities:thread", args=[thread.pk]),
    }


def _post_row(view: queries.PostView) -> dict[str, Any]:
    post = view.post
    return {
        "id": post.pk,
        "thread_id": post.thread_id,
        "author": post.author.full_name if post.author else "",
        "reply_to": post.reply_to_id,
        "status": post.status,
        "body": post.body if view.shows_text else "",
        "body_html": post.body_html if view.shows_text else "",
        "language": post.language,
        "created_at": post.created_at,
        "removal_reason": post.removal_reason,
        "edited_at": post.edited_at,
        "attachments": [
            _attachment_row(attachment) for attachment in (post.attachments.all() if view.shows_text else [])
        ],
        "reactions": [{"kind": kind, "count": count, "mine": mine} for kind, _s, count, mine in view.reactions],
    }


def _attachment_row(attachment: Attachment) -> dict[str, Any]:
    return {
        "id": attachment.pk,
        "name": attachment.original_name,
        "size": attachment.size,
        "mime_type": attachment.mime_type,
        "url": reverse("communities:attachment", args=[attachment.pk, attachment.original_name]),
        "download": reverse("api:download_community_attachment", args=[attachment.pk]),
    }


def _own_view(post: Post) -> queries.PostView:
    return queries.PostView(post=post, shows_text=True, reactions=[], is_answer=False)


# Across communities (before the paths with a community's id) -------------------------------------


@router.get(
    "/communities/search",
    response={200: SearchOut, 400: ErrorOut},
    auth=OPTIONAL,
    summary="Search communities and threads",
)
def search_communities(request: HttpRequest, q: str = "", limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Communities you may know of and threads you may read; secret ones only for their members. A query
    that has no word to search for (punctuation only, too long) is refused with 400."""
    if not q.strip():
        return {"items": [], "total": 0}
    try:
        query = parse_query(q.replace("\x00", ""))
    except QueryError as error:
        raise HttpError(400, error.message) from None
    results = search.find(request.user, query, limit=max(1, min(limit, 50)), offset=max(0, min(offset, 10_000)))
    items = []
    for hit in results.hits:
        is_thread = hit.kind == search.THREAD
        name = "communities:thread" if is_thread else "communities:community"
        items.append(
            {
                "kind": "thread" if is_thread else "community",
                "id": hit.object_id,
                "title_html": str(hit.title_html),
                "snippet_html": str(hit.snippet_html),
                "url": reverse(name, args=[hit.object_id]),
            }
        )
    return {"items": items, "total": results.total_estimate}


@router.get("/communities/posts/mine", response=list[PostOut], auth=REQUIRED, summary="Everything I wrote")
def list_my_posts(request: HttpRequest, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Your posts in every community, including those you left or were removed from."""
    offset, limit = max(0, min(offset, 100_000)), max(1, min(limit, 100))
    posts = queries.my_posts(request.user).select_related("author").prefetch_related("attachments")
    return [_post_row(_own_view(post)) for post in posts[offset : offset + limit]]


@router.get(
    "/communities/networks/{slug}/moderation", response=list[ModerationOut], auth=REQUIRED, summary="Moderation log"
)
def list_moderation_actions(request: HttpRequest, slug: str, limit: int = 50, offset: int = 0) -> list[dict]:
    """Every moderation act in the network's communities, for its managers."""
    network = network_by_slug(slug)
    if network is None or not networks_visible_to(request.user).filter(pk=network.pk).exists():
        raise Http404(_("No such network."))
    if not is_network_manager(request.user, network):
        raise PermissionDenied(_("Only the network's managers read its moderation log."))
    offset, limit = max(0, min(offset, 100_000)), max(1, min(limit, 100))
    actions: list[ModerationAction] = list(queries.moderation_log(request.user, network.pk)[offset : offset + limit])
    return [
        {
            "id": action.pk,
            "community_id": action.community_id,
            "community": action.community.name,
            "actor": action.actor.full_name if action.actor else "",
            "kind": action.kind,
            "thread_id": action.thread_id,
            "post_id": action.post_id,
            "person_id": action.person_id,
            "reason": action.reason,
            "created_at": action.created_at,
        }
        for action in actions
    ]


@router.get("/communities/threads/{thread_id}", response=ThreadDetailOut, auth=OPTIONAL, summary="A thread")
def get_thread(request: HttpRequest, thread_id: PathId, offset: int = 0, limit: int = 50) -> dict[str, Any]:
    thread, access = _thread(request, thread_id)
    size = max(1, min(limit, queries.POSTS_PER_PAGE))
    page_number = max(0, min(offset, 1_000_000)) // size + 1
    page, views = queries.post_page(thread, access, page_number)
    return {
        **_thread_row(thread),
        "posts": [_post_row(view) for view in views],
        "next_offset": page.number * page.size if page.has_next else None,
    }


@router.post("/communities/threads/{thread_id}/posts", response={201: PostOut}, auth=REQUIRED, summary="Reply")
def reply_in_thread(request: HttpRequest, thread_id: PathId, payload: PostIn) -> Status:
    thread, _access = _thread(request, thread_id)
    reply_to = None
    if payload.reply_to:
        reply_to = Post.objects.filter(pk=payload.reply_to, thread=thread).first()
        if reply_to is None:
            raise HttpError(400, "reply_to: " + _("You can reply only to a post of this thread."))
    with refusals_as_400():
        post = services.reply(request.user, thread, payload.body, reply_to=reply_to)
    return Status(201, _post_row(_own_view(post)))


@router.post("/communities/threads/{thread_id}/moderate", response=ThreadDetailOut, auth=REQUIRED)
def moderate_thread(request: HttpRequest, thread_id: PathId, payload: ModerateIn) -> dict[str, Any]:
    """Pin, lock, move a thread (facilitators), or mark its answer (its author or a facilitator)."""
    thread, _access = _thread(request, thread_id)
    with refusals_as_400():
        if payload.pinned is not None:
            services.set_pinned(request.user, thread, payload.pinned)
        if payload.locked is not None:
            services.set_locked(request.user, thread, payload.locked)
        if payload.answer or payload.not_answered:
            answer = Post.objects.filter(pk=payload.answer, thread=thread).first() if payload.answer else None
            if payload.answer and answer is None:
                raise ValidationError({"answer": _("The answer is one of the thread's shown posts.")})
            services.mark_answered(request.user, thread, answer)
        if payload.move_to:
            target = queries.visible_community(request.user, payload.move_to)
            if target is None:
                raise Http404(_("No such community, or it is not shown to you."))
            services.move_thread(request.user, thread, target[0])
    return get_thread(request, thread.pk)


@router.post(
    "/communities/threads/{thread_id}/remove",
    response=ThreadDetailOut,
    auth=REQUIRED,
    summary="Remove a thread",
)
def remove_community_thread(request: HttpRequest, thread_id: PathId, payload: ReasonIn) -> dict[str, Any]:
    """A facilitator removes a whole thread with a reason its author reads; it leaves lists and search."""
    thread, _access = _thread(request, thread_id)
    with refusals_as_400():
        services.remove_thread(request.user, thread, payload.reason)
    return get_thread(request, thread.pk)


@router.post(
    "/communities/threads/{thread_id}/restore",
    response=ThreadDetailOut,
    auth=REQUIRED,
    summary="Show a thread again",
)
def restore_community_thread(request: HttpRequest, thread_id: PathId) -> dict[str, Any]:
    thread, _access = _thread(request, thread_id)
    with refusals_as_400():
        services.restore_thread(request.user, thread)
    return get_thread(request, thread.pk)


@router.post("/communities/posts/{post_id}/reactions", response=ReactedOut, auth=REQUIRED, summary="React")
def react_to_post(request: HttpRequest, post_id: PathId, payload: ReactionIn) -> dict[str, Any]:
    post = _post(request, post_id)
    with refusals_as_400():
        on = services.react(request.user, post, payload.kind)
    return {"kind": payload.kind, "on": on}


@router.patch("/communities/posts/{post_id}", response=PostOut, auth=REQUIRED, summary="Edit your own post")
def edit_post(request: HttpRequest, post_id: PathId, payload: PostEditIn) -> dict[str, Any]:
    post = _post(request, post_id)
    with refusals_as_400():
        post = services.edit_post(request.user, post, payload.body)
    return _post_row(_own_view(post))


@router.post("/communities/posts/{post_id}/report", response=PostOut, auth=REQUIRED, summary="Report a post")
def report_post(request: HttpRequest, post_id: PathId, payload: ReasonIn) -> dict[str, Any]:
    post = _post(request, post_id)
    with refusals_as_400():
        post = services.report(request.user, post, payload.reason)
    access = queries.community_access(request.user, post.thread.community)
    shows = post.status == PostStatus.VISIBLE or access.may_moderate
    return _post_row(queries.PostView(post=post, shows_text=shows, reactions=[], is_answer=False))


@router.post("/communities/posts/{post_id}/remove", response=PostOut, auth=REQUIRED, summary="Remove a post")
def remove_post(request: HttpRequest, post_id: PathId, payload: ReasonIn) -> dict[str, Any]:
    post = _post(request, post_id)
    with refusals_as_400():
        post = services.remove_post(request.user, post, payload.reason)
    return _post_row(_own_view(post))


@router.post("/communities/posts/{post_id}/restore", response=PostOut, auth=REQUIRED, summary="Show a post again")
def restore_post(request: HttpRequest, post_id: PathId) -> dict[str, Any]:
    post = _post(request, post_id)
    with refusals_as_400():
        post = services.restore_post(request.user, post)
    return _post_row(_own_view(post))


@router.post(
    "/communities/posts/{post_id}/attachments",
    response={201: list[AttachmentOut]},
    auth=REQUIRED,
    summary="Attach files to your post",
)
def attach_to_community_post(request: HttpRequest, post_id: PathId, files: File[list[UploadedFile]]) -> Status:
    """Its author adds files (multipart, field `files`) to a post they wrote: PDF, images, office files,
    each within the size limit, at most five a post. A refused file refuses them all (400); nothing is
    stored."""
    post = _post(request, post_id)
    uploads = [services.Upload(name=f.name or "file", handle=f.file, size=f.size) for f in files]  # type: ignore[arg-type]
    with refusals_as_400():
        stored = services.attach_files(request.user, post, uploads)
    return Status(201, [_attachment_row(attachment) for attachment in stored])


@router.get(
    "/communities/attachments/{attachment_id}",
    auth=OPTIONAL,
    url_name="download_community_attachment",
    summary="Download a post's file",
    openapi_extra={
        "responses": {200: {"description": "The file, with its own type.", "content": {"application/octet-stream": {}}}}
    },
)
def download_community_attachment(request: HttpRequest, attachment_id: PathId) -> FileResponse:
    """The file, to whoever may read its post (the page's rule): 404 to anyone else."""
    return attachment_response(request.user, attachment_id)


# Communities -------------------------------------------------------------------------------------


@router.get("/communities", response=CommunityPageOut, auth=OPTIONAL, summary="Find communities")
def list_communities(request: HttpRequest, filters: Query[CommunityQuery]) -> dict[str, Any]:
    """Communities you may know of: never a secret one you are not in."""
    network_id = None
    if filters.network:
        network = network_by_slug(filters.network)
        network_id = network.pk if network else -1
    found = queries.community_list(request.user, network_id=network_id, query=filters.q.strip())
    rows = list(found.prefetch_related("subjects")[filters.offset : filters.offset + filters.limit + 1])
    more = len(rows) > filters.limit
    return {
        "items": [_row(community) for community in rows[: filters.limit]],
        "next_offset": filters.offset + filters.limit if more else None,
    }


@router.post("/communities", response={201: CommunityDetailOut}, auth=REQUIRED, summary="Open a community")
def create_community(request: HttpRequest, payload: CommunityIn) -> Status:
    network = network_by_slug(payload.network)
    if network is None or not networks_visible_to(request.user).filter(pk=network.pk).exists():
        raise HttpError(400, "network: " + _("No such network, or it is not shown to you."))
    subjects = list(Subject.objects.filter(slug__in=payload.subjects))
    if len(subjects) != len(set(payload.subjects)):
        raise HttpError(400, "subjects: " + _("Unknown subject."))
    data = services.CommunityInput(
        name=payload.name,
        purpose=payload.purpose,
        visibility=payload.visibility,
        subjects=subjects,
        roles=payload.roles,
        report_threshold=payload.report_threshold,
    )
    with refusals_as_400():
        community = services.create_community(request.user, network, data)
    return Status(201, _detail(community, queries.community_access(request.user, community)))


@router.get("/communities/{community_id}", response=CommunityDetailOut, auth=OPTIONAL, summary="A community")
def get_community(request: HttpRequest, community_id: PathId) -> dict[str, Any]:
    community, access = _community(request, community_id)
    return _detail(community, access)


@router.get("/communities/{community_id}/members", response=list[MemberOut], auth=OPTIONAL)
def list_community_members(request: HttpRequest, community_id: PathId) -> list[dict[str, Any]]:
    """Members (and, for its facilitators, requests and invitations); names only of profiles shown to you."""
    community, access = _readable(request, community_id)
    statuses: tuple[str, ...] = (MemberStatus.ACTIVE,)
    if access.is_facilitator:
        statuses += (MemberStatus.REQUESTED, MemberStatus.INVITED)
    listed = list(queries.members(community, statuses))
    named = set(
        people_visible_to(request.user).filter(pk__in=[m.person_id for m in listed]).values_list("pk", flat=True)
    )
    return [
        {
            "person_id": membership.person_id,
            "name": membership.person.full_name if membership.person_id in named else "",
            "role": membership.role,
            "status": membership.status,
        }
        for membership in listed
    ]


@router.post("/communities/{community_id}/join", response=MembershipOut, auth=REQUIRED, summary="Join")
def join_community(request: HttpRequest, community_id: PathId, payload: JoinIn) -> dict[str, Any]:
    """Joins at once (public, network), asks the facilitators (closed), or accepts an invitation."""
    community, _access = _community(request, community_id)
    with refusals_as_400():
        membership = services.join(request.user, community, payload.message)
    return {"community_id": community.pk, "status": membership.status, "role": membership.role}


@router.post("/communities/{community_id}/leave", response={204: None}, auth=REQUIRED, summary="Leave")
def leave_community(request: HttpRequest, community_id: PathId) -> Status:
    community, access = _community(request, community_id)
    with refusals_as_400():
        if access.is_invited:
            services.decline_invitation(request.user, community)
        else:
            services.leave(request.user, community)
    return Status(204, None)


@router.post("/communities/{community_id}/requests/{person_id}", response=MemberOut, auth=REQUIRED)
def answer_join_request(
    request: HttpRequest, community_id: PathId, person_id: PathId, payload: JoinRequestAnswerIn
) -> dict:
    community, _access = _community(request, community_id)
    with refusals_as_400():
        services.answer_request(request.user, community, person_id, payload.accept)
    person = Person.objects.get(pk=person_id)
    return {
        "person_id": person.pk,
        "name": person.full_name,
        "role": "member",
        "status": MemberStatus.ACTIVE if payload.accept else "",
    }


@router.post("/communities/{community_id}/invitations", response={201: MemberOut}, auth=REQUIRED)
def invite_to_community(request: HttpRequest, community_id: PathId, payload: CommunityInviteIn) -> Status:
    community, _access = _community(request, community_id)
    person = people_visible_to(request.user).filter(pk=payload.person_id).first()
    if person is None:
        raise Http404(_("No such person, or their profile is not shown to you."))
    with refusals_as_400():
        membership = services.invite(request.user, community, person)
    return Status(
        201, {"person_id": person.pk, "name": person.full_name, "role": membership.role, "status": membership.status}
    )


@router.post("/communities/{community_id}/members/{person_id}/remove", response=MemberOut, auth=REQUIRED)
def remove_community_member(
    request: HttpRequest, community_id: PathId, person_id: PathId, payload: ReasonIn
) -> dict[str, Any]:
    community, _access = _community(request, community_id)
    with refusals_as_400():
        membership = services.remove_member(request.user, community, person_id, payload.reason)
    return {"person_id": person_id, "name": "", "role": membership.role, "status": membership.status}


@router.get("/communities/{community_id}/threads", response=ThreadPageOut, auth=OPTIONAL, summary="Threads")
def list_threads(request: HttpRequest, community_id: PathId, offset: int = 0, limit: int = 25) -> dict[str, Any]:
    community, _access = _readable(request, community_id)
    size = max(1, min(limit, queries.THREADS_PER_PAGE))
    page = queries.thread_page(community, max(0, min(offset, 1_000_000)) // size + 1)
    return {
        "items": [_thread_row(thread) for thread in page.items],
        "next_offset": page.number * page.size if page.has_next else None,
    }


@router.post("/communities/{community_id}/threads", response={201: ThreadDetailOut}, auth=REQUIRED)
def start_thread(request: HttpRequest, community_id: PathId, payload: ThreadIn) -> Status:
    """A new thread with its first post; @[name] mentions members, who are told."""
    community, _access = _community(request, community_id)
    with refusals_as_400():
        thread = services.start_thread(request.user, community, payload.title, payload.body)
    return Status(201, get_thread(request, thread.pk))


@router.get("/communities/{community_id}/resources", response=list[SharedOut], auth=OPTIONAL)
def list_shared_resources(request: HttpRequest, community_id: PathId) -> list[dict[str, Any]]:
    community, _access = _readable(request, community_id)
    return [
        {
            "resource_id": shared.resource_id,
            "title": shared.resource.title,
            "note": shared.note,
            "url": reverse("knowledge:detail", args=[shared.resource_id]),
        }
        for shared in queries.shared_resources(request.user, community, limit=100)
    ]


@router.post("/communities/{community_id}/resources", response={201: SharedOut}, auth=REQUIRED)
def share_resource(request: HttpRequest, community_id: PathId, payload: ShareIn) -> Status:
    community, _access = _community(request, community_id)
    with refusals_as_400():
        shared = services.share_resource(request.user, community, payload.resource_id, payload.note)
    return Status(
        201,
        {
            "resource_id": shared.resource_id,
            "title": shared.resource.title,
            "note": shared.note,
            "url": reverse("knowledge:detail", args=[shared.resource_id]),
        },
    )
