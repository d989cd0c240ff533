"""The calendar side of events: models to iCalendar (ics.py), the feeds and their secret addresses,
invitations by email, and the holiday warnings an organizer sees before publishing. What anyone may
see is queries.events_visible_to's answer, here as everywhere.

A feed is read by a calendar program that has no session: the address carries the person's secret
token (`User.calendar_feed_token`), and the feed holds only what that person may see. A network's
feed without a token holds what a visitor may see.
"""

import secrets
from collections.abc import Iterable
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hevruta.accounts.models import User
from hevruta.core import holidays
from hevruta.core.names import local_name_text, local_text
from hevruta.directory.models import Network, Organization, Person
from hevruta.directory.queries import viewer_for

from . import ics
from .models import Event, EventSession, EventStatus, EventVisibility, Registration, RegistrationStatus
from .queries import events_visible_to

# A person's own feed: what they are expected at, or waiting for.
IN_MY_CALENDAR = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.OFFERED,
    RegistrationStatus.INVITED,
    RegistrationStatus.PENDING,
    RegistrationStatus.WAITLISTED,
)
FEED_HORIZON_PAST_DAYS = 365
# Feeds are kept in the page cache (core/pagecache.py) under this scope, whose version moves on with
# any write to the data a feed reads: events and registrations, people and memberships, communities,
# programs' enrollments, and accounts (a person made operator, or deactivated).
FEED_SCOPE = "calendar-feeds"
FEED_DATA_APPS = ["events", "directory", "communities", "programs", "accounts"]


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "hevruta.localhost"


def event_uid(event: Event) -> str:
    return f"event-{event.pk}@{_host()}"


def session_uid(session: EventSession) -> str:
    return f"event-session-{session.pk}@{_host()}"


def registration_uid(registration: Registration) -> str:
    """Stable for the registration's life: a new invitation replaces the old, and replies name it."""
    return f"registration-{registration.pk}@{_host()}"


def event_url(event: Event) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("events:event", args=[event.pk])


def _place(event: Event) -> str:
    parts = [event.address]
    if event.locality_id:
        parts.append(local_name_text(event.locality))
    if event.online_url:
        parts.append(event.online_url)
    return ", ".join(part for part in parts if part)


def _organizer(event: Event) -> ics.Person | None:
    for person in event.organizers.all():
        if person.email:
            return ics.Person(person.email, str(person))
    return None


def calendar_event(event: Event) -> ics.CalendarEvent:
    """The event as ics.py reads it (agenda and organizers prefetched by `for_calendar`)."""
    sessions = [
        ics.Session(
            uid=session_uid(session),
            title=session.title,
            start=session.starts_at,
            end=session.ends_at,
            location=session.room,
            description=session.description,
        )
        for session in event.agenda.all()
    ]
    return ics.CalendarEvent(
        uid=event_uid(event),
        title=event.title,
        start=event.starts_at,
        end=event.ends_at,
        # In the active language: the reader's for a download, the invited person's in an invitation,
        # the feed owner's in their feed (calendar_views.my_feed).
        description=local_text(event, "description").text,
        location=_place(event),
        url=event_url(event),
        sessions=sessions,
        organizer=_organizer(event),
        cancelled=event.status == EventStatus.CANCELLED,
        updated=getattr(event, "updated_at", None),
    )


def for_calendar(events: QuerySet[Event]) -> QuerySet[Event]:
    """What calendar_event reads, in a fixed number of queries whatever the number of events."""
    return events.select_related("locality").prefetch_related(
        "agenda", Prefetch("organizers", queryset=Person.objects.order_by("pk"))
    )


# Feeds ----------------------------------------------------------------------------------------


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def feed_token(user: User) -> str:
    """The person's feed token, made the first time it is asked for."""
    if not user.calendar_feed_token:
        user.calendar_feed_token = new_feed_token()
        User.objects.filter(pk=user.pk).update(calendar_feed_token=user.calendar_feed_token)
    return user.calendar_feed_token


@transaction.atomic
def reset_feed_token(user: User) -> str:
    """A new secret: the old address stops working at once."""
    user.calendar_feed_token = new_feed_token()
    User.objects.filter(pk=user.pk).update(calendar_feed_token=user.calendar_feed_token)
    return user.calendar_feed_token


def user_for_feed_token(token: str) -> User | None:
    if not token or len(token) > 64:
        return None
    return User.objects.filter(calendar_feed_token=token, is_active=True).first()


def my_feed_url(user: User) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("events_calendar:my_feed", args=[feed_token(user)])


