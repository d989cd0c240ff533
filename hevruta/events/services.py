"""Writing events: the event and its agenda, registration with its waitlist, check-in and attendance.

Every function is one transaction. Registration never oversells: whatever changes who holds a seat
first locks the event's row (`_lock`), then counts and writes, so that a hundred people registering in
the same second are served one after the other, in the order they got the lock.
"""

import random
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from hevruta.core.models import ContentLanguage
from hevruta.core.pagecache import data_changed
from hevruta.directory.models import Person, Position
from hevruta.insights import activity
from hevruta.notifications.services import notify
from hevruta.programs.models import Enrollment, EnrollmentStatus

from . import search
from .models import (
    HOLDS_A_SEAT,
    LONGEST_EVENT,
    Attendance,
    AttendanceMethod,
    Event,
    EventDocument,
    EventKind,
    EventSession,
    EventStatus,
    EventVisibility,
    Registration,
    RegistrationPolicy,
    RegistrationStatus,
    Series,
    SessionKind,
    Speaker,
    SpeakerRole,
)
from .notices import CANCELLED_BY_ORGANIZER, EVENT_CHANGED, OFFERED_A_SEAT, REGISTERED

# No 0/O, 1/I/L: a code read off a projector is typed right the first time (as programs' were).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MAX_WRONG_CODES = 10
QR_SALT = "hevruta.events.check-in"
SQLITE_LOCK_TRIES = 100


class Refused(ValidationError):
    """A request the event cannot take; `code` says why to the API, the message says it to people."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message, code=code)
        self.message = message
        self.code = code


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


# Events -------------------------------------------------------------------------------------------


@dataclass
class EventInput:
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    description: str = ""
    # The language the description is written in ("" when not told), and its translations.
    description_language: str = ""
    description_en: str = ""
    description_ar: str = ""
    address: str = ""
    online_url: str = ""
    locality_id: int | None = None
    visibility: str = EventVisibility.NETWORK
    registration_policy: str = RegistrationPolicy.OPEN
    capacity: int | None = None
    registration_closes_at: datetime | None = None
    offer_hours: int = 48
    asks_dietary_needs: bool = False
    asks_accessibility_needs: bool = False
    series_id: int | None = None
    community_id: int | None = None


def _check(data: EventInput) -> None:
    errors: dict[str, list[str]] = {}
    if not data.title.strip():
        errors["title"] = [_("An event needs a title.")]
    if data.kind not in EventKind.values:
        errors["kind"] = [_("This kind of event is not known.")]
    if data.ends_at <= data.starts_at:
        errors["ends_at"] = [_("An event must end after it starts.")]
    elif data.ends_at - data.starts_at > LONGEST_EVENT:
        errors["ends_at"] = [_("An event lasts a month at most: make a longer activity a series of meetings.")]
    if data.capacity is not None and data.capacity < 1:
        errors["capacity"] = [_("An event with a seat limit has at least one seat.")]
    if data.registration_closes_at and data.registration_closes_at > data.ends_at:
        errors["registration_closes_at"] = [_("Registration closes before the event ends.")]
    if data.offer_hours < 1 or data.offer_hours > 24 * 14:
        errors["offer_hours"] = [_("Give between 1 hour and two weeks to confirm a freed seat.")]
    if data.kind == EventKind.ONLINE and not data.online_url:
        errors["online_url"] = [_("An online session needs its link.")]
    if data.description_language not in ("", *ContentLanguage.values):
        errors["description_language"] = [_("This language is not known.")]
    if data.visibility not in EventVisibility.values:
        errors["visibility"] = [_("This visibility is not known.")]
    if data.registration_policy not in RegistrationPolicy.values:
        errors["registration_policy"] = [_("This kind of registration is not known.")]
    if data.online_url.strip():
        try:
            URLValidator(schemes=["http", "https"])(data.online_url.strip())
        except ValidationError:
            errors["online_url"] = [_("Give the meeting's link as an address starting with https://.")]
    if errors:
        raise ValidationError(errors)


def _check_community(data: EventInput, network_id: int | None) -> None:
    """A community's event is of the community's network; a secret community's is never public."""
    if data.community_id is None:
        return
    from hevruta.communities.models import Community, CommunityVisibility

    community = Community.objects.filter(pk=data.community_id).first()
    if community is None or community.network_id != network_id:
        raise ValidationError({"community": [_("The community must be one of the event's network.")]})
    if community.visibility == CommunityVisibility.SECRET and data.visibility == EventVisibility.PUBLIC:
        raise ValidationError(
            {"visibility": [_("A secret community's meetings are for its members only; they cannot be public.")]}
        )


