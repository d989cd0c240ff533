"""iCalendar written by hevruta/events/ics.py, read back by a second implementation (Mozilla's ical.js,
installed from npm into tests/events/icaljs/ by scripts/test.sh) and by the Python side, across the
clock changes of 2027: Israel moves to summer time on Friday 26 March at 02:00 and back on Sunday
31 October at 02:00 (zoneinfo's rule: the Friday before the last Sunday of March, the last Sunday of
October)."""

import datetime
import json
import os
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from hevruta.events.ics import CalendarEvent, Person, Session, event_calendar, feed, invitation, read_reply

READER = Path(__file__).resolve().parent / "icaljs"
ISRAEL = ZoneInfo("Asia/Jerusalem")
UTC = datetime.UTC


def local(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=ISRAEL)  # type: ignore[misc]


def require(condition: bool, reason: str) -> None:
    """Skip with a reason when node or the npm reader is missing; on CI, fail instead."""
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def read_with_icaljs():  # type: ignore[no-untyped-def]
    node = shutil.which("node")
    require(node is not None, "node is not installed: ical.js cannot read the calendars")
    installed = (READER / "node_modules" / "ical.js").is_dir()
    require(installed, "ical.js is not installed: npm ci --prefix tests/events/icaljs")

    def read(document: bytes) -> dict:
        # Any zone for the process: ical.js must take Israel's rules from the document's VTIMEZONE.
        completed = subprocess.run(
            [str(node), "read.mjs"],
            cwd=READER,
            input=document,
            capture_output=True,
            timeout=60,
            check=False,
            env=os.environ | {"TZ": "America/Los_Angeles"},
        )
        assert completed.returncode == 0, completed.stderr.decode()
        return json.loads(completed.stdout)

    return read


# Wall-clock times on either side of both 2027 changes, and one event that spans the March change.
SESSIONS = [
    Session("s-before-spring@hevruta.test", "לפני המעבר לשעון קיץ", local(2027, 3, 25, 10), local(2027, 3, 25, 12)),
    Session("s-after-spring@hevruta.test", "بعد التوقيت الصيفي", local(2027, 3, 26, 10), local(2027, 3, 26, 12)),
    Session("s-before-autumn@hevruta.test", "Before winter time", local(2027, 10, 30, 10), local(2027, 10, 30, 12)),
    Session("s-after-autumn@hevruta.test", "אחרי החזרה לשעון חורף", local(2027, 10, 31, 10), local(2027, 10, 31, 12)),
]
EVENT = CalendarEvent(
    uid="event-7@hevruta.test",
    title="מפגש שותפים: Kitchenette, المطبخ",
    start=local(2027, 3, 25, 9),
    end=local(2027, 10, 31, 13),
    description="שורה ראשונה\nسطر ثانٍ, مع فاصلة; ونقطة",
    location="סמינר הקיבוצים, תל אביב",
    url="https://hevruta.test/events/7/",
    sessions=SESSIONS,
    organizer=Person("coordinator@hevruta.test", "רכזת הרשת"),
    updated=datetime.datetime(2027, 1, 1, tzinfo=UTC),
)
# What each time is in UTC, from the zone's offsets: +02:00 in winter, +03:00 in summer.
EXPECTED_UTC = {
    "event-7@hevruta.test": ("2027-03-25T07:00:00.000Z", "2027-10-31T11:00:00.000Z"),
    "s-before-spring@hevruta.test": ("2027-03-25T08:00:00.000Z", "2027-03-25T10:00:00.000Z"),
    "s-after-spring@hevruta.test": ("2027-03-26T07:00:00.000Z", "2027-03-26T09:00:00.000Z"),
    "s-before-autumn@hevruta.test": ("2027-10-30T07:00:00.000Z", "2027-10-30T09:00:00.000Z"),
    "s-after-autumn@hevruta.test": ("2027-10-31T08:00:00.000Z", "2027-10-31T10:00:00.000Z"),
}


