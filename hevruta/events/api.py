"""The events API: events and their agenda, registration with its waitlist, check-in, attendance,
series, calendars and certificates.

Every answer goes through the same queries (`events_visible_to`, `event_managed_by`) and services as the
pages: an event not shown to the reader (an invited-only event, a secret community's meeting) is "not
found" (404), and only its organizers see who registered. A cohort's sessions are in the programs API.
Errors are JSON with a `detail` in the reader's language.
"""

from collections.abc import Iterable
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import HttpError

from hevruta.accounts.models import User
from hevruta.api.auth import OPTIONAL, REQUIRED
from hevruta.api.schemas import ErrorOut
from hevruta.api.types import PathId
from hevruta.communities.models import Community
from hevruta.communities.queries import community_access
from hevruta.core.exports import table_download
from hevruta.core.files import made_download
from hevruta.core.names import local_name_text, local_text
from hevruta.core.search import QueryError, parse_query
from hevruta.directory.models import Person
from hevruta.directory.queries import (
    is_network_manager,
    network_by_slug,
    networks_visible_to,
    people_visible_to,
    viewer_for,
)

from . import calendar, certificates_data, queries, search, services
from .certificates import certificate_pdf, read_certificate_token
from .models import (
    HOLDS_A_SEAT,
    Attendance,
    Event,
    EventDocument,
    EventSession,
    EventStatus,
    Registration,
    Series,
    Speaker,
)
from .rules import event_managed_by, may_write_summary
from .schemas import (
    CalendarFeedOut,
    CertificateCheckOut,
    EventAnswersIn,
    EventAttendanceMarkIn,
    EventAttendanceOut,
    EventChangeIn,
    EventCheckInIn,
    EventDetailOut,
    EventDocumentIn,
    EventDocumentOut,
    EventIn,
    EventInviteIn,
    EventPageOut,
    EventParticipantOut,
    EventQuery,
    EventSearchOut,
    EventSessionIn,
    EventSessionOut,
    EventSpeakerIn,
    EventSpeakerOut,
    EventSummaryIn,
    EventSummaryOut,
    InvitedOut,
    MyEventRegistrationOut,
    MyRegistrationOut,
    RegistrationAnswerIn,
    SeriesOut,
    WalkInIn,
)

router = Router(tags=["events"])

CALENDAR = {"text/calendar": {"schema": {"type": "string"}}}
# Binary files are described by their media type alone: a schema of binary strings is not one a
# generated client can read (tests/api/test_generated_client.py).
PDF: dict[str, Any] = {"application/pdf": {}}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = {"text/csv": {"schema": {"type": "string"}}}
XLSX: dict[str, Any] = {XLSX_TYPE: {}}
ATTENDANCE_FILE = "Registrations and walk-ins with their presence."


def _file(description: str, content: dict[str, Any]) -> dict[str, Any]:
    return {"responses": {200: {"description": description, "content": content}}}


# Finding things, as the pages do -------------------------------------------------------------------


def _event(request: HttpRequest, event_id: int, *, manage: bool = False) -> Event:
    event = queries.event_by_id(request.user, event_id)
    if event is None:
        raise Http404(_("No such event, or it is not shown to you."))
    if manage and not event_managed_by(request.user, event):
        raise PermissionDenied(_("Only the event's organizers and the network's managers may do this."))
    return event


def _me(request: HttpRequest) -> Person:
    person_id = viewer_for(request.user).person_id
    person = Person.objects.filter(pk=person_id).select_related("user").first() if person_id else None
    if person is None:
        raise PermissionDenied(_("Your account has no profile in the directory yet."))
    return person


def _own_registration(request: HttpRequest, event: Event) -> Registration:
    person_id = viewer_for(request.user).person_id
    registration = Registration.objects.filter(event=event, person_id=person_id or 0).first()
    if registration is None:
        raise Http404(_("You are not registered for this event."))
    return registration


def _participant(event: Event, registration_id: int) -> Registration:
    registration = Registration.objects.select_related("person").filter(pk=registration_id, event=event).first()
    if registration is None:
        raise Http404(_("No such registration for this event."))
    return registration


def _person(request: HttpRequest, person_id: int) -> Person:
    person = people_visible_to(request.user).filter(pk=person_id).select_related("user").first()
    if person is None:
        raise Http404(_("No such person, or their profile is not shown to you."))
    return person


def _community(request: HttpRequest, community_id: int | None, network_id: int | None) -> Community | None:
    """The community named in a body, if the writer may know of it; its network is checked by the service."""
    if community_id is None:
        return None
    community = Community.objects.select_related("network").filter(pk=community_id).first()
    if community is None or not community_access(request.user, community).may_see:
        raise Http404(_("No such community, or it is not shown to you."))
    return community


