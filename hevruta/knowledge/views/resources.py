"""Resource pages: find, read, write, edit, attachments, history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hevruta.core.files import file_response
from hevruta.core.pagecache import cached_for_visitors
from hevruta.core.refusals import tell_refusal

from .. import queries, services
from ..apps import VISITOR_PAGES
from ..forms import AttachmentForm, ResourceForm, initial_for, uploads_from
from ..models import Attachment, Status
from ..rendering import video
from ..search import MAX_QUERY_CHARS
from .common import me, query_without_page, require, show_errors, visible_resource


@cached_for_visitors(VISITOR_PAGES)
def resource_list(request: HttpRequest) -> HttpResponse:
    filters = queries.ResourceFilter.from_params(request.GET)
    results = queries.find_resources(request.user, filters, request.GET.get("page"))
    return render(
        request,
        "knowledge/list.html",
        {
            "filters": filters,
            "results": results,
            "page": results.page,
            "options": queries.facet_options(request.user, results.facets, filters, counted=results.counted),
            "sorts": [("", _("Best match first")), ("newest", _("Newest")), ("most_used", _("Most used"))],
            "query_string": query_without_page(request),
            "max_query": MAX_QUERY_CHARS,
            "facet_count_limit": f"{queries.FACET_COUNT_LIMIT:,}",
        },
    )


@cached_for_visitors(VISITOR_PAGES)
def resource_detail(request: HttpRequest, pk: int) -> HttpResponse:
    resource = queries.resource_for_page(request.user, pk)
    if resource is None:
        raise Http404(_("No such resource, or it is not shown to you."))
    user = request.user
    may_follow_curation = user.has_perm("knowledge.change_resource", resource) or queries.is_author(user, resource)
    keeping = queries.keeping(user, resource)
    follower_id = queries.knowledge_viewer(user).person_id
    if keeping.news and follower_id:  # told once, on this page: the next visit has nothing new
        services.mark_followed_as_seen(follower_id, resource)
    return render(
        request,
        "knowledge/detail.html",
        {
            "resource": resource,
            "video": video(resource.video_url),
            "use": queries.use_summary(resource, request.user),
            "keeping": keeping,
            "reviews": queries.reviews_of(resource) if may_follow_curation else [],
            "adaptations": queries.adaptations_of(user, resource),
            "can": {
                "edit": user.has_perm("knowledge.change_resource", resource),
                "submit": user.has_perm("knowledge.submit_resource", resource),
                "review": user.has_perm("knowledge.review_resource", resource),
                "answer": user.has_perm("knowledge.answer_review", resource),
                "report_use": user.has_perm("knowledge.report_use", resource),
                "keep": user.has_perm("knowledge.keep_resource", resource),
            },
        },
    )


@login_required
def resource_create(request: HttpRequest) -> HttpResponse:
    form = ResourceForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.create_resource(me(request), form.to_input(), form.uploads())
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Your draft is saved. Submit it for review when it is ready."))
            return redirect("knowledge:detail", pk=resource.pk)
    return render(request, "knowledge/form.html", {"form": form, "resource": None})


@login_required
def resource_edit(request: HttpRequest, pk: int) -> HttpResponse:
    resource = visible_resource(request, pk)
    require(request, "knowledge.change_resource", resource, _("You may not change this resource now."))
    form = ResourceForm(
        request.POST or None, request.FILES or None, user=request.user, resource=resource, initial=initial_for(resource)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_resource(
                resource, me(request), form.to_input(), note=form.cleaned_data.get("change_note", ""),
                uploads=form.uploads(),
            )  # fmt: skip
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("knowledge:detail", pk=resource.pk)
    return render(request, "knowledge/form.html", {"form": form, "resource": resource})


@login_required
@require_POST
def resource_submit(request: HttpRequest, pk: int) -> HttpResponse:
    resource = visible_resource(request, pk)
    require(request, "knowledge.submit_resource", resource, _("Only its authors may submit a draft."))
    services.submit_resource(resource)
    messages.success(request, _("Submitted. The network's curators will review it."))
    return redirect("knowledge:detail", pk=resource.pk)


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    resource = visible_resource(request, pk)
    require(request, "knowledge.change_resource", resource, _("You may not change this resource now."))
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachments(resource, me(request), uploads_from(form.cleaned_data["attachments"]))
        except ValidationError as error:
            tell_refusal(request, error)
    else:
        messages.error(request, _("Choose a file to attach."))
    return redirect("knowledge:detail", pk=resource.pk)


@login_required
@require_POST
def attachment_delete(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    resource = visible_resource(request, pk)
    require(request, "knowledge.change_resource", resource, _("You may not change this resource now."))
    services.remove_attachment(get_object_or_404(Attachment, pk=attachment_pk, resource=resource))
    messages.success(request, _("The attachment was removed."))
    return redirect("knowledge:detail", pk=resource.pk)


def attachment_download(request: HttpRequest, attachment_pk: int, name: str) -> FileResponse:
    """Files are served only to those who may see their resource, never straight from the media folder."""
    attachment = get_object_or_404(Attachment.objects.select_related("resource"), pk=attachment_pk)
    resource = visible_resource(request, attachment.resource_id)
    try:
        handle = attachment.file.open("rb")
    except OSError:
        raise Http404(_("The file is missing.")) from None
    # A download even for images: an <img> still shows it, and a browser never renders an upload as a page.
    public = resource.status == Status.PUBLISHED and resource.network.is_public
    return file_response(handle, attachment.original_name, attachment.mime_type, public=public)


def history(request: HttpRequest, pk: int) -> HttpResponse:
    resource = visible_resource(request, pk)
    versions = queries.versions_of(resource)
    return render(
        request,
        "knowledge/history.html",
        {
            "resource": resource,
            "versions": versions,
            "can_restore": request.user.has_perm("knowledge.restore_version", resource)
            and resource.status == Status.PUBLISHED,
        },
    )


def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    resource = visible_resource(request, pk)
    change = queries.version_change(resource, number)
    if change is None:
        raise Http404(_("No such version."))
    return render(
        request,
        "knowledge/version.html",
        {
            "resource": resource,
            "change": change,
            "can_restore": request.user.has_perm("knowledge.restore_version", resource)
            and resource.status == Status.PUBLISHED
            and number != resource.version,
        },
    )


@login_required
@require_POST
def version_restore(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    resource = visible_resource(request, pk)
    require(request, "knowledge.restore_version", resource, _("Only its authors and curators may restore a version."))
    try:
        restored = services.restore_version(resource, me(request), number)
    except ValidationError as error:
        tell_refusal(request, error)
        return redirect("knowledge:history", pk=resource.pk)
    messages.success(
        request, _("Version %(old)s is back, as version %(new)s.") % {"old": number, "new": restored.number}
    )
    return redirect("knowledge:history", pk=resource.pk)