def test_icaljs_reads_the_same_events_times_and_zones(read_with_icaljs):
    read = read_with_icaljs(event_calendar(EVENT))
    events = {event["uid"]: event for event in read["events"]}
    assert set(events) == set(EXPECTED_UTC)
    for uid, (start, end) in EXPECTED_UTC.items():
        assert (events[uid]["start_utc"], events[uid]["end_utc"]) == (start, end), uid
        assert events[uid]["zone"] == "Asia/Jerusalem"
    # The wall clock stays at 10:00 on both sides of each change.
    assert {events[s.uid]["start_local"][11:] for s in SESSIONS} == {"10:00:00"}
    assert events["s-before-spring@hevruta.test"]["start_offset_seconds"] == 2 * 3600
    assert events["s-after-spring@hevruta.test"]["start_offset_seconds"] == 3 * 3600
    assert events["s-before-autumn@hevruta.test"]["start_offset_seconds"] == 3 * 3600
    assert events["s-after-autumn@hevruta.test"]["start_offset_seconds"] == 2 * 3600
    main = events["event-7@hevruta.test"]
    assert main["summary"] == EVENT.title and main["description"] == EVENT.description
    assert main["location"] == EVENT.location and main["organizer"] == "mailto:coordinator@hevruta.test"
    assert {events[s.uid]["related_to"] for s in SESSIONS} == {"event-7@hevruta.test"}
    assert events["s-after-spring@hevruta.test"]["summary"] == "بعد التوقيت الصيفي"


def test_python_reads_the_same_instants():
    calendar = Calendar.from_ical(event_calendar(EVENT))
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Asia/Jerusalem"
    for component in calendar.walk("VEVENT"):
        start, end = EXPECTED_UTC[str(component["UID"])]
        assert component.decoded("DTSTART").astimezone(UTC).isoformat() == start.replace(".000Z", "+00:00")
        assert component.decoded("DTEND").astimezone(UTC).isoformat() == end.replace(".000Z", "+00:00")
        assert component["DTSTART"].params["TZID"] == "Asia/Jerusalem"


def test_the_vtimezone_has_the_2027_changes():
    text = event_calendar(EVENT).decode()
    # The days zoneinfo gives for 2027, carried by the document itself.
    assert "20270326T" in text and "20271031T" in text
    assert "TZOFFSETTO:+0300" in text and "TZOFFSETTO:+0200" in text


def test_a_feed_of_several_events(read_with_icaljs):
    other = CalendarEvent(
        uid="event-8@hevruta.test",
        title="Second",
        start=local(2027, 11, 2, 16),
        end=local(2027, 11, 2, 18),
        updated=datetime.datetime(2027, 1, 1, tzinfo=UTC),
    )
    read = read_with_icaljs(feed([EVENT, other], name="הלוח של רותי"))
    assert read["name"] == "הלוח של רותי"
    assert {event["uid"] for event in read["events"]} == set(EXPECTED_UTC) | {"event-8@hevruta.test"}
    (second,) = [event for event in read["events"] if event["uid"] == "event-8@hevruta.test"]
    assert second["start_utc"] == "2027-11-02T14:00:00.000Z"


def test_an_invitation_is_a_request_for_one_person(read_with_icaljs):
    attendee = Person("salma@hevruta.test", "سلمى")
    document = invitation(EVENT, attendee, uid="registration-31@hevruta.test")
    read = read_with_icaljs(document)
    assert read["method"] == "REQUEST"
    (event,) = read["events"]  # one VEVENT per scheduling message (RFC 5546)
    assert event["uid"] == "registration-31@hevruta.test"
    assert event["attendee"] == "mailto:salma@hevruta.test" and event["partstat"] == "NEEDS-ACTION"
    assert event["organizer"] == "mailto:coordinator@hevruta.test"
    assert (event["start_utc"], event["end_utc"]) == EXPECTED_UTC["event-7@hevruta.test"]
    assert "10:00–12:00 بعد التوقيت الصيفي" in event["description"]
    # The same registration gets the same UID: an update replaces the first invitation.
    assert document.count(b"UID:registration-31@hevruta.test") == 1
    assert invitation(EVENT, attendee, uid="registration-31@hevruta.test") == document
    cancel = read_with_icaljs(invitation(EVENT, attendee, uid="registration-31@hevruta.test", method="CANCEL"))
    assert cancel["method"] == "CANCEL" and cancel["events"][0]["status"] == "CANCELLED"


