"""Curators' pages: the queue, a review with the rubric, the authors' answers, appointing curators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hevruta.directory.models import Network, Person
from hevruta.directory.queries import network_by_slug

from .. import queries, services
from ..forms import CuratorForm, ReplyForm, ReviewForm
from ..models import Curator, Review, Status
from .common import me, require, show_errors, visible_resource


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("knowledge.view_map"):
        raise PermissionDenied(_("The review queue is for the curators and managers of a network."))
    managed = queries.knowledge_viewer(request.user).base.managed_network_ids
    context = {**queries.review_queue(request.user), "managed": Network.objects.filter(pk__in=managed).order_by("name")}
    return render(request, "knowledge/queue.html", context)


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    resource = queries.resource_for_page(request.user, pk)
    if resource is None:
        raise Http404(_("No such resource, or it is not shown to you."))
    require(request, "knowledge.review_resource", resource, _("Only the network's curators review, and not their own."))
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_resource(resource, me(request), services.ReviewInput(**form.cleaned_data))
        except ValidationError as error:
            show_errors(form, error)
        else:
            published = form.cleaned_data["decision"] == "publish"
            messages.success(request, _("Published.") if published else _("Returned to the author with your comments."))
            return redirect("knowledge:detail", pk=resource.pk)
    return render(
        request, "knowledge/review.html", {"resource": resource, "form": form, "reviews": queries.reviews_of(resource)}
    )


@login_required
@require_POST
def start_review(request: HttpRequest, pk: int) -> HttpResponse:
    resource = visible_resource(request, pk)
    require(request, "knowledge.review_resource", resource, _("Only the network's curators review, and not their own."))
    if resource.status == Status.SUBMITTED:
        services.start_review(resource)
    return redirect("knowledge:review", pk=resource.pk)


@login_required
@require_POST
def reply(request: HttpRequest, pk: int, review_pk: int) -> HttpResponse:
    resource = visible_resource(request, pk)
    require(request, "knowledge.answer_review", resource, _("Only the resource's authors answer its reviews."))
    found = get_object_or_404(Review, pk=review_pk, resource=resource)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply_to_review(found, me(request), form.cleaned_data["text"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your answer was added."))
    else:
        messages.error(request, _("Write an answer first."))
    return redirect("knowledge:detail", pk=resource.pk)


def _managed_network(request: HttpRequest, slug: str) -> Network:
    network = network_by_slug(slug)
    if network is None or not request.user.has_perm("directory.view_network", network):
        raise Http404(_("No such network, or it is open to its members only."))
    require(request, "knowledge.manage_curators", network, _("Only the network's managers appoint curators."))
    return network


@login_required
def curators(request: HttpRequest, slug: str) -> HttpResponse:
    network = _managed_network(request, slug)
    form = CuratorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = queries.member_by_email(network, form.cleaned_data["email"])
        if person is None:
            form.add_error("email", _("No member of this network has this address."))
        else:
            try:
                services.add_curator(network, person, me(request))
            except ValidationError as error:
                show_errors(form, error)
            else:
                messages.success(request, _("%(name)s is now a curator.") % {"name": person.full_name})
                return redirect("knowledge:curators", slug=network.slug)
    appointed = Curator.objects.filter(network=network).select_related("person").order_by("person__family_name")
    return render(request, "knowledge/curators.html", {"network": network, "form": form, "curators": appointed})


@login_required
@require_POST
def curator_remove(request: HttpRequest, slug: str, person_pk: int) -> HttpResponse:
    network = _managed_network(request, slug)
    services.remove_curator(network, get_object_or_404(Person, pk=person_pk))
    messages.success(request, _("The curator was removed."))
    return redirect("knowledge:curators", slug=network.slug)
