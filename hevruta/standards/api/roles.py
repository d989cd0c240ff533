"""Roles (job definitions) and the directory positions filled as them."""

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Schema, Status
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from hevruta.api.auth import OPTIONAL, REQUIRED
from hevruta.directory.models import Position
from hevruta.directory.queries import network_by_slug

from .. import queries, services
from ..models import Role
from .common import framework_for, network_for_writing, role_for, router

# Roles ---------------------------------------------------------------------------------------------


class RoleOut(Schema):
    id: int
    network: str
    name: str
    position_role: str
    purpose: str
    responsibilities: list[str]
    organization_kinds: list[str]
    career_track: str
    track_stage: int | None
    framework_id: int | None
    text_language: str

    @staticmethod
    def resolve_network(role: Role) -> str:
        return role.network.slug

    @staticmethod
    def resolve_responsibilities(role: Role) -> list[str]:
        return role.responsibility_list


class RoleIn(Schema):
    name: str
    position_role: str = ""
    purpose: str = ""
    responsibilities: list[str] = []
    organization_kinds: list[str] = []
    career_track: str = ""
    track_stage: int | None = None
    framework_id: int | None = None
    text_language: str = ""


class RoleCreate(RoleIn):
    network: str


class RolePatch(Schema):
    name: str | None = None
    position_role: str | None = None
    purpose: str | None = None
    responsibilities: list[str] | None = None
    organization_kinds: list[str] | None = None
    career_track: str | None = None
    track_stage: int | None = None
    framework_id: int | None = None
    text_language: str | None = None


def _role_fields(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    if "responsibilities" in data:
        data["responsibilities"] = "\n".join(line.strip() for line in data["responsibilities"] if line.strip())
    if "framework_id" in data:
        framework_id = data.pop("framework_id")
        data["framework"] = framework_for(request, framework_id) if framework_id else None
    return data


@router.get("/standards/roles", response=list[RoleOut], auth=OPTIONAL, summary="Roles (job definitions) you may see")
@paginate(LimitOffsetPagination)
def list_roles(request: HttpRequest, network: str = ""):  # type: ignore[no-untyped-def]
    found = network_by_slug(network) if network else None
    return queries.role_list(request.user, found.pk if found else (-1 if network else None))


@router.get("/standards/roles/{int:role_id}", response=RoleOut, auth=OPTIONAL)
def getrole_for(request: HttpRequest, role_id: int) -> Role:
    return role_for(request, role_id)


@router.post("/standards/roles", response={201: RoleOut}, auth=REQUIRED, summary="Create a role (managers)")
def createrole_for(request: HttpRequest, payload: RoleCreate):  # type: ignore[no-untyped-def]
    data = payload.dict()
    network = network_for_writing(request, data.pop("network"))
    if network is None:
        raise HttpError(400, "A role belongs to a network.")
    return Status(201, services.create_role(network, **_role_fields(request, data)))


@router.patch("/standards/roles/{int:role_id}", response=RoleOut, auth=REQUIRED)
def updaterole_for(request: HttpRequest, role_id: int, payload: RolePatch) -> Role:
    role = role_for(request, role_id, write=True)
    return services.update_role(role, **_role_fields(request, payload.dict(exclude_unset=True)))


@router.delete("/standards/roles/{int:role_id}", response={204: None}, auth=REQUIRED)
def deleterole_for(request: HttpRequest, role_id: int):  # type: ignore[no-untyped-def]
    services.delete_role(role_for(request, role_id, write=True))
    return Status(204, None)


@router.put("/standards/roles/{int:role_id}/positions/{int:position_id}", response={204: None}, auth=REQUIRED)
def assignrole_for(request: HttpRequest, role_id: int, position_id: int):  # type: ignore[no-untyped-def]
    """The directory position is filled as this role."""
    role = role_for(request, role_id, write=True)
    found = queries.assignable_positions(request.user, role, position_id=position_id)
    if not found:
        raise Http404("No such current position among the network's members you may see.")
    services.assign_role(found[0], role)
    return Status(204, None)


@router.delete("/standards/roles/{int:role_id}/positions/{int:position_id}", response={204: None}, auth=REQUIRED)
def unassignrole_for(request: HttpRequest, role_id: int, position_id: int):  # type: ignore[no-untyped-def]
    role = role_for(request, role_id, write=True)
    services.unassign_role(get_object_or_404(Position, pk=position_id), role)
    return Status(204, None)