def test_an_invitation_without_organizer_or_with_another_method_is_refused():
    with pytest.raises(ValueError):
        invitation(CalendarEvent("u", "t", local(2027, 1, 1, 9), local(2027, 1, 1, 10)), Person("a@b.test"), "u")
    with pytest.raises(ValueError):
        invitation(EVENT, Person("a@b.test"), "u", method="PUBLISH")
    with pytest.raises(ValueError):
        event_calendar(CalendarEvent("u", "t", datetime.datetime(2027, 1, 1, 9), datetime.datetime(2027, 1, 1, 10)))


REPLY = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Some Mail Program//EN\r
METHOD:REPLY\r
BEGIN:VEVENT\r
UID:registration-31@hevruta.test\r
DTSTAMP:20270102T080000Z\r
DTSTART:20270325T070000Z\r
ATTENDEE;PARTSTAT=DECLINED;CN=Salma:mailto:Salma@hevruta.test\r
ORGANIZER:mailto:coordinator@hevruta.test\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_a_reply_is_read():
    reply = read_reply(REPLY)
    assert reply is not None
    assert (reply.uid, reply.email, reply.answer) == ("registration-31@hevruta.test", "salma@hevruta.test", "DECLINED")
    assert read_reply(REPLY.replace("METHOD:REPLY", "METHOD:REQUEST")) is None
    assert read_reply("not a calendar") is None
    assert read_reply(REPLY.replace("PARTSTAT=DECLINED", "PARTSTAT=DELEGATED")) is None


# The text itself: folding, escaping and line ends as RFC 5545 wants them, whatever the title holds.
AWKWARD = CalendarEvent(
    uid="event-9@hevruta.test",
    title='כותרת ארוכה מאוד; עם נקודה-פסיק, פסיק, קו נטוי \\ ו"מרכאות" ' * 4 + "🎓 סוף",
    start=local(2027, 5, 4, 9),
    end=local(2027, 5, 4, 11),
    description="שורה\r\nשנייה\rשלישית\nرابعة\x0b\x07 and a bell dropped\tand a tab kept",
    location="x" * 74 + "א" * 40,
    organizer=Person("org@hevruta.test", 'Dana "the organizer"; Cohen, ^north'),
    updated=datetime.datetime(2027, 1, 1, tzinfo=UTC),
)


def test_lines_are_folded_at_75_octets_and_never_inside_a_character():
    document = feed([AWKWARD, EVENT], name="ארוך " * 30)
    assert document.endswith(b"\r\n") and b"\n" not in document.replace(b"\r\n", b"")
    for line in document.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode()  # every physical line is whole UTF-8 on its own: no character cut in two
    unfolded = document.replace(b"\r\n ", b"").decode()
    assert "SUMMARY:" + AWKWARD.title.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,") in unfolded


def test_escaped_text_reads_back_the_same_in_both_implementations(read_with_icaljs):
    document = event_calendar(AWKWARD)
    expected_description = "שורה\nשנייה\nשלישית\nرابعة and a bell dropped\tand a tab kept"
    (event,) = read_with_icaljs(document)["events"]
    assert event["summary"] == AWKWARD.title
    assert event["location"] == AWKWARD.location
    assert event["description"] == expected_description
    (component,) = Calendar.from_ical(document).walk("VEVENT")
    assert str(component["SUMMARY"]) == AWKWARD.title and str(component["DESCRIPTION"]) == expected_description
    # RFC 6868's ^' for a double quote: read back as one by icalendar.
    assert component["ORGANIZER"].params["CN"] == 'Dana "the organizer"; Cohen, ^north'
    assert str(component["ORGANIZER"]) == "mailto:org@hevruta.test"


def test_a_feed_without_events_is_an_empty_calendar(read_with_icaljs):
    document = feed([], name="ריק")
    assert read_with_icaljs(document) == {"method": None, "name": "ריק", "events": []}
    assert b"VTIMEZONE" not in document and document.startswith(b"BEGIN:VCALENDAR\r\n")


def test_the_feed_is_the_events_own_entries_put_together():
    """The feed is each event's text, as the single event's download has it, in order."""
    assert feed([EVENT], name="x").count(b"BEGIN:VEVENT") == 1 + len(SESSIONS)
    own = event_calendar(EVENT)
    entries = own[own.index(b"BEGIN:VEVENT") : own.index(b"END:VCALENDAR")]
    assert entries in feed([EVENT], name="x")
