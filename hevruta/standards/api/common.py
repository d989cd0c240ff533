"""What the standards API's endpoints share: the router, and finding what the user may see or change."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Router
from ninja.errors import HttpError

from hevruta.directory.models import Network
from hevruta.directory.queries import network_by_slug

from .. import services
from ..models import Framework, Role

router = Router(tags=["standards"])


def guard(action: Any, *args: Any, **kwargs: Any) -> Any:
    """A service call; a frozen framework is a conflict (409), other refusals bad input (400)."""
    try:
        return action(*args, **kwargs)
    except services.FrameworkFrozen as error:
        raise HttpError(409, " ".join(error.messages)) from None


def framework_for(request: HttpRequest, framework_id: int, perm: str | None = None) -> Framework:
    framework = Framework.objects.select_related("network").filter(pk=framework_id).first()
    if framework is None or not request.user.has_perm("standards.view_framework", framework):
        raise Http404("No such framework, or it is not shown to you.")
    if perm == "standards.change_framework" and request.user.has_perm("standards.manage_framework", framework):
        return framework  # the services refuse a frozen framework with 409
    if perm and not request.user.has_perm(perm, framework):
        raise PermissionDenied("Only the network's managers may do this.")
    return framework


def role_for(request: HttpRequest, role_id: int, write: bool = False) -> Role:
    role = Role.objects.select_related("network").filter(pk=role_id).first()
    if role is None or not request.user.has_perm("standards.view_role", role):
        raise Http404("No such role, or it is not shown to you.")
    if write and not request.user.has_perm("standards.change_role", role):
        raise PermissionDenied("Only the network's managers may do this.")
    return role


def network_for_writing(request: HttpRequest, slug: str | None) -> Network | None:
    network = network_by_slug(slug) if slug else None
    if slug and (network is None or not request.user.has_perm("directory.view_network", network)):
        raise Http404("No such network, or it is open to its members only.")
    if not request.user.has_perm("standards.write_for_network", network):
        raise PermissionDenied("Only the network's managers may do this.")
    return network
