"""Every write of communities, one transaction each; permissions are checked here, for pages and API alike.

Side effects live here too: notices (notices.py), activity for insights, the search index (after commit)
and the moderation log.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import IO, Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hevruta.directory.models import Network, NetworkMembership, Person, PositionRole, Subject
from hevruta.directory.queries import people_visible_to, viewer_for
from hevruta.directory.services import ensure_person_for_user
from hevruta.insights import activity
from hevruta.notifications.services import notify

from . import notices, search
from .models import (
    MAX_ATTACHMENTS,
    MAX_NAME_CHARS,
    MAX_PURPOSE_CHARS,
    Attachment,
    Community,
    CommunityVisibility,
    MemberRole,
    Membership,
    MemberStatus,
    Mention,
    ModerationAction,
    ModerationKind,
    Post,
    PostStatus,
    Reaction,
    ReactionKind,
    Report,
    SharedResource,
    Thread,
    ThreadRead,
)
from .queries import CommunityAccess, community_access
from .text import clean_body, clean_title, mentioned_names, name_key, render_post


@dataclass
class Upload:
    """A file on its way in: its name as the person's computer called it, and its bytes."""

    name: str
    handle: IO[bytes]
    size: int | None = None


@dataclass
class CommunityInput:
    name: str
    purpose: str = ""
    visibility: str = CommunityVisibility.NETWORK
    subjects: Sequence[Subject] = ()
    roles: Sequence[str] = ()
    report_threshold: int = 3
    language: str = ""


@dataclass
class Written:
    """What a new post did, for the page to tell its writer."""

    post: Post
    mentioned: list[Person] = field(default_factory=list)


def _person(user: Any) -> Person:
    return ensure_person_for_user(user)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _user_of(person: Person | None) -> Any:
    return person.user if person is not None and person.user_id else None


def _guess_language(text: str) -> str:
    from hevruta.knowledge.services.resources import guess_language

    return guess_language(text)


def _log(community: Community, actor: Person | None, kind: str, **about: Any) -> None:
    ModerationAction.objects.create(
        community=community, network_id=community.network_id, actor=actor, kind=kind, **about
    )


def _facilitator_users(community: Community) -> list[Any]:
    return [
        membership.person.user
        for membership in Membership.objects.filter(
            community=community, status=MemberStatus.ACTIVE, role=MemberRole.FACILITATOR, person__user__isnull=False
        ).select_related("person__user")
    ]


def _organization_of(person: Person) -> Any:
    """Where the person acts from, for insights: their latest current position's organization."""
    from django.db.models import Q

    position = (
        person.positions.filter(Q(end_date__isnull=True) | Q(end_date__gte=timezone.localdate()))
        .select_related("organization__locality")
        .order_by(F("start_date").desc(nulls_last=True), "-id")
        .first()
    )
    return position.organization if position else None


def _record(kind: str, person: Person, community: Community, subject: Any) -> None:
    # A secret community stays out of every count, the network's dashboards included.
    if community.visibility == CommunityVisibility.SECRET:
        return
    activity.record(
        kind, person=person, organization=_organization_of(person), network=community.network, subject=subject
    )


# Communities -------------------------------------------------------------------------------------


