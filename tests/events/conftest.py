"""Events for the four personas of tests/conftest.py: the network "home" (members only) holds a public
event, a members' event and an invited-only one; "away" holds nothing of theirs."""

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from hevruta.accounts.models import User
from hevruta.directory.models import Person
from hevruta.events import services
from hevruta.events.models import Event, EventKind, EventVisibility, RegistrationPolicy


def soon(days: float = 7, hours: float = 0) -> datetime:
    return timezone.now() + timedelta(days=days, hours=hours)


def event_input(**fields) -> services.EventInput:  # type: ignore[no-untyped-def]
    starts = fields.pop("starts_at", soon())
    values = {
        "title": "מפגש שותפים",
        "kind": EventKind.MEETING,
        "starts_at": starts,
        "ends_at": fields.pop("ends_at", starts + timedelta(hours=3)),
        "visibility": EventVisibility.NETWORK,
        "registration_policy": RegistrationPolicy.OPEN,
    }
    return services.EventInput(**(values | fields))


def make_event(network, organizer, **fields) -> Event:  # type: ignore[no-untyped-def]
    return services.create_event(event_input(**fields), by=organizer, network=network, publish=True)


def people(count: int, prefix: str = "p") -> list[Person]:
    """Many people with accounts at once (notices go to users)."""
    users = User.objects.bulk_create([User(email=f"{prefix}{i}@example.org") for i in range(count)])
    return Person.objects.bulk_create(
        [Person(given_name="אורח", family_name=f"{prefix}{i}", email=u.email, user=u) for i, u in enumerate(users)]
    )


@dataclass
class Events:
    public: Event
    members: Event
    invited: Event
    guest: Person  # the one person invited to the invited-only event (not a persona)


@pytest.fixture
def events(world) -> Events:  # type: ignore[no-untyped-def]
    public = make_event(world.home, world.manager, title="Open conference", visibility=EventVisibility.PUBLIC)
    members = make_event(world.home, world.manager, title="Members meeting", capacity=2)
    invited = make_event(
        world.home,
        world.manager,
        title="Closed policy round",
        visibility=EventVisibility.INVITED,
        registration_policy=RegistrationPolicy.INVITATION,
    )
    guest = people(1, "guest")[0]
    services.invite(invited, [guest])
    return Events(public=public, members=members, invited=invited, guest=guest)
