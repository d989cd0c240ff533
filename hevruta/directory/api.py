"""The directory's API: read endpoints for people, organizations, localities and networks, and roster import."""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status, UploadedFile
from ninja.errors import HttpError
from ninja.pagination import paginate

from hevruta.api.auth import OPTIONAL, REQUIRED
from hevruta.api.jobs import job_out
from hevruta.api.pagination import BoundedLimitOffsetPagination as LimitOffsetPagination
from hevruta.api.schemas import ErrorOut
from hevruta.api.types import PathId, Text
from hevruta.core.jobs import services as jobs
from hevruta.core.jobs.queries import latest_job_of

from . import queries, services
from .models import Invitation, JoinPolicy, JoinRequest, Locality, Network, Organization, Person, RosterImport
from .roster import RosterError
from .schemas import (
    JoinRequestIn,
    JoinRequestOut,
    LocalityOut,
    NetworkInvitationIn,
    NetworkInvitationOut,
    NetworkMembershipOut,
    NetworkOut,
    OrganizationOut,
    PeopleQuery,
    PersonDetailOut,
    PersonOut,
    RosterImportOut,
)

router = Router(tags=["directory"])


def _person_out(person: Person, contact: dict[str, Any]) -> dict[str, Any]:
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
def list_people(request: HttpRequest, filters: Query[PeopleQuery]) -> QuerySet[Person]:
    return queries.search_people(request.user, queries.PeopleFilter.from_params(filters.dict()))


@router.get("/people/{person_id}", response=PersonDetailOut, auth=OPTIONAL, summary="A person's profile")
def get_person(request: HttpRequest, person_id: PathId) -> dict[str, Any]:
    # Consultations build on the directory; its endorsements are read here, as on the profile page,
    # only once the profile is known to be shown to this viewer.
    from hevruta.consultations.queries import endorsed_strengths

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
        "endorsed": [{"topic": topic.slug, "endorsements": n} for topic, n in endorsed_strengths(person.pk)],
    }


@router.get("/organizations", response=list[OrganizationOut], auth=OPTIONAL, summary="List and search organizations")
@paginate(LimitOffsetPagination)
def list_organizations(
    request: HttpRequest, q: Text = "", kind: Text = "", district: Text = ""
) -> QuerySet[Organization]:
    return queries.search_organizations(request.user, query=q[:200], kind=kind, district=district)


@router.get("/organizations/{organization_id}", response=OrganizationOut, auth=OPTIONAL)
def get_organization(request: HttpRequest, organization_id: PathId) -> Organization:
    return get_object_or_404(queries.organizations_visible_to(request.user), pk=organization_id)


@router.get("/localities", response=list[LocalityOut], auth=OPTIONAL, summary="List and search localities")
@paginate(LimitOffsetPagination)
def list_localities(request: HttpRequest, q: Text = "", district: Text = "") -> QuerySet[Locality]:
    return queries.search_localities(q[:100], district)


@router.get("/localities/{locality_id}", response=LocalityOut, auth=OPTIONAL)
def get_locality(request: HttpRequest, locality_id: PathId) -> Locality:
    return get_object_or_404(Locality, pk=locality_id)


@router.get("/networks", response=list[NetworkOut], auth=OPTIONAL, summary="Networks you may see")
@paginate(LimitOffsetPagination)
def list_networks(request: HttpRequest) -> QuerySet[Network]:
    return queries.networks_visible_to(request.user).order_by("name")


def _visible_network(request: HttpRequest, slug: str) -> Network:
    network = queries.network_by_slug(slug)
    if network is None or not request.user.has_perm("directory.view_network", network):
        raise Http404("No such network, or it is open to its members only.")
    return network


@router.get("/networks/{slug}", response=NetworkOut, auth=OPTIONAL)
def get_network(request: HttpRequest, slug: Text) -> Network:
    return _visible_network(request, slug)


@router.get("/networks/{slug}/members", response=list[PersonOut], auth=OPTIONAL, summary="A network's members")
@paginate(LimitOffsetPagination)
def list_members(request: HttpRequest, slug: Text) -> QuerySet[Person]:
    return queries.network_members(request.user, _visible_network(request, slug))


# Joining ------------------------------------------------------------------------------------------


def _refused(refusal: services.JoiningError) -> HttpError:
    # A refusal from the state of things (already a member, already answered) is a conflict.
    return HttpError(409, " ".join(refusal.messages))


