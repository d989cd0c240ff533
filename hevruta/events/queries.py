"""Reading events: which events, series and registrations each user may see, and the pages' data.

Who sees an event:
- a draft: its organizers, its network's managers, the site operator;
- public: everyone; members of the network: the network's members;
- invited only: its organizers, the network's managers, and the people registered or invited;
- a cohort's session: also the cohort's participants and the program's staff (programs' own rule);
- a community's event: as above when the community is public or the network's; when it is closed, its
  members-of-the-network and invited-only events are its active members' only (public ones stay public,
  as the closed community's name is); when it is secret, every event of it is its members' only, even
  for the network's managers (they see the event only when they organize it or are registered).
Everyone who sees an event may see how many seats are taken; only its organizers see who registered.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from hevruta.communities.models import CommunityVisibility, Membership, MemberStatus
from hevruta.directory.queries import viewer_for
from hevruta.programs.models import Enrollment, EnrollmentStatus, ProgramStaff

from .models import (
    HOLDS_A_SEAT,
    LONGEST_EVENT,
    Attendance,
    Event,
    EventSession,
    EventStatus,
    EventVisibility,
    Registration,
    RegistrationStatus,
    Series,
    Speaker,
)
from .rules import event_managed_by

# Communities whose meetings only their members see.
MEMBERS_ONLY = (CommunityVisibility.CLOSED, CommunityVisibility.SECRET)

# The statuses of a registration that put a person on an event's list of participants.
ACTIVE = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.OFFERED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.PENDING,
    RegistrationStatus.INVITED,
)


def _organizes(person_id: int | None) -> Any:
    if person_id is None:
        return Q(pk__in=[])
    return Exists(Event.organizers.through.objects.filter(event_id=OuterRef("pk"), person_id=person_id))


def _in_its_community(person_id: int | None) -> Any:
    """The viewer is an active member of the event's community."""
    if person_id is None:
        return Q(pk__in=[])
    return Exists(
        Membership.objects.filter(
            community_id=OuterRef("community_id"), person_id=person_id, status=MemberStatus.ACTIVE
        )
    )


def events_visible_to(user: Any) -> QuerySet[Event]:
    viewer = viewer_for(user)
    events = Event.objects.all()
    if viewer.is_operator:
        return events
    member_of_community = _in_its_community(viewer.person_id)
    # A closed or secret community's meetings are its members' (docs/events.md, "Events of a community");
    # a secret one's, not even public ones: nobody else may learn that the community exists.
    kept_in_community = Q(community__visibility__in=MEMBERS_ONLY) & ~member_of_community
    secret = Q(community__visibility=CommunityVisibility.SECRET) & ~member_of_community
    runs: Any = (Q(network_id__in=viewer.managed_network_ids) & ~kept_in_community) | _organizes(viewer.person_id)
    shown: Any = (Q(visibility=EventVisibility.PUBLIC) & ~secret) | (
        Q(visibility=EventVisibility.NETWORK, network_id__in=viewer.network_ids) & ~kept_in_community
    )
    if viewer.person_id:
        person = viewer.person_id
        shown |= Q(visibility=EventVisibility.NETWORK, community__visibility__in=MEMBERS_ONLY) & member_of_community
        shown |= Exists(Registration.objects.filter(event_id=OuterRef("pk"), person_id=person))
        shown |= Q(cohort__isnull=False) & (
            Exists(
                Enrollment.objects.filter(cohort_id=OuterRef("cohort_id"), person_id=person).exclude(
                    status=EnrollmentStatus.WITHDRAWN
                )
            )
            | Exists(ProgramStaff.objects.filter(program_id=OuterRef("program_id"), person_id=person))
        )
    return events.filter(runs | (~Q(status=EventStatus.DRAFT) & shown))


def series_visible_to(user: Any) -> QuerySet[Series]:
    viewer = viewer_for(user)
    series = Series.objects.all()
    if viewer.is_operator:
        return series
    shown: Any = Q(visibility=EventVisibility.PUBLIC) | Q(network_id__in=viewer.managed_network_ids)
    shown |= Q(visibility=EventVisibility.NETWORK, network_id__in=viewer.network_ids)
    if viewer.person_id:
        shown |= Exists(Series.members.through.objects.filter(series_id=OuterRef("pk"), person_id=viewer.person_id))
    return series.filter(shown)


def with_seats(events: QuerySet[Event]) -> QuerySet[Event]:
    """Each event with `seats_taken` and `waiting`, counted in the same query."""
    return events.annotate(
        seats_taken=Count("registrations", filter=Q(registrations__status__in=HOLDS_A_SEAT)),
        waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)),
    )


