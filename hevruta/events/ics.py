"""iCalendar (RFC 5545) for events: one event with its sessions, a feed of many, and an invitation
(RFC 5546, METHOD:REQUEST) that a mail program shows with Accept and Decline buttons.

It reads plain dataclasses, not the models, so that pages, feeds and emails build them from whatever
query they ran. Times are written in the event's own zone (Israel's unless said otherwise) with a
VTIMEZONE made from the zoneinfo database for the years the calendar spans, so that a client that
knows nothing of Israel's daylight-saving rule (which has changed five times since 2005) still shows
10:00 as 10:00 on both sides of a clock change.
"""

import dataclasses
import datetime
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone

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


# Writing the text ------------------------------------------------------------------------------
# Written line by line rather than through icalendar's objects: a person's feed of forty events and
# their sessions cost 60 ms of CPU that way, most of it building, sorting and folding objects; the text
# below is the same document (RFC 5545) for a fraction of it. icalendar still makes the VTIMEZONE, once
# per zone and span of years, and reads the replies mail programs send back.

# Control characters other than tab may not appear in a value (RFC 5545 3.1): dropped.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
LINE_OCTETS = 75  # a content line's length without its CRLF (RFC 5545 3.1)


def _plain(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", value) if _CONTROLS.search(value) else value


def text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped."""
    # Chained replaces: several times faster than str.translate on Hebrew and Arabic text.
    return _plain(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def parameter(value: str) -> str:
    """A parameter value, always quoted (a name may hold ':', ';' or ','), with RFC 6868's escapes:
    ^, a line break and a double quote as ^^, ^n and ^'."""
    return '"' + _plain(value).replace("^", "^^").replace("\n", "^n").replace('"', "^'") + '"'


def fold(line: str) -> str:
    """One content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character; each
    continuation starts with a space, which counts in its 75. Ends with CRLF."""
    encoded = line.encode()
    if len(encoded) <= LINE_OCTETS:
        return line + "\r\n"
    pieces, start, limit = [], 0, LINE_OCTETS
    while len(encoded) - start > limit:
        cut = start + limit
        while encoded[cut] & 0xC0 == 0x80:  # a continuation byte: cut before its character instead
            cut -= 1
        pieces.append(encoded[start:cut])
        start, limit = cut, LINE_OCTETS - 1
    pieces.append(encoded[start:])
    return b"\r\n ".join(pieces).decode() + "\r\n"


def _utc(moment: datetime.datetime | None) -> str:
    return _stamp(moment).strftime("%Y%m%dT%H%M%SZ")


def _zoned(name: str, moment: datetime.datetime, zone: str) -> str:
    return f"{name};TZID={zone}:{_local(moment, zone).strftime('%Y%m%dT%H%M%S')}"


def _address(name: str, person: Person, parameters: Sequence[tuple[str, str]] = ()) -> str:
    written = "".join(f";{key}={value}" for key, value in parameters)
    if person.name:
        written += f";CN={parameter(person.name)}"
    return f"{name}{written}:mailto:{person.email}"


def _vevent(
    uid: str,
    title: str,
    start: datetime.datetime,
    end: datetime.datetime,
    event: CalendarEvent,
    location: str,
    description: str,
    extra: Sequence[str] = (),
) -> str:
    stamp = _utc(event.updated)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{text(uid)}",
        f"DTSTAMP:{stamp}",
        f"SUMMARY:{text(title)}",
        _zoned("DTSTART", start, event.timezone),
        _zoned("DTEND", end, event.timezone),
    ]
    if location:
        lines.append(f"LOCATION:{text(location)}")
    if description:
        lines.append(f"DESCRIPTION:{text(description)}")
    if event.url:
        lines.append(f"URL:{event.url}")  # a URI: written as it is, not escaped as text
    lines += [f"SEQUENCE:{int(event.sequence)}", f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}"]
    if event.updated:
        lines.append(f"LAST-MODIFIED:{stamp}")
    lines += [*extra, "END:VEVENT"]
    return "".join(fold(line) for line in lines)


