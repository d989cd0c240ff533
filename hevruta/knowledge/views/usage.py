"""Reporting use, bookmarks, follows, adding to a collection, and "my resources"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hevruta.core.pagination import paginate

from .. import queries, services
from ..forms import UseReportForm, uploads_from
from ..models import Collection
from .common import me, require, show_errors, visible_resource


@login_required
def report_use(request: HttpRequest, pk: int) -> HttpResponse:
    resource = visible_resource(request, pk)
    require(request, "knowledge.report_use", resource, _("Use can be reported for a published resource you can see."))
    initial = {"subject": resource.subjects.first(), "grade_band": resource.grade_bands.first()}
    form = UseReportForm(
        request.POST or None, request.FILES or None, user=request.user, resource=resource, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        use = services.UseInput(
            used_on=data["used_on"], students=data["students"], rating=data["rating"], subject=data["subject"],
            grade_band=data["grade_band"], grade=data["grade"], how_it_went=data["how_it_went"],
            is_public=data["is_public"],
        )  # fmt: skip
        adaptation = None
        if data["adaptation_title"]:
            adaptation = services.AdaptationInput(
                network=data["adaptation_network"], title=data["adaptation_title"], body=data["adaptation_body"],
                uploads=tuple(uploads_from(data["adaptation_files"])),
            )  # fmt: skip
        try:
            report = services.report_use(resource, me(request), use, adaptation)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Thank you: your report of use was added."))
            if report.adaptation_id:
                messages.info(request, _("Your adaptation is saved as a draft; submit it for review when ready."))
                return redirect("knowledge:detail", pk=report.adaptation_id)
            return redirect("knowledge:detail", pk=resource.pk)
    return render(request, "knowledge/use_form.html", {"resource": resource, "form": form})


def _switch(request: HttpRequest) -> bool:
    return request.POST.get("on") == "1"


@login_required
@require_POST
def bookmark(request: HttpRequest, pk: int) -> HttpResponse:
    resource = visible_resource(request, pk)
    require(request, "knowledge.keep_resource", resource, _("You may not save this resource."))
    on = services.set_bookmark(me(request), resource, _switch(request))
    messages.success(request, _("Saved to your bookmarks.") if on else _("Removed from your bookmarks."))
    return redirect("knowledge:detail", pk=resource.pk)


@login_required
@require_POST
def follow(request: HttpRequest, pk: int) -> HttpResponse:
    resource = visible_resource(request, pk)
    require(request, "knowledge.keep_resource", resource, _("You may not follow this resource."))
    on = services.set_follow(me(request), resource, _switch(request))
    messages.success(request, _("You follow this resource.") if on else _("You no longer follow this resource."))
    return redirect("knowledge:detail", pk=resource.pk)


@login_required
@require_POST
def collect(request: HttpRequest, pk: int) -> HttpResponse:
    resource = visible_resource(request, pk)
    require(request, "knowledge.keep_resource", resource, _("You may not collect this resource."))
    person = me(request)
    name = " ".join(request.POST.get("new_collection", "").split())
    if name:
        try:
            collection = services.create_collection(person, services.CollectionInput(name=name))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("knowledge:detail", pk=resource.pk)
    else:
        chosen = request.POST.get("collection", "")
        collection = get_object_or_404(Collection, pk=int(chosen) if chosen.isdecimal() else 0, owner=person)
    services.add_to_collection(collection, resource, request.user, request.POST.get("note", ""))
    messages.success(request, _("Added to “%(name)s”.") % {"name": collection.name})
    return redirect("knowledge:detail", pk=resource.pk)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    written = paginate(queries.my_resources(request.user), request.GET.get("page"))
    queries.attach_credits(request.user, written.items)
    return render(
        request,
        "knowledge/mine.html",
        {
            "page": written,
            "saved": list(queries.bookmarked(request.user)[:50]),
            "following": list(queries.followed(request.user)[:50]),
        },
    )