def _validate_community(data: CommunityInput) -> None:
    errors: dict[str, list[str]] = {}
    from hevruta.core.text import strip_bidi_controls

    data.name = " ".join(strip_bidi_controls((data.name or "").replace("\x00", "")).split())
    data.purpose = (data.purpose or "").replace("\x00", "").strip()
    if not data.name:
        errors["name"] = [_("A community needs a name.")]
    elif len(data.name) > MAX_NAME_CHARS:
        errors["name"] = [_("The name is at most %(limit)s characters long.") % {"limit": MAX_NAME_CHARS}]
    if len(data.purpose) > MAX_PURPOSE_CHARS:
        errors["purpose"] = [
            _("The purpose is at most %(limit)s characters long.") % {"limit": f"{MAX_PURPOSE_CHARS:,}"}
        ]
    if data.visibility not in CommunityVisibility.values:
        errors["visibility"] = [_("Choose who may see the community.")]
    unknown = [role for role in data.roles if role not in PositionRole.values]
    if unknown:
        errors["roles"] = [_("Unknown roles: %(roles)s.") % {"roles": ", ".join(unknown[:5])}]
    if not 1 <= int(data.report_threshold or 0) <= 50:
        errors["report_threshold"] = [_("The number of reports that hide a post is from 1 to 50.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_community(user: Any, network: Network, data: CommunityInput) -> Community:
    """A member of a network opens a community in it, and facilitates it."""
    person = _person(user)
    viewer = viewer_for(user)
    _require(
        viewer.is_operator or NetworkMembership.objects.filter(network=network, person=person).exists(),
        _("You can open a community only in a network you belong to."),
    )
    _validate_community(data)
    community = Community.objects.create(
        network=network,
        name=data.name,
        purpose=data.purpose,
        purpose_language=data.language or _guess_language(data.name + " " + data.purpose),
        visibility=data.visibility,
        roles=list(dict.fromkeys(data.roles)),
        report_threshold=data.report_threshold,
        created_by=person,
    )
    community.subjects.set(data.subjects)
    Membership.objects.create(community=community, person=person, role=MemberRole.FACILITATOR, joined_at=timezone.now())
    search.index_community_on_commit(community.pk)
    return community


@transaction.atomic
def update_community(user: Any, community: Community, data: CommunityInput) -> Community:
    _require(community_access(user, community).is_facilitator, _("Only the community's facilitators may change it."))
    _validate_community(data)
    community.name, community.purpose, community.visibility = data.name, data.purpose, data.visibility
    community.roles = list(dict.fromkeys(data.roles))
    community.report_threshold = data.report_threshold
    community.purpose_language = data.language or _guess_language(data.name + " " + data.purpose)
    community.save()
    community.subjects.set(data.subjects)
    search.index_community_on_commit(community.pk)
    return community


# Membership --------------------------------------------------------------------------------------


@transaction.atomic
def join(user: Any, community: Community, message: str = "") -> Membership:
    """Joins at once (public, network), asks the facilitators (closed) or accepts an invitation (secret)."""
    person = _person(user)
    access = community_access(user, community)
    mode = access.join_mode
    if access.is_member:
        raise ValidationError(_("You are already a member of this community."))
    if access.was_removed:
        raise PermissionDenied(_("You were removed from this community; ask its facilitators to let you back."))
    if access.has_asked:
        raise ValidationError(_("You have already asked to join; the facilitators will answer."))
    _require(bool(mode), _("Only members of the community's network may join it."))
    membership, _created = Membership.objects.select_for_update().get_or_create(community=community, person=person)
    if mode == "request":
        membership.status, membership.message = MemberStatus.REQUESTED, (message or "")[:2000]
        membership.save(update_fields=["status", "message"])
        notify(
            _facilitator_users(community),
            notices.JOIN_REQUESTED,
            url=reverse("communities:members", args=[community.pk]),
            context={"person": person.full_name, "community": community.name},
            actor=user,
        )
        return membership
    membership.status, membership.joined_at = MemberStatus.ACTIVE, timezone.now()
    membership.save(update_fields=["status", "joined_at"])
    _record("communities.joined", person, community, community)
    return membership


@transaction.atomic
def leave(user: Any, community: Community) -> None:
    person = _person(user)
    membership = Membership.objects.select_for_update().filter(community=community, person=person).first()
    if membership is None or membership.status == MemberStatus.REMOVED:
        raise ValidationError(_("You are not a member of this community."))
    if membership.is_facilitator and not (
        Membership.objects.filter(community=community, status=MemberStatus.ACTIVE, role=MemberRole.FACILITATOR)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise ValidationError(_("You are its only facilitator: name another facilitator before you leave."))
    membership.delete()


def _membership_of(community: Community, person_id: int, statuses: tuple[str, ...]) -> Membership:
    membership = (
        Membership.objects.select_for_update()
        .select_related("person")
        .filter(community=community, person_id=person_id, status__in=statuses)
        .first()
    )
    if membership is None:
        raise ValidationError(_("This person is not in the community's list in that state."))
    return membership


@transaction.atomic
def answer_request(user: Any, community: Community, person_id: int, accept: bool) -> Membership | None:
    _require(community_access(user, community).is_facilitator, _("Only the community's facilitators may answer."))
    membership = _membership_of(community, person_id, (MemberStatus.REQUESTED,))
    person, actor = membership.person, _person(user)
    if accept:
        membership.status, membership.joined_at = MemberStatus.ACTIVE, timezone.now()
        membership.save(update_fields=["status", "joined_at"])
        _record("communities.joined", person, community, community)
    else:
        membership.delete()
    _log(community, actor, ModerationKind.APPROVE_MEMBER if accept else ModerationKind.DECLINE_MEMBER, person=person)
    # A declined request to a closed community may still be told: its name and purpose are listed.
    notify(
        [_user_of(person)],
        notices.JOIN_ANSWERED,
        url=reverse("communities:community", args=[community.pk]),
        context={"community": community.name, "accepted": accept},
        actor=user,
    )
    return membership if accept else None


@transaction.atomic
def invite(user: Any, community: Community, person: Person) -> Membership:
    """A facilitator invites a member of the network (the one way into a secret community)."""
    _require(community_access(user, community).is_facilitator, _("Only the community's facilitators may invite."))
    if not NetworkMembership.objects.filter(network_id=community.network_id, person=person).exists():
        raise ValidationError(_("Only members of the community's network can be invited."))
    membership, created = Membership.objects.select_for_update().get_or_create(
        community=community, person=person, defaults={"status": MemberStatus.INVITED}
    )
    if not created:
        if membership.status in (MemberStatus.ACTIVE, MemberStatus.INVITED):
            raise ValidationError(_("%(name)s is already a member or invited.") % {"name": person.full_name})
        membership.status = MemberStatus.INVITED
        membership.save(update_fields=["status"])
    _log(community, _person(user), ModerationKind.INVITE, person=person)
    notify(
        [_user_of(person)],
        notices.INVITED,
        url=reverse("communities:community", args=[community.pk]),
        context={"community": community.name, "inviter": _person(user).full_name},
        actor=user,
    )
    return membership


@transaction.atomic
def decline_invitation(user: Any, community: Community) -> None:
    person = _person(user)
    _membership_of(community, person.pk, (MemberStatus.INVITED,)).delete()


@transaction.atomic
def remove_member(user: Any, community: Community, person_id: int, reason: str = "") -> Membership:
    """The person stays in the list as removed: they cannot join again on their own, and keep reading
    their own past posts (queries.my_posts)."""
    _require(
        community_access(user, community).is_facilitator, _("Only the community's facilitators may remove members.")
    )
    actor = _person(user)
    if person_id == actor.pk:
        raise ValidationError(_("Leave the community instead of removing yourself."))
    membership = _membership_of(community, person_id, (MemberStatus.ACTIVE, MemberStatus.INVITED))
    membership.status = MemberStatus.REMOVED
    membership.save(update_fields=["status"])
    _log(community, actor, ModerationKind.REMOVE_MEMBER, person=membership.person, reason=(reason or "")[:1000])
    return membership


@transaction.atomic
def make_facilitator(user: Any, community: Community, person_id: int, facilitator: bool = True) -> Membership:
    _require(community_access(user, community).is_facilitator, _("Only the community's facilitators may do this."))
    membership = _membership_of(community, person_id, (MemberStatus.ACTIVE,))
    membership.role = MemberRole.FACILITATOR if facilitator else MemberRole.MEMBER
    membership.save(update_fields=["role"])
    return membership


# Threads and posts -------------------------------------------------------------------------------


def _check_uploads(uploads: Sequence[Upload]) -> list[tuple[Upload, Any]]:
    from hevruta.knowledge.uploads import check_upload

    if len(uploads) > MAX_ATTACHMENTS:
        raise ValidationError({"attachments": _("At most %(limit)s files a post.") % {"limit": MAX_ATTACHMENTS}})
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append((upload, check_upload(upload.name, upload.handle, upload.size)))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError({"attachments": errors})
    return checked


def _resolve_mentions(user: Any, community: Community, body: str) -> list[Person]:
    """The members named with @[name]; refuses a name that is not an active member the writer may see,
    so that nobody outside is named, told, or learns that the community exists."""
    names = mentioned_names(body)
    if not names:
        return []
    wanted = {name_key(name) for name in names}
    candidates = people_visible_to(user).filter(
        community_memberships__community=community, community_memberships__status=MemberStatus.ACTIVE
    )
    found: dict[str, list[Person]] = {}
    for person in candidates.select_related("user"):
        key = name_key(person.full_name)
        if key in wanted:
            found.setdefault(key, []).append(person)
    missing = [name for name in names if name_key(name) not in found]
    if missing:
        raise ValidationError(
            {
                "body": _(
                    "Only members of this community can be mentioned, and %(names)s is not one of them. "
                    "Remove the mention, or invite them to the community first."
                )
                % {"names": ", ".join(f"“{name}”" for name in missing[:5])}
            }
        )
    return [person for people in found.values() for person in people]


def _store_attachments(post: Post, checked: list[tuple[Upload, Any]]) -> list[Attachment]:
    stored = []
    for upload, info in checked:
        upload.handle.seek(0)
        attachment = Attachment(post=post, original_name=info.name, mime_type=info.mime_type, size=info.size)
        attachment.file.save(info.name, File(upload.handle, name=info.name), save=False)
        attachment.save()
        stored.append(attachment)
    return stored


def _write_post(
    user: Any,
    access: CommunityAccess,
    thread: Thread,
    body: str,
    reply_to: Post | None,
    checked: list[tuple[Upload, Any]],
    mentioned: list[Person],
) -> Post:
    community = access.community
    person = _person(user)
    post = Post.objects.create(
        thread=thread,
        author=person,
        reply_to=reply_to,
        body=body,
        body_html=render_post(body, {name_key(p.full_name) for p in mentioned}),
        language=_guess_language(body),
    )
    _store_attachments(post, checked)
    Mention.objects.bulk_create([Mention(post=post, person=mentioned_person) for mentioned_person in mentioned])
    Thread.objects.filter(pk=thread.pk).update(post_count=F("post_count") + 1, last_post_at=post.created_at)
    ThreadRead.objects.update_or_create(thread=thread, person=person, defaults={"read_at": post.created_at})
    url = reverse("communities:thread", args=[thread.pk]) + f"#post-{post.pk}"
    context = {"person": person.full_name, "title": thread.title, "community": community.name}
    # Active members read the community whatever its visibility: exactly the mentioned ones are told.
    notify([_user_of(p) for p in mentioned], notices.MENTIONED, url=url, context=context, actor=user)
    told = {p.pk for p in mentioned}
    author = thread.author
    if (
        author is not None
        and author.pk not in told | {person.pk}
        and author.user_id
        and community_access(author.user, community).may_read
    ):
        notify([author.user], notices.REPLIED, url=url, context=context, actor=user)
    _record("communities.posted", person, community, post)
    search.index_thread_on_commit(thread.pk)
    return post


@transaction.atomic
def start_thread(user: Any, community: Community, title: str, body: str, uploads: Sequence[Upload] = ()) -> Thread:
    access = community_access(user, community)
    _require(access.may_post, _("Only members of the community may post in it."))
    errors: dict[str, list[str]] = {}
    cleaned_title = cleaned_body = ""
    for key, clean, value in (("title", clean_title, title), ("body", clean_body, body)):
        try:
            if key == "title":
                cleaned_title = clean(value)
            else:
                cleaned_body = clean(value)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    mentioned = _resolve_mentions(user, community, cleaned_body)
    checked = _check_uploads(uploads)
    thread = Thread.objects.create(
        community=community, title=cleaned_title, author=_person(user), last_post_at=timezone.now()
    )
    _write_post(user, access, thread, cleaned_body, None, checked, mentioned)
    thread.refresh_from_db()
    return thread


@transaction.atomic
def reply(
    user: Any, thread: Thread, body: str, *, reply_to: Post | None = None, uploads: Sequence[Upload] = ()
) -> Post:
    thread = (
        Thread.objects.select_for_update(of=("self",))
        .select_related("community__network", "author__user")
        .get(pk=thread.pk)
    )
    access = community_access(user, thread.community)
    _require(access.may_post, _("Only members of the community may post in it."))
    _require(not thread.is_removed, _("This thread was removed: no more replies."))
    if thread.is_locked and not access.is_facilitator:
        raise PermissionDenied(_("This thread is locked: no more replies."))
    if reply_to is not None and reply_to.thread_id != thread.pk:
        raise ValidationError({"reply_to": _("You can reply only to a post of this thread.")})
    cleaned = clean_body(body)
    mentioned = _resolve_mentions(user, thread.community, cleaned)
    checked = _check_uploads(uploads)
    return _write_post(user, access, thread, cleaned, reply_to, checked, mentioned)


@transaction.atomic
def edit_post(user: Any, post: Post, body: str) -> Post:
    """Its author changes a post, within the rules of writing one: still a member who may post, the
    thread not locked, the post neither hidden nor removed (an edit does not undo moderation), the same
    limits and mentions. Whoever is newly mentioned is told; the act is in the moderation log."""
    post = (
        Post.objects.select_for_update(of=("self",))
        .select_related("thread__community__network", "author__user")
        .get(pk=post.pk)
    )
    thread, community = post.thread, post.thread.community
    access = community_access(user, community)
    person = _person(user)
    _require(post.author_id == person.pk, _("Only its author may edit a post."))
    _require(access.may_post, _("Only members of the community may post in it."))
    _require(not thread.is_removed, _("This thread was removed: no more replies."))
    if thread.is_locked and not access.is_facilitator:
        raise PermissionDenied(_("This thread is locked: no more replies."))
    if post.status != PostStatus.VISIBLE:
        raise ValidationError({"body": _("A post that is hidden or removed can no longer be edited.")})
    cleaned = clean_body(body)
    mentioned = _resolve_mentions(user, community, cleaned)
    before = set(Mention.objects.filter(post=post).values_list("person_id", flat=True))
    post.body = cleaned
    post.body_html = render_post(cleaned, {name_key(p.full_name) for p in mentioned})
    post.language = _guess_language(cleaned)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "language", "edited_at"])
    Mention.objects.filter(post=post).exclude(person__in=mentioned).delete()
    newly = [p for p in mentioned if p.pk not in before]
    Mention.objects.bulk_create([Mention(post=post, person=p) for p in newly])
    _log(community, person, ModerationKind.EDIT_POST, thread=thread, post=post, person=person)
    url = reverse("communities:thread", args=[thread.pk]) + f"#post-{post.pk}"
    context = {"person": person.full_name, "title": thread.title, "community": community.name}
    notify([_user_of(p) for p in newly], notices.MENTIONED, url=url, context=context, actor=user)
    search.index_thread_on_commit(thread.pk)
    return post


@transaction.atomic
def attach_files(user: Any, post: Post, uploads: Sequence[Upload]) -> list[Attachment]:
    """Its author adds files to a post (the API's way to attach: a post is written as JSON, its files
    follow), within the rules of writing one, as an edit: still a member, the thread neither removed
    nor locked, the post shown, at most MAX_ATTACHMENTS files in all. Every file is checked before
    any is stored: one refused file refuses them all."""
    post = (
        Post.objects.select_for_update(of=("self",))
        .select_related("thread__community__network", "author__user")
        .get(pk=post.pk)
    )
    thread = post.thread
    access = community_access(user, thread.community)
    _require(
        post.author_id is not None and post.author_id == access.person_id, _("Only its author may add files to a post.")
    )
    _require(access.may_post, _("Only members of the community may post in it."))
    _require(not thread.is_removed, _("This thread was removed: no more replies."))
    if thread.is_locked and not access.is_facilitator:
        raise PermissionDenied(_("This thread is locked: no more replies."))
    if post.status != PostStatus.VISIBLE:
        raise ValidationError({"attachments": _("A post that is hidden or removed can no longer be changed.")})
    if not uploads:
        raise ValidationError({"attachments": _("Choose at least one file to attach.")})
    already = Attachment.objects.filter(post=post).count()
    if already + len(uploads) > MAX_ATTACHMENTS:
        raise ValidationError(
            {
                "attachments": _("At most %(limit)s files a post; this one has %(count)s already.")
                % {"limit": MAX_ATTACHMENTS, "count": already}
            }
        )
    return _store_attachments(post, _check_uploads(uploads))


@transaction.atomic
def react(user: Any, post: Post, kind: str) -> bool:
    """Adds the reaction, or takes it back if it was there; True when it is there now."""
    if kind not in ReactionKind.values:
        raise ValidationError({"kind": _("Unknown reaction.")})
    access = community_access(user, post.thread.community)
    _require(access.may_post, _("Only members of the community may react."))
    person = _person(user)
    deleted, _kinds = Reaction.objects.filter(post=post, person=person, kind=kind).delete()
    if deleted:
        return False
    Reaction.objects.create(post=post, person=person, kind=kind)
    return True


@transaction.atomic
def mark_answered(user: Any, thread: Thread, post: Post | None) -> Thread:
    """The thread's author or a facilitator says which post answered it (None: not answered)."""
    access = community_access(user, thread.community)
    person_id = viewer_for(user).person_id
    _require(
        access.is_facilitator or (access.is_member and thread.author_id == person_id),
        _("Only the thread's author or a facilitator may mark it answered."),
    )
    if post is not None and (post.thread_id != thread.pk or post.status != PostStatus.VISIBLE):
        raise ValidationError({"post": _("The answer is one of the thread's shown posts.")})
    thread.answer = post
    thread.save(update_fields=["answer"])
    return thread


@transaction.atomic
def mark_read(person_id: int, thread: Thread) -> None:
    """One UPDATE on every visit but the first (which inserts): the thread page pays a single query."""
    now = timezone.now()
    if not ThreadRead.objects.filter(thread=thread, person_id=person_id).update(read_at=now):
        ThreadRead.objects.update_or_create(thread=thread, person_id=person_id, defaults={"read_at": now})


# Moderation --------------------------------------------------------------------------------------


@transaction.atomic
def report(user: Any, post: Post, reason: str = "") -> Post:
    """A member reports a post; when the unresolved reports reach the community's threshold it is hidden
    until a facilitator decides, and the facilitators are told."""
    post = Post.objects.select_for_update(of=("self",)).select_related("thread__community__network").get(pk=post.pk)
    community = post.thread.community
    access = community_access(user, community)
    _require(access.is_member, _("Only members of the community may report a post."))
    person = _person(user)
    if post.author_id == person.pk:
        raise ValidationError(_("You cannot report your own post."))
    if Report.objects.filter(post=post, person=person).exists():
        raise ValidationError(_("You have already reported this post."))
    Report.objects.create(post=post, person=person, reason=(reason or "").replace("\x00", "")[:1000])
    post.report_count = Report.objects.filter(post=post, resolved=False).count()
    fields = ["report_count"]
    if post.status == PostStatus.VISIBLE and post.report_count >= community.report_threshold:
        post.status = PostStatus.HIDDEN
        fields.append("status")
        _log(community, None, ModerationKind.HIDE_POST, thread=post.thread, post=post)
        notify(
            _facilitator_users(community),
            notices.REPORTS_REACHED,
            url=reverse("communities:thread", args=[post.thread_id]) + f"#post-{post.pk}",
            context={"title": post.thread.title, "community": community.name, "count": post.report_count},
        )
        search.index_thread_on_commit(post.thread_id)
    post.save(update_fields=fields)
    return post


def _facilitating(user: Any, community: Community) -> Person:
    _require(community_access(user, community).is_facilitator, _("Only the community's facilitators may do this."))
    return _person(user)


def _moderating(user: Any, permission: str, target: Post | Thread) -> Person:
    """The facilitators, and the managers of the community's network (rules.py says where)."""
    _require(
        rules.has_perm(permission, user, target),
        _("Only the community's facilitators and its network's managers may do this."),
    )
    return _person(user)


def _tell_author(user: Any, author: Person | None, kind: str, url: str, context: dict[str, Any]) -> None:
    """A moderation notice goes to the author of what was moderated, and to nobody else: even after
    they left, since it is their own writing (they keep reading it at "My posts")."""
    notify([_user_of(author)], kind, url=url, context=context, actor=user)


def _post_context(post: Post, community: Community, **extra: Any) -> dict[str, Any]:
    return {"title": post.thread.title, "community": community.name, **extra}


def _my_post_url(post: Post) -> str:
    return reverse("communities:my_posts") + f"#post-{post.pk}"


@transaction.atomic
def remove_post(user: Any, post: Post, reason: str) -> Post:
    post = (
        Post.objects.select_for_update(of=("self",))
        .select_related("thread__community__network", "author__user")
        .get(pk=post.pk)
    )
    community = post.thread.community
    actor = _moderating(user, "communities.moderate_post", post)
    reason = _reason(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the post is removed: its author reads the reason.")})
    post.status, post.removal_reason = PostStatus.REMOVED, reason
    post.save(update_fields=["status", "removal_reason"])
    Report.objects.filter(post=post).update(resolved=True)
    if post.thread.answer_id == post.pk:
        Thread.objects.filter(pk=post.thread_id).update(answer=None)
    _log(community, actor, ModerationKind.REMOVE_POST, thread=post.thread, post=post, person=post.author, reason=reason)
    _tell_author(
        user, post.author, notices.POST_REMOVED, _my_post_url(post), _post_context(post, community, reason=reason)
    )
    search.index_thread_on_commit(post.thread_id)
    return post


@transaction.atomic
def restore_post(user: Any, post: Post) -> Post:
    """A moderator decides a hidden or removed post may stay: its reports so far no longer count."""
    post = (
        Post.objects.select_for_update(of=("self",))
        .select_related("thread__community__network", "author__user")
        .get(pk=post.pk)
    )
    community = post.thread.community
    actor = _moderating(user, "communities.moderate_post", post)
    was_removed = post.status == PostStatus.REMOVED
    post.status, post.removal_reason, post.report_count = PostStatus.VISIBLE, "", 0
    post.save(update_fields=["status", "removal_reason", "report_count"])
    Report.objects.filter(post=post).update(resolved=True)
    _log(community, actor, ModerationKind.RESTORE_POST, thread=post.thread, post=post, person=post.author)
    # Its author heard of the removal; a post hidden by reports was never announced to them.
    if was_removed:
        _tell_author(user, post.author, notices.POST_RESTORED, _my_post_url(post), _post_context(post, community))
    search.index_thread_on_commit(post.thread_id)
    return post


def _reason(reason: str) -> str:
    return " ".join((reason or "").replace("\x00", "").split())[:1000]


def _locked_thread(thread: Thread) -> Thread:
    return (
        Thread.objects.select_for_update(of=("self",))
        .select_related("community__network", "author__user")
        .get(pk=thread.pk)
    )


@transaction.atomic
def remove_thread(user: Any, thread: Thread, reason: str) -> Thread:
    """Gone from lists, search and counts; its author and the moderators still open it."""
    thread = _locked_thread(thread)
    actor = _moderating(user, "communities.moderate_thread", thread)
    reason = _reason(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the thread is removed: its author reads the reason.")})
    thread.is_removed, thread.removal_reason = True, reason
    thread.save(update_fields=["is_removed", "removal_reason"])
    _log(thread.community, actor, ModerationKind.REMOVE_THREAD, thread=thread, person=thread.author, reason=reason)
    # The author opens their removed thread, with the reason, even after leaving (queries.may_open).
    _tell_author(
        user,
        thread.author,
        notices.THREAD_REMOVED,
        reverse("communities:thread", args=[thread.pk]),
        {"title": thread.title, "community": thread.community.name, "reason": reason},
    )
    search.index_thread_on_commit(thread.pk)
    return thread


@transaction.atomic
def restore_thread(user: Any, thread: Thread) -> Thread:
    thread = _locked_thread(thread)
    actor = _moderating(user, "communities.moderate_thread", thread)
    was_removed = thread.is_removed
    thread.is_removed, thread.removal_reason = False, ""
    thread.save(update_fields=["is_removed", "removal_reason"])
    _log(thread.community, actor, ModerationKind.RESTORE_THREAD, thread=thread, person=thread.author)
    author = thread.author
    if was_removed and author is not None:
        # Shown again, the thread opens to its community's readers: an author who left a closed one
        # is sent to their own posts instead.
        reads = author.user_id and community_access(author.user, thread.community).may_read
        url = reverse("communities:thread", args=[thread.pk]) if reads else reverse("communities:my_posts")
        context = {"title": thread.title, "community": thread.community.name}
        _tell_author(user, author, notices.THREAD_RESTORED, url, context)
    search.index_thread_on_commit(thread.pk)
    return thread


@transaction.atomic
def set_pinned(user: Any, thread: Thread, pinned: bool) -> Thread:
    actor = _facilitating(user, thread.community)
    thread.is_pinned = pinned
    thread.save(update_fields=["is_pinned"])
    _log(thread.community, actor, ModerationKind.PIN if pinned else ModerationKind.UNPIN, thread=thread)
    return thread


@transaction.atomic
def set_locked(user: Any, thread: Thread, locked: bool) -> Thread:
    actor = _facilitating(user, thread.community)
    thread.is_locked = locked
    thread.save(update_fields=["is_locked"])
    _log(thread.community, actor, ModerationKind.LOCK if locked else ModerationKind.UNLOCK, thread=thread)
    return thread


@transaction.atomic
def move_thread(user: Any, thread: Thread, target: Community) -> Thread:
    """To another community the same facilitator runs; logged in both."""
    source = thread.community
    actor = _facilitating(user, source)
    _require(
        community_access(user, target).is_facilitator,
        _("You can move a thread only to another community you facilitate."),
    )
    if target.pk == source.pk:
        raise ValidationError({"community": _("The thread is already in this community.")})
    thread.community = target
    thread.save(update_fields=["community"])
    note = f"{source.name} → {target.name}"
    _log(source, actor, ModerationKind.MOVE, thread=thread, reason=note)
    if target.network_id != source.network_id:
        _log(target, actor, ModerationKind.MOVE, thread=thread, reason=note)
    search.index_thread_on_commit(thread.pk)
    return thread


# Shared resources --------------------------------------------------------------------------------


@transaction.atomic
def share_resource(user: Any, community: Community, resource_id: int, note: str = "") -> SharedResource:
    from hevruta.knowledge.queries import resources_visible_to

    _require(community_access(user, community).is_member, _("Only members of the community may share into it."))
    resource = resources_visible_to(user).filter(pk=resource_id, status="published").first()
    if resource is None:
        raise ValidationError({"resource": _("No such published resource, or it is not shown to you.")})
    if SharedResource.objects.filter(community=community, resource=resource).exists():
        raise ValidationError({"resource": _("This resource is already shared in the community.")})
    return SharedResource.objects.create(
        community=community, resource=resource, shared_by=_person(user), note=" ".join((note or "").split())[:500]
    )
