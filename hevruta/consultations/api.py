"""The consultations API: ask, see suggestions with their reasons, invite, answer, reply, close and rate,
endorse; and a network's balance of strengths for its managers.

What one may not read answers 404; what one reads but may not do, 403; a refused change, 400 with the
reason, and nothing changed.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from hevruta.api.auth import REQUIRED
from hevruta.api.pagination import BoundedLimitOffsetPagination as LimitOffsetPagination
from hevruta.api.types import PathId
from hevruta.directory.models import Person, Topic
from hevruta.directory.queries import is_network_manager, network_by_slug, viewer_for

from . import queries, services
from .models import Consultation, ConsultationInvitation, Endorsement
from .schemas import (
    CloseIn,
    ConsultationDetailOut,
    ConsultationIn,
    ConsultationOut,
    ConsultationQuery,
    DraftIn,
    EndorsementIn,
    EndorsementOut,
    FollowUpEventIn,
    FollowUpEventOut,
    HelpAnswerIn,
    HelperRatingIn,
    InvitationOut,
    PeersInviteIn,
    ReplyIn,
    ReplyOut,
    SuggestionOut,
    TopicBalanceOut,
)
from .suggestions import suggest

router = Router(tags=["consultations"])


def _me(request: HttpRequest) -> Person:
    person_id = viewer_for(request.user).person_id
    person = Person.objects.filter(pk=person_id).select_related("user").first() if person_id else None
    if person is None:
        raise PermissionDenied(_("Your account has no profile in the directory yet."))
    return person


def _consultation(request: HttpRequest, consultation_id: int) -> Consultation:
    consultation = queries.consultation_page(request.user, consultation_id)
    if consultation is None:
        raise Http404(_("No such consultation, or it is not shown to you."))
    return consultation


def _invitation(consultation: Consultation, person: Person) -> ConsultationInvitation:
    invitation = queries.invitation_of(consultation, person.pk)
    if invitation is None:
        raise PermissionDenied(_("You were not invited to this consultation."))
    return invitation


@router.get("", response=list[ConsultationOut], auth=REQUIRED, summary="Consultations you may read")
@paginate(LimitOffsetPagination)
def list_consultations(request: HttpRequest, filters: Query[ConsultationQuery]) -> QuerySet[Consultation]:
    return queries.search_consultations(
        request.user,
        queries.ConsultationFilter(query=filters.q, topic=filters.topic, status=filters.status or ""),
    )


def _draft(asker: Person, data: ConsultationIn | DraftIn) -> dict[str, Any]:
    """The request's answers as the keyword arguments of services.ask and services.edit_draft: the topic
    by its slug, and an organization only where the asker speaks for it."""
    topic = Topic.objects.filter(slug=data.topic).first()
    if topic is None:
        raise Http404(_("No such topic."))
    organization = (
        queries.organizations_represented_by(asker.pk).filter(pk=data.organization_id).first()
        if data.organization_id
        else None
    )
    if data.organization_id and organization is None:
        raise PermissionDenied(_("You may ask on behalf of an organization only where you hold its head's post."))
    return {
        "topic": topic,
        "organization": organization,
        "title": data.title,
        "description": data.description,
        "tried": data.tried,
        "help_kinds": [str(kind) for kind in data.help_kinds],
        "thread": data.thread,
        "publish": data.publish,
    }


@router.post("", response={201: ConsultationDetailOut}, auth=REQUIRED, summary="Ask your network for a consultation")
def ask_consultation(request: HttpRequest, data: ConsultationIn) -> Status:
    asker = _me(request)
    network = network_by_slug(data.network)
    if network is None or network.pk not in viewer_for(request.user).network_ids:
        raise Http404(_("No such network among yours."))
    consultation = services.ask(asker, network, **_draft(asker, data))
    return Status(201, _consultation(request, consultation.pk))


@router.patch("/{int:consultation_id}", response=ConsultationDetailOut, auth=REQUIRED, summary="Edit your draft")
def edit_draft_consultation(request: HttpRequest, consultation_id: PathId, data: DraftIn) -> Consultation:
    consultation = _consultation(request, consultation_id)
    asker = _me(request)
    services.edit_draft(consultation, asker, **_draft(asker, data))
    return _consultation(request, consultation_id)


@router.get("/{int:consultation_id}", response=ConsultationDetailOut, auth=REQUIRED, summary="A consultation")
def get_consultation(request: HttpRequest, consultation_id: PathId) -> Consultation:
    return _consultation(request, consultation_id)


@router.get(
    "/{int:consultation_id}/suggestions",
    response=list[SuggestionOut],
    auth=REQUIRED,
    summary="Peers suggested to the asker, ranked, with their reasons",
)
def list_suggestions(request: HttpRequest, consultation_id: PathId) -> list[dict[str, Any]]:
    consultation = _consultation(request, consultation_id)
    if consultation.asker_id != viewer_for(request.user).person_id:
        raise PermissionDenied(_("Only the person who asked sees the suggestions."))
    if not consultation.is_active:
        return []
    return [
        {
            "person": s.person,
            "organization_id": s.organization.pk if s.organization else None,
            "score": s.score,
            "invited": s.invited,
            "reasons": [{"code": r.code, "points": r.points, "text": r.text} for r in s.reasons],
        }
        for s in suggest(consultation)
    ]


@router.post("/{int:consultation_id}/publish", response=ConsultationDetailOut, auth=REQUIRED, summary="Open a draft")
def publish_consultation(request: HttpRequest, consultation_id: PathId) -> Consultation:
    consultation = _consultation(request, consultation_id)
    services.publish(consultation, _me(request))
    return _consultation(request, consultation_id)


@router.post(
    "/{int:consultation_id}/invitations",
    response={201: list[InvitationOut]},
    auth=REQUIRED,
    summary="Invite peers (members of the network whose profiles you see)",
)
def invite_peers(request: HttpRequest, consultation_id: PathId, data: PeersInviteIn) -> Status:
    consultation = _consultation(request, consultation_id)
    me = _me(request)
    suggested = {s.person.pk: s.organization for s in suggest(consultation)} if consultation.is_active else {}
    people = list(Person.objects.filter(pk__in=data.people))
    if len(people) != len(set(data.people)):
        raise ValidationError(_("You may invite only members of the network whose profiles you can see."))
    organizations = {pk: org for pk, org in suggested.items() if org is not None and pk in data.people}
    return Status(201, services.invite(consultation, me, people, organizations=organizations, message=data.message))


@router.post("/{int:consultation_id}/answer", response=InvitationOut, auth=REQUIRED, summary="Offer help or decline")
def answer_invitation_to_help(
    request: HttpRequest, consultation_id: PathId, data: HelpAnswerIn
) -> ConsultationInvitation:
    consultation = _consultation(request, consultation_id)
    me = _me(request)
    return services.answer(_invitation(consultation, me), me, offer=data.offer, message=data.message)


@router.post("/{int:consultation_id}/replies", response={201: ReplyOut}, auth=REQUIRED, summary="Reply in the thread")
def reply_in_consultation(request: HttpRequest, consultation_id: PathId, data: ReplyIn) -> Status:
    consultation = _consultation(request, consultation_id)
    return Status(201, services.reply(consultation, _me(request), data.body))


@router.post(
    "/{int:consultation_id}/close",
    response=ConsultationDetailOut,
    auth=REQUIRED,
    summary="Close with the outcome and the asker's rating",
)
def close_consultation(request: HttpRequest, consultation_id: PathId, data: CloseIn) -> Consultation:
    consultation = _consultation(request, consultation_id)
    services.close(consultation, _me(request), outcome=data.outcome, rating=data.rating, follow_up=data.follow_up)
    return _consultation(request, consultation_id)


@router.post(
    "/{int:consultation_id}/event",
    response={201: FollowUpEventOut},
    auth=REQUIRED,
    summary="Make the closed consultation's next step (a meeting, a tour) a draft event",
)
def plan_consultation_event(request: HttpRequest, consultation_id: PathId, data: FollowUpEventIn) -> Status:
    consultation = _consultation(request, consultation_id)
    event = services.plan_follow_up(consultation, _me(request), starts_at=data.starts_at, ends_at=data.ends_at)
    return Status(201, {"event_id": event.pk, "url": reverse("events:event", args=[event.pk])})


@router.post(
    "/{int:consultation_id}/rating",
    response=InvitationOut,
    auth=REQUIRED,
    summary="A helper rates a closed consultation",
)
def rate_consultation(request: HttpRequest, consultation_id: PathId, data: HelperRatingIn) -> ConsultationInvitation:
    consultation = _consultation(request, consultation_id)
    me = _me(request)
    return services.rate_as_helper(_invitation(consultation, me), me, rating=data.rating, note=data.note)


@router.post(
    "/{int:consultation_id}/endorsements",
    response={201: EndorsementOut},
    auth=REQUIRED,
    summary="Endorse a helper's strength in the consultation's topic",
)
def endorse_helper(request: HttpRequest, consultation_id: PathId, data: EndorsementIn) -> Status:
    consultation = _consultation(request, consultation_id)
    invitation = next((i for i in consultation.invitations.all() if i.pk == data.invitation_id), None)
    if invitation is None:
        raise Http404(_("No such helper in this consultation."))
    endorsement: Endorsement = services.endorse(invitation, _me(request))
    return Status(201, endorsement)


@router.get(
    "/networks/{slug}/strengths",
    response=list[TopicBalanceOut],
    auth=REQUIRED,
    summary="A network's areas to develop beside its strengths (its managers)",
)
def network_strengths(request: HttpRequest, slug: str) -> list:
    network = network_by_slug(slug)
    if network is None or not request.user.has_perm("directory.view_network", network):
        raise Http404(_("No such network."))
    if not is_network_manager(request.user, network):
        raise PermissionDenied(_("Only the network's managers see its balance of strengths."))
    return queries.topic_balance(network)