def count_seats(events: list[Event]) -> None:
    """Sets `seats_taken` and `waiting` on each of these events, in one query over their registrations
    only (with_seats on a list would count the registrations of every event the filter keeps before the
    limit: at national scale, thousands of events' worth)."""
    counts: dict[tuple[int, str], int] = {
        (row["event_id"], row["status"]): row["n"]
        for row in Registration.objects.filter(event_id__in=[event.pk for event in events])
        .filter(status__in=(*HOLDS_A_SEAT, RegistrationStatus.WAITLISTED))
        .order_by()
        .values("event_id", "status")
        .annotate(n=Count("pk"))
    }
    for event in events:
        event.seats_taken = sum(counts.get((event.pk, status), 0) for status in HOLDS_A_SEAT)  # type: ignore[attr-defined]
        event.waiting = counts.get((event.pk, RegistrationStatus.WAITLISTED), 0)  # type: ignore[attr-defined]


def event_list(user: Any, *, past: bool = False, limit: int = 50) -> list[Event]:
    """Upcoming (or past) events the user may see, with their network, locality and seats taken."""
    now = timezone.now()
    events = events_visible_to(user).filter(cohort__isnull=True)
    # Bounds on starts_at that the index (cohort, starts_at) can use: a past event started before now, an
    # upcoming one at most LONGEST_EVENT ago; without them the scan walks every event since the first.
    if past:
        events = events.filter(ends_at__lt=now, starts_at__lt=now).order_by("-starts_at", "-id")
    else:
        events = events.filter(ends_at__gte=now, starts_at__gte=now - LONGEST_EVENT)
    rows = list(events.select_related("network", "locality", "series")[:limit])
    count_seats(rows)
    own = _own_statuses(user, rows)
    for event in rows:
        event.my_status = own.get(event.pk)  # type: ignore[attr-defined]
    return rows


def _own_statuses(user: Any, events: list[Event]) -> dict[int, str]:
    person_id = viewer_for(user).person_id
    if person_id is None or not events:
        return {}
    mine = Registration.objects.filter(person_id=person_id, event_id__in=[event.pk for event in events])
    return dict(mine.order_by().values_list("event_id", "status"))


def own_statuses(user: Any, event_ids: list[int]) -> dict[int, str]:
    """The user's registration status at each of these events (one query)."""
    person_id = viewer_for(user).person_id
    if person_id is None or not event_ids:
        return {}
    found = Registration.objects.filter(person_id=person_id, event_id__in=event_ids)
    return dict(found.values_list("event_id", "status"))


def event_by_id(user: Any, event_id: int) -> Event | None:
    return (
        with_seats(events_visible_to(user).filter(pk=event_id))
        .select_related("network", "organization", "locality", "series", "program", "cohort", "summary")
        .first()
    )


@dataclass
class EventPage:
    event: Event
    manages: bool
    agenda: list[EventSession]
    organizers: list
    hosts: list
    documents: list
    mine: Registration | None
    attended: bool
    session_seats: dict[int, int] = field(default_factory=dict)
    participants: list[Registration] = field(default_factory=list)


def event_page(user: Any, event: Event) -> EventPage:
    """What the event page shows, in a fixed number of queries whatever the number of registrations."""
    viewer = viewer_for(user)
    manages = event_managed_by(user, event)
    speakers = Speaker.objects.select_related("person").order_by("order", "id")
    agenda = list(
        event.agenda.select_related("host_organization", "locality").prefetch_related(
            Prefetch("speakers", queryset=speakers)
        )
    )
    seats = dict(
        Registration.objects.filter(event=event, status__in=HOLDS_A_SEAT, session__isnull=False)
        .values("session_id")
        .annotate(n=Count("pk"))
        .values_list("session_id", "n")
    )
    mine = None
    attended = False
    if viewer.person_id:
        mine = Registration.objects.filter(event=event, person_id=viewer.person_id).select_related("session").first()
        attended = Attendance.objects.filter(event=event, person_id=viewer.person_id, present=True).exists()
    page = EventPage(
        event=event,
        manages=manages,
        agenda=agenda,
        organizers=list(event.organizers.all()),
        hosts=list(event.host_organizations.select_related("locality")),
        documents=list(event.documents.all()),
        mine=mine,
        attended=attended,
        session_seats=seats,
    )
    if manages:
        page.participants = participants(event)
    return page


