"""The standards API: roles, frameworks and their items, CASE import and export.

Reading follows the same visibility as the pages; writing is for the network's managers, and only
a draft framework's content changes (a published one answers 409).
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Body, File, Form, Router, Status, UploadedFile
from ninja.errors import HttpError
from ninja.pagination import paginate

from hevruta.api.auth import OPTIONAL, REQUIRED
from hevruta.api.jobs import job_out
from hevruta.api.pagination import BoundedLimitOffsetPagination as LimitOffsetPagination
from hevruta.api.schemas import JobOut
from hevruta.api.types import PathId, Text
from hevruta.directory.models import Network, Position
from hevruta.directory.queries import network_by_slug

from . import queries, services
from .case.exporter import dumps, export_package
from .case.importer import max_package_bytes
from .models import Framework, FrameworkStatus, Item, Role
from .schemas import (
    FrameworkDetailOut,
    FrameworkImportProblemsOut,
    FrameworkIn,
    FrameworkItemIn,
    FrameworkItemOut,
    FrameworkItemPatch,
    FrameworkItemRefOut,
    FrameworkOut,
    FrameworkPatch,
    RoleCreateIn,
    RoleOut,
    RolePatch,
)
from .services.case_jobs import start_case_import

router = Router(tags=["standards"])

# Finding what the user may see or change -----------------------------------------------------------


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


# Frameworks ----------------------------------------------------------------------------------------


@router.get("/standards/frameworks", response=list[FrameworkOut], auth=OPTIONAL, summary="Frameworks you may see")
@paginate(LimitOffsetPagination)
def list_frameworks(request: HttpRequest, status: Text = "") -> QuerySet[Framework]:
    frameworks = queries.framework_list(request.user)
    return frameworks.filter(status=status) if status in FrameworkStatus.values else frameworks


@router.get("/standards/frameworks/{int:framework_id}", response=FrameworkDetailOut, auth=OPTIONAL)
def get_framework(request: HttpRequest, framework_id: PathId) -> Framework:
    return framework_for(request, framework_id)


@router.post("/standards/frameworks", response={201: FrameworkDetailOut}, auth=REQUIRED, summary="Create a draft")
def create_framework(request: HttpRequest, payload: FrameworkIn) -> Status:
    data = payload.dict()
    network = network_for_writing(request, data.pop("network"))
    return Status(
        201,
        services.create_framework(
            network, user=request.user, title=data.pop("title"), creator=data.pop("creator"), **data
        ),
    )


@router.patch("/standards/frameworks/{int:framework_id}", response=FrameworkDetailOut, auth=REQUIRED)
def update_framework(request: HttpRequest, framework_id: PathId, payload: FrameworkPatch) -> Framework:
    framework = framework_for(request, framework_id, "standards.change_framework")
    return guard(services.update_framework, framework, **payload.dict(exclude_unset=True))


@router.delete(
    "/standards/frameworks/{int:framework_id}", response={204: None}, auth=REQUIRED, summary="Delete a draft"
)
def delete_framework(request: HttpRequest, framework_id: PathId) -> Status:
    framework = framework_for(request, framework_id, "standards.change_framework")
    guard(services.delete_draft, framework)
    return Status(204, None)


@router.post("/standards/frameworks/{int:framework_id}/publish", response=FrameworkOut, auth=REQUIRED)
def publish_framework(request: HttpRequest, framework_id: PathId) -> Framework:
    return guard(services.publish, framework_for(request, framework_id, "standards.change_framework"))


@router.post("/standards/frameworks/{int:framework_id}/new-draft", response={201: FrameworkOut}, auth=REQUIRED)
def start_new_draft(request: HttpRequest, framework_id: PathId) -> Status:
    framework = framework_for(request, framework_id, "standards.manage_framework")
    return Status(201, services.new_draft(framework, request.user))


@router.post("/standards/frameworks/{int:framework_id}/retire", response=FrameworkOut, auth=REQUIRED)
def retire_framework(request: HttpRequest, framework_id: PathId) -> Framework:
    return services.retire(framework_for(request, framework_id, "standards.manage_framework"))


@router.get("/standards/frameworks/{int:framework_id}/case", auth=OPTIONAL, summary="The framework as a CASE CFPackage")
def export_framework_as_case(request: HttpRequest, framework_id: PathId) -> HttpResponse:
    framework = framework_for(request, framework_id)
    return HttpResponse(dumps(export_package(framework)), content_type="application/json")


@router.post(
    "/standards/frameworks/import",
    response={202: JobOut, 422: FrameworkImportProblemsOut},
    auth=REQUIRED,
    summary="Import a CASE CFPackage from a file or a CASE server's address",
    description="Answers at once with 202 and the job to follow at GET /jobs/{id}: a worker fetches the "
    "address (or reads the file), checks the package and imports it whole, or updates the framework a newer "
    "package of it was imported as (`result.updated`, with `result.changes` and `result.changed`); a refused "
    "package fails the job with every problem in `result.problems`, and nothing is imported. A file larger "
    "than the limit is 422 at once.",
)
def import_framework(
    request: HttpRequest,
    network: Text = Form(""),
    url: Text = Form(""),
    publish: bool = Form(False),
    file: File[UploadedFile] = None,  # type: ignore[assignment]
) -> Status:
    target = network_for_writing(request, network or None)
    if bool(file) == bool(url):
        raise HttpError(400, "Send a file or a url, one of the two.")
    if file is not None and file.size and file.size > max_package_bytes():
        problem = f"The file is larger than {max_package_bytes() // 10**6} MB."
        return Status(422, {"detail": "The CASE package was refused; nothing was imported.", "problems": [problem]})
    job = start_case_import(
        network=target,
        user=request.user,
        publish=publish,
        content=file.read() if file is not None else None,
        url=url,
        source=(file.name or "upload") if file is not None else url,
    )
    return Status(202, job_out(job))


# Items ---------------------------------------------------------------------------------------------


def _item_out(row: queries.TreeRow) -> dict[str, Any]:
    item = row.item
    assert item is not None
    association = row.association
    return {
        "id": item.pk,
        "identifier": item.identifier,
        "uri": item.uri,
        "parent_id": association.destination_item_id if association else None,
        "position": association.sequence_number if association else None,
        "human_coding_scheme": item.human_coding_scheme,
        "full_statement": item.full_statement,
        "abbreviated_statement": item.abbreviated_statement,
        "item_type": item.item_type,
        "language": item.language,
        "rubric": {level.name: text.text for level, text in row.rubric if text is not None},
    }


@router.get("/standards/frameworks/{int:framework_id}/items", response=list[FrameworkItemOut], auth=OPTIONAL)
def list_framework_items(request: HttpRequest, framework_id: PathId) -> list[dict[str, Any]]:
    """The items in the order of the tree, each with its parent and its rubric texts by level."""
    tree = queries.framework_tree(request.user, framework_for(request, framework_id))
    return [_item_out(row) for row in tree.rows if row.item is not None and not row.repeated]


def _parent(framework: Framework, parent_id: int | None) -> Item | None:
    return get_object_or_404(Item, framework=framework, pk=parent_id) if parent_id else None


@router.post("/standards/frameworks/{int:framework_id}/items", response={201: FrameworkItemRefOut}, auth=REQUIRED)
def add_framework_item(request: HttpRequest, framework_id: PathId, payload: FrameworkItemIn) -> Status:
    framework = framework_for(request, framework_id, "standards.change_framework")
    data = payload.dict()
    parent = _parent(framework, data.pop("parent_id"))
    item = guard(services.add_item, framework, parent=parent, **data)
    return Status(201, {"id": item.pk, "identifier": item.identifier})


@router.patch(
    "/standards/frameworks/{int:framework_id}/items/{int:item_id}", response=FrameworkItemRefOut, auth=REQUIRED
)
def update_framework_item(
    request: HttpRequest, framework_id: PathId, item_id: PathId, payload: FrameworkItemPatch
) -> dict[str, Any]:
    framework = framework_for(request, framework_id, "standards.change_framework")
    item = get_object_or_404(Item, framework=framework, pk=item_id)
    data = payload.dict(exclude_unset=True)
    moving = "parent_id" in data or "position" in data
    parent_id, position = data.pop("parent_id", None), data.pop("position", None)
    if data:
        guard(services.update_item, item, **data)
    if moving:
        guard(services.move_item, item, parent=_parent(framework, parent_id), position=position)
    return {"id": item.pk, "identifier": item.identifier}


@router.delete("/standards/frameworks/{int:framework_id}/items/{int:item_id}", response={204: None}, auth=REQUIRED)
def delete_framework_item(request: HttpRequest, framework_id: PathId, item_id: PathId) -> Status:
    framework = framework_for(request, framework_id, "standards.change_framework")
    guard(services.delete_item, get_object_or_404(Item, framework=framework, pk=item_id))
    return Status(204, None)


@router.put("/standards/frameworks/{int:framework_id}/items/{int:item_id}/rubric", response={204: None}, auth=REQUIRED)
def set_item_rubric(
    request: HttpRequest, framework_id: PathId, item_id: PathId, payload: Body[dict[str, Text]]
) -> Status:
    """Rubric texts by level name; an empty text removes the level's text."""
    framework = framework_for(request, framework_id, "standards.change_framework")
    item = get_object_or_404(Item, framework=framework, pk=item_id)
    levels = {level.name: level.pk for level in framework.levels.all()}
    unknown = set(payload) - set(levels)
    if unknown:
        raise ValidationError(f"Unknown levels: {', '.join(sorted(unknown))}.")
    guard(services.set_rubric_texts, item, {levels[name]: text for name, text in payload.items()})
    return Status(204, None)