def _recent(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.filter(ends_at__gte=timezone.now() - timedelta(days=FEED_HORIZON_PAST_DAYS))


def my_events(user: User) -> QuerySet[Event]:
    """A person's own feed: events they are registered for, invited to, or waiting for, or organize."""
    person_id = viewer_for(user).person_id
    if person_id is None:
        return Event.objects.none()
    # Subqueries rather than joins: no DISTINCT over the joined rows of every event they touch.
    registered = Registration.objects.filter(person_id=person_id, status__in=IN_MY_CALENDAR).values("event_id")
    organized = Event.organizers.through.objects.filter(person_id=person_id).values("event_id")
    mine = Q(pk__in=registered) | Q(pk__in=organized)
    return for_calendar(_recent(events_visible_to(user).filter(mine)).order_by("starts_at", "pk"))


def network_events(user: Any, network: Network) -> QuerySet[Event]:
    return for_calendar(_recent(events_visible_to(user).filter(network=network)).order_by("starts_at", "pk"))


def community_feed_allowed(user: Any, community: Any) -> bool:
    """A public community's calendar is anyone's; any other community's, its members' only."""
    from hevruta.communities.models import CommunityVisibility
    from hevruta.communities.queries import community_access

    access = community_access(user, community)
    if not access.may_see:
        return False
    return community.visibility == CommunityVisibility.PUBLIC or access.is_member or access.is_operator


def community_events(user: Any, community: Any) -> QuerySet[Event]:
    return for_calendar(_recent(events_visible_to(user).filter(community=community)).order_by("starts_at", "pk"))


def community_feed_url(user: Any, community: Any) -> str:
    """The address to subscribe to: with the person's secret token, so that their calendar program,
    which has no session, gets what they may see; without one for a visitor."""
    if getattr(user, "is_authenticated", False):
        path = reverse("events_calendar:my_community_feed", args=[feed_token(user), community.pk])
    else:
        path = reverse("events_calendar:community_feed", args=[community.pk])
    return settings.SITE_URL.rstrip("/") + path


def feed_document(events: Iterable[Event], name: str) -> bytes:
    return ics.feed([calendar_event(event) for event in events], name=name)


def event_document(event: Event) -> bytes:
    return ics.event_calendar(calendar_event(event))


def invitation_document(registration: Registration, method: str = "REQUEST") -> bytes | None:
    """The invitation a registration's email carries, or None when the event has no organizer with an
    address to reply to."""
    event = registration.event
    calendar = calendar_event(event)
    if calendar.organizer is None or not registration.person.email:
        return None
    attendee = ics.Person(registration.person.email, str(registration.person))
    return ics.invitation(calendar, attendee, uid=registration_uid(registration), method=method)


# Holiday warnings -----------------------------------------------------------------------------


def invited_sectors(event: Event) -> list[str]:
    """The sectors of the organizations of the people an event is for: those registered or invited,
    and for a network's event, the network's members. A person with no current organization counts
    as unknown ('' in the list), which warns about every community."""
    from hevruta.directory.models import NetworkMembership, Position

    # In SQL throughout: a national network's event is for a quarter of a million members.
    registered = Registration.objects.filter(event=event).exclude(status=RegistrationStatus.CANCELLED)
    is_for = Q(pk__in=registered.values("person_id"))
    if event.network_id and event.visibility != EventVisibility.INVITED:
        is_for |= Q(pk__in=NetworkMembership.objects.filter(network_id=event.network_id).values("person_id"))
    people = Person.objects.filter(is_for)
    if not people.exists():
        return [event.organization.sector] if event.organization_id and event.organization else []
    current = Position.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=timezone.localdate()))
    of_people = current.filter(person__in=people)
    sectors = set(Organization.objects.filter(positions__in=of_people).values_list("sector", flat=True).distinct())
    if people.exclude(pk__in=current.values("person_id")).exists():
        sectors.add("")
    return sorted(sectors)


def holiday_warnings(event: Event) -> list[holidays.Occasion]:
    """The occasions an event falls on that affect the people it is for, with the event's sessions'
    times as well as its own."""
    communities = holidays.communities_of_sectors(invited_sectors(event))
    if not communities:
        return []
    found = holidays.warnings_for_range(event.starts_at, event.ends_at, communities)
    seen: set[tuple[str, object]] = set()
    unique = []
    for occasion in found:
        if (occasion.key, occasion.day) not in seen:
            seen.add((occasion.key, occasion.day))
            unique.append(occasion)
    return unique


def warning_text(occasion: holidays.Occasion) -> str:
    communities = ", ".join(str(holidays.Community(c).label) for c in sorted(occasion.communities))
    if occasion.rest:
        return _("%(name)s (%(date)s) is a day of rest for: %(communities)s.") % {
            "name": occasion.name,
            "date": occasion.day.isoformat(),
            "communities": communities,
        }
    return _("%(name)s (%(date)s) concerns: %(communities)s.") % {
        "name": occasion.name,
        "date": occasion.day.isoformat(),
        "communities": communities,
    }


# Invitations by email ----------------------------------------------------------------------------


def attach_invitation(message: Any, registration: Registration, method: str = "REQUEST") -> bool:
    """Put the invitation in an email (an EmailMultiAlternatives): as a text/calendar alternative with
    its METHOD, which mail programs show with Accept and Decline buttons, and as an invite.ics
    attachment for the others. False when the event has no organizer address to reply to."""
    document = invitation_document(registration, method=method)
    if document is None:
        return False
    content_type = f"text/calendar; charset=utf-8; method={method}"
    message.attach_alternative(document.decode(), content_type)
    message.attach("invite.ics", document, "application/ics")
    return True


def registration_for_reply(data: bytes | str) -> tuple[Registration, str] | None:
    """The registration a mail program's REPLY answers, and the answer (ACCEPTED, DECLINED,
    TENTATIVE); None when it names no registration of ours, or comes from another address than the
    registered person's."""
    reply = ics.read_reply(data)
    if reply is None or not reply.uid.startswith("registration-") or not reply.uid.endswith(f"@{_host()}"):
        return None
    number = reply.uid.removeprefix("registration-").split("@", 1)[0]
    if not number.isdigit():
        return None
    registration = Registration.objects.select_related("person", "event").filter(pk=int(number)).first()
    if registration is None or (registration.person.email or "").lower() != reply.email:
        return None
    return registration, reply.answer
