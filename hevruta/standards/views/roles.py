"""Role pages: the list, a role with the people holding it, and the managers' forms."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hevruta.directory.models import Position
from hevruta.directory.queries import network_by_slug, networks_visible_to

from .. import queries, services
from ..forms import AssignForm, RoleForm
from .common import managed_networks, role_for


def role_list(request: HttpRequest) -> HttpResponse:
    network = network_by_slug(request.GET.get("network", "")) if request.GET.get("network") else None
    if network is not None and not networks_visible_to(request.user).filter(pk=network.pk).exists():
        network = None
    return render(
        request,
        "standards/roles.html",
        {
            "roles": queries.role_list(request.user, network.pk if network else None),
            "network": network,
            "managed_networks": managed_networks(request.user),
        },
    )


def role_detail(request: HttpRequest, pk: int) -> HttpResponse:
    role = role_for(request, pk)
    may_edit = request.user.has_perm("standards.change_role", role)
    framework = role.framework
    if framework is not None and not request.user.has_perm("standards.view_framework", framework):
        framework = None
    return render(
        request,
        "standards/role.html",
        {
            "role": role,
            "framework": framework,
            "holders": queries.role_holders(request.user, role),
            "holder_count": queries.role_holder_positions(request.user, role).count(),
            "may_edit": may_edit,
            "assign_form": AssignForm(positions=queries.assignable_positions(request.user, role)) if may_edit else None,
        },
    )


def role_create(request: HttpRequest, slug: str) -> HttpResponse:
    network = network_by_slug(slug)
    if network is None or not networks_visible_to(request.user).filter(pk=network.pk).exists():
        raise Http404(_("No such network."))
    if not request.user.has_perm("standards.write_for_network", network):
        raise PermissionDenied(_("Only the network's managers may do this."))
    form = RoleForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        try:
            role = services.create_role(network, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The role was created."))
            return redirect("standards:role", pk=role.pk)
    return render(request, "standards/role_form.html", {"form": form, "network": network})


def role_edit(request: HttpRequest, pk: int) -> HttpResponse:
    role = role_for(request, pk, "standards.change_role")
    form = RoleForm(request.POST or None, instance=role, network=role.network)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_role(role, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The role was saved."))
            return redirect("standards:role", pk=role.pk)
    return render(request, "standards/role_form.html", {"form": form, "network": role.network, "role": role})


@require_POST
def role_delete(request: HttpRequest, pk: int) -> HttpResponse:
    role = role_for(request, pk, "standards.change_role")
    services.delete_role(role)
    messages.success(request, _("The role was deleted."))
    return redirect("standards:roles")


@require_POST
def role_assign(request: HttpRequest, pk: int) -> HttpResponse:
    role = role_for(request, pk, "standards.change_role")
    form = AssignForm(request.POST, positions=queries.assignable_positions(request.user, role))
    if form.is_valid():
        position = get_object_or_404(Position, pk=form.cleaned_data["position"])
        services.assign_role(position, role)
        messages.success(request, _("The position is now filled as this role."))
    else:
        messages.error(request, _("Choose one of the positions listed."))
    return redirect("standards:role", pk=role.pk)


@require_POST
def role_unassign(request: HttpRequest, pk: int, position_pk: int) -> HttpResponse:
    role = role_for(request, pk, "standards.change_role")
    position = get_object_or_404(Position, pk=position_pk)
    services.unassign_role(position, role)
    messages.success(request, _("The position is no longer filled as this role."))
    return redirect("standards:role", pk=role.pk)