def _roster_network(request: HttpRequest, slug: str) -> Network:
    network = _visible_network(request, slug)
    if not request.user.has_perm("directory.manage_network", network):
        raise PermissionDenied(_("Only the network's managers may import rosters."))
    return network


def _roster_import_out(roster_import: RosterImport) -> dict[str, Any]:
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
        raise PermissionDenied(_("Only the network's managers may do this."))
    return network


@router.post(
    "/networks/{slug}/join",
    response={201: NetworkMembershipOut, 202: JoinRequestOut, 409: ErrorOut},
    auth=REQUIRED,
    summary="Join an open network, or ask to join one that admits on request",
    description="201 with the membership when the network is open; 202 with the request when its managers "
    "answer requests; 409 when the network takes neither, or you are already a member or have already asked.",
)
def join_network(request: HttpRequest, slug: Text, payload: JoinRequestIn | None = None) -> Status:
    network = _visible_network(request, slug)
    person = services.ensure_person_for_user(request.user)
    try:
        if network.join_policy == JoinPolicy.ON_REQUEST:
            asked = services.ask_to_join(network, person, payload.message if payload else "")
            return Status(202, asked)
        membership = services.join_open_network(network, person)
    except services.JoiningError as refusal:
        raise _refused(refusal) from None
    return Status(201, {"network": network.slug, "role": membership.role})


@router.delete(
    "/networks/{slug}/membership", response={204: None, 409: ErrorOut}, auth=REQUIRED, summary="Leave a network"
)
def leave_network(request: HttpRequest, slug: Text) -> Status:
    network = _visible_network(request, slug)
    try:
        services.leave_network(network, services.ensure_person_for_user(request.user))
    except services.JoiningError as refusal:
        raise _refused(refusal) from None
    return Status(204, None)


@router.get(
    "/networks/{slug}/join-requests",
    response=list[JoinRequestOut],
    auth=REQUIRED,
    summary="Requests to join waiting for the managers",
)
@paginate(LimitOffsetPagination)
def list_join_requests(request: HttpRequest, slug: Text) -> QuerySet[JoinRequest]:
    return queries.pending_join_requests(_managed_network(request, slug))


def _join_request_to_answer(request: HttpRequest, join_request_id: PathId) -> JoinRequest:
    join_request = get_object_or_404(JoinRequest.objects.select_related("network", "person"), pk=join_request_id)
    if not request.user.has_perm("directory.view_network", join_request.network):
        raise Http404(_("No such request."))
    if not request.user.has_perm("directory.answer_join_request", join_request):
        raise PermissionDenied(_("Only the network's managers may do this."))
    return join_request


@router.post(
    "/join-requests/{join_request_id}/accept",
    response={200: JoinRequestOut, 409: ErrorOut},
    auth=REQUIRED,
    summary="Accept a request to join (managers)",
)
def accept_join_request(request: HttpRequest, join_request_id: PathId) -> JoinRequest:
    join_request = _join_request_to_answer(request, join_request_id)
    try:
        return services.answer_join_request(join_request, request.user, accept=True)
    except services.JoiningError as refusal:
        raise _refused(refusal) from None


@router.post(
    "/join-requests/{join_request_id}/decline",
    response={200: JoinRequestOut, 409: ErrorOut},
    auth=REQUIRED,
    summary="Decline a request to join (managers)",
)
def decline_join_request(request: HttpRequest, join_request_id: PathId) -> JoinRequest:
    join_request = _join_request_to_answer(request, join_request_id)
    try:
        return services.answer_join_request(join_request, request.user, accept=False)
    except services.JoiningError as refusal:
        raise _refused(refusal) from None


@router.delete(
    "/join-requests/{join_request_id}",
    response={204: None, 409: ErrorOut},
    auth=REQUIRED,
    summary="Withdraw your own request to join",
)
def withdraw_join_request(request: HttpRequest, join_request_id: PathId) -> Status:
    join_request = get_object_or_404(JoinRequest, pk=join_request_id)
    if not request.user.has_perm("directory.withdraw_join_request", join_request):
        raise Http404(_("No such request."))
    try:
        services.withdraw_join_request(join_request)
    except services.JoiningError as refusal:
        raise _refused(refusal) from None
    return Status(204, None)


@router.get(
    "/networks/{slug}/invitations",
    response=list[NetworkInvitationOut],
    auth=REQUIRED,
    summary="A network's invitations",
)
@paginate(LimitOffsetPagination)
def list_network_invitations(request: HttpRequest, slug: Text) -> QuerySet[Invitation]:
    return queries.network_invitations(_managed_network(request, slug))