# Roles ---------------------------------------------------------------------------------------------


def _role_fields(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    if "responsibilities" in data:
        data["responsibilities"] = "\n".join(line.strip() for line in data["responsibilities"] if line.strip())
    if "framework_id" in data:
        framework_id = data.pop("framework_id")
        data["framework"] = framework_for(request, framework_id) if framework_id else None
    return data


@router.get("/standards/roles", response=list[RoleOut], auth=OPTIONAL, summary="Roles (job definitions) you may see")
@paginate(LimitOffsetPagination)
def list_roles(request: HttpRequest, network: Text = "") -> QuerySet[Role]:
    found = network_by_slug(network) if network else None
    return queries.role_list(request.user, found.pk if found else (-1 if network else None))


@router.get("/standards/roles/{int:role_id}", response=RoleOut, auth=OPTIONAL)
def get_role(request: HttpRequest, role_id: PathId) -> Role:
    return role_for(request, role_id)


@router.post("/standards/roles", response={201: RoleOut}, auth=REQUIRED, summary="Create a role (managers)")
def create_role(request: HttpRequest, payload: RoleCreateIn) -> Status:
    data = payload.dict()
    network = network_for_writing(request, data.pop("network"))
    if network is None:
        raise HttpError(400, "A role belongs to a network.")
    return Status(201, services.create_role(network, **_role_fields(request, data)))


@router.patch("/standards/roles/{int:role_id}", response=RoleOut, auth=REQUIRED)
def update_role(request: HttpRequest, role_id: PathId, payload: RolePatch) -> Role:
    role = role_for(request, role_id, write=True)
    return services.update_role(role, **_role_fields(request, payload.dict(exclude_unset=True)))


@router.delete("/standards/roles/{int:role_id}", response={204: None}, auth=REQUIRED)
def delete_role(request: HttpRequest, role_id: PathId) -> Status:
    services.delete_role(role_for(request, role_id, write=True))
    return Status(204, None)


@router.put("/standards/roles/{int:role_id}/positions/{int:position_id}", response={204: None}, auth=REQUIRED)
def assign_role_to_position(request: HttpRequest, role_id: PathId, position_id: PathId) -> Status:
    """The directory position is filled as this role."""
    role = role_for(request, role_id, write=True)
    found = queries.assignable_positions(request.user, role, position_id=position_id)
    if not found:
        raise Http404("No such current position among the network's members you may see.")
    services.assign_role(found[0], role)
    return Status(204, None)


@router.delete("/standards/roles/{int:role_id}/positions/{int:position_id}", response={204: None}, auth=REQUIRED)
def unassign_role_from_position(request: HttpRequest, role_id: PathId, position_id: PathId) -> Status:
    role = role_for(request, role_id, write=True)
    services.unassign_role(get_object_or_404(Position, pk=position_id), role)
    return Status(204, None)