# Shapes of the answers --------------------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _row(event: Event, my_status: str | None = None) -> dict[str, Any]:
    return {
        "id": event.pk,
        "title": event.title,
        "kind": event.kind,
        "status": event.status,
        "visibility": event.visibility,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "network": event.network.slug if event.network is not None else None,
        "community_id": event.community_id,
        "program_id": event.program_id,
        "series_id": event.series_id,
        "locality": local_name_text(event.locality) if event.locality_id else "",
        "address": event.address,
        "is_online": event.is_online,
        "capacity": event.capacity,
        "seats_taken": getattr(event, "seats_taken", 0),
        "waiting": getattr(event, "waiting", 0),
        "my_status": my_status,
        "url": reverse("events:event", args=[event.pk]),
    }


def _registration(registration: Registration, attended: bool) -> dict[str, Any]:
    return {
        "event_id": registration.event_id,
        "status": registration.status,
        "status_label": str(registration.get_status_display()),
        "session_id": registration.session_id,
        "dietary_needs": registration.dietary_needs,
        "accessibility_needs": registration.accessibility_needs,
        "offer_expires_at": registration.offer_expires_at,
        "attended": attended,
    }


def _speaker_name(speaker: Any) -> str:
    return speaker.guest_name or (str(speaker.person) if speaker.person_id else "")


def _detail(request: HttpRequest, event: Event) -> dict[str, Any]:
    page = queries.event_page(request.user, event)
    sessions = [
        _session_out(session, page.session_seats.get(session.pk, 0), session.speakers.all()) for session in page.agenda
    ]
    check_in = None
    if page.manages:
        link = reverse("events:check_in", args=[event.pk]) + "?t=" + services.qr_token(event)
        check_in = {"code": event.check_in_code, "qr_url": _absolute(link)}
    shown = local_text(event, "description")
    return {
        **_row(event, page.mine.status if page.mine else None),
        "description": event.description,
        "description_language": event.description_language,
        "description_en": event.description_en,
        "description_ar": event.description_ar,
        "reader_description": shown.text,
        "reader_description_language": shown.language,
        "online_url": event.online_url,
        "registration_policy": event.registration_policy,
        "registration_closes_at": event.registration_closes_at,
        "asks_dietary_needs": event.asks_dietary_needs,
        "asks_accessibility_needs": event.asks_accessibility_needs,
        "organizers": [str(person) for person in page.organizers],
        "host_organizations": [
            {"id": o.pk, "name": local_name_text(o), "locality": local_name_text(o.locality) if o.locality_id else ""}
            for o in page.hosts
        ],
        "sessions": sessions,
        "documents": [{"id": d.pk, "title": d.title, "url": d.url} for d in page.documents],
        "mine": _registration(page.mine, page.attended) if page.mine else None,
        "manages": page.manages,
        "check_in": check_in,
        "summary_id": event.summary.pk if event.summary is not None and event.summary.status == "published" else None,
        "ics_url": reverse("events_calendar:event_ics", args=[event.pk]),
    }


def _input(payload: EventIn | EventChangeIn, community: Community | None) -> services.EventInput:
    return services.EventInput(
        title=payload.title,
        kind=payload.kind,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        description=payload.description,
        description_language=payload.description_language,
        description_en=payload.description_en,
        description_ar=payload.description_ar,
        address=payload.address,
        online_url=payload.online_url,
        locality_id=payload.locality,
        visibility=payload.visibility,
        registration_policy=payload.registration_policy,
        capacity=payload.capacity,
        registration_closes_at=payload.registration_closes_at,
        offer_hours=payload.offer_hours,
        asks_dietary_needs=payload.asks_dietary_needs,
        asks_accessibility_needs=payload.asks_accessibility_needs,
        series_id=payload.series,
        community_id=community.pk if community else None,
    )


def _check_references(payload: EventIn | EventChangeIn, network_id: int | None) -> None:
    """The locality and series named exist (and the series is the network's): refused in words, not by
    the database."""
    from hevruta.directory.models import Locality

    errors: dict[str, list[str]] = {}
    if payload.locality is not None and not Locality.objects.filter(pk=payload.locality).exists():
        errors["locality"] = [_("No such locality.")]
    series = Series.objects.filter(pk=payload.series or 0, network_id=network_id or 0)
    if payload.series is not None and not series.exists():
        errors["series"] = [_("The series must be one of the event's network.")]
    if errors:
        raise ValidationError(errors)


