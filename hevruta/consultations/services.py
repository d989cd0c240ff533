"""Every write of consultations, each one transaction; the state moves only forward:

    draft ──publish──▶ open ──someone offers help──▶ in progress ──close──▶ closed
      └──────── ask(publish=True) ─────┘   └──────────────── close ─────────────┘

Refusals are ValidationError (a message for the person) or PermissionDenied (not theirs to do); a
refused write changes nothing.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from hevruta.core.names import local_name_text
from hevruta.directory.models import Network, Organization, Person, Position, Topic
from hevruta.directory.queries import people_visible_to_viewer, viewer_of_person
from hevruta.insights import activity
from hevruta.notifications.services import notify

from . import notices
from .models import (
    Answer,
    Consultation,
    ConsultationInvitation,
    Endorsement,
    FollowUp,
    HelpKind,
    Reply,
    Status,
    Thread,
)
from .queries import is_current, organizations_represented_by, participants

ACTIVE = (Status.OPEN, Status.IN_PROGRESS)


def _url(consultation: Consultation) -> str:
    return reverse("consultations:detail", args=[consultation.pk])


def _users(people: Iterable[Person]) -> list[Any]:
    return [person.user for person in people if person.user_id is not None]


def _context(consultation: Consultation, **extra: Any) -> dict[str, Any]:
    return {"title": consultation.title, **extra}


def _locked(consultation: Consultation) -> Consultation:
    """The consultation as it is now, locked until the transaction ends: two clicks on "close" see
    each other's result."""
    return Consultation.objects.select_for_update().get(pk=consultation.pk)


def _clean(consultation: Consultation) -> None:
    """Model validation, each message naming its field: the API and the pages show them as one list."""
    try:
        consultation.full_clean(exclude=["network", "asker", "topic", "organization"])
    except ValidationError as error:
        fields = {field.name: field.verbose_name for field in Consultation._meta.fields}
        raise ValidationError(
            [
                f"{capfirst(fields[name])}: {message}" if name in fields else message
                for name, messages in error.message_dict.items()
                for message in messages
            ]
        ) from None


def _check_help_kinds(help_kinds: Iterable[str]) -> list[str]:
    kinds = list(dict.fromkeys(help_kinds))
    unknown = [kind for kind in kinds if kind not in HelpKind.values]
    if unknown:
        raise ValidationError(_("Unknown kind of help: %(kinds)s.") % {"kinds": ", ".join(unknown)})
    return kinds


def _current_organization(person: Person) -> Organization | None:
    position = (
        Position.objects.filter(is_current(), person=person)
        .select_related("organization__locality")
        .order_by("id")
        .first()
    )
    return position.organization if position else None


@transaction.atomic
def ask(
    asker: Person,
    network: Network,
    *,
    topic: Topic,
    title: str,
    description: str,
    tried: str = "",
    help_kinds: Iterable[str] = (),
    thread: str = Thread.PRIVATE,
    organization: Organization | None = None,
    publish: bool = True,
) -> Consultation:
    """A member asks their network; for an organization, only someone who speaks for it."""
    viewer = viewer_of_person(asker)
    if network.pk not in viewer.network_ids:
        raise PermissionDenied(_("Only the network's members ask it for a consultation."))
    if organization is not None and not organizations_represented_by(asker.pk).filter(pk=organization.pk).exists():
        raise ValidationError(_("You may ask on behalf of an organization only where you hold its head's post."))
    consultation = Consultation(
        network=network,
        asker=asker,
        organization=organization,
        topic=topic,
        title=title.strip(),
        description=description.strip(),
        tried=tried.strip(),
        help_kinds=_check_help_kinds(help_kinds),
        thread=thread,
    )
    _clean(consultation)
    consultation.save()
    if publish:
        _open(consultation)
    return consultation


