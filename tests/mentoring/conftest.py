"""A mentoring program of the "home" network with the four personas plus its coordinator, a mentor and a
mentee (both members of "home"), and one relationship between them with a meeting, a private note each,
and a shared and an unshared summary."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from hevruta.directory.models import MembershipRole
from hevruta.mentoring import services
from hevruta.mentoring.models import Relationship, RelationshipKind

from ..conftest import World, _person_with_user
from ..factories import member

PRIVATE_NOTE = "The mentor worries privately about the classroom"
MENTEE_NOTE = "The mentee keeps this note for herself only"
SECRET_SUMMARY = "We talked about the conflict with the assistant teacher"
SHARED_SUMMARY = "We planned the parents evening together"
EVERYONE = ("manager", "member", "outsider", "anonymous", "coordinator", "mentor", "mentee")


@dataclass
class Cast:
    world: World
    program: object
    coordinator: object
    mentor: object
    mentee: object
    relationship: object
    secret_meeting: object
    shared_meeting: object

    def user(self, who: str):  # type: ignore[no-untyped-def]
        if who in ("coordinator", "mentor", "mentee"):
            return getattr(self, who).user
        return self.world.user(who)

    def client(self, who: str) -> Client:
        client = Client()
        user = self.user(who)
        if user is not None:
            client.force_login(user)
        return client


def make_program(world: World, coordinator, **overrides):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    settings = {
        "starts_on": today - timedelta(days=60),
        "ends_on": today + timedelta(days=240),
        "application_deadline": today + timedelta(days=10),
        "default_capacity": 2,
    } | overrides
    return services.create_mentoring_program(
        world.home,
        coordinator=coordinator,
        program_fields={"name_en": "Mentoring interns in Holon", "name_he": "חניכת מתמחות בחולון"},
        **settings,
    )


@pytest.fixture
def cast(world: World) -> Cast:
    coordinator = _person_with_user("coordinator@example.org", given_name="Carmit", family_name="Coordinator")
    mentor = _person_with_user("mentor@example.org", given_name="Dalia", family_name="Mentor")
    mentee = _person_with_user("mentee@example.org", given_name="Rina", family_name="Intern")
    for person in (coordinator, mentor, mentee):
        member(world.home, person, MembershipRole.MEMBER)
    program = make_program(world, coordinator)
    relationship = Relationship.objects.create(
        program=program.program,
        kind=RelationshipKind.MENTORING,
        mentor=mentor,
        mentee=mentee,
        starts_on=program.starts_on,
        ends_on=program.ends_on,
    )
    today = timezone.localdate()
    secret = services.log_meeting(
        relationship, by=mentor, date=today - timedelta(days=20), hours="1", summary=SECRET_SUMMARY
    )
    shared = services.log_meeting(
        relationship,
        by=mentee,
        date=today - timedelta(days=5),
        hours="1.5",
        summary=SHARED_SUMMARY,
        summary_shared=True,
    )
    services.write_private_note(relationship, mentor, PRIVATE_NOTE)
    services.write_private_note(relationship, mentee, MENTEE_NOTE)
    return Cast(world, program, coordinator, mentor, mentee, relationship, secret, shared)


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)