# Across events (before the paths with an event's id) ----------------------------------------------------


@router.get("", response=EventPageOut, auth=OPTIONAL, summary="Find events")
def list_events(request: HttpRequest, filters: Query[EventQuery]) -> dict[str, Any]:
    """Events you may see, soonest first: never an invited-only one you are not invited to, nor a closed or
    secret community's meeting you are not a member of. A cohort's sessions are in the programs API."""
    events = queries.events_visible_to(request.user).filter(cohort__isnull=True)
    if filters.network:
        network = network_by_slug(filters.network)
        events = events.filter(network_id=network.pk if network else -1)
    if filters.program is not None:
        events = events.filter(program_id=filters.program)
    if filters.community is not None:
        events = events.filter(community_id=filters.community)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.starts_from is not None:
        events = events.filter(ends_at__date__gte=filters.starts_from)
    if filters.starts_to is not None:
        events = events.filter(starts_at__date__lte=filters.starts_to)
    events = queries.with_seats(events.select_related("network", "locality")).order_by("starts_at", "id")
    rows = list(events[filters.offset : filters.offset + filters.limit + 1])
    own = queries.own_statuses(request.user, [event.pk for event in rows])
    return {
        "items": [_row(event, own.get(event.pk)) for event in rows[: filters.limit]],
        "next_offset": filters.offset + filters.limit if len(rows) > filters.limit else None,
    }