@router.post(
    "/networks/{slug}/invitations",
    response={201: NetworkInvitationOut, 409: ErrorOut},
    auth=REQUIRED,
    summary="Invite someone to a network (managers), by email or a person of the directory",
)
def invite_to_network(request: HttpRequest, slug: Text, payload: NetworkInvitationIn) -> Status:
    network = _managed_network(request, slug)
    person = None
    if payload.person_id is not None:
        person = queries.profile(request.user, payload.person_id)
        if person is None:
            raise Http404(_("No such person, or the profile is not shown to you."))
    try:
        invitation = services.invite(network, request.user, email=payload.email, person=person, message=payload.message)
    except services.JoiningError as refusal:
        raise _refused(refusal) from None
    return Status(201, invitation)


# Before the routes with an id, so that "mine" is not read as one.
@router.get(
    "/network-invitations/mine",
    response=list[NetworkInvitationOut],
    auth=REQUIRED,
    summary="Invitations waiting for you",
)
@paginate(LimitOffsetPagination)
def list_my_invitations(request: HttpRequest) -> QuerySet[Invitation]:
    return queries.invitations_for(request.user).order_by("-created_at", "-id")


@router.delete(
    "/network-invitations/{invitation_id}",
    response={204: None, 409: ErrorOut},
    auth=REQUIRED,
    summary="Withdraw an invitation (managers)",
)
def withdraw_invitation(request: HttpRequest, invitation_id: PathId) -> Status:
    invitation = get_object_or_404(Invitation.objects.select_related("network"), pk=invitation_id)
    if not request.user.has_perm("directory.withdraw_invitation", invitation):
        raise Http404(_("No such invitation."))
    try:
        services.withdraw_invitation(invitation)
    except services.JoiningError as refusal:
        raise _refused(refusal) from None
    return Status(204, None)


def _answer_invitation(request: HttpRequest, invitation_id: PathId, accept: bool) -> Invitation:
    invitation = get_object_or_404(Invitation.objects.select_related("network", "person"), pk=invitation_id)
    if not request.user.has_perm("directory.answer_invitation", invitation):
        raise Http404(_("No such invitation."))
    try:
        return services.answer_invitation(invitation, request.user, accept)
    except services.JoiningError as refusal:
        raise _refused(refusal) from None


@router.post(
    "/network-invitations/{invitation_id}/accept",
    response={200: NetworkInvitationOut, 409: ErrorOut},
    auth=REQUIRED,
    summary="Accept an invitation addressed to you",
)
def accept_invitation(request: HttpRequest, invitation_id: PathId) -> Invitation:
    return _answer_invitation(request, invitation_id, accept=True)


@router.post(
    "/network-invitations/{invitation_id}/decline",
    response={200: NetworkInvitationOut, 409: ErrorOut},
    auth=REQUIRED,
    summary="Decline an invitation addressed to you",
)
def decline_invitation(request: HttpRequest, invitation_id: PathId) -> Invitation:
    return _answer_invitation(request, invitation_id, accept=False)


@router.post(
    "/networks/{slug}/imports",
    response={202: RosterImportOut, 400: ErrorOut},
    auth=REQUIRED,
    summary="Import a roster (CSV or XLSX) into a network",
    description="Answers at once with 202 and a job to follow (GET /jobs/{id}, or GET this import): a worker "
    "checks every row and, unless dry_run=true (in the query or the form), imports the file whole. A file "
    "with any bad row is refused whole: the job fails and the import lists the row problems. Files that "
    "cannot be a roster (wrong kind, too many rows, too big unpacked) are refused at once with 400.",
)
def import_roster(
    request: HttpRequest,
    slug: Text,
    file: File[UploadedFile],
    dry_run: bool = False,
    dry_run_field: bool = Form(False, alias="dry_run", description="The same as the query parameter dry_run."),
) -> Status:
    dry_run = dry_run or dry_run_field
    network = _roster_network(request, slug)
    if file.size and file.size > settings.MAX_UPLOAD_BYTES:
        raise HttpError(
            400, f"The file is larger than {filesizeformat(settings.MAX_UPLOAD_BYTES)}, the most that can be uploaded."
        )
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
def get_roster_import(request: HttpRequest, slug: Text, import_id: PathId) -> dict[str, Any]:
    network = _roster_network(request, slug)
    return _roster_import_out(get_object_or_404(RosterImport, network=network, pk=import_id))
