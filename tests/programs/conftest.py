"""A program in the members-only network "home", on top of the four personas of tests/conftest.py, with the
program's own roles: a coordinator, a reviewer and a supervisor (staff, none of them a member of "home"),
and a participant (enrolled, not a member of "home" either: the program is seen through taking part).

`cast.client(name)` logs in any of the eight: manager, member, outsider, anonymous, coordinator, reviewer,
supervisor, participant.
"""

import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from hevruta.credentials.contexts import VENDORED_DIR
from hevruta.directory.models import NetworkOrganization, OrganizationKind, Visibility
from hevruta.events.models import Event, EventKind
from hevruta.programs import services
from hevruta.programs.models import (
    Cohort,
    Enrollment,
    Program,
    RequirementKind,
    StaffRole,
)
from hevruta.standards import services as standards
from hevruta.standards.models import Item, PerformanceLevel
from tests.credentials.conftest import every_issued_credential_meets_the_official_schema  # noqa: F401
from tests.factories import OrganizationFactory, PersonFactory, UserFactory
from tests.standards.conftest import build_framework

PERSONAS = ("manager", "member", "outsider", "anonymous")
ROLES = ("coordinator", "reviewer", "supervisor", "participant")
EVERYONE = PERSONAS + ROLES


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():  # type: ignore[no-untyped-def]
    # Wrong check-in codes are counted in the cache, whose keys (session and person ids) repeat across tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def contexts(tmp_path, settings) -> Path:  # type: ignore[no-untyped-def]
    """The pinned JSON-LD contexts the package ships (a copy); nothing is downloaded."""
    cache = tmp_path / "jsonld-cache"
    shutil.copytree(VENDORED_DIR, cache)
    settings.CREDENTIALS_CONTEXT_DIR = cache
    settings.SITE_URL = "http://127.0.0.1:8000"
    return cache


def person_with_user(email: str, given: str, family: str, **fields):  # type: ignore[no-untyped-def]
    user = UserFactory(email=email)
    return PersonFactory(user=user, email=email, given_name=given, family_name=family, **fields)


def at(days: float = 0, hours: float = 0):  # type: ignore[no-untyped-def]
    return timezone.now() + timedelta(days=days, hours=hours)


@dataclass
class Cast:
    world: object
    program: Program
    cohort: Cohort
    coordinator: object
    reviewer: object
    supervisor: object
    participant: object
    enrollment: Enrollment
    other_enrollment: Enrollment
    competencies: list[Item]
    levels: list[PerformanceLevel]
    sessions: list[Event] = field(default_factory=list)

    def person(self, name: str):  # type: ignore[no-untyped-def]
        if name in ROLES:
            return getattr(self, name)
        return None if name == "anonymous" else getattr(self.world, name)

    def user(self, name: str):  # type: ignore[no-untyped-def]
        person = self.person(name)
        return person.user if person is not None else None

    def client(self, name: str) -> Client:
        client = Client()
        user = self.user(name)
        if user is not None:
            client.force_login(user)
        return client


def make_program(world, *, network=None, slug_name="Master Teacher", framework=None):  # type: ignore[no-untyped-def]
    network = network or world.home
    framework = framework or build_framework(network, title=f"Standards of {slug_name}", domains=1, publish=True)
    issuer = OrganizationFactory(name=f"Issuer of {slug_name}", kind=OrganizationKind.RESEARCH_INSTITUTE)
    NetworkOrganization.objects.create(network=network, organization=issuer)
    role = standards.create_role(network, name=f"Community facilitator ({slug_name})", framework=framework)
    return services.create_program(
        network,
        name_he="תוכנית מורה מומחה",
        name_en=slug_name,
        roles=[role],
        framework=framework,
        issuing_organization=issuer,
        vision="Every student realizes their academic potential.",
        vision_language="en",
    )


@pytest.fixture
def cast(world) -> Cast:  # type: ignore[no-untyped-def]
    program = make_program(world)
    competencies = list(
        Item.objects.filter(framework=program.framework, item_type="Competency").order_by("human_coding_scheme")
    )
    levels = list(PerformanceLevel.objects.filter(framework=program.framework).order_by("position"))
    services.add_requirement(program, RequirementKind.ATTENDANCE, min_percent=75)
    services.add_requirement(program, RequirementKind.SUPERVISED_HOURS, hours=Decimal(4))
    for item in competencies[:2]:
        services.add_requirement(program, RequirementKind.COMPETENCY_EVIDENCE, competency=item, min_level=levels[1])
    goal = services.add_goal(program, "Leading teachers lead their peers' learning", "en")
    services.add_objective(goal, "Facilitate a professional community", "en")

    coordinator = person_with_user("coordinator@example.org", "Carmel", "Coordinator")
    reviewer = person_with_user("reviewer@example.org", "Rina", "Reviewer")
    supervisor = person_with_user("supervisor@example.org", "Shai", "Supervisor")
    participant = person_with_user(
        "participant@example.org", "Pazit", "Participant", profile_visibility=Visibility.PRIVATE
    )
    services.add_staff(program, coordinator, StaffRole.COORDINATOR)
    services.add_staff(program, reviewer, StaffRole.REVIEWER)
    services.add_staff(program, supervisor, StaffRole.SUPERVISOR)

    today = timezone.localdate()
    cohort = services.create_cohort(program, "Cohort A", today - timedelta(days=60), today + timedelta(days=60))
    enrollment = services.enroll(cohort, participant)
    other = services.enroll(cohort, world.public_person)
    sessions = [
        services.add_session(
            cohort, kind=EventKind.SEMINAR, title="Opening seminar", starts_at=at(-30), ends_at=at(-30, 3)
        ),
        services.add_session(
            cohort, kind=EventKind.MEETING, title="Community meeting", starts_at=at(-10), ends_at=at(-10, 2)
        ),
        services.add_session(
            cohort, kind=EventKind.POLICY_MEETING, title="Policy makers", starts_at=at(0, -1), ends_at=at(0, 2)
        ),
        services.add_session(cohort, kind=EventKind.STUDY_TRIP, title="Study trip", starts_at=at(20), ends_at=at(25)),
    ]
    return Cast(
        world=world,
        program=program,
        cohort=cohort,
        coordinator=coordinator,
        reviewer=reviewer,
        supervisor=supervisor,
        participant=participant,
        enrollment=enrollment,
        other_enrollment=other,
        competencies=competencies,
        levels=levels,
        sessions=sessions,
    )


@pytest.fixture(params=EVERYONE)
def who(request) -> str:  # type: ignore[no-untyped-def]
    return request.param


def cohort_dates(days_ago: int, length: int) -> tuple[date, date]:
    start = timezone.localdate() - timedelta(days=days_ago)
    return start, start + timedelta(days=length)