@router.get("/search", response={200: EventSearchOut, 400: ErrorOut}, auth=OPTIONAL, summary="Search events")
def search_events(request: HttpRequest, q: str = "", limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Published events you may see whose title, description (in any of its languages), place or
    sessions match, best first, with their date and page. Never an invited-only event you are not
    invited to, a draft, nor a closed or secret community's meeting you are not a member of; cancelled
    events are not searched. A query with no word to search for is refused with 400."""
    if not q.strip():
        return {"items": [], "total": 0}
    try:
        query = parse_query(q.replace("\x00", ""))
    except QueryError as error:
        raise HttpError(400, error.message) from None
    found = search.find(request.user, query, limit=max(1, min(limit, 50)), offset=max(0, min(offset, 10_000)))
    return {"items": [_search_hit(row) for row in found.rows], "total": found.total}


def _search_hit(row: search.Found) -> dict[str, Any]:
    event = row.event
    return {
        "id": event.pk,
        "title_html": str(row.title_html),
        "snippet_html": str(row.snippet_html),
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "locality": local_name_text(event.locality) if event.locality_id else "",
        "url": reverse("events:event", args=[event.pk]),
    }


@router.post("", response={201: EventDetailOut}, auth=REQUIRED, summary="Add an event")
def create_event(request: HttpRequest, payload: EventIn) -> Status:
    """The network's managers add its events; a community's facilitators add the community's meetings.
    The event starts as a draft unless `publish` is set; you are its organizer."""
    network = network_by_slug(payload.network)
    if network is None or not networks_visible_to(request.user).filter(pk=network.pk).exists():
        raise Http404(_("No such network, or it is not shown to you."))
    community = _community(request, payload.community, network.pk)
    facilitates = community is not None and community_access(request.user, community).is_facilitator
    if not (is_network_manager(request.user, network) or facilitates):
        raise PermissionDenied(_("Only the network's managers, or the community's facilitators, may add its events."))
    _check_references(payload, network.pk)
    event = services.create_event(_input(payload, community), by=_me(request), network=network, publish=payload.publish)
    return Status(201, _detail(request, _event(request, event.pk)))


@router.get("/registrations/mine", response=list[MyEventRegistrationOut], auth=REQUIRED, summary="My registrations")
def list_my_event_registrations(request: HttpRequest, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Your registrations, the latest events first, whatever became of them."""
    person_id = viewer_for(request.user).person_id
    if person_id is None:
        return []
    offset, limit = max(0, min(offset, 100_000)), max(1, min(limit, 100))
    registrations = list(
        Registration.objects.filter(person_id=person_id)
        .exclude(event__status=EventStatus.DRAFT)
        .select_related("event")
        .order_by("-event__starts_at", "-id")[offset : offset + limit]
    )
    attended = set(
        Attendance.objects.filter(
            person_id=person_id, present=True, event_id__in=[r.event_id for r in registrations]
        ).values_list("event_id", flat=True)
    )
    return [
        {
            **_registration(r, r.event_id in attended),
            "title": r.event.title,
            "starts_at": r.event.starts_at,
            "ends_at": r.event.ends_at,
            "url": reverse("events:event", args=[r.event_id]),
        }
        for r in registrations
    ]


@router.get("/calendar/feed", response=CalendarFeedOut, auth=REQUIRED, summary="My calendar's address")
def get_my_calendar_feed(request: HttpRequest) -> dict[str, str]:
    """The secret address of your calendar (what you registered for, were invited to, organize), for a
    calendar program to subscribe to. Anyone holding it reads it: reset it if it was shared."""
    return {"url": calendar.my_feed_url(cast(User, request.user))}


@router.post("/calendar/feed/reset", response=CalendarFeedOut, auth=REQUIRED, summary="A new calendar address")
def reset_my_calendar_feed(request: HttpRequest) -> dict[str, str]:
    """The old address stops working at once."""
    calendar.reset_feed_token(cast(User, request.user))
    return {"url": calendar.my_feed_url(cast(User, request.user))}


@router.get("/certificates/{certificate_token}", response=CertificateCheckOut, auth=OPTIONAL)
def verify_event_certificate(request: HttpRequest, certificate_token: str) -> dict[str, Any]:
    """What a certificate's verification link certifies, as the records stand today. Anyone holding it may ask."""
    found = read_certificate_token(certificate_token[:500])
    record = certificates_data.verification(*found) if found else None
    if record is None:
        raise Http404(_("No such certificate, or the attendance it certified is no longer recorded."))
    return {
        "valid": True,
        "person": str(record["person"]),
        "title": record["title"],
        "organizer": record["organizer"],
        "attended": [event.title for event in record["attended"]],
        "total": record.get("total"),
    }


# Series -------------------------------------------------------------------------------------------------


def _series(request: HttpRequest, series_id: int) -> Series:
    series = queries.series_visible_to(request.user).filter(pk=series_id).select_related("network").first()
    if series is None:
        raise Http404(_("No such series, or it is not shown to you."))
    return series


@router.get("/series/{int:series_id}", response=SeriesOut, auth=OPTIONAL, summary="A series and its attendance")
def get_event_series(request: HttpRequest, series_id: PathId) -> dict[str, Any]:
    """The series' meetings you may see, how many were present at each, the attendance rate across the
    series, and for the network's managers each member's attended meetings."""
    series = _series(request, series_id)
    page = queries.series_page(request.user, series)
    attendance: list[dict[str, Any]] = []
    if is_network_manager(request.user, series.network) or viewer_for(request.user).is_operator:
        held = Q(event_attendance__present=True, event_attendance__event__series=series)
        members = series.members.annotate(attended=Count("event_attendance", filter=held)).order_by("family_name", "pk")
        attendance = [{"person_id": m.pk, "name": str(m), "attended": m.attended} for m in members]
    return {
        "id": series.pk,
        "name": series.name,
        "description": series.description,
        "network": series.network.slug,
        "visibility": series.visibility,
        "members": page.members,
        "attendance_rate": page.attendance_rate,
        "events": [
            {
                "id": e.pk,
                "title": e.title,
                "starts_at": e.starts_at,
                "status": e.status,
                "seats_taken": e.seats_taken,
                "present": e.present,
            }
            for e in page.events
        ],
        "attendance": attendance,
    }


@router.get(
    "/series/{int:series_id}/certificate",
    auth=REQUIRED,
    summary="My certificate for a series",
    openapi_extra=_file("The certificate of attendance across the series, as PDF.", PDF),
)
def download_series_certificate(request: HttpRequest, series_id: PathId) -> HttpResponse:
    series = _series(request, series_id)
    certificate = certificates_data.for_series(cast(User, request.user), series)
    if certificate is None:
        raise Http404(_("There is no certificate: no attendance of yours in this series is recorded."))
    return _pdf(certificate_pdf(certificate), f"certificate-series-{series.pk}.pdf")


def _pdf(pdf: bytes, filename: str) -> HttpResponse:
    return made_download(pdf, "application/pdf", filename)


# One event ----------------------------------------------------------------------------------------------


@router.get("/{int:event_id}", response=EventDetailOut, auth=OPTIONAL, summary="An event")
def get_event(request: HttpRequest, event_id: PathId) -> dict[str, Any]:
    """The event with its sessions, speakers, host organizations, place and documents; your registration;
    for its organizers, the check-in code."""
    return _detail(request, _event(request, event_id))


@router.put("/{int:event_id}", response=EventDetailOut, auth=REQUIRED, summary="Change an event")
def update_event(request: HttpRequest, event_id: PathId, payload: EventChangeIn) -> dict[str, Any]:
    """Seats shrink only down to those taken; people registered hear of a change of time or place."""
    event = _event(request, event_id, manage=True)
    community = _community(request, payload.community, event.network_id)
    _check_references(payload, event.network_id)
    services.update_event(event, _input(payload, community), by=request.user)
    return _detail(request, _event(request, event_id))


@router.post("/{int:event_id}/publish", response=EventDetailOut, auth=REQUIRED, summary="Publish an event")
def publish_event(request: HttpRequest, event_id: PathId) -> dict[str, Any]:
    services.publish_event(_event(request, event_id, manage=True))
    return _detail(request, _event(request, event_id))


@router.post("/{int:event_id}/cancel", response=EventDetailOut, auth=REQUIRED, summary="Cancel an event")
def cancel_event(request: HttpRequest, event_id: PathId) -> dict[str, Any]:
    """Everyone registered or waiting is told."""
    event = _event(request, event_id, manage=True)
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("This event is already cancelled."))
    services.cancel_event(event, by=request.user)
    return _detail(request, _event(request, event_id))


