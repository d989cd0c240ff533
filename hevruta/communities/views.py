"""Communities' pages: parse, authorize (queries and services), call a service, render."""

from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.backends.utils import csrf_input
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hevruta.core.files import file_response
from hevruta.core.pagination import paginate
from hevruta.core.refusals import tell_refusal
from hevruta.core.search import QueryError, parse_query
from hevruta.directory.models import Network, Person
from hevruta.directory.queries import is_network_manager, network_by_slug, networks_visible_to, viewer_for
from hevruta.events.calendar import community_feed_allowed, community_feed_url
from hevruta.events.queries import community_meetings

from . import queries, search, services
from .forms import (
    CommunityForm,
    PostEditForm,
    PostForm,
    ReactionForm,
    ReasonForm,
    ShareForm,
    ThreadForm,
    initial_for,
    uploads_from,
)
from .models import Attachment, Community, MemberStatus, Post, ReactionKind, Thread

NOT_SHOWN = _("No such community, or it is not shown to you.")


def _community(request: HttpRequest, pk: int) -> tuple[Community, queries.CommunityAccess]:
    found = queries.visible_community(request.user, pk)
    if found is None:
        raise Http404(NOT_SHOWN)
    return found


def _thread(request: HttpRequest, pk: int) -> tuple[Thread, queries.CommunityAccess]:
    found = queries.readable_thread(request.user, pk)
    if found is None:
        raise Http404(_("No such thread, or it is not shown to you."))
    return found


def _post(request: HttpRequest, pk: int) -> Post:
    post = Post.objects.select_related("thread__community__network").filter(pk=pk).first()
    if post is None or not queries.may_open(post.thread, queries.community_access(request.user, post.thread.community)):
        raise Http404(_("No such post, or it is not shown to you."))
    return post


def _show_errors(request: HttpRequest, error: ValidationError, form: Any = None) -> None:
    if form is not None and hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return
    tell_refusal(request, error)


# Communities -------------------------------------------------------------------------------------