@transaction.atomic
def edit_draft(
    consultation: Consultation,
    by: Person,
    *,
    topic: Topic,
    title: str,
    description: str,
    tried: str = "",
    help_kinds: Iterable[str] = (),
    thread: str = Thread.PRIVATE,
    organization: Organization | None = None,
    publish: bool = False,
) -> Consultation:
    """Its asker changes a draft (once open, peers are invited on what it says: it stays as asked)."""
    consultation = _locked(consultation)
    _only_the_asker(consultation, by)
    if consultation.status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be edited; an open consultation stays as it was asked."))
    if organization is not None and not organizations_represented_by(by.pk).filter(pk=organization.pk).exists():
        raise ValidationError(_("You may ask on behalf of an organization only where you hold its head's post."))
    consultation.topic, consultation.organization, consultation.thread = topic, organization, thread
    consultation.title, consultation.description = title.strip(), description.strip()
    consultation.tried, consultation.help_kinds = tried.strip(), _check_help_kinds(help_kinds)
    _clean(consultation)
    consultation.save()
    if publish:
        _open(consultation)
    return consultation


def _open(consultation: Consultation) -> None:
    consultation.status = Status.OPEN
    consultation.opened_at = timezone.now()
    consultation.save(update_fields=["status", "opened_at", "updated_at"])
    activity.record(
        "consultations.asked",
        person=consultation.asker,
        organization=consultation.organization or _current_organization(consultation.asker),
        network=consultation.network,
        subject=consultation,
    )


@transaction.atomic
def publish(consultation: Consultation, by: Person) -> Consultation:
    consultation = _locked(consultation)
    _only_the_asker(consultation, by)
    if consultation.status != Status.DRAFT:
        raise ValidationError(_("This consultation is already open."))
    _open(consultation)
    return consultation


def _only_the_asker(consultation: Consultation, by: Person) -> None:
    if consultation.asker_id != by.pk:
        raise PermissionDenied(_("Only the person who asked may do this."))


@transaction.atomic
def invite(
    consultation: Consultation,
    by: Person,
    people: Iterable[Person],
    *,
    organizations: dict[int, Organization] | None = None,
    message: str = "",
) -> list[ConsultationInvitation]:
    """The asker invites peers of the network whose profiles they may see; all or none."""
    consultation = _locked(consultation)
    _only_the_asker(consultation, by)
    if consultation.status not in ACTIVE:
        raise ValidationError(_("Invite peers once the consultation is open, and before it is closed."))
    people = list(dict.fromkeys(people))
    if not people:
        raise ValidationError(_("Choose someone to invite."))
    ids = [person.pk for person in people]
    viewer = viewer_of_person(by)
    allowed = set(
        people_visible_to_viewer(viewer)
        .filter(pk__in=ids, memberships__network_id=consultation.network_id)
        .exclude(pk=by.pk)
        .values_list("pk", flat=True)
    )
    if set(ids) - allowed:
        raise ValidationError(_("You may invite only members of the network whose profiles you can see."))
    already = set(
        ConsultationInvitation.objects.filter(consultation=consultation, person_id__in=ids).values_list(
            "person_id", flat=True
        )
    )
    if already:
        raise ValidationError(_("Some of them are already invited."))
    organizations = organizations or {}
    invitations = [
        ConsultationInvitation.objects.create(
            consultation=consultation, person=person, organization=organizations.get(person.pk), message=message.strip()
        )
        for person in people
    ]
    notify(
        _users(people),
        notices.INVITED,
        url=_url(consultation),
        context=_context(consultation, asker=by.full_name),
        actor=by.user,
    )
    return invitations


