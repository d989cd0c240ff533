"""A small hand-built network for consultations, on top of the four personas (tests/conftest.py).

The member (Mira) heads the education department of a regional council in the North (cluster 3, state
sector) and asks "home" about early childhood. Around her, people whose points a person can count by
hand (tests/consultations/test_suggestions.py says how).
"""

from dataclasses import dataclass

import pytest
from django.utils import timezone

from hevruta.consultations import services
from hevruta.consultations.models import Consultation, Thread
from hevruta.directory.models import District, OrganizationKind, Person, PositionRole, Sector, Topic, Visibility
from hevruta.knowledge.models import Authorship, Resource
from tests.factories import LocalityFactory, OrganizationFactory, PersonFactory, PositionFactory, member

TOPIC = "early-childhood-education"


@dataclass
class Cities:
    world: object
    topic: Topic
    council: object
    strong_city: object
    alpha: Person  # strong, same place: 4 + cluster + district + sector = 7
    beta: Person  # strong, far away: 4
    gamma: Person  # heads a strong city, helped twice, endorsed once, near: 3 + 4 + 1 + 1 + 1 = 10
    delta: Person  # published two resources, same place, no sector: 2 + 1 + 1 = 4
    epsilon: Person  # same place, nothing on the topic: never suggested
    hidden: Person  # strong, private profile: never suggested
    colleague: Person  # strong, but of the asking council: never suggested
    consultation: Consultation  # Mira's, open, private


def _person(world, given: str, family: str, **fields) -> Person:  # type: ignore[no-untyped-def]
    person = PersonFactory(given_name=given, family_name=family, **fields)
    member(world.home, person)
    return person


def ask(world, person, topic, **fields) -> Consultation:  # type: ignore[no-untyped-def]
    values = {"title": "גיל הרך", "description": "רצף חינוכי לגיל הרך", "thread": Thread.PRIVATE, **fields}
    return services.ask(person, world.home, topic=topic, **values)


def _helped(world, topic, helper, organization, endorse: bool) -> None:  # type: ignore[no-untyped-def]
    asker = world.network_person
    consultation = ask(world, asker, topic)
    services.invite(consultation, asker, [helper], organizations={helper.pk: organization})
    invitation = consultation.invitations.get(person=helper)
    services.answer(invitation, helper, offer=True)
    services.close(consultation, asker, outcome="למדנו", rating=4)
    if endorse:
        services.endorse(invitation, asker)


@pytest.fixture
def cities(world) -> Cities:  # type: ignore[no-untyped-def]
    topic = Topic.objects.get(slug=TOPIC)
    north3 = LocalityFactory(district=District.NORTH, peripherality_cluster=3)
    north4 = LocalityFactory(district=District.NORTH, peripherality_cluster=4)
    north2 = LocalityFactory(district=District.NORTH, peripherality_cluster=2)
    far = LocalityFactory(district=District.TEL_AVIV, peripherality_cluster=9)
    council = OrganizationFactory(
        name="מועצה אזורית בדיקה", kind=OrganizationKind.REGIONAL_COUNCIL, sector=Sector.STATE, locality=north3
    )
    PositionFactory(
        person=world.member, organization=council, title="מנהלת מחלקת החינוך", role=PositionRole.DEPARTMENT_HEAD
    )
    strong_city = OrganizationFactory(
        name="עירייה חזקה", kind=OrganizationKind.MUNICIPALITY, sector=Sector.ARAB, locality=north2
    )
    strong_city.strengths.add(topic)
    school = OrganizationFactory(sector=Sector.STATE, locality=north4)

    alpha = _person(world, "Ayelet", "Alpha", locality=north4)
    PositionFactory(person=alpha, organization=school)
    beta = _person(world, "Bina", "Beta", locality=far)
    gamma = _person(world, "Carmel", "Gamma")
    PositionFactory(person=gamma, organization=strong_city, title="מנהלת אגף החינוך", role=PositionRole.DEPARTMENT_HEAD)
    delta = _person(world, "Dafna", "Delta", locality=north3)
    epsilon = _person(world, "Eli", "Epsilon", locality=north3)
    hidden = _person(world, "Hila", "Hidden", locality=north3, profile_visibility=Visibility.PRIVATE)
    colleague = _person(world, "Carmit", "Colleague", locality=north3)
    PositionFactory(person=colleague, organization=council, title="רכזת גני ילדים", role=PositionRole.STAFF)
    outsider_strong = PersonFactory(given_name="Ofra", family_name="Away", locality=north3)
    member(world.away, outsider_strong)
    for person in (alpha, beta, hidden, colleague, outsider_strong):
        person.strengths.add(topic)

    for number in range(2):
        resource = Resource.objects.create(
            network=world.home,
            kind="tool",
            title=f"כלי {number}",
            language="he",
            status="published",
            published_at=timezone.now(),
        )
        resource.topics.add(topic)
        Authorship.objects.create(resource=resource, person=delta)
    _helped(world, topic, gamma, strong_city, endorse=True)
    _helped(world, topic, gamma, strong_city, endorse=False)

    consultation = ask(world, world.member, topic, organization=council, title="תוכניות לגיל הרך")
    return Cities(
        world=world,
        topic=topic,
        council=council,
        strong_city=strong_city,
        alpha=alpha,
        beta=beta,
        gamma=gamma,
        delta=delta,
        epsilon=epsilon,
        hidden=hidden,
        colleague=colleague,
        consultation=consultation,
    )


@pytest.fixture
def token_client(world):  # type: ignore[no-untyped-def]
    """A client with the persona's API token (anonymous: none), as tests/api/conftest.py makes it."""
    from django.test import Client

    from hevruta.accounts.services import create_api_token

    def make(persona: str) -> Client:
        user = world.user(persona)
        if user is None:
            return Client()
        return Client(headers={"Authorization": f"Bearer {create_api_token(user, 'tests')[1]}"})

    return make