@router.get(
    "/{int:event_id}/ics",
    auth=OPTIONAL,
    summary="The event as iCalendar",
    openapi_extra=_file("The event with its sessions (RFC 5545).", CALENDAR),
)
def download_event_ics(request: HttpRequest, event_id: PathId) -> HttpResponse:
    event = calendar.for_calendar(queries.events_visible_to(request.user)).filter(pk=event_id).first()
    if event is None:
        raise Http404(_("No such event, or it is not shown to you."))
    return made_download(calendar.event_document(event), "text/calendar; charset=utf-8", f"event-{event.pk}.ics")


# Registration -------------------------------------------------------------------------------------------


@router.post("/{int:event_id}/register", response={201: MyRegistrationOut}, auth=REQUIRED, summary="Register")
def register_for_event(request: HttpRequest, event_id: PathId, payload: EventAnswersIn) -> Status:
    """A seat if one is free, else the waitlist (or the organizers' approval first), with your answers to
    the event's questions and the session or site you chose."""
    event = _event(request, event_id)
    answers = services.Answers(
        session_id=payload.session,
        dietary_needs=payload.dietary_needs,
        accessibility_needs=payload.accessibility_needs,
    )
    registration = services.register(event, _me(request), answers)
    return Status(201, _registration(registration, False))


@router.post("/{int:event_id}/registration/cancel", response=MyRegistrationOut, auth=REQUIRED)
def cancel_my_event_registration(request: HttpRequest, event_id: PathId) -> dict[str, Any]:
    """Cancel your registration; a seat you held passes to the next on the waitlist."""
    event = _event(request, event_id)
    registration = services.cancel_registration(_own_registration(request, event), by=request.user)
    return _registration(registration, False)


@router.post("/{int:event_id}/registration/confirm", response=MyRegistrationOut, auth=REQUIRED)
def confirm_offered_seat(request: HttpRequest, event_id: PathId) -> dict[str, Any]:
    """Take the seat offered to you from the waitlist, before its deadline."""
    event = _event(request, event_id)
    registration = services.confirm_offer(_own_registration(request, event))
    return _registration(registration, False)


@router.post("/{int:event_id}/check-in", response=EventAttendanceOut, auth=REQUIRED, summary="Check in")
def check_in_to_event(request: HttpRequest, event_id: PathId, payload: EventCheckInIn) -> dict[str, Any]:
    """With the code shown in the room, or what the event's QR code carries; only in the event's window."""
    event = _event(request, event_id)
    if not payload.code.strip() and not payload.token:
        raise ValidationError(_("Type the code shown in the room."))
    mark = services.check_in(event, _me(request), code=payload.code, token=payload.token)
    return {"person_id": mark.person_id, "present": mark.present, "method": mark.method}


# For the organizers ---------------------------------------------------------------------------------------


@router.get("/{int:event_id}/participants", response=list[EventParticipantOut], auth=REQUIRED)
def list_event_participants(request: HttpRequest, event_id: PathId) -> list[dict[str, Any]]:
    """For the organizers: seat holders and the waitlist in its order, with their answers and presence,
    then the walk-ins."""
    event = _event(request, event_id, manage=True)
    rows = [
        {
            "registration_id": r.pk,
            "person_id": r.person_id,
            "name": r.person.full_name,
            "email": r.person.email,
            "status": r.status,
            "status_label": str(r.get_status_display()),
            "session": r.session.title if r.session else "",
            "dietary_needs": r.dietary_needs,
            "accessibility_needs": r.accessibility_needs,
            "queue_number": r.queue_number,
            "present": bool(r.checked_in),  # type: ignore[attr-defined]
            "walk_in": False,
        }
        for r in queries.participants(event)
    ]
    rows += [
        {
            "registration_id": None,
            "person_id": a.person_id,
            "name": a.person.full_name,
            "email": a.person.email,
            "status": "",
            "status_label": _("Walked in"),
            "session": "",
            "dietary_needs": "",
            "accessibility_needs": "",
            "queue_number": None,
            "present": True,
            "walk_in": True,
        }
        for a in queries.walk_ins(event)
    ]
    return rows