@transaction.atomic
def answer(invitation: ConsultationInvitation, by: Person, *, offer: bool, message: str = "") -> ConsultationInvitation:
    invitation = ConsultationInvitation.objects.select_for_update().get(pk=invitation.pk)
    consultation = _locked(invitation.consultation)
    if invitation.person_id != by.pk:
        raise PermissionDenied(_("Only the person invited may answer."))
    if consultation.status not in ACTIVE:
        raise ValidationError(_("This consultation is no longer open."))
    if invitation.answer != Answer.INVITED:
        raise ValidationError(_("You have already answered this invitation."))
    invitation.answer = Answer.OFFERED if offer else Answer.DECLINED
    invitation.answered_at = timezone.now()
    if message.strip():
        invitation.message = message.strip()
    invitation.full_clean(exclude=["consultation", "person", "organization"])
    invitation.save()
    if offer:
        if consultation.status == Status.OPEN:
            consultation.status = Status.IN_PROGRESS
            consultation.save(update_fields=["status", "updated_at"])
        _record_help(consultation, invitation)
    notify(
        _users([consultation.asker]),
        notices.ANSWERED,
        url=_url(consultation),
        context=_context(consultation, person=by.full_name, offered=offer),
        actor=by.user,
    )
    return invitation


def _record_help(consultation: Consultation, invitation: ConsultationInvitation) -> None:
    """Who helped whom, across which organizations: the helper's organization and the asker's."""
    activity.record(
        "consultations.helped",
        person=invitation.person,
        organization=invitation.organization or _current_organization(invitation.person),
        counterpart=consultation.organization or _current_organization(consultation.asker),
        network=consultation.network,
        subject=consultation,
    )


def _check_rating(rating: Any) -> int:
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
        raise ValidationError(_("A rating is a number from 1 to 5."))
    return rating


@transaction.atomic
def close(
    consultation: Consultation, by: Person, *, outcome: str, rating: int, follow_up: str = FollowUp.NONE
) -> Consultation:
    consultation = _locked(consultation)
    _only_the_asker(consultation, by)
    if consultation.status == Status.CLOSED:
        raise ValidationError(_("This consultation is already closed."))
    if consultation.status not in ACTIVE:
        raise ValidationError(_("Open the consultation before closing it."))
    if not outcome.strip():
        raise ValidationError(_("Say what came of it: the outcome is needed to close."))
    if follow_up not in FollowUp.values:
        raise ValidationError(_("Unknown next step."))
    consultation.asker_rating = _check_rating(rating)
    consultation.outcome = outcome.strip()
    consultation.follow_up = follow_up
    consultation.status = Status.CLOSED
    consultation.closed_at = timezone.now()
    _clean(consultation)
    consultation.save()
    helpers = [
        invitation.person
        for invitation in consultation.invitations.filter(answer=Answer.OFFERED).select_related("person__user")
    ]
    notify(_users(helpers), notices.CLOSED, url=_url(consultation), context=_context(consultation), actor=by.user)
    return consultation


@transaction.atomic
def rate_as_helper(
    invitation: ConsultationInvitation, by: Person, *, rating: int, note: str = ""
) -> ConsultationInvitation:
    invitation = (
        ConsultationInvitation.objects.select_for_update(of=("self",))
        .select_related("consultation__asker")
        .get(pk=invitation.pk)
    )
    if invitation.person_id != by.pk:
        raise PermissionDenied(_("Only the helper rates their own part."))
    if invitation.answer != Answer.OFFERED:
        raise ValidationError(_("Only those who offered help rate the consultation."))
    if invitation.consultation.status != Status.CLOSED:
        raise ValidationError(_("Rate the consultation once it is closed."))
    if invitation.helper_rating is not None:
        raise ValidationError(_("You have already rated this consultation."))
    invitation.helper_rating = _check_rating(rating)
    invitation.helper_note = note.strip()
    invitation.full_clean(exclude=["consultation", "person", "organization"])
    invitation.save(update_fields=["helper_rating", "helper_note"])
    consultation = invitation.consultation
    notify(
        _users([consultation.asker]),
        notices.RATED,
        url=_url(consultation),
        context=_context(consultation, person=by.full_name),
        actor=by.user,
    )
    return invitation


def may_reply(consultation: Consultation, person: Person | None, network_ids: frozenset[int]) -> bool:
    if person is None or consultation.status not in ACTIVE:
        return False
    if consultation.asker_id == person.pk:
        return True
    invited = consultation.invitations.filter(person=person).exclude(answer=Answer.DECLINED).exists()
    return invited or (consultation.thread == Thread.OPEN and consultation.network_id in network_ids)


