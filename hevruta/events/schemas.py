"""The events API's schemas: what goes in and what comes out, documented in the OpenAPI document."""

from datetime import date, datetime
from typing import Annotated

from ninja import Field, Schema

from hevruta.api.types import DateTime, Id, Text
from hevruta.core.models import ContentLanguage

from .models import EventKind, EventVisibility, RegistrationPolicy, SessionKind, SpeakerRole

KINDS = ", ".join(EventKind.values)
VISIBILITIES = ", ".join(EventVisibility.values)
POLICIES = ", ".join(RegistrationPolicy.values)
LANGUAGES = ", ".join(ContentLanguage.values)
SESSION_KINDS = ", ".join(SessionKind.values)
SPEAKER_ROLES = ", ".join(SpeakerRole.values)


class EventQuery(Schema):
    network: Text = Field("", max_length=100, description="A network's slug.")
    program: Id | None = Field(None, description="A program's id.")
    community: Id | None = Field(None, description="A community's id.")
    kind: Text = Field("", max_length=32, description=f"One of: {KINDS}.")
    starts_from: date | None = Field(None, description="Events ending on or after this day.")
    starts_to: date | None = Field(None, description="Events starting on or before this day.")
    limit: Annotated[int, Field(ge=1, le=100)] = 25
    offset: Annotated[int, Field(ge=0, le=100_000)] = 0


class EventIn(Schema):
    network: Text = Field(max_length=100, description="The slug of the network whose event it is.")
    community: Id | None = Field(None, description="A community of that network whose meeting it is.")
    title: Text = Field(max_length=300)
    kind: Text = Field(EventKind.MEETING, max_length=32, description=f"One of: {KINDS}.")
    starts_at: DateTime
    ends_at: DateTime
    description: Text = Field("", max_length=20_000, description="As its organizers wrote it.")
    description_language: Text = Field(
        "", max_length=2, description=f"The language it is written in: {LANGUAGES}, or empty."
    )
    description_en: Text = Field("", max_length=20_000, description="Its English translation.")
    description_ar: Text = Field("", max_length=20_000, description="Its Arabic translation.")
    address: Text = Field("", max_length=300)
    online_url: Text = Field("", max_length=500)
    locality: Id | None = None
    visibility: Text = Field(EventVisibility.NETWORK, max_length=16, description=f"One of: {VISIBILITIES}.")
    registration_policy: Text = Field(RegistrationPolicy.OPEN, max_length=16, description=f"One of: {POLICIES}.")
    capacity: Annotated[int, Field(ge=1, le=1_000_000)] | None = None
    registration_closes_at: DateTime | None = None
    offer_hours: Annotated[int, Field(ge=1, le=336)] = 48
    asks_dietary_needs: bool = False
    asks_accessibility_needs: bool = False
    series: Id | None = None
    publish: bool = Field(False, description="Publish at once; otherwise the event is a draft.")


class EventChangeIn(Schema):
    """The whole event as it should be (the network is the event's own and does not change)."""

    community: Id | None = None
    title: Text = Field(max_length=300)
    kind: Text = Field(EventKind.MEETING, max_length=32, description=f"One of: {KINDS}.")
    starts_at: DateTime
    ends_at: DateTime
    description: Text = Field("", max_length=20_000, description="As its organizers wrote it.")
    description_language: Text = Field(
        "", max_length=2, description=f"The language it is written in: {LANGUAGES}, or empty."
    )
    description_en: Text = Field("", max_length=20_000, description="Its English translation.")
    description_ar: Text = Field("", max_length=20_000, description="Its Arabic translation.")
    address: Text = Field("", max_length=300)
    online_url: Text = Field("", max_length=500)
    locality: Id | None = None
    visibility: Text = Field(EventVisibility.NETWORK, max_length=16, description=f"One of: {VISIBILITIES}.")
    registration_policy: Text = Field(RegistrationPolicy.OPEN, max_length=16, description=f"One of: {POLICIES}.")
    capacity: Annotated[int, Field(ge=1, le=1_000_000)] | None = None
    registration_closes_at: DateTime | None = None
    offer_hours: Annotated[int, Field(ge=1, le=336)] = 48
    asks_dietary_needs: bool = False
    asks_accessibility_needs: bool = False
    series: Id | None = None


class EventRowOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    visibility: str
    starts_at: datetime
    ends_at: datetime
    network: str | None
    community_id: int | None
    program_id: int | None
    series_id: int | None
    locality: str
    address: str
    is_online: bool
    capacity: int | None
    seats_taken: int
    waiting: int
    my_status: str | None
    url: str


class EventPageOut(Schema):
    items: list[EventRowOut]
    next_offset: int | None


class EventSpeakerOut(Schema):
    id: int
    name: str
    person_id: int | None
    affiliation: str
    role: str


class EventSessionOut(Schema):
    id: int
    kind: str
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    room: str
    capacity: int | None
    seats_taken: int
    host_organization: str
    locality: str
    speakers: list[EventSpeakerOut]


class EventOrganizationOut(Schema):
    id: int
    name: str
    locality: str


