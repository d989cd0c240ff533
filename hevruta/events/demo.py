"""Loads the demo's events (demo_content.py) through the events services.

Held events get their registrations as of a month before them (the services take the time as `now`) and
their attendance as the organizers took it; events ahead get registrations as of today, so a full
workshop has its waitlist. People and organizations come from the directory demo; whatever a selector
does not find is left out (the demo of one app may run without the others). Running it twice changes
nothing.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hevruta.directory.models import Locality, Network, Organization, Person

from . import services
from .demo_content import (
    CITIES,
    EVENTS,
    KITCHENETTE_COORDINATOR,
    KITCHENETTE_DESCRIPTION,
    KITCHENETTE_DESCRIPTION_AR,
    KITCHENETTE_DESCRIPTION_EN,
    KITCHENETTE_EVERY,
    KITCHENETTE_FIRST_DAY,
    KITCHENETTE_MEMBERS,
    KITCHENETTE_SERIES,
    KITCHENETTE_TOPICS,
    DemoEvent,
    DemoSession,
    Who,
)
from .models import Event, EventKind, EventVisibility, RegistrationPolicy, Series

DEMO_SEED = 2022
REGISTERED_AHEAD = timedelta(days=30)


@dataclass
class EventsDemo:
    events: int = 0
    series: int = 0
    registrations: int = 0


def find(who: Who) -> list[Person]:
    """The people of a network holding (or having held) a post, in a stable order."""
    today = timezone.localdate()
    post = Q(positions__role=who.role)
    if who.former:
        post &= Q(positions__end_date__lt=today)
    else:
        post &= Q(positions__end_date__isnull=True) | Q(positions__end_date__gte=today)
    if who.organization:
        post &= Q(positions__organization__name=who.organization)
    if who.locality:
        post &= Q(positions__organization__locality__cbs_code=who.locality)
    if who.title:
        post &= Q(positions__title__contains=who.title)
    found = Person.objects.filter(post, memberships__network__slug=who.network).distinct().order_by("pk")
    return list(found[who.skip : who.skip + who.count])


def _everyone(selectors: tuple[Who, ...]) -> list[Person]:
    """Each selector's people in turn, each person once."""
    seen: dict[int, Person] = {}
    for who in selectors:
        for person in find(who):
            seen.setdefault(person.pk, person)
    return list(seen.values())


def _at(day: date | int, hour: float) -> datetime:
    start = day if isinstance(day, date) else timezone.localdate() + timedelta(days=day)
    return timezone.make_aware(datetime.combine(start, time(0))) + timedelta(hours=hour)


def _organization(name: str) -> Organization | None:
    return Organization.objects.filter(name=name).order_by("pk").first()


def _logins(emails: tuple[str, ...]) -> list[Person]:
    return list(Person.objects.filter(email__in=emails).order_by("pk"))