def community_list(request: HttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").replace("\x00", "").strip()[:200]
    found = queries.community_list(request.user, query=query)
    page = paginate(found, request.GET.get("page"), 25)
    viewer = viewer_for(request.user)
    return render(
        request,
        "communities/list.html",
        {"page": page, "query": query, "may_create": bool(viewer.network_ids) or viewer.is_operator},
    )


@login_required
def community_create(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    networks = Network.objects.all() if viewer.is_operator else Network.objects.filter(pk__in=viewer.network_ids)
    form = CommunityForm(request.POST or None, networks=networks.order_by("name"), initial={"visibility": "network"})
    if request.method == "POST" and form.is_valid():
        try:
            community = services.create_community(request.user, form.cleaned_data["network"], form.to_input())
        except ValidationError as error:
            _show_errors(request, error, form)
        else:
            messages.success(request, _("The community is open. You are its facilitator."))
            return redirect("communities:community", pk=community.pk)
    return render(request, "communities/form.html", {"form": form, "community": None})


@login_required
def community_edit(request: HttpRequest, pk: int) -> HttpResponse:
    community, access = _community(request, pk)
    if not access.is_facilitator:
        raise PermissionDenied(_("Only the community's facilitators may change it."))
    form = CommunityForm(request.POST or None, community=community, initial=initial_for(community))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_community(request.user, community, form.to_input())
        except ValidationError as error:
            _show_errors(request, error, form)
        else:
            messages.success(request, _("Saved."))
            return redirect("communities:community", pk=community.pk)
    return render(request, "communities/form.html", {"form": form, "community": community})


def community_detail(request: HttpRequest, pk: int) -> HttpResponse:
    community, access = _community(request, pk)
    context: dict[str, Any] = {
        "community": community,
        "access": access,
        "member_count": queries.member_count(community),
        "subjects": list(community.subjects.all()),
    }
    if access.may_read:
        page = queries.thread_page(community, request.GET.get("page"), with_removed=access.may_moderate)
        reads = queries.last_reads(access.person_id, [thread.pk for thread in page.items])
        for thread in page.items:
            read_at = reads.get(thread.pk)
            thread.unread = access.is_member and (read_at is None or read_at < thread.last_post_at)
        context |= {
            "page": page,
            "shared": queries.shared_resources(request.user, community),
            "form": ThreadForm() if access.may_post else None,
            "share_form": ShareForm() if access.is_member else None,
            "hidden_count": queries.hidden_posts(community).count() if access.may_moderate else 0,
            "meetings": community_meetings(request.user, community),
            "meetings_feed_url": community_feed_url(request.user, community)
            if community_feed_allowed(request.user, community)
            else "",
        }
    return render(request, "communities/community.html", context)


@login_required
@require_POST
def thread_create(request: HttpRequest, pk: int) -> HttpResponse:
    community, access = _community(request, pk)
    if not access.may_post:
        raise PermissionDenied(_("Only members of the community may post in it."))
    form = ThreadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            thread = services.start_thread(
                request.user,
                community,
                form.cleaned_data["title"],
                form.cleaned_data["body"],
                uploads_from(form.cleaned_data["attachments"]),
            )
        except ValidationError as error:
            _show_errors(request, error, form)
        else:
            return redirect("communities:thread", pk=thread.pk)
    page = queries.thread_page(community, 1, with_removed=access.may_moderate)
    context = {
        "community": community,
        "access": access,
        "member_count": queries.member_count(community),
        "page": page,
        "form": form,
        "shared": queries.shared_resources(request.user, community),
        "share_form": ShareForm(),
    }
    return render(request, "communities/community.html", context, status=400)


# Membership --------------------------------------------------------------------------------------


@login_required
@require_POST
def join(request: HttpRequest, pk: int) -> HttpResponse:
    community, _access = _community(request, pk)
    try:
        membership = services.join(request.user, community, request.POST.get("message", ""))
    except (ValidationError, PermissionDenied) as error:
        tell_refusal(request, error)
    else:
        if membership.status == MemberStatus.REQUESTED:
            messages.success(request, _("You asked to join; the facilitators will answer."))
        else:
            messages.success(request, _("Welcome to the community."))
    return redirect("communities:community", pk=community.pk)


@login_required
@require_POST
def leave(request: HttpRequest, pk: int) -> HttpResponse:
    community, access = _community(request, pk)
    try:
        if access.is_invited:
            services.decline_invitation(request.user, community)
        else:
            services.leave(request.user, community)
    except ValidationError as error:
        tell_refusal(request, error)
        return redirect("communities:community", pk=community.pk)
    messages.success(request, _("You are no longer in the community."))
    return redirect("communities:list")


def members(request: HttpRequest, pk: int) -> HttpResponse:
    community, access = _community(request, pk)
    if not access.may_read:
        raise PermissionDenied(_("Only the community's members see who belongs to it."))
    from hevruta.directory.queries import people_visible_to

    listed = list(queries.members(community))
    named = set(
        people_visible_to(request.user)
        .filter(pk__in=[membership.person_id for membership in listed])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "communities/members.html",
        {
            "community": community,
            "access": access,
            "members": listed,
            "named": named,
            "waiting": list(queries.members(community, (MemberStatus.REQUESTED, MemberStatus.INVITED)))
            if access.is_facilitator
            else [],
        },
    )


@login_required
@require_POST
def member_action(request: HttpRequest, pk: int, person_pk: int, action: str) -> HttpResponse:
    community, _access = _community(request, pk)
    try:
        if action in ("accept", "decline"):
            services.answer_request(request.user, community, person_pk, action == "accept")
        elif action == "remove":
            services.remove_member(request.user, community, person_pk, request.POST.get("reason", ""))
        elif action in ("facilitator", "member"):
            services.make_facilitator(request.user, community, person_pk, action == "facilitator")
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as error:
        tell_refusal(request, error)
    else:
        messages.success(request, _("Done."))
    return redirect("communities:members", pk=community.pk)


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    community, _access = _community(request, pk)
    email = (request.POST.get("email") or "").strip().lower()[:254]
    person = Person.objects.filter(email=email).first() if email else None
    try:
        if person is None:
            raise ValidationError(_("Nobody in the network has this email address."))
        services.invite(request.user, community, person)
    except (ValidationError, PermissionDenied) as error:
        tell_refusal(request, error)
    else:
        messages.success(request, _("Invited."))
    return redirect("communities:members", pk=community.pk)


@login_required
@require_POST
def share(request: HttpRequest, pk: int) -> HttpResponse:
    community, _access = _community(request, pk)
    form = ShareForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("communities:community", pk=community.pk)
    try:
        services.share_resource(request.user, community, form.cleaned_data["resource"], form.cleaned_data["note"])
    except (ValidationError, PermissionDenied) as error:
        tell_refusal(request, error)
    else:
        messages.success(request, _("Shared with the community."))
    return redirect("communities:community", pk=community.pk)


# Threads -----------------------------------------------------------------------------------------


def _thread_context(request: HttpRequest, thread: Thread, access: queries.CommunityAccess, form: Any) -> dict:
    page, posts = queries.post_page(thread, access, request.GET.get("page"))
    targets = []
    if access.is_facilitator:
        targets = list(queries.facilitated_communities(request.user).exclude(pk=thread.community_id).order_by("name"))
    return {
        "thread": thread,
        "community": thread.community,
        "access": access,
        "page": page,
        "posts": posts,
        "form": form,
        "reactions": ReactionKind.choices,
        "move_targets": targets,
        "is_author": access.person_id is not None and access.person_id == thread.author_id,
        # The token's hidden field, rendered once for the page's many small forms.
        "csrf_input": csrf_input(request),
    }


def thread_detail(request: HttpRequest, pk: int) -> HttpResponse:
    thread, access = _thread(request, pk)
    if access.is_member and access.person_id is not None:
        services.mark_read(access.person_id, thread)
    form = PostForm() if access.may_post and (not thread.is_locked or access.is_facilitator) else None
    return render(request, "communities/thread.html", _thread_context(request, thread, access, form))


@login_required
@require_POST
def thread_reply(request: HttpRequest, pk: int) -> HttpResponse:
    thread, access = _thread(request, pk)
    form = PostForm(request.POST, request.FILES)
    if form.is_valid():
        reply_to = None
        if form.cleaned_data.get("reply_to"):
            reply_to = Post.objects.filter(pk=form.cleaned_data["reply_to"], thread=thread).first()
        try:
            post = services.reply(
                request.user,
                thread,
                form.cleaned_data["body"],
                reply_to=reply_to,
                uploads=uploads_from(form.cleaned_data["attachments"]),
            )
        except ValidationError as error:
            _show_errors(request, error, form)
        except PermissionDenied as error:
            tell_refusal(request, error)
            return redirect("communities:thread", pk=thread.pk)
        else:
            last = (thread.post_count + 1 + queries.POSTS_PER_PAGE - 1) // queries.POSTS_PER_PAGE
            suffix = f"?page={last}" if last > 1 else ""
            return redirect(f"{thread_url(thread)}{suffix}#post-{post.pk}")
    return render(request, "communities/thread.html", _thread_context(request, thread, access, form), status=400)


def thread_url(thread: Thread) -> str:
    from django.urls import reverse

    return reverse("communities:thread", args=[thread.pk])


@login_required
@require_POST
def thread_moderate(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    thread, _access = _thread(request, pk)
    try:
        if action in ("pin", "unpin"):
            services.set_pinned(request.user, thread, action == "pin")
        elif action in ("lock", "unlock"):
            services.set_locked(request.user, thread, action == "lock")
        elif action == "move":
            target = queries.visible_community(request.user, _int(request.POST.get("community")))
            if target is None:
                raise ValidationError(NOT_SHOWN)
            services.move_thread(request.user, thread, target[0])
        elif action == "remove":
            services.remove_thread(request.user, thread, request.POST.get("reason", ""))
            messages.success(request, _("The thread was removed; its author reads your reason."))
            return redirect("communities:thread", pk=thread.pk)
        elif action == "restore":
            services.restore_thread(request.user, thread)
        elif action == "answered":
            post_id = _int(request.POST.get("post"))
            post = Post.objects.filter(pk=post_id, thread=thread).first() if post_id else None
            services.mark_answered(request.user, thread, post)
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as error:
        tell_refusal(request, error)
    else:
        messages.success(request, _("Done."))
    return redirect("communities:thread", pk=thread.pk)


def _int(value: object) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return 0


# Posts -------------------------------------------------------------------------------------------


@login_required
@require_POST
def post_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    post = _post(request, pk)
    try:
        if action == "react":
            form = ReactionForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Unknown reaction."))
            services.react(request.user, post, form.cleaned_data["kind"])
        elif action == "report":
            services.report(request.user, post, ReasonForm(request.POST).data.get("reason", ""))
            messages.success(request, _("Thank you: the facilitators will look at it."))
        elif action == "remove":
            services.remove_post(request.user, post, request.POST.get("reason", ""))
            messages.success(request, _("The post was removed; its author reads your reason."))
        elif action == "restore":
            services.restore_post(request.user, post)
            messages.success(request, _("The post is shown again."))
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as error:
        tell_refusal(request, error)
    return redirect(f"{thread_url(post.thread)}#post-{post.pk}")


@login_required
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Its author edits a post (the service says within which rules); anyone else is refused."""
    post = _post(request, pk)
    if post.author_id is None or post.author_id != viewer_for(request.user).person_id:
        raise PermissionDenied(_("Only its author may edit a post."))
    form = PostEditForm(request.POST or None, request.FILES or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        uploads = uploads_from(form.cleaned_data["attachments"])
        try:
            with transaction.atomic():  # the new text and the new files, or neither
                services.edit_post(request.user, post, form.cleaned_data["body"])
                if uploads:
                    services.attach_files(request.user, post, uploads)
        except ValidationError as error:
            _show_errors(request, error, form)
        except PermissionDenied as error:
            tell_refusal(request, error)
        else:
            messages.success(request, _("Your post was changed."))
            return redirect(f"{thread_url(post.thread)}#post-{post.pk}")
    status = 400 if request.method == "POST" else 200
    return render(request, "communities/post_edit.html", {"form": form, "post": post}, status=status)


def attachment_download(request: HttpRequest, attachment_pk: int, name: str) -> FileResponse:
    """Files go only to those who may read the post, and to its author; never from the media folder."""
    return attachment_response(request.user, attachment_pk)


def attachment_response(user: Any, attachment_pk: int) -> FileResponse:
    """The file, for the page and the API alike (rules.can_download says to whom), or 404."""
    attachment = Attachment.objects.select_related("post__thread__community__network").filter(pk=attachment_pk).first()
    if attachment is None or not rules.has_perm("communities.download_attachment", user, attachment):
        raise Http404(_("No such file, or it is not shown to you."))
    try:
        handle = attachment.file.open("rb")
    except OSError:
        raise Http404(_("The file is missing.")) from None
    return file_response(handle, attachment.original_name, attachment.mime_type)


# Across communities ------------------------------------------------------------------------------


@login_required
def my_posts(request: HttpRequest) -> HttpResponse:
    page = paginate(queries.my_posts(request.user), request.GET.get("page"), 25)
    return render(request, "communities/my_posts.html", {"page": page})


def search_page(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")
    context: dict[str, Any] = {"query": text, "rows": []}
    if text:
        try:
            query = parse_query(text.replace("\x00", ""))
        except QueryError as error:
            context["error"] = error.message
            return render(request, "communities/search.html", context, status=400)
        context["rows"], context["total"] = search.found_rows(request.user, query, limit=20)
    return render(request, "communities/search.html", context)


@login_required
def moderation_log(request: HttpRequest, slug: str) -> HttpResponse:
    network = network_by_slug(slug)
    if network is None or not networks_visible_to(request.user).filter(pk=network.pk).exists():
        raise Http404(_("No such network."))
    if not is_network_manager(request.user, network):
        raise PermissionDenied(_("Only the network's managers read its moderation log."))
    page = paginate(queries.moderation_log(request.user, network.pk), request.GET.get("page"), 50)
    return render(request, "communities/moderation_log.html", {"network": network, "page": page})