def event_entries(event: CalendarEvent) -> str:
    """The event's VEVENTs: the event, then each session as an event of its own related to it (as
    Indico exports them), so a client shows the agenda at its times and rooms."""
    organizer = [_address("ORGANIZER", event.organizer)] if event.organizer else []
    entries = [
        _vevent(event.uid, event.title, event.start, event.end, event, event.location, event.description, organizer)
    ]
    for session in event.sessions:
        entries.append(
            _vevent(
                session.uid,
                session.title,
                session.start,
                session.end,
                event,
                session.location or event.location,
                session.description,
                [f"RELATED-TO;RELTYPE=PARENT:{text(event.uid)}"],
            )
        )
    return "".join(entries)


@functools.lru_cache(maxsize=64)
def _vtimezone(zone: str, first_year: int, last_year: int) -> str:
    """The zone's rules for these years, from the zoneinfo database (made once per process)."""
    first, last = datetime.date(first_year, 1, 1), datetime.date(last_year, 1, 1)
    made = Timezone.from_tzid(zone, first_date=first, last_date=last)
    return made.to_ical().decode()


def _years(events: Iterable[CalendarEvent]) -> dict[str, tuple[int, int]]:
    """For each zone the events are written in, the years its rules are needed for: those the events
    and their sessions span, a year either side."""
    spans: dict[str, tuple[int, int]] = {}
    for event in events:
        moments = [event.start, event.end] + [m for s in event.sessions for m in (s.start, s.end)]
        years = [_local(moment, event.timezone).year for moment in moments]
        first, last = spans.get(event.timezone, (min(years), max(years)))
        spans[event.timezone] = (min(first, *years), max(last, *years))
    return spans


def calendar_text(events: Sequence[CalendarEvent], entries: Iterable[str], method: str = "", name: str = "") -> bytes:
    """A VCALENDAR around VEVENTs already written (`entries`, for `events`), with the VTIMEZONEs
    their times need."""
    head = [f"PRODID:{PRODUCT_ID}", "VERSION:2.0", "CALSCALE:GREGORIAN"]
    if method:
        head.append(f"METHOD:{method}")
    if name:
        # Clients poll a feed as often as it asks (RFC 7986); twice a day is fresh enough for meetings.
        head += [f"X-WR-CALNAME:{text(name)}", f"NAME:{text(name)}", "REFRESH-INTERVAL;VALUE=DURATION:PT12H"]
    zones = [_vtimezone(zone, first - 1, last + 2) for zone, (first, last) in sorted(_years(events).items())]
    parts = ["BEGIN:VCALENDAR\r\n", *(fold(line) for line in head), *zones, *entries, "END:VCALENDAR\r\n"]
    return "".join(parts).encode()


def event_calendar(event: CalendarEvent) -> bytes:
    """One event with its sessions, for the event page's "add to calendar" download."""
    return calendar_text([event], [event_entries(event)])


def feed(events: Iterable[CalendarEvent], name: str) -> bytes:
    """A subscribable calendar of many events (a person's, a network's, a community's)."""
    events = list(events)
    return calendar_text(events, [event_entries(event) for event in events], name=name)


def invitation(event: CalendarEvent, attendee: Person, uid: str, method: str = "REQUEST") -> bytes:
    """An invitation for one person (METHOD:REQUEST), or its withdrawal (METHOD:CANCEL).

    `uid` is the registration's own, stable across updates, so that a second REQUEST (a new time)
    replaces the first in the person's calendar and their REPLY names the registration it answers.
    One VEVENT only (RFC 5546 wants one UID per scheduling message): the agenda is in its description.
    """
    if method not in ("REQUEST", "CANCEL"):
        raise ValueError("An invitation is a REQUEST or a CANCEL.")
    organizer = event.organizer
    if organizer is None:
        raise ValueError("An invitation needs an organizer, to whom replies go.")
    agenda = "\n".join(
        f"{_local(s.start, event.timezone):%H:%M}–{_local(s.end, event.timezone):%H:%M} {s.title}"
        for s in event.sessions
    )
    description = "\n\n".join(part for part in (event.description, agenda) if part)
    if method == "CANCEL":
        event = dataclasses.replace(event, cancelled=True)
    invited = [("CUTYPE", "INDIVIDUAL"), ("ROLE", "REQ-PARTICIPANT"), ("PARTSTAT", "NEEDS-ACTION"), ("RSVP", "TRUE")]
    people = [_address("ORGANIZER", organizer), _address("ATTENDEE", attendee, invited)]
    entry = _vevent(uid, event.title, event.start, event.end, event, event.location, description, people)
    return calendar_text([event], [entry], method=method)


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
