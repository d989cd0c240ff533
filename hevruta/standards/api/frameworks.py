"""Frameworks, their items and rubric texts, versions, CASE import and export."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import File, Form, Schema, Status, UploadedFile
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from hevruta.api.auth import OPTIONAL, REQUIRED
from hevruta.api.jobs import JobOut, job_out

from .. import queries, services
from ..case.exporter import dumps, export_package
from ..case.importer import max_package_bytes
from ..models import Framework, FrameworkStatus, Item
from ..services.case_jobs import start_case_import
from .common import framework_for, guard, network_for_writing, router

# Frameworks ----------------------------------------------------------------------------------------


class LevelOut(Schema):
    id: int
    name: str
    description: str
    position: int


class FrameworkOut(Schema):
    id: int
    identifier: str
    uri: str
    network: str | None
    status: str
    version_number: int
    previous_id: int | None
    title: str
    creator: str
    publisher: str
    description: str
    language: str
    subject: list[str]
    source: str
    published_at: datetime | None
    last_change: datetime

    @staticmethod
    def resolve_network(framework: Framework) -> str | None:
        return framework.network.slug if framework.network else None


class FrameworkDetailOut(FrameworkOut):
    levels: list[LevelOut]

    @staticmethod
    def resolve_levels(framework: Framework) -> list:
        return list(framework.levels.order_by("position"))


class FrameworkIn(Schema):
    network: str | None = None
    title: str
    creator: str = ""
    publisher: str = ""
    description: str = ""
    language: str = ""
    subject: list[str] = []


class FrameworkPatch(Schema):
    title: str | None = None
    creator: str | None = None
    publisher: str | None = None
    description: str | None = None
    language: str | None = None
    subject: list[str] | None = None
    notes: str | None = None


@router.get("/standards/frameworks", response=list[FrameworkOut], auth=OPTIONAL, summary="Frameworks you may see")
@paginate(LimitOffsetPagination)
def list_frameworks(request: HttpRequest, status: str = ""):  # type: ignore[no-untyped-def]
    frameworks = queries.framework_list(request.user)
    return frameworks.filter(status=status) if status in FrameworkStatus.values else frameworks


@router.get("/standards/frameworks/{int:framework_id}", response=FrameworkDetailOut, auth=OPTIONAL)
def getframework_for(request: HttpRequest, framework_id: int) -> Framework:
    return framework_for(request, framework_id)


@router.post("/standards/frameworks", response={201: FrameworkDetailOut}, auth=REQUIRED, summary="Create a draft")
def createframework_for(request: HttpRequest, payload: FrameworkIn):  # type: ignore[no-untyped-def]
    data = payload.dict()
    network = network_for_writing(request, data.pop("network"))
    return Status(
        201,
        services.create_framework(
            network, user=request.user, title=data.pop("title"), creator=data.pop("creator"), **data
        ),
    )


@router.patch("/standards/frameworks/{int:framework_id}", response=FrameworkDetailOut, auth=REQUIRED)
def updateframework_for(request: HttpRequest, framework_id: int, payload: FrameworkPatch) -> Framework:
    framework = framework_for(request, framework_id, "standards.change_framework")
    return guard(services.update_framework, framework, **payload.dict(exclude_unset=True))


@router.delete(
    "/standards/frameworks/{int:framework_id}", response={204: None}, auth=REQUIRED, summary="Delete a draft"
)
def deleteframework_for(request: HttpRequest, framework_id: int):  # type: ignore[no-untyped-def]
    framework = framework_for(request, framework_id, "standards.change_framework")
    guard(services.delete_draft, framework)
    return Status(204, None)


@router.post("/standards/frameworks/{int:framework_id}/publish", response=FrameworkOut, auth=REQUIRED)
def publishframework_for(request: HttpRequest, framework_id: int) -> Framework:
    return guard(services.publish, framework_for(request, framework_id, "standards.change_framework"))


@router.post("/standards/frameworks/{int:framework_id}/new-draft", response={201: FrameworkOut}, auth=REQUIRED)
def new_draft(request: HttpRequest, framework_id: int):  # type: ignore[no-untyped-def]
    framework = framework_for(request, framework_id, "standards.manage_framework")
    return Status(201, services.new_draft(framework, request.user))


@router.post("/standards/frameworks/{int:framework_id}/retire", response=FrameworkOut, auth=REQUIRED)
def retireframework_for(request: HttpRequest, framework_id: int) -> Framework:
    return services.retire(framework_for(request, framework_id, "standards.manage_framework"))


@router.get("/standards/frameworks/{int:framework_id}/case", auth=OPTIONAL, summary="The framework as a CASE CFPackage")
def exportframework_for(request: HttpRequest, framework_id: int) -> HttpResponse:
    framework = framework_for(request, framework_id)
    return HttpResponse(dumps(export_package(framework)), content_type="application/json")


class ImportProblemsOut(Schema):
    detail: str
    problems: list[str]


@router.post(
    "/standards/frameworks/import",
    response={202: JobOut, 422: ImportProblemsOut},
    auth=REQUIRED,
    summary="Import a CASE CFPackage from a file or a CASE server's address",
    description="Answers at once with 202 and the job to follow at GET /jobs/{id}: a worker fetches the "
    "address (or reads the file), checks the package and imports it whole; a refused package fails the job "
    "with every problem in `result.problems`, and nothing is imported. A file larger than the limit is 422 at once.",
)
def import_framework(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    network: Form[str] = "",
    url: Form[str] = "",
    publish: Form[bool] = False,
    file: File[UploadedFile] = None,  # type: ignore[assignment]
):
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


class ItemOut(Schema):
    id: int
    identifier: str
    uri: str
    parent_id: int | None
    position: int | None
    human_coding_scheme: str
    full_statement: str
    abbreviated_statement: str
    item_type: str
    language: str
    rubric: dict[str, str]


class ItemIn(Schema):
    parent_id: int | None = None
    full_statement: str
    human_coding_scheme: str = ""
    abbreviated_statement: str = ""
    item_type: str = ""
    language: str = ""
    notes: str = ""


class ItemPatch(Schema):
    full_statement: str | None = None
    human_coding_scheme: str | None = None
    abbreviated_statement: str | None = None
    item_type: str | None = None
    language: str | None = None
    notes: str | None = None
    # Moving: the new parent (null: the top) and the 0-based place among its children.
    parent_id: int | None = None
    position: int | None = None


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


@router.get("/standards/frameworks/{int:framework_id}/items", response=list[ItemOut], auth=OPTIONAL)
def list_items(request: HttpRequest, framework_id: int):  # type: ignore[no-untyped-def]
    """The items in the order of the tree, each with its parent and its rubric texts by level."""
    tree = queries.framework_tree(request.user, framework_for(request, framework_id))
    return [_item_out(row) for row in tree.rows if row.item is not None and not row.repeated]


def _parent(framework: Framework, parent_id: int | None) -> Item | None:
    return get_object_or_404(Item, framework=framework, pk=parent_id) if parent_id else None


@router.post("/standards/frameworks/{int:framework_id}/items", response={201: dict}, auth=REQUIRED)
def add_item(request: HttpRequest, framework_id: int, payload: ItemIn):  # type: ignore[no-untyped-def]
    framework = framework_for(request, framework_id, "standards.change_framework")
    data = payload.dict()
    parent = _parent(framework, data.pop("parent_id"))
    item = guard(services.add_item, framework, parent=parent, **data)
    return Status(201, {"id": item.pk, "identifier": item.identifier})


@router.patch("/standards/frameworks/{int:framework_id}/items/{int:item_id}", response=dict, auth=REQUIRED)
def update_item(request: HttpRequest, framework_id: int, item_id: int, payload: ItemPatch):  # type: ignore[no-untyped-def]
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
def delete_item(request: HttpRequest, framework_id: int, item_id: int):  # type: ignore[no-untyped-def]
    framework = framework_for(request, framework_id, "standards.change_framework")
    guard(services.delete_item, get_object_or_404(Item, framework=framework, pk=item_id))
    return Status(204, None)


@router.put("/standards/frameworks/{int:framework_id}/items/{int:item_id}/rubric", response={204: None}, auth=REQUIRED)
def set_rubric(request: HttpRequest, framework_id: int, item_id: int, payload: dict[str, str]):  # type: ignore[no-untyped-def]
    """Rubric texts by level name; an empty text removes the level's text."""
    framework = framework_for(request, framework_id, "standards.change_framework")
    item = get_object_or_404(Item, framework=framework, pk=item_id)
    levels = {level.name: level.pk for level in framework.levels.all()}
    unknown = set(payload) - set(levels)
    if unknown:
        raise ValidationError(f"Unknown levels: {', '.join(sorted(unknown))}.")
    guard(services.set_rubric_texts, item, {levels[name]: text for name, text in payload.items()})
    return Status(204, None)