def participants(event: Event) -> list[Registration]:
    """The event's registrations for its organizers: seat holders, then the waitlist in its order."""
    present = Attendance.objects.filter(event=event, person_id=OuterRef("person_id"), present=True)
    return list(
        Registration.objects.filter(event=event, status__in=ACTIVE)
        .select_related("person", "session")
        .annotate(checked_in=Exists(present))
        .order_by("queue_number", "id")
    )


def walk_ins(event: Event) -> list[Attendance]:
    registered = Registration.objects.filter(event=event, person_id=OuterRef("person_id"))
    return list(
        Attendance.objects.filter(event=event, present=True)
        .exclude(Exists(registered))
        .select_related("person")
        .order_by("recorded_at")
    )


@dataclass
class SeriesPage:
    series: Series
    events: list[Any]
    members: int
    # Of the series' past events: how many seats were taken, and how many were present.
    attendance_rate: float | None


def series_page(user: Any, series: Series) -> SeriesPage:
    events = list(
        with_seats(events_visible_to(user).filter(series=series))
        .annotate(present=Count("attendance", filter=Q(attendance__present=True), distinct=True))
        .select_related("locality")
        .order_by("starts_at", "id")
    )
    return SeriesPage(
        series=series,
        events=events,
        members=series.members.count(),
        attendance_rate=series_attendance_rate(series),
    )


def series_attendance_rate(series: Series, start: Any = None, end: Any = None) -> float | None:
    """Present marks at the series' held events over the members expected at them (members × events)."""
    held = Event.objects.filter(series=series, ends_at__lt=timezone.now()).exclude(status=EventStatus.CANCELLED)
    if start is not None:
        held = held.filter(starts_at__date__gte=start)
    if end is not None:
        held = held.filter(starts_at__date__lte=end)
    events = held.count()
    members = series.members.count()
    if not events or not members:
        return None
    present = Attendance.objects.filter(event__in=held, present=True, person__event_series=series).count()
    return round(100 * present / (events * members), 1)


@dataclass
class MyEvent:
    event: Event
    status: str
    is_program_session: bool


def my_events(user: Any, limit: int = 6) -> list[MyEvent]:
    """What I registered for, and my cohorts' sessions I am to attend, from today on (the home card)."""
    person_id = viewer_for(user).person_id
    if person_id is None:
        return []
    since = timezone.now() - timedelta(hours=12)
    registered = list(
        Registration.objects.filter(person_id=person_id, status__in=ACTIVE, event__ends_at__gte=since)
        .exclude(event__status=EventStatus.DRAFT)
        .select_related("event__locality")
        .order_by("event__starts_at")[:limit]
    )
    cohort_ids = Enrollment.objects.filter(person_id=person_id, status=EnrollmentStatus.ACTIVE).values("cohort_id")
    sessions = list(
        Event.objects.filter(cohort_id__in=cohort_ids, ends_at__gte=since)
        .exclude(status__in=[EventStatus.DRAFT, EventStatus.CANCELLED])
        .select_related("locality")
        .order_by("starts_at")[:limit]
    )
    rows = [MyEvent(r.event, r.status, False) for r in registered] + [
        MyEvent(e, RegistrationStatus.CONFIRMED, True) for e in sessions
    ]
    rows.sort(key=lambda row: row.event.starts_at)
    return rows[:limit]


@dataclass
class CommunityMeetings:
    upcoming: list[Event]
    past: list[Event]


def community_meetings(user: Any, community: Any, limit: int = 5) -> CommunityMeetings:
    """A community's events the user may see, for the community's page: two queries."""
    now = timezone.now()
    events = (
        events_visible_to(user).filter(community=community).exclude(status=EventStatus.DRAFT).select_related("locality")
    )
    return CommunityMeetings(
        upcoming=list(events.filter(ends_at__gte=now).order_by("starts_at", "id")[:limit]),
        past=list(events.filter(ends_at__lt=now).order_by("-starts_at", "-id")[:limit]),
    )


def attendance_table(event: Event) -> tuple[list[str], list[list[Any]]]:
    """The attendance list as exported (CSV, XLSX) by the page and the API: registrations, then walk-ins."""
    header = [_("Name"), _("Email"), _("Registration"), _("Session chosen"), _("Present")]
    rows: list[list[Any]] = [
        [
            r.person.full_name,
            r.person.email,
            r.get_status_display(),
            r.session.title if r.session else "",
            _("yes") if r.checked_in else "",  # type: ignore[attr-defined]
        ]
        for r in participants(event)
    ]
    rows += [[a.person.full_name, a.person.email, _("Walked in"), "", _("yes")] for a in walk_ins(event)]
    return header, rows