@router.post("/{int:event_id}/registrations/{int:registration_id}/answer", response=EventParticipantOut, auth=REQUIRED)
def answer_event_registration(
    request: HttpRequest, event_id: PathId, registration_id: PathId, payload: RegistrationAnswerIn
) -> dict[str, Any]:
    """Approve (a seat, or the waitlist when full) or decline a registration waiting for approval."""
    event = _event(request, event_id, manage=True)
    registration = services.answer_registration(
        _participant(event, registration_id), accept=payload.accept, by=request.user
    )
    return _participant_row(registration)


@router.post("/{int:event_id}/registrations/{int:registration_id}/cancel", response=EventParticipantOut, auth=REQUIRED)
def cancel_event_participant(request: HttpRequest, event_id: PathId, registration_id: PathId) -> dict[str, Any]:
    """An organizer cancels someone's registration; they are told, and the seat passes on."""
    event = _event(request, event_id, manage=True)
    registration = services.cancel_registration(_participant(event, registration_id), by=request.user)
    return _participant_row(registration)


def _participant_row(registration: Registration) -> dict[str, Any]:
    present = Attendance.objects.filter(event_id=registration.event_id, person_id=registration.person_id, present=True)
    return {
        "registration_id": registration.pk,
        "person_id": registration.person_id,
        "name": registration.person.full_name,
        "email": registration.person.email,
        "status": registration.status,
        "status_label": str(registration.get_status_display()),
        "session": registration.session.title if registration.session_id and registration.session else "",
        "dietary_needs": registration.dietary_needs,
        "accessibility_needs": registration.accessibility_needs,
        "queue_number": registration.queue_number,
        "present": present.exists(),
        "walk_in": False,
    }


@router.post("/{int:event_id}/invitations", response={201: InvitedOut}, auth=REQUIRED, summary="Invite people")
def invite_to_event(request: HttpRequest, event_id: PathId, payload: EventInviteIn) -> Status:
    """They see the event (even an invited-only one), may register, and get an email with the invitation
    for their calendar. People already on the list are left as they are."""
    event = _event(request, event_id, manage=True)
    wanted = set(payload.people)
    people = list(people_visible_to(request.user).filter(pk__in=wanted))
    if len(people) != len(wanted):
        raise Http404(_("No such person, or their profile is not shown to you."))
    return Status(201, {"invited": services.invite(event, people, by=request.user)})


@router.post("/{int:event_id}/attendance", response=EventAttendanceOut, auth=REQUIRED, summary="Mark attendance")
def mark_event_attendance(request: HttpRequest, event_id: PathId, payload: EventAttendanceMarkIn) -> dict[str, Any]:
    """An organizer marks a registered person present (or not) from the list."""
    event = _event(request, event_id, manage=True)
    person = Person.objects.filter(pk=payload.person, event_registrations__event=event).first()
    if person is None:
        raise Http404(_("This person is not registered for the event: add them as a walk-in."))
    mark = services.mark_present(event, person, payload.present, by=request.user)
    return {"person_id": mark.person_id, "present": mark.present, "method": mark.method}


@router.post("/{int:event_id}/walk-ins", response={201: EventAttendanceOut}, auth=REQUIRED, summary="A walk-in")
def add_event_walk_in(request: HttpRequest, event_id: PathId, payload: WalkInIn) -> Status:
    """Someone came without registering: present, without taking a registered seat. Name them by id or email."""
    event = _event(request, event_id, manage=True)
    email = payload.email.strip()
    found = Person.objects.filter(email__iexact=email).first() if email else None
    if payload.person is not None:
        found = _person(request, payload.person)
    if found is None:
        raise Http404(_("Nobody in the directory has this email address."))
    mark = services.walk_in(event, found, by=request.user)
    return Status(201, {"person_id": mark.person_id, "present": mark.present, "method": mark.method})


def _attendance_file(request: HttpRequest, event_id: int, kind: str) -> HttpResponse:
    event = _event(request, event_id, manage=True)
    header, rows = queries.attendance_table(event)
    return table_download(header, rows, kind, f"attendance-{event.pk}", title=_("Attendance"))