class _Loader:
    def __init__(self) -> None:
        self.rng = random.Random(DEMO_SEED)
        self.summary = EventsDemo()

    def event(self, spec: DemoEvent, *, series: Series | None = None) -> Event | None:
        network = Network.objects.filter(slug=spec.network).first()
        organizers = _logins(spec.organizers) + _everyone(spec.organizer_posts)
        if network is None or not organizers:
            return None
        starts = _at(spec.day, spec.hour)
        locality = Locality.objects.filter(cbs_code=spec.locality).first() if spec.locality else None
        data = services.EventInput(
            title=spec.title,
            kind=spec.kind,
            starts_at=starts,
            ends_at=starts + timedelta(hours=spec.hours),
            description=spec.description,
            description_language="he",
            description_en=spec.description_en,
            description_ar=spec.description_ar,
            address=spec.address,
            locality_id=locality.pk if locality else None,
            visibility=spec.visibility,
            registration_policy=spec.registration_policy,
            capacity=spec.capacity,
            asks_dietary_needs=spec.asks_dietary_needs,
            series_id=series.pk if series else None,
        )
        event = services.create_event(data, by=organizers[0], network=network, publish=True)
        event.organizers.add(*organizers[1:])
        event.host_organizations.add(*filter(None, map(_organization, spec.hosts)))
        sessions = [self.session(event, session) for session in spec.sessions]
        self.register(event, spec, sessions)
        self.summary.events += 1
        return event

    def session(self, event: Event, spec: DemoSession) -> Any:
        host = _organization(spec.host) if spec.host else None
        starts = event.starts_at + timedelta(hours=spec.starts)
        session = services.add_session(
            event,
            title=spec.title,
            kind=spec.kind,
            starts_at=starts,
            ends_at=starts + timedelta(hours=spec.hours),
            room=spec.room,
            description=spec.description,
            capacity=spec.capacity,
            host_organization=host,
        )
        for speaker in spec.speakers:
            people = find(speaker.who) if speaker.who else []
            if speaker.who and not people:
                continue
            services.add_speaker(
                session,
                person=people[0] if people else None,
                guest_name=speaker.guest,
                affiliation=speaker.affiliation,
                role=speaker.role,
            )
        return session

    def register(self, event: Event, spec: DemoEvent, sessions: list[Any]) -> None:
        people = _everyone(spec.participants)
        choices = [spec.session_of.get(n) for n in range(len(people))]
        logins = _logins(spec.logins)
        people += logins
        choices += [spec.logins_session] * len(logins)
        # A held event took its registrations before it; one ahead takes them now.
        when = min(timezone.now(), event.starts_at - REGISTERED_AHEAD)
        seated = []
        for person, choice in zip(people, choices, strict=True):
            answers = services.Answers(session_id=sessions[choice].pk if choice is not None else None)
            registration = services.register(event, person, answers, now=when)
            self.summary.registrations += 1
            if registration.holds_a_seat:
                seated.append(person)
        self.attend(event, seated, spec.present_share)

    def attend(self, event: Event, people: list[Person], share: float) -> None:
        if not event.has_ended:
            return
        organizer = event.organizers.order_by("pk").first()
        by = organizer.user if organizer else None
        for person in people:
            if self.rng.random() < share:
                services.mark_present(event, person, by=by, now=event.starts_at)

    def kitchenette(self) -> None:
        """A year of monthly meetings of the same members, invited only; attendance across it."""
        network = Network.objects.filter(slug=CITIES).first()
        members = find(KITCHENETTE_MEMBERS)
        if network is None or not members:
            return
        series = services.create_series(
            network, KITCHENETTE_SERIES, description=KITCHENETTE_DESCRIPTION, members=members
        )
        self.summary.series += 1
        for number, topic in enumerate(KITCHENETTE_TOPICS):
            spec = DemoEvent(
                key=f"kitchenette-{number + 1}",
                network=CITIES,
                kind=EventKind.MEETING,
                title=f"המטבחון, מפגש {number + 1}: {topic}",
                description=KITCHENETTE_DESCRIPTION,
                description_en=KITCHENETTE_DESCRIPTION_EN,
                description_ar=KITCHENETTE_DESCRIPTION_AR,
                day=KITCHENETTE_FIRST_DAY + KITCHENETTE_EVERY * number,
                hour=16,
                hours=3,
                organizers=("manager@hevruta.example",),
                organizer_posts=(KITCHENETTE_COORDINATOR,),
                visibility=EventVisibility.INVITED,
                registration_policy=RegistrationPolicy.INVITATION,
                present_share=0.8,
            )
            event = self.event(spec, series=series)
            if event is not None:
                self.invited(event, members, spec.present_share)

    def invited(self, event: Event, members: list[Person], share: float) -> None:
        services.invite(event, members)
        when = min(timezone.now(), event.starts_at - timedelta(days=7))
        for person in members:
            services.register(event, person, now=when)
            self.summary.registrations += 1
        self.attend(event, members, share)


@transaction.atomic
def load_events_demo() -> EventsDemo:
    """The demo's events, series and registrations; nothing happens if they are there already."""
    loader = _Loader()
    if (
        Series.objects.filter(name=KITCHENETTE_SERIES).exists()
        or Event.objects.filter(title__in=[spec.title for spec in EVENTS]).exists()
    ):
        return loader.summary
    for spec in EVENTS:
        loader.event(spec)
    loader.kitchenette()
    return loader.summary