def _apply(event: Event, data: EventInput) -> None:
    for name in (
        "kind",
        "starts_at",
        "ends_at",
        "visibility",
        "registration_policy",
        "capacity",
        "registration_closes_at",
        "offer_hours",
        "asks_dietary_needs",
        "asks_accessibility_needs",
        "locality_id",
        "series_id",
        "community_id",
        "description_language",
    ):
        setattr(event, name, getattr(data, name))
    event.title = data.title.strip()
    event.description = data.description.strip()
    event.description_en = data.description_en.strip()
    event.description_ar = data.description_ar.strip()
    event.address = data.address.strip()
    event.online_url = data.online_url.strip()


@transaction.atomic
def create_event(
    data: EventInput,
    *,
    by: Person | None,
    network: Any = None,
    organization: Any = None,
    publish: bool = False,
) -> Event:
    _check(data)
    if network is None and organization is None:
        raise ValidationError(_("An event belongs to a network or an organization."))
    _check_community(data, network.pk if network is not None else None)
    event = Event(network=network, organization=organization, check_in_code=new_code())
    _apply(event, data)
    event.status = EventStatus.PUBLISHED if publish else EventStatus.DRAFT
    event.created_by = getattr(by, "user", None)
    event.full_clean(
        exclude=["network", "organization", "series", "locality", "summary", "summary_writer", "community"]
    )
    event.save()
    if by is not None:
        event.organizers.add(by)
    search.index_event_on_commit(event.pk)
    return event


@transaction.atomic
def update_event(event: Event, data: EventInput, *, by: Any = None) -> Event:
    """Changes an event; seats can shrink only down to those already given, and people registered
    hear of a change of time or place."""
    _check(data)
    event = _lock(event.pk)
    _check_community(data, event.network_id)
    taken = _seats_taken(event)
    if data.capacity is not None and data.capacity < taken:
        raise ValidationError(
            {
                "capacity": [
                    _("%(taken)d seats are already taken: the event cannot have fewer seats.") % {"taken": taken}
                ]
            }
        )
    moved = (event.starts_at, event.ends_at, event.address, event.locality_id) != (
        data.starts_at,
        data.ends_at,
        data.address.strip(),
        data.locality_id,
    )
    _apply(event, data)
    event.save()
    search.index_event_on_commit(event.pk)
    _fill_freed_seats(event)
    if moved and event.status == EventStatus.PUBLISHED:
        _tell_registered(
            event,
            EVENT_CHANGED,
            {"when": timezone.localtime(event.starts_at).strftime("%d.%m.%Y %H:%M")},
            by,
        )
    return event


@transaction.atomic
def publish_event(event: Event) -> Event:
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("A cancelled event cannot be published."))
    event.status = EventStatus.PUBLISHED
    event.save(update_fields=["status", "updated_at"])
    search.index_event_on_commit(event.pk)
    return event


@transaction.atomic
def cancel_event(event: Event, *, by: Any = None) -> Event:
    event = _lock(event.pk)
    event.status = EventStatus.CANCELLED
    event.save(update_fields=["status", "updated_at"])
    search.index_event_on_commit(event.pk)  # a cancelled event leaves the search (events/search.py)
    _tell_registered(event, CANCELLED_BY_ORGANIZER, {"whole_event": True}, by)
    return event


