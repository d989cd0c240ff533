"""The directory's API: read endpoints for people, organizations, localities and networks, and roster import."""

from datetime import date
from typing import Annotated, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from ninja import Field, File, Query, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError
from ninja.pagination import paginate

from hevruta.api.auth import OPTIONAL, REQUIRED
from hevruta.api.jobs import JobOut, job_out
from hevruta.api.pagination import BoundedLimitOffsetPagination as LimitOffsetPagination
from hevruta.core.jobs import services as jobs
from hevruta.core.jobs.queries import latest_job_of

from . import queries, services
from .models import Locality, Network, Organization, RosterImport
from .roster import RosterError

router = Router(tags=["directory"])


class OrganizationRef(Schema):
    id: int
    name: str


class PositionOut(Schema):
    title: str
    role: str
    organization: OrganizationRef
    start_date: date | None
    end_date: date | None
    is_senior: bool


class PersonOut(Schema):
    id: int
    given_name: str
    family_name: str
    locality_id: int | None
    subjects: list[str]
    positions: list[PositionOut]

    # Lists hand over Person objects (with subjects and current positions prefetched), the detail a dict.
    @staticmethod
    def resolve_subjects(person: Any) -> list[str]:
        if isinstance(person, dict):
            return person["subjects"]
        return [subject.slug for subject in person.subjects.all()]

    @staticmethod
    def resolve_positions(person: Any) -> list:
        if isinstance(person, dict):
            return person["positions"]
        current = getattr(person, "current_positions", None)
        return current if current is not None else list(person.positions.all())


class PersonDetailOut(PersonOut):
    email: str | None = None
    phone: str | None = None
    bio: str
    grade_bands: list[str]
    languages: list[str]
    strengths: list[str]
    areas_to_develop: list[str]
    networks: list[str]


# Identifiers are positive and fit the database's 64-bit integers.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]


class PeopleQuery(Schema):
    q: str = Field("", max_length=200)
    subject: str = ""
    role: str = ""
    grade_band: str = ""
    district: Id | None = None
    peripherality_cluster: Annotated[int, Field(ge=1, le=10)] | None = None
    sector: str = ""
    language: str = ""
    network: Id | None = None
    organization: Id | None = None


def _person_out(person, contact: dict) -> dict:  # type: ignore[no-untyped-def]
    return {
        "id": person.pk,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "locality_id": person.locality_id,
        "subjects": [subject.slug for subject in person.subjects.all()],
        "positions": list(person.positions.all()),
        **contact,
    }


@router.get("/people", response=list[PersonOut], auth=OPTIONAL, summary="List and search people")
@paginate(LimitOffsetPagination)
def list_people(request: HttpRequest, filters: Query[PeopleQuery]):  # type: ignore[no-untyped-def]
    return queries.search_people(request.user, queries.PeopleFilter.from_params(filters.dict()))


@router.get("/people/{person_id}", response=PersonDetailOut, auth=OPTIONAL, summary="A person's profile")
def get_person(request: HttpRequest, person_id: int):  # type: ignore[no-untyped-def]
    person = queries.profile(request.user, person_id)
    if person is None:
        raise Http404("No such person, or the profile is not shown to you.")
    viewer = queries.viewer_for(request.user)
    contact = queries.visible_contact(viewer, person, queries.network_ids_by_person([person.pk])[person.pk])
    return {
        **_person_out(person, contact),
        "bio": person.bio,
        "grade_bands": [band.slug for band in person.grade_bands.all()],
        "languages": [language.code for language in person.languages.all()],
        "strengths": [topic.slug for topic in person.strengths.all()],
        "areas_to_develop": [topic.slug for topic in person.areas_to_develop.all()],
        "networks": [network.slug for network in queries.networks_of(request.user, person)],
    }


class OrganizationOut(Schema):
    id: int
    name: str
    name_en: str
    name_ar: str
    kind: str
    sector: str
    locality_id: int | None
    parent_id: int | None
    website: str


@router.get("/organizations", response=list[OrganizationOut], auth=OPTIONAL, summary="List and search organizations")
@paginate(LimitOffsetPagination)
def list_organizations(request: HttpRequest, q: str = "", kind: str = "", district: str = ""):  # type: ignore[no-untyped-def]
    return queries.search_organizations(request.user, query=q[:200], kind=kind, district=district)


@router.get("/organizations/{organization_id}", response=OrganizationOut, auth=OPTIONAL)
def get_organization(request: HttpRequest, organization_id: int) -> Organization:
    return get_object_or_404(queries.organizations_visible_to(request.user), pk=organization_id)


class LocalityOut(Schema):
    id: int
    cbs_code: int
    name_he: str
    name_ar: str
    name_en: str
    district: int | None
    regional_council: str
    latitude: float | None
    longitude: float | None
    population: int | None
    peripherality_cluster: int | None


