"""Collections: named lists of resources, private, for a network or public."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import queries, services
from ..forms import CollectionForm
from ..models import Collection
from ..queries.listing import with_row_data
from .common import me, require, show_errors


def _visible_collection(request: HttpRequest, pk: int) -> Collection:
    collection = queries.collections_visible_to(request.user).select_related("owner", "network").filter(pk=pk).first()
    if collection is None:
        raise Http404(_("No such collection, or it is not shown to you."))
    return collection


def collection_list(request: HttpRequest) -> HttpResponse:
    visible = queries.collections_visible_to(request.user).select_related("owner", "network")
    person_id = queries.knowledge_viewer(request.user).person_id
    return render(
        request,
        "knowledge/collections.html",
        {
            "mine": list(visible.filter(owner_id=person_id)) if person_id else [],
            "shared": list(visible.exclude(owner_id=person_id).order_by("-updated_at")[:100]),
        },
    )


def collection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    collection = _visible_collection(request, pk)
    # A collection may hold resources that this viewer may not see: those are left out, not shown as gaps.
    resources = list(
        with_row_data(queries.resources_visible_to(request.user).filter(collection_items__collection=collection))
        .order_by("collection_items__added_at")
        .distinct()
    )
    queries.attach_credits(request.user, resources)
    return render(
        request,
        "knowledge/collection.html",
        {
            "collection": collection,
            "resources": resources,
            "can_change": request.user.has_perm("knowledge.change_collection", collection),
        },
    )


def _input(form: CollectionForm) -> services.CollectionInput:
    return services.CollectionInput(**form.cleaned_data)


@login_required
def collection_create(request: HttpRequest) -> HttpResponse:
    form = CollectionForm(request.POST or None, user=request.user, initial={"visibility": "private"})
    if request.method == "POST" and form.is_valid():
        try:
            collection = services.create_collection(me(request), _input(form))
        except ValidationError as error:
            show_errors(form, error)
        else:
            return redirect("knowledge:collection", pk=collection.pk)
    return render(request, "knowledge/collection_form.html", {"form": form, "collection": None})


@login_required
def collection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    collection = _visible_collection(request, pk)
    require(request, "knowledge.change_collection", collection, _("Only its owner changes a collection."))
    initial = {
        "name": collection.name,
        "description": collection.description,
        "visibility": collection.visibility,
        "network": collection.network,
    }
    form = CollectionForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_collection(collection, _input(form))
        except ValidationError as error:
            show_errors(form, error)
        else:
            return redirect("knowledge:collection", pk=collection.pk)
    return render(request, "knowledge/collection_form.html", {"form": form, "collection": collection})


@login_required
@require_POST
def collection_delete(request: HttpRequest, pk: int) -> HttpResponse:
    collection = _visible_collection(request, pk)
    require(request, "knowledge.change_collection", collection, _("Only its owner deletes a collection."))
    services.delete_collection(collection)
    messages.success(request, _("The collection was deleted."))
    return redirect("knowledge:collections")


@login_required
@require_POST
def collection_remove(request: HttpRequest, pk: int, resource_pk: int) -> HttpResponse:
    collection = _visible_collection(request, pk)
    require(request, "knowledge.change_collection", collection, _("Only its owner changes a collection."))
    resource = get_object_or_404(collection.resources.all(), pk=resource_pk)
    services.remove_from_collection(collection, resource)
    return redirect("knowledge:collection", pk=collection.pk)