def _tell_registered(event: Event, kind: str, context: dict[str, Any], by: Any) -> None:
    users = [
        r.person.user
        for r in Registration.objects.filter(event=event, status__in=(*HOLDS_A_SEAT, RegistrationStatus.WAITLISTED))
        .select_related("person__user")
        .filter(person__user__isnull=False)
    ]
    notify(users, kind, url=_url(event), context={"event": event.title, **context}, actor=by)


def _url(event: Event) -> str:
    return reverse("events:event", args=[event.pk])


# The agenda: sessions, their speakers, and the event's documents ------------------------------------


@dataclass
class SessionInput:
    title: str
    starts_at: datetime
    ends_at: datetime
    kind: str = SessionKind.TALK
    room: str = ""
    capacity: int | None = None
    host_organization: Any = None
    locality: Any = None
    description: str = ""


def _moment(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def _check_session(event: Event, data: SessionInput) -> None:
    errors: dict[str, list[str]] = {}
    if not data.title.strip():
        errors["title"] = [_("A session needs a title.")]
    if data.kind not in SessionKind.values:
        errors["kind"] = [_("This kind of session is not known.")]
    if data.ends_at <= data.starts_at:
        errors["ends_at"] = [_("A session must end after it starts.")]
    elif data.starts_at < event.starts_at or data.ends_at > event.ends_at:
        errors["starts_at"] = [
            _("A session takes place during its event: between %(starts)s and %(ends)s.")
            % {"starts": _moment(event.starts_at), "ends": _moment(event.ends_at)}
        ]
    if data.capacity is not None and data.capacity < 1:
        errors["capacity"] = [_("A session with a seat limit has at least one seat.")]
    if errors:
        raise ValidationError(errors)


def _apply_session(session: EventSession, data: SessionInput) -> None:
    session.kind = data.kind
    session.title = data.title.strip()
    session.description = data.description.strip()
    session.starts_at, session.ends_at = data.starts_at, data.ends_at
    session.room = data.room.strip()
    session.capacity = data.capacity
    session.host_organization = data.host_organization
    session.locality = data.locality or getattr(data.host_organization, "locality", None)


@transaction.atomic
def add_session(event: Event, **fields: Any) -> EventSession:
    """A session of the event's agenda, within the event's time (SessionInput's fields)."""
    data = SessionInput(**fields)
    _check_session(event, data)
    session = EventSession(event=event)
    _apply_session(session, data)
    session.save()
    search.index_event_on_commit(event.pk)
    return session


@transaction.atomic
def update_session(session: EventSession, **fields: Any) -> EventSession:
    """Changes a session; its seats shrink only down to those already given."""
    data = SessionInput(**fields)
    event = _lock(session.event_id)
    _check_session(event, data)
    taken = _seats_taken(event, session.pk)
    if data.capacity is not None and data.capacity < taken:
        raise ValidationError(
            {
                "capacity": [
                    _("%(taken)d seats of this session are already taken: it cannot have fewer seats.")
                    % {"taken": taken}
                ]
            }
        )
    _apply_session(session, data)
    session.save()
    _fill_freed_seats(event)
    search.index_event_on_commit(event.pk)
    return session


@transaction.atomic
def remove_session(session: EventSession) -> None:
    """Takes a session off the agenda, unless people chose it: their choice would be lost unseen."""
    _lock(session.event_id)
    if Registration.objects.filter(session=session).exclude(status=RegistrationStatus.CANCELLED).exists():
        raise ValidationError(_("People registered for this session: cancel their registrations before removing it."))
    event_id = session.event_id
    session.delete()
    search.index_event_on_commit(event_id)


def _check_speaker(person: Person | None, guest_name: str, role: str) -> None:
    if person is None and not guest_name.strip():
        raise ValidationError({"guest_name": [_("A speaker is a person of the directory or a guest with a name.")]})
    if role not in SpeakerRole.values:
        raise ValidationError({"role": [_("This part in a session is not known.")]})


@transaction.atomic
def add_speaker(session: EventSession, **fields: Any) -> Speaker:
    """A speaker of the session (SpeakerInput's fields), after those it has."""
    speaker = Speaker(session=session, order=session.speakers.count())
    _apply_speaker(speaker, SpeakerInput(**fields))
    return speaker


@transaction.atomic
def update_speaker(speaker: Speaker, **fields: Any) -> Speaker:
    _apply_speaker(speaker, SpeakerInput(**fields))
    return speaker


@dataclass
class SpeakerInput:
    person: Person | None = None
    guest_name: str = ""
    affiliation: str = ""
    role: str = SpeakerRole.SPEAKER


def _apply_speaker(speaker: Speaker, data: SpeakerInput) -> None:
    _check_speaker(data.person, data.guest_name, data.role)
    speaker.person = data.person
    # A person of the directory is named by the directory; a guest by the name given.
    speaker.guest_name = "" if data.person is not None else data.guest_name.strip()
    speaker.affiliation = data.affiliation.strip()
    speaker.role = data.role
    speaker.save()


@transaction.atomic
def remove_speaker(speaker: Speaker) -> None:
    speaker.delete()


def _check_document(title: str, url: str) -> None:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("A document needs a title.")]
    try:
        URLValidator(schemes=["http", "https"])(url.strip())
    except ValidationError:
        errors["url"] = [_("Give the document's link as an address starting with https://.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_document(event: Event, *, title: str, url: str) -> EventDocument:
    _check_document(title, url)
    return EventDocument.objects.create(event=event, title=title.strip(), url=url.strip())


@transaction.atomic
def update_document(document: EventDocument, *, title: str, url: str) -> EventDocument:
    _check_document(title, url)
    document.title, document.url = title.strip(), url.strip()
    document.save()
    return document


@transaction.atomic
def remove_document(document: EventDocument) -> None:
    document.delete()


@transaction.atomic
def create_series(network: Any, name: str, *, description: str = "", members: Any = ()) -> Series:
    if not name.strip():
        raise ValidationError({"name": [_("A series needs a name.")]})
    series = Series.objects.create(network=network, name=name.strip(), description=description.strip())
    series.members.add(*members)
    return series


# Registration ------------------------------------------------------------------------------------


def _lock(event_id: int) -> Event:
    """Takes the event's lock for the rest of the transaction and returns the event as it is now.

    PostgreSQL locks the row. SQLite has one writer at a time: an UPDATE takes the database's write
    lock (our transactions are IMMEDIATE already; this keeps it true if that setting changes), so
    counting seats and writing the registration happen with nobody else writing between them."""
    if connection.vendor == "postgresql":
        return Event.objects.select_for_update().get(pk=event_id)
    Event.objects.filter(pk=event_id).update(offer_hours=F("offer_hours"))
    return Event.objects.get(pk=event_id)


def _seats_taken(event: Event, session_id: int | None = None) -> int:
    taken = Registration.objects.filter(event=event, status__in=HOLDS_A_SEAT)
    if session_id is not None:
        taken = taken.filter(session_id=session_id)
    return taken.count()


def _has_seat(event: Event, session: EventSession | None) -> bool:
    if event.capacity is not None and _seats_taken(event) >= event.capacity:
        return False
    if session is not None and session.capacity is not None:
        return _seats_taken(event, session.pk) < session.capacity
    return True


def _next_number(event: Event) -> int:
    return (Registration.objects.filter(event=event).aggregate(n=Max("queue_number"))["n"] or 0) + 1


def _check_open(event: Event, now: datetime) -> None:
    if event.status != EventStatus.PUBLISHED:
        raise Refused(_("This event does not take registrations."), "not_published")
    if event.cohort_id:
        raise Refused(_("The cohort's participants attend its sessions; there is no registration."), "cohort")
    if event.ends_at < now:
        raise Refused(_("This event is over."), "over")
    if event.registration_closes_at and now > event.registration_closes_at:
        raise Refused(_("Registration for this event has closed."), "closed")


@dataclass
class Answers:
    session_id: int | None = None
    dietary_needs: str = ""
    accessibility_needs: str = ""


def _chosen_session(event: Event, answers: Answers) -> EventSession | None:
    if answers.session_id is None:
        return None
    session = EventSession.objects.filter(event=event, pk=answers.session_id).first()
    if session is None:
        raise Refused(_("Choose one of this event's sessions."), "bad_session")
    return session


def _waiting_for_the_lock[T](write: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Runs one seat-changing transaction; on SQLite, tries again while another writer holds the lock.

    SQLite makes a writer wait `busy_timeout` (5 s) and then gives up; when hundreds register in the same
    second the line can be longer than that. Nothing was written by a try that found the lock taken (our
    transactions take it at BEGIN), so trying again is safe. PostgreSQL waits on the row lock instead.

    A try that committed is never repeated: the work run after the commit (a page cache's version, the
    queued emails) may meet the lock too, and a second try would answer "already registered" to the
    person it has just registered."""
    for attempt in range(SQLITE_LOCK_TRIES):
        committed: list[bool] = []
        try:
            with transaction.atomic():
                transaction.on_commit(partial(committed.append, True))  # the first of the commit's work
                return write(*args, **kwargs)
        except OperationalError as error:
            locked = connection.vendor == "sqlite" and "locked" in str(error)
            if committed or not locked or connection.in_atomic_block or attempt == SQLITE_LOCK_TRIES - 1:
                raise
            time.sleep(random.uniform(0.01, 0.1))
    raise AssertionError("unreachable")


def register(event: Event, person: Person, answers: Answers | None = None, now: datetime | None = None) -> Registration:
    """A person registers: a seat if one is free, else the waitlist (or the organizers' approval first).

    The caller has checked that the person may see the event."""
    return _waiting_for_the_lock(_register, event, person, answers, now)


@transaction.atomic
def _register(event: Event, person: Person, answers: Answers | None, now: datetime | None) -> Registration:
    answers = answers or Answers()
    now = now or timezone.now()
    event = _lock(event.pk)
    _check_open(event, now)
    session = _chosen_session(event, answers)
    existing = Registration.objects.filter(event=event, person=person).first()
    if existing is not None and existing.status not in (
        RegistrationStatus.INVITED,
        RegistrationStatus.CANCELLED,
        RegistrationStatus.DECLINED,
    ):
        raise Refused(_("You are already registered for this event."), "already")
    if event.registration_policy == RegistrationPolicy.INVITATION and (
        existing is None or existing.status != RegistrationStatus.INVITED
    ):
        raise Refused(_("This event is by invitation only."), "invitation_only")
    registration = existing or Registration(event=event, person=person)
    registration.session = session
    registration.dietary_needs = answers.dietary_needs.strip()[:300] if event.asks_dietary_needs else ""
    registration.accessibility_needs = (
        answers.accessibility_needs.strip()[:300] if event.asks_accessibility_needs else ""
    )
    registration.registered_at = now
    registration.queue_number = _next_number(event)
    if event.registration_policy == RegistrationPolicy.APPROVAL:
        status = RegistrationStatus.PENDING
    else:
        status = RegistrationStatus.CONFIRMED if _has_seat(event, session) else RegistrationStatus.WAITLISTED
    _set_status(registration, status, now)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:  # the same person's second click, committed meanwhile: the first one counts
        raise Refused(_("You are already registered for this event."), "already") from None
    notify([person.user], REGISTERED, url=_url(event), context={"event": event.title, "status": status})
    return registration


def _set_status(registration: Registration, status: str, now: datetime, by: Any = None) -> None:
    registration.status = status
    registration.status_changed_at = now
    registration.changed_by = by if getattr(by, "is_authenticated", False) else None
    if status != RegistrationStatus.OFFERED:
        registration.offer_expires_at = None


def cancel_registration(registration: Registration, *, by: Any = None, now: datetime | None = None) -> Registration:
    """The participant, or an organizer, cancels; a seat it held passes to the next on the waitlist."""
    return _waiting_for_the_lock(_cancel_registration, registration, by, now)


@transaction.atomic
def _cancel_registration(registration: Registration, by: Any, now: datetime | None) -> Registration:
    now = now or timezone.now()
    event = _lock(registration.event_id)
    registration = Registration.objects.select_related("person__user").get(pk=registration.pk)
    if registration.status in (RegistrationStatus.CANCELLED, RegistrationStatus.DECLINED):
        raise Refused(_("This registration was already cancelled."), "already_cancelled")
    _set_status(registration, RegistrationStatus.CANCELLED, now, by)
    registration.save()
    by_organizer = by is not None and getattr(by, "pk", None) != registration.person.user_id
    if by_organizer:
        notify([registration.person.user], CANCELLED_BY_ORGANIZER, url=_url(event), context={"event": event.title})
    _fill_freed_seats(event, now)
    return registration


def _fill_freed_seats(event: Event, now: datetime | None = None) -> list[Registration]:
    """Offers each free seat to the first in line who fits it (their session may still be full).

    Runs under the event's lock. The seat is held for them for `offer_hours`; unconfirmed, it passes on."""
    if event.status != EventStatus.PUBLISHED or event.ends_at < (now or timezone.now()):
        return []
    now = now or timezone.now()
    offered = []
    waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).select_related(
        "session", "person__user"
    )
    for registration in waiting.order_by("queue_number", "id"):
        if event.capacity is not None and _seats_taken(event) >= event.capacity:
            break
        if not _has_seat(event, registration.session):
            continue
        deadline = min(now + timedelta(hours=event.offer_hours), event.starts_at)
        _set_status(registration, RegistrationStatus.OFFERED, now)
        registration.offer_expires_at = max(deadline, now + timedelta(minutes=30))
        registration.save()
        offered.append(registration)
        notify(
            [registration.person.user],
            OFFERED_A_SEAT,
            url=_url(event),
            context={
                "event": event.title,
                "deadline": timezone.localtime(registration.offer_expires_at).strftime("%d.%m.%Y %H:%M"),
            },
        )
    return offered


@transaction.atomic
def confirm_offer(registration: Registration, now: datetime | None = None) -> Registration:
    now = now or timezone.now()
    _lock(registration.event_id)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status == RegistrationStatus.CONFIRMED:
        return registration
    if registration.status != RegistrationStatus.OFFERED or (
        registration.offer_expires_at and registration.offer_expires_at < now
    ):
        raise Refused(_("This seat is no longer offered to you."), "no_offer")
    _set_status(registration, RegistrationStatus.CONFIRMED, now)
    registration.save()
    return registration


def expire_offers(now: datetime | None = None) -> int:
    """Offers not confirmed in time pass to the next in line (the worker's housekeeping runs this)."""
    now = now or timezone.now()
    expired = 0
    event_ids = set(
        Registration.objects.filter(status=RegistrationStatus.OFFERED, offer_expires_at__lt=now).values_list(
            "event_id", flat=True
        )
    )
    for event_id in event_ids:
        with transaction.atomic():
            event = _lock(event_id)
            late = Registration.objects.filter(event=event, status=RegistrationStatus.OFFERED, offer_expires_at__lt=now)
            expired += late.update(status=RegistrationStatus.DECLINED, status_changed_at=now, offer_expires_at=None)
            data_changed("events")  # update() sends no signal: the calendar feeds kept must be made anew
            _fill_freed_seats(event, now)
    return expired


@transaction.atomic
def answer_registration(
    registration: Registration, *, accept: bool, by: Any, now: datetime | None = None
) -> Registration:
    """Organizers approve (a seat, or the waitlist when full) or decline a pending registration."""
    now = now or timezone.now()
    event = _lock(registration.event_id)
    registration = Registration.objects.select_related("session", "person__user").get(pk=registration.pk)
    if registration.status != RegistrationStatus.PENDING:
        raise Refused(_("This registration was already answered."), "answered")
    if accept:
        seat = _has_seat(event, registration.session)
        status = RegistrationStatus.CONFIRMED if seat else RegistrationStatus.WAITLISTED
    else:
        status = RegistrationStatus.DECLINED
    _set_status(registration, status, now, by)
    registration.save()
    notify([registration.person.user], REGISTERED, url=_url(event), context={"event": event.title, "status": status})
    return registration


@transaction.atomic
def invite(event: Event, people: Any, *, by: Any = None) -> int:
    """Invites people: they see the event (even an invited-only one) and may register. Once the
    invitations are committed, each invited person gets an email with the event's .ics as a
    METHOD:REQUEST invitation (tasks.send_invitation_emails)."""
    existing = set(Registration.objects.filter(event=event).values_list("person_id", flat=True))
    now = timezone.now()
    new = [
        Registration(event=event, person=person, status=RegistrationStatus.INVITED, registered_at=now)
        for person in people
        if person.pk not in existing
    ]
    Registration.objects.bulk_create(new)
    data_changed("events")  # bulk_create sends no signal: the invited people's feeds are made anew
    ids = list(
        Registration.objects.filter(event=event, person_id__in=[r.person_id for r in new]).values_list("pk", flat=True)
    )
    if ids:
        transaction.on_commit(lambda: _send_invitations(ids))
    return len(new)


def _send_invitations(registration_ids: list[int]) -> None:
    from .tasks import send_invitation_emails

    send_invitation_emails.enqueue(registration_ids)


# Check-in and attendance -------------------------------------------------------------------------


def qr_token(event: Event) -> str:
    """What the event's QR code carries: the event and its current code, signed by the site."""
    return signing.dumps({"e": event.pk, "c": event.check_in_code}, salt=QR_SALT, compress=True)


def _may_attend(event: Event, person: Person) -> bool:
    if event.cohort_id:
        return Enrollment.objects.filter(
            cohort_id=event.cohort_id, person=person, status=EnrollmentStatus.ACTIVE
        ).exists()
    return Registration.objects.filter(event=event, person=person, status__in=HOLDS_A_SEAT).exists()


def check_in(
    event: Event, person: Person, *, code: str = "", token: str = "", now: datetime | None = None
) -> Attendance:
    """The participant checks in with the code shown in the room, or by scanning the event's QR code.

    Only for this event, only from half an hour before it starts to its end, only for those registered."""
    now = now or timezone.now()
    if token:
        try:
            data = signing.loads(token, salt=QR_SALT)
        except signing.BadSignature:
            raise Refused(_("This QR code is not one of ours."), "bad_code") from None
        if data.get("e") != event.pk:
            raise Refused(_("This QR code belongs to another event."), "other_event")
        code = str(data.get("c", ""))
    if event.status == EventStatus.CANCELLED:
        raise Refused(_("This event was cancelled."), "cancelled")
    if now < event.check_in_opens_at:
        raise Refused(_("Check-in has not opened yet: it opens half an hour before the event."), "not_open")
    if now > event.ends_at:
        raise Refused(_("The event is over; check-in is closed. Ask the organizers to mark you."), "closed")
    if not _may_attend(event, person):
        raise Refused(_("Only people registered for the event can check in."), "not_registered")
    key = f"events:check-in:{event.pk}:{person.pk}"
    if cache.get(key, 0) >= MAX_WRONG_CODES:
        raise Refused(_("Too many wrong codes; ask the organizers to mark you present."), "too_many")
    typed = "".join(code.split()).upper()
    if not secrets.compare_digest(typed.encode(), event.check_in_code.upper().encode()):
        cache.add(key, 0, timeout=24 * 3600)
        cache.incr(key)
        raise Refused(_("That is not this event's code."), "wrong_code")
    return _mark(event, person, True, AttendanceMethod.CODE, None)


def _mark(event: Event, person: Person, present: bool, method: str, by: Any) -> Attendance:
    recorder = by if getattr(by, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            mark, created = Attendance.objects.select_for_update().get_or_create(
                event=event, person=person, defaults={"present": present, "method": method, "recorded_by": recorder}
            )
            if not created and mark.present != present:
                mark.present, mark.method, mark.recorded_by = present, method, recorder
                mark.save(update_fields=["present", "method", "recorded_by", "recorded_at"])
            if present and (created or mark.present):
                _record_attended(event, person)
            return mark
    except IntegrityError:  # the same check-in twice at once: the other one was recorded
        return Attendance.objects.get(event=event, person=person)


def _record_attended(event: Event, person: Person) -> None:
    if not activity_exists(event, person):
        activity.record(
            "events.attended",
            person=person,
            organization=_organization_of(person),
            network=event.network,
            program=event.program,
            subject=event,
            occurred_at=event.starts_at,
        )


def activity_exists(event: Event, person: Person) -> bool:
    from hevruta.insights.models import Activity

    return Activity.objects.filter(kind="events.attended", person=person, subject=activity.subject_key(event)).exists()


def _organization_of(person: Person) -> Any:
    today = timezone.localdate()
    position = (
        Position.objects.filter(person=person)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("organization__locality")
        .order_by("-is_senior", "-start_date", "id")
        .first()
    )
    return position.organization if position else None


@transaction.atomic
def mark_present(
    event: Event, person: Person, present: bool = True, *, by: Any, now: datetime | None = None
) -> Attendance:
    """An organizer checks a registered person in (or out) from the list."""
    if (now or timezone.now()) < event.check_in_opens_at:
        raise Refused(
            _("Attendance can be taken only once the event begins (from half an hour before it starts)."), "not_open"
        )
    if not _may_attend(event, person):
        raise Refused(_("This person is not registered for the event: add them as a walk-in."), "not_registered")
    return _mark(event, person, present, AttendanceMethod.STAFF, by)


@transaction.atomic
def walk_in(event: Event, person: Person, *, by: Any, now: datetime | None = None) -> Attendance:
    """Someone came without registering: present, and counted, without taking a registered seat."""
    if (now or timezone.now()) < event.check_in_opens_at:
        raise Refused(
            _("Attendance can be taken only once the event begins (from half an hour before it starts)."), "not_open"
        )
    return _mark(event, person, True, AttendanceMethod.WALK_IN, by)


@transaction.atomic
def renew_check_in_code(event: Event) -> Event:
    """A new code (and so a new QR code), e.g. when the old one was sent to someone not in the room."""
    event.check_in_code = new_code()
    event.save(update_fields=["check_in_code", "updated_at"])
    return event


# After the event -----------------------------------------------------------------------------------


@transaction.atomic
def name_summary_writer(event: Event, person: Person | None) -> Event:
    event.summary_writer = person
    event.save(update_fields=["summary_writer", "updated_at"])
    return event


@transaction.atomic
def write_summary(event: Event, writer: Person, *, title: str, insights: str, recommendations: str) -> Any:
    """The summary (insights and recommendations) goes to the network's knowledge as an "insight"
    resource, submitted to its curators: published once they accept it, like any other resource."""
    from hevruta.knowledge.models import ResourceKind
    from hevruta.knowledge.services import create_resource, submit_resource
    from hevruta.knowledge.services.inputs import ResourceInput

    if event.network is None:
        raise ValidationError(_("Only a network's events have summaries in its knowledge."))
    if not event.has_ended:
        raise ValidationError(_("A summary is written after the event."))
    if event.summary_id:
        raise ValidationError(_("This event already has a summary."))
    body = "\n\n".join(
        [
            "## " + _("Insights"),
            insights.strip(),
            "## " + _("Recommendations"),
            recommendations.strip(),
            _("Written after the event: %(event)s, %(date)s.")
            % {"event": event.title, "date": timezone.localtime(event.starts_at).strftime("%d.%m.%Y")},
        ]
    )
    resource = create_resource(
        writer,
        ResourceInput(
            network=event.network,
            kind=ResourceKind.INSIGHT,
            title=title,
            body=body,
            organizations=list(event.host_organizations.all()),
        ),
    )
    resource = submit_resource(resource)
    event.summary = resource
    event.save(update_fields=["summary", "updated_at"])
    return resource
