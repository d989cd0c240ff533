"""What every standards page needs: the object if the user may see it, and the permission checks."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from hevruta.directory.models import Network
from hevruta.directory.queries import viewer_for

from ..models import Framework, Item, Role


def managed_networks(user: Any) -> QuerySet[Network]:
    viewer = viewer_for(user)
    networks = Network.objects.order_by("name")
    return networks if viewer.is_operator else networks.filter(pk__in=viewer.managed_network_ids)


def is_operator(user: Any) -> bool:
    return viewer_for(user).is_operator


def framework_for(request: HttpRequest, pk: int, perm: str | None = None) -> Framework:
    """The framework if the user may see it (else 404) and, when asked, do `perm` to it (else 403)."""
    framework = get_object_or_404(Framework.objects.select_related("network", "previous"), pk=pk)
    if not request.user.has_perm("standards.view_framework", framework):
        raise Http404(_("No such framework, or it is not shown to you."))
    if perm and not request.user.has_perm(perm, framework):
        if perm == "standards.change_framework" and request.user.has_perm("standards.manage_framework", framework):
            raise PermissionDenied(_("This framework is published and cannot be changed; make a new draft."))
        raise PermissionDenied(_("Only the network's managers may do this."))
    return framework


def item_for(request: HttpRequest, framework: Framework, item_pk: int) -> Item:
    return get_object_or_404(Item, framework=framework, pk=item_pk)


def role_for(request: HttpRequest, pk: int, perm: str | None = None) -> Role:
    role = get_object_or_404(Role.objects.select_related("network", "framework"), pk=pk)
    if not request.user.has_perm("standards.view_role", role):
        raise Http404(_("No such role, or it is not shown to you."))
    if perm and not request.user.has_perm(perm, role):
        raise PermissionDenied(_("Only the network's managers may do this."))
    return role


def network_for_writing(request: HttpRequest, network_pk: str | None) -> Network | None:
    """The network chosen in a form, if the user writes standards for it; "" is the public library."""
    network = get_object_or_404(Network, pk=int(network_pk)) if network_pk else None
    if not request.user.has_perm("standards.write_for_network", network):
        raise PermissionDenied(_("Only the network's managers may do this."))
    return network