class EventDocumentOut(Schema):
    id: int
    title: str
    url: str


class MyRegistrationOut(Schema):
    event_id: int
    status: str
    status_label: str
    session_id: int | None
    dietary_needs: str
    accessibility_needs: str
    offer_expires_at: datetime | None
    attended: bool


class EventCheckInOut(Schema):
    """For the event's organizers: the code shown in the room and what the QR code carries."""

    code: str
    qr_url: str


class EventDetailOut(EventRowOut):
    description: str = Field(description="As its organizers wrote it.")
    description_language: str
    description_en: str
    description_ar: str
    reader_description: str = Field(
        description="The description in the reader's language (Accept-Language, or the account's), "
        "or in another one when it has no translation into it."
    )
    reader_description_language: str
    online_url: str
    registration_policy: str
    registration_closes_at: datetime | None
    asks_dietary_needs: bool
    asks_accessibility_needs: bool
    organizers: list[str]
    host_organizations: list[EventOrganizationOut]
    sessions: list[EventSessionOut]
    documents: list[EventDocumentOut]
    mine: MyRegistrationOut | None
    manages: bool
    check_in: EventCheckInOut | None
    summary_id: int | None
    ics_url: str


class EventAnswersIn(Schema):
    session: Id | None = Field(None, description="The session or site chosen, when seats are counted per session.")
    dietary_needs: Text = Field("", max_length=300)
    accessibility_needs: Text = Field("", max_length=300)


class MyEventRegistrationOut(MyRegistrationOut):
    title: str
    starts_at: datetime
    ends_at: datetime
    url: str


class EventParticipantOut(Schema):
    registration_id: int | None
    person_id: int
    name: str
    email: str
    status: str
    status_label: str
    session: str
    dietary_needs: str
    accessibility_needs: str
    queue_number: int | None
    present: bool
    walk_in: bool


class RegistrationAnswerIn(Schema):
    accept: bool


class EventInviteIn(Schema):
    people: list[Id] = Field(min_length=1, max_length=500, description="Ids of people of the directory.")


class InvitedOut(Schema):
    invited: int


class EventCheckInIn(Schema):
    code: Text = Field("", max_length=20, description="The code shown in the room.")
    token: Text = Field("", max_length=500, description="What the event's QR code carries (its `t`).")


class EventAttendanceMarkIn(Schema):
    person: Id
    present: bool = True


class WalkInIn(Schema):
    person: Id | None = None
    email: Text = Field("", max_length=254, description="Or the person's email address.")


class EventAttendanceOut(Schema):
    person_id: int
    present: bool
    method: str


class SeriesEventOut(Schema):
    id: int
    title: str
    starts_at: datetime
    status: str
    seats_taken: int
    present: int


class SeriesMemberAttendanceOut(Schema):
    person_id: int
    name: str
    attended: int


class SeriesOut(Schema):
    id: int
    name: str
    description: str
    network: str
    visibility: str
    members: int
    attendance_rate: float | None
    events: list[SeriesEventOut]
    attendance: list[SeriesMemberAttendanceOut] = Field(
        description="For the network's managers: each member's attended meetings of the series; empty for others."
    )


class CalendarFeedOut(Schema):
    url: str


class CertificateCheckOut(Schema):
    valid: bool
    person: str
    title: str
    organizer: str
    attended: list[str]
    total: int | None


class EventSummaryIn(Schema):
    title: Text = Field(max_length=300)
    insights: Text = Field(max_length=20_000)
    recommendations: Text = Field(max_length=20_000)


class EventSummaryOut(Schema):
    resource_id: int
    status: str
    url: str


class EventSessionIn(Schema):
    """A session of the event's agenda: it takes place within the event's time."""

    title: Text = Field(max_length=300)
    kind: Text = Field(SessionKind.TALK, max_length=16, description=f"One of: {SESSION_KINDS}.")
    description: Text = Field("", max_length=5_000)
    starts_at: DateTime
    ends_at: DateTime
    room: Text = Field("", max_length=200)
    capacity: Annotated[int, Field(ge=1, le=1_000_000)] | None = None
    host_organization: Id | None = Field(None, description="A learning tour's site: the organization hosting it.")


class EventSpeakerIn(Schema):
    """A person of the directory (`person`), or a guest known by name (`guest_name`)."""

    person: Id | None = None
    guest_name: Text = Field("", max_length=200)
    affiliation: Text = Field("", max_length=300)
    role: Text = Field(SpeakerRole.SPEAKER, max_length=16, description=f"One of: {SPEAKER_ROLES}.")


class EventDocumentIn(Schema):
    title: Text = Field(max_length=300)
    url: Text = Field(max_length=500, description="A link starting with https://.")


class EventSearchHitOut(Schema):
    id: int
    title_html: str = Field(description="The title, escaped, with the matching words in <mark>.")
    snippet_html: str = Field(description="Words around the best match, escaped, matches in <mark>.")
    starts_at: datetime
    ends_at: datetime
    locality: str
    url: str


class EventSearchOut(Schema):
    items: list[EventSearchHitOut]
    total: int = Field(description="How many events you may see match; 1,000 means at least that many.")