@router.get("/localities", response=list[LocalityOut], auth=OPTIONAL, summary="List and search localities")
@paginate(LimitOffsetPagination)
def list_localities(request: HttpRequest, q: str = "", district: str = ""):  # type: ignore[no-untyped-def]
    return queries.search_localities(q[:100], district)


@router.get("/localities/{locality_id}", response=LocalityOut, auth=OPTIONAL)
def get_locality(request: HttpRequest, locality_id: int) -> Locality:
    return get_object_or_404(Locality, pk=locality_id)


class NetworkOut(Schema):
    id: int
    slug: str
    name: str
    name_en: str
    name_ar: str
    kind: str
    description: str
    is_public: bool


@router.get("/networks", response=list[NetworkOut], auth=OPTIONAL, summary="Networks you may see")
@paginate(LimitOffsetPagination)
def list_networks(request: HttpRequest):  # type: ignore[no-untyped-def]
    return queries.networks_visible_to(request.user).order_by("name")


def _visible_network(request: HttpRequest, slug: str) -> Network:
    network = queries.network_by_slug(slug)
    if network is None or not request.user.has_perm("directory.view_network", network):
        raise Http404("No such network, or it is open to its members only.")
    return network


@router.get("/networks/{slug}", response=NetworkOut, auth=OPTIONAL)
def get_network(request: HttpRequest, slug: str) -> Network:
    return _visible_network(request, slug)


@router.get("/networks/{slug}/members", response=list[PersonOut], auth=OPTIONAL, summary="A network's members")
@paginate(LimitOffsetPagination)
def list_members(request: HttpRequest, slug: str):  # type: ignore[no-untyped-def]
    return queries.network_members(request.user, _visible_network(request, slug))


class RowProblemOut(Schema):
    row: int
    column: str
    message: str


class RosterImportOut(Schema):
    id: int
    status: str
    dry_run: bool
    encoding: str
    total_rows: int
    errors: list[RowProblemOut]
    summary: dict
    job: JobOut | None


class RosterErrorOut(Schema):
    detail: str


def _roster_import_out(roster_import: RosterImport) -> dict:
    job = latest_job_of(roster_import)
    return {
        "id": roster_import.pk,
        "status": roster_import.status,
        "dry_run": roster_import.dry_run,
        "encoding": roster_import.encoding,
        "total_rows": roster_import.total_rows,
        "errors": roster_import.errors,
        "summary": roster_import.summary,
        "job": job_out(jobs.recover(job)) if job else None,
    }


def _managed_network(request: HttpRequest, slug: str) -> Network:
    network = _visible_network(request, slug)
    if not request.user.has_perm("directory.manage_network", network):
        raise PermissionDenied("Only the network's managers may import rosters.")
    return network


@router.post(
    "/networks/{slug}/imports",
    response={202: RosterImportOut, 400: RosterErrorOut},
    auth=REQUIRED,
    summary="Import a roster (CSV or XLSX) into a network",
    description="Answers at once with 202 and a job to follow (GET /jobs/{id}, or GET this import): a worker "
    "checks every row and, unless dry_run=true (in the query or the form), imports the file whole. A file "
    "with any bad row is refused whole: the job fails and the import lists the row problems. Files that "
    "cannot be a roster (wrong kind, too many rows, too big unpacked) are refused at once with 400.",
)
def import_roster(request: HttpRequest, slug: str, file: File[UploadedFile], dry_run: bool = False):  # type: ignore[no-untyped-def]
    network = _managed_network(request, slug)
    if file.size and file.size > settings.MAX_UPLOAD_BYTES:
        raise HttpError(
            400, f"The file is larger than {filesizeformat(settings.MAX_UPLOAD_BYTES)}, the most that can be uploaded."
        )
    # docs/api.md's `-F dry_run=true` sends it in the form, not the query string; both count.
    dry_run = dry_run or request.POST.get("dry_run", "").strip().lower() in ("true", "1", "yes", "on")
    try:
        roster_import, _job = services.upload_roster(
            network, request.user, file.name or "roster.csv", file.read(), dry_run=dry_run, then_import=not dry_run
        )
    except RosterError as error:
        raise HttpError(400, str(error)) from None
    return Status(202, _roster_import_out(roster_import))


@router.get(
    "/networks/{slug}/imports/{import_id}",
    response={200: RosterImportOut},
    auth=REQUIRED,
    summary="A roster import: its status, row problems, summary and job",
)
def get_roster_import(request: HttpRequest, slug: str, import_id: int):  # type: ignore[no-untyped-def]
    network = _managed_network(request, slug)
    return _roster_import_out(get_object_or_404(RosterImport, network=network, pk=import_id))
