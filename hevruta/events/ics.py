"""iCalendar (RFC 5545) for events: one event with its sessions, a feed of many, and an invitation
(RFC 5546, METHOD:REQUEST) that a mail program shows with Accept and Decline buttons.

It reads plain dataclasses, not the models, so that pages, feeds and emails build them from whatever
query they ran. Times are written in the event's own zone (Israel's unless said otherwise) with a
VTIMEZONE made from the zoneinfo database for the years the calendar spans, so that a client that
knows nothing of Israel's daylight-saving rule (which has changed five times since 2005) still shows
10:00 as 10:00 on both sides of a clock change.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText

PRODUCT_ID = "-//Hevruta//Events//HE"
ISRAEL = "Asia/Jerusalem"


@dataclass(frozen=True)
class Person:
    email: str
    name: str = ""


@dataclass(frozen=True)
class Session:
    uid: str
    title: str
    start: datetime.datetime  # aware
    end: datetime.datetime
    location: str = ""
    description: str = ""


@dataclass(frozen=True)
class CalendarEvent:
    uid: str  # stable for the life of the event, e.g. "event-42@hevruta.example"
    title: str
    start: datetime.datetime  # aware
    end: datetime.datetime
    description: str = ""
    location: str = ""
    url: str = ""
    sessions: Sequence[Session] = field(default_factory=tuple)
    organizer: Person | None = None
    timezone: str = ISRAEL
    sequence: int = 0  # raised each time the time or place changes, so clients take the update
    cancelled: bool = False
    updated: datetime.datetime | None = None  # when it last changed; DTSTAMP and LAST-MODIFIED


def _stamp(moment: datetime.datetime | None) -> datetime.datetime:
    return (moment or datetime.datetime.now(datetime.UTC)).astimezone(datetime.UTC).replace(microsecond=0)


def _local(moment: datetime.datetime, zone: str) -> datetime.datetime:
    if moment.tzinfo is None:
        raise ValueError("Calendar times must be aware.")
    return moment.astimezone(ZoneInfo(zone)).replace(microsecond=0)


def _component(
    uid: str,
    title: str,
    start: datetime.datetime,
    end: datetime.datetime,
    event: CalendarEvent,
    location: str,
    description: str,
) -> Event:
    component = Event()
    component.add("uid", uid)
    component.add("dtstamp", _stamp(event.updated))
    component.add("summary", title)
    component.add("dtstart", _local(start, event.timezone))
    component.add("dtend", _local(end, event.timezone))
    if location:
        component.add("location", location)
    if description:
        component.add("description", description)
    if event.url:
        component.add("url", event.url)
    component.add("sequence", event.sequence)
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    if event.updated:
        component.add("last-modified", _stamp(event.updated))
    return component


def _event_components(event: CalendarEvent) -> list[Event]:
    """The event, then each session as an event of its own related to it (as Indico exports them),
    so a client shows the agenda at its times and rooms."""
    main = _component(event.uid, event.title, event.start, event.end, event, event.location, event.description)
    if event.organizer:
        main.add("organizer", _address(event.organizer))
    components = [main]
    for session in event.sessions:
        part = _component(
            session.uid,
            session.title,
            session.start,
            session.end,
            event,
            session.location or event.location,
            session.description,
        )
        part.add("related-to", event.uid, parameters={"RELTYPE": "PARENT"})
        components.append(part)
    return components


def _address(person: Person, **parameters: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    if person.name:
        address.params["CN"] = vText(person.name)
    for key, value in parameters.items():
        address.params[key] = vText(value)
    return address


def _calendar(components: Iterable[Event], method: str = "", name: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("name", name)
        # Clients poll a feed as often as it asks (RFC 7986); a day is fresh enough for meetings.
        calendar.add("refresh-interval", datetime.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    starts = []
    for component in components:
        calendar.add_component(component)
        starts += [component.decoded("dtstart"), component.decoded("dtend")]
    if starts:
        # The zone's rules for the years the calendar spans, a year either side, and no more.
        calendar.add_missing_timezones(
            first_date=datetime.date(min(starts).year - 1, 1, 1), last_date=datetime.date(max(starts).year + 2, 1, 1)
        )
    return calendar


def event_calendar(event: CalendarEvent) -> bytes:
    """One event with its sessions, for the event page's "add to calendar" download."""
    return _calendar(_event_components(event)).to_ical()


def feed(events: Iterable[CalendarEvent], name: str) -> bytes:
    """A subscribable calendar of many events (a person's, a network's, a community's)."""
    components = [component for event in events for component in _event_components(event)]
    return _calendar(components, name=name).to_ical()


def invitation(event: CalendarEvent, attendee: Person, uid: str, method: str = "REQUEST") -> bytes:
    """An invitation for one person (METHOD:REQUEST), or its withdrawal (METHOD:CANCEL).

    `uid` is the registration's own, stable across updates, so that a second REQUEST (a new time)
    replaces the first in the person's calendar and their REPLY names the registration it answers.
    One VEVENT only (RFC 5546 wants one UID per scheduling message): the agenda is in its description.
    """
    if method not in ("REQUEST", "CANCEL"):
        raise ValueError("An invitation is a REQUEST or a CANCEL.")
    if event.organizer is None:
        raise ValueError("An invitation needs an organizer, to whom replies go.")
    agenda = "\n".join(
        f"{_local(s.start, event.timezone):%H:%M}–{_local(s.end, event.timezone):%H:%M} {s.title}"
        for s in event.sessions
    )
    description = "\n\n".join(part for part in (event.description, agenda) if part)
    component = _component(uid, event.title, event.start, event.end, event, event.location, description)
    component.add("organizer", _address(event.organizer))
    component.add(
        "attendee",
        _address(
            attendee,
            ROLE="REQ-PARTICIPANT",
            PARTSTAT="NEEDS-ACTION",
            RSVP="TRUE",
            CUTYPE="INDIVIDUAL",
        ),
    )
    if method == "CANCEL":
        component["status"] = "CANCELLED"
    return _calendar([component], method=method).to_ical()


@dataclass(frozen=True)
class Reply:
    uid: str
    email: str
    answer: str  # ACCEPTED, DECLINED or TENTATIVE


def read_reply(data: bytes | str) -> Reply | None:
    """The answer in a METHOD:REPLY a mail program sent back, or None if it is not one."""
    try:
        calendar = Calendar.from_ical(data)
    except ValueError:
        return None
    if str(calendar.get("method", "")).upper() != "REPLY":
        return None
    for component in calendar.walk("VEVENT"):
        attendee = component.get("attendee")
        if isinstance(attendee, list):
            attendee = attendee[0] if attendee else None
        if attendee is None or "uid" not in component:
            continue
        answer = str(attendee.params.get("PARTSTAT", "")).upper()
        email = str(attendee).removeprefix("mailto:").removeprefix("MAILTO:").strip().lower()
        if answer in ("ACCEPTED", "DECLINED", "TENTATIVE") and email:
            return Reply(uid=str(component["uid"]), email=email, answer=answer)
    return None