@router.get(
    "/{int:event_id}/attendance.csv",
    auth=REQUIRED,
    summary="The attendance list as CSV",
    openapi_extra=_file(ATTENDANCE_FILE, CSV),
)
def export_event_attendance_csv(request: HttpRequest, event_id: PathId) -> HttpResponse:
    return _attendance_file(request, event_id, "csv")


@router.get(
    "/{int:event_id}/attendance.xlsx",
    auth=REQUIRED,
    summary="The attendance list as XLSX",
    openapi_extra=_file(ATTENDANCE_FILE, XLSX),
)
def export_event_attendance_xlsx(request: HttpRequest, event_id: PathId) -> HttpResponse:
    return _attendance_file(request, event_id, "xlsx")


# After the event ----------------------------------------------------------------------------------------


@router.get(
    "/{int:event_id}/certificate",
    auth=REQUIRED,
    summary="My certificate for an event",
    openapi_extra=_file("The certificate of attendance, as PDF, in your language.", PDF),
)
def download_event_certificate(request: HttpRequest, event_id: PathId) -> HttpResponse:
    """Only your own, and only for an event your presence at is recorded."""
    event = _event(request, event_id)
    certificate = certificates_data.for_event(cast(User, request.user), event)
    if certificate is None:
        raise Http404(_("There is no certificate: your attendance at this event is not recorded."))
    return _pdf(certificate_pdf(certificate), f"certificate-event-{event.pk}.pdf")


@router.post("/{int:event_id}/summary", response={201: EventSummaryOut}, auth=REQUIRED, summary="Write the summary")
def write_event_summary(request: HttpRequest, event_id: PathId, payload: EventSummaryIn) -> Status:
    """The organizers, or the participant they named, write insights and recommendations after the event;
    they go to the network's curators as an "insight" resource."""
    event = _event(request, event_id)
    if not may_write_summary(request.user, event):
        raise PermissionDenied(_("The organizers, or the participant they named, write the summary after the event."))
    resource = services.write_summary(
        event,
        _me(request),
        title=payload.title,
        insights=payload.insights,
        recommendations=payload.recommendations,
    )
    url = reverse("knowledge:detail", args=[resource.pk])
    return Status(201, {"resource_id": resource.pk, "status": resource.status, "url": url})


# The agenda: sessions, speakers, documents (the event's organizers) --------------------------------------


def _found[T](found: T | None, message: str) -> T:
    if found is None:
        raise Http404(message)
    return found


def _session(event: Event, session_id: int) -> EventSession:
    return _found(EventSession.objects.filter(pk=session_id, event=event).first(), _("No such session in this event."))


def _session_fields(payload: EventSessionIn) -> dict[str, Any]:
    from hevruta.directory.models import Organization

    host = None
    if payload.host_organization is not None:
        host = Organization.objects.filter(pk=payload.host_organization).select_related("locality").first()
        if host is None:
            raise ValidationError({"host_organization": [_("No such organization.")]})
    return {**payload.dict(exclude={"host_organization"}), "host_organization": host}


def _session_out(session: EventSession, seats_taken: int, speakers: Iterable[Speaker]) -> dict[str, Any]:
    return {
        "id": session.pk,
        "kind": session.kind,
        "title": session.title,
        "description": session.description,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "room": session.room,
        "capacity": session.capacity,
        "seats_taken": seats_taken,
        "host_organization": local_name_text(session.host_organization) if session.host_organization_id else "",
        "locality": local_name_text(session.locality) if session.locality_id else "",
        "speakers": [_speaker_out(speaker) for speaker in speakers],
    }


def _written_session_out(session: EventSession) -> dict[str, Any]:
    seats_taken = session.registrations.filter(status__in=HOLDS_A_SEAT).count()
    return _session_out(session, seats_taken, session.speakers.select_related("person"))


def _speaker_out(speaker: Speaker) -> dict[str, Any]:
    return {
        "id": speaker.pk,
        "name": _speaker_name(speaker),
        "person_id": speaker.person_id,
        "affiliation": speaker.affiliation,
        "role": speaker.role,
    }


@router.post(
    "/{int:event_id}/sessions", response={201: EventSessionOut}, auth=REQUIRED, summary="Add a session to an event"
)
def add_event_session(request: HttpRequest, event_id: PathId, payload: EventSessionIn) -> Status:
    """The event's organizers and its network's managers; a session takes place within the event's time."""
    event = _event(request, event_id, manage=True)
    session = services.add_session(event, **_session_fields(payload))
    return Status(201, _written_session_out(session))