@transaction.atomic
def reply(consultation: Consultation, by: Person, body: str) -> Reply:
    consultation = _locked(consultation)
    if not may_reply(consultation, by, viewer_of_person(by).network_ids):
        if consultation.status not in ACTIVE:
            raise ValidationError(_("The thread is open only while the consultation is."))
        raise PermissionDenied(_("You may not write in this thread."))
    written = Reply(consultation=consultation, author=by, body=body.strip())
    written.full_clean(exclude=["consultation", "author"])
    written.save()
    notify(
        _users(participants(consultation)),
        notices.REPLIED,
        url=_url(consultation),
        context=_context(consultation, person=by.full_name),
        actor=by.user,
    )
    return written


@transaction.atomic
def endorse(invitation: ConsultationInvitation, by: Person) -> Endorsement:
    """The asker of a closed consultation vouches for a helper's strength in its topic: the person's,
    or the organization's they helped for."""
    invitation = ConsultationInvitation.objects.select_related("consultation__topic", "person", "organization").get(
        pk=invitation.pk
    )
    consultation = invitation.consultation
    if consultation.asker_id != by.pk:
        raise PermissionDenied(_("Only the person who was helped endorses the helper."))
    if consultation.status != Status.CLOSED or invitation.answer != Answer.OFFERED:
        raise ValidationError(_("Endorse a strength once the help was given and the consultation closed."))
    topic = consultation.topic
    organization = invitation.organization
    if organization is not None and organization.strengths.filter(pk=topic.pk).exists():
        subject: dict[str, Any] = {"organization": organization}
    elif invitation.person.strengths.filter(pk=topic.pk).exists():
        subject = {"person": invitation.person}
    else:
        raise ValidationError(
            _("%(name)s does not list %(topic)s among their strengths.")
            % {"name": invitation.person.full_name, "topic": local_name_text(topic)}
        )
    if Endorsement.objects.filter(endorser=by, topic=topic, **subject).exists():
        raise ValidationError(_("You have already endorsed this strength."))
    return Endorsement.objects.create(endorser=by, topic=topic, consultation=consultation, **subject)


# The next step as an event ------------------------------------------------------------------------

FOLLOW_UP_EVENT_KINDS = {FollowUp.MEETING: "meeting", FollowUp.LEARNING_TOUR: "learning_tour"}


@transaction.atomic
def plan_follow_up(consultation: Consultation, by: Person, *, starts_at: Any, ends_at: Any) -> Any:
    """The closed consultation's next step (a meeting, a learning tour) as a draft event of its network
    through events' own service: the asker organizes it, edits and publishes it there; its description
    links back here, and the consultation keeps the event. Once only."""
    from hevruta.events import services as events
    from hevruta.events.models import EventVisibility

    consultation = _locked(consultation)
    _only_the_asker(consultation, by)
    if consultation.status != Status.CLOSED or consultation.follow_up not in FOLLOW_UP_EVENT_KINDS:
        raise ValidationError(_("Only a closed consultation whose next step is a meeting or a tour becomes an event."))
    if consultation.event_id is not None:
        raise ValidationError(_("This consultation's event is made already."))
    kind = FOLLOW_UP_EVENT_KINDS[FollowUp(consultation.follow_up)]
    # A private thread's meeting is for the invited; an open one's for the network.
    visibility = EventVisibility.NETWORK if consultation.thread == Thread.OPEN else EventVisibility.INVITED
    description = _("Following the consultation “%(title)s”: %(url)s") % {
        "title": consultation.title,
        "url": _url(consultation),
    }
    event = events.create_event(
        events.EventInput(
            title=consultation.title,
            kind=kind,
            starts_at=starts_at,
            ends_at=ends_at,
            description=f"{description}\n\n{consultation.outcome}",
            visibility=visibility,
        ),
        by=by,
        network=consultation.network,
    )
    consultation.event = event
    consultation.save(update_fields=["event", "updated_at"])
    return event