@router.put(
    "/{int:event_id}/sessions/{int:session_id}", response=EventSessionOut, auth=REQUIRED, summary="Change a session"
)
def update_event_session(
    request: HttpRequest, event_id: PathId, session_id: PathId, payload: EventSessionIn
) -> dict[str, Any]:
    """The whole session as it should be; its seats shrink only down to those taken."""
    session = _session(_event(request, event_id, manage=True), session_id)
    return _written_session_out(services.update_session(session, **_session_fields(payload)))


@router.delete(
    "/{int:event_id}/sessions/{int:session_id}", response={204: None}, auth=REQUIRED, summary="Remove a session"
)
def remove_event_session(request: HttpRequest, event_id: PathId, session_id: PathId) -> Status:
    """Refused while people are registered for the session."""
    services.remove_session(_session(_event(request, event_id, manage=True), session_id))
    return Status(204, None)


def _speaker(session: EventSession, speaker_id: int) -> Speaker:
    speaker = Speaker.objects.select_related("person").filter(pk=speaker_id, session=session).first()
    return _found(speaker, _("No such speaker in this session."))


def _speaker_fields(request: HttpRequest, payload: EventSpeakerIn) -> dict[str, Any]:
    person = _person(request, payload.person) if payload.person is not None else None
    return {**payload.dict(exclude={"person"}), "person": person}


@router.post(
    "/{int:event_id}/sessions/{int:session_id}/speakers",
    response={201: EventSpeakerOut},
    auth=REQUIRED,
    summary="Add a speaker to a session",
)
def add_event_speaker(request: HttpRequest, event_id: PathId, session_id: PathId, payload: EventSpeakerIn) -> Status:
    """A person of the directory you may see, or a guest by name."""
    session = _session(_event(request, event_id, manage=True), session_id)
    return Status(201, _speaker_out(services.add_speaker(session, **_speaker_fields(request, payload))))


@router.put(
    "/{int:event_id}/sessions/{int:session_id}/speakers/{int:speaker_id}",
    response=EventSpeakerOut,
    auth=REQUIRED,
    summary="Change a speaker",
)
def update_event_speaker(
    request: HttpRequest, event_id: PathId, session_id: PathId, speaker_id: PathId, payload: EventSpeakerIn
) -> dict[str, Any]:
    speaker = _speaker(_session(_event(request, event_id, manage=True), session_id), speaker_id)
    return _speaker_out(services.update_speaker(speaker, **_speaker_fields(request, payload)))


@router.delete(
    "/{int:event_id}/sessions/{int:session_id}/speakers/{int:speaker_id}",
    response={204: None},
    auth=REQUIRED,
    summary="Remove a speaker",
)
def remove_event_speaker(request: HttpRequest, event_id: PathId, session_id: PathId, speaker_id: PathId) -> Status:
    services.remove_speaker(_speaker(_session(_event(request, event_id, manage=True), session_id), speaker_id))
    return Status(204, None)


def _document(event: Event, document_id: int) -> EventDocument:
    document = EventDocument.objects.filter(pk=document_id, event=event).first()
    return _found(document, _("No such document of this event."))


def _document_out(document: EventDocument) -> dict[str, Any]:
    return {"id": document.pk, "title": document.title, "url": document.url}


@router.post(
    "/{int:event_id}/documents", response={201: EventDocumentOut}, auth=REQUIRED, summary="Add a document to an event"
)
def add_event_document(request: HttpRequest, event_id: PathId, payload: EventDocumentIn) -> Status:
    """A link to the invitation, a presentation, the protocol; everyone who sees the event sees it."""
    event = _event(request, event_id, manage=True)
    return Status(201, _document_out(services.add_document(event, title=payload.title, url=payload.url)))


@router.put(
    "/{int:event_id}/documents/{int:document_id}", response=EventDocumentOut, auth=REQUIRED, summary="Change a document"
)
def update_event_document(
    request: HttpRequest, event_id: PathId, document_id: PathId, payload: EventDocumentIn
) -> dict[str, Any]:
    document = _document(_event(request, event_id, manage=True), document_id)
    return _document_out(services.update_document(document, title=payload.title, url=payload.url))


@router.delete(
    "/{int:event_id}/documents/{int:document_id}", response={204: None}, auth=REQUIRED, summary="Remove a document"
)
def remove_event_document(request: HttpRequest, event_id: PathId, document_id: PathId) -> Status:
    services.remove_document(_document(_event(request, event_id, manage=True), document_id))
    return Status(204, None)
