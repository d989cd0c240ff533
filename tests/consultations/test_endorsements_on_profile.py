"""A person's endorsed strengths show on their directory profile, only where the viewer may see it."""

import pytest
from django.test import Client
from django.urls import reverse

from hevruta.consultations.models import Consultation, Endorsement
from hevruta.directory.models import Topic

pytestmark = pytest.mark.django_db


def _endorse(world, person, endorsers) -> None:  # type: ignore[no-untyped-def]
    names = {"name_he": "גיל הרך", "name_ar": "الطفولة المبكرة", "name_en": "Early years"}
    topic = Topic.objects.create(slug="early-years", **names)
    consultation = Consultation.objects.create(
        network=world.home, asker=world.member, topic=topic, title="Early years", description="Help us."
    )
    for endorser in endorsers:
        Endorsement.objects.create(endorser=endorser, person=person, topic=topic, consultation=consultation)


@pytest.mark.parametrize("persona", ["manager", "member", "outsider", "anonymous"])
def test_a_public_profile_shows_its_endorsements_to_everyone(world, persona):
    _endorse(world, world.public_person, [world.member, world.manager])
    page = world.client(persona).get(reverse("directory:person", args=[world.public_person.pk]))
    assert page.status_code == 200
    assert 'data-testid="endorsed"' in page.content.decode() and "(2)" in page.content.decode()


@pytest.mark.parametrize("persona", ["manager", "member", "outsider", "anonymous"])
def test_a_private_profile_shows_no_endorsement_to_others(world, persona):
    _endorse(world, world.private_person, [world.member])
    page = world.client(persona).get(reverse("directory:person", args=[world.private_person.pk]))
    assert page.status_code == 404 and b'data-testid="endorsed"' not in page.content


@pytest.mark.parametrize("persona", ["manager", "member", "outsider", "anonymous"])
def test_the_api_gives_a_public_profiles_endorsements_to_everyone(world, persona):
    _endorse(world, world.public_person, [world.member, world.manager])
    answer = world.client(persona).get(f"/api/v1/people/{world.public_person.pk}")
    assert answer.status_code == 200
    assert answer.json()["endorsed"] == [{"topic": "early-years", "endorsements": 2}]


@pytest.mark.parametrize("persona", ["manager", "member", "outsider", "anonymous"])
def test_the_api_follows_the_profiles_visibility(world, persona):
    """A profile for the network's members: its endorsements go where the profile goes, no further."""
    _endorse(world, world.network_person, [world.member])
    answer = world.client(persona).get(f"/api/v1/people/{world.network_person.pk}")
    if persona in ("manager", "member"):
        assert answer.json()["endorsed"] == [{"topic": "early-years", "endorsements": 1}]
    else:
        assert answer.status_code == 404 and b"early-years" not in answer.content
    private = world.client(persona).get(f"/api/v1/people/{world.private_person.pk}")
    assert private.status_code == 404 and b"endorsed" not in private.content


@pytest.mark.django_db(transaction=True)  # versions move on when a write commits, as on a site
def test_an_endorsement_shows_at_once_on_the_profile_kept_for_visitors(world):
    """The visitor's page is kept until the directory's data changes; a real endorsement, through the
    consultations' services, changes it as it commits."""
    from hevruta.consultations import services
    from tests.consultations.conftest import ask

    topic = Topic.objects.create(slug="early-years", name_he="גיל הרך", name_ar="الطفولة المبكرة", name_en="Early")
    helper = world.public_person
    helper.strengths.add(topic)
    consultation = ask(world, world.member, topic)
    services.invite(consultation, world.member, [helper])
    invitation = consultation.invitations.get(person=helper)
    services.answer(invitation, helper, offer=True)
    services.close(consultation, world.member, outcome="למדנו", rating=5)
    profile = reverse("directory:person", args=[helper.pk])
    visitor = Client()
    assert b'data-testid="endorsed"' not in visitor.get(profile).content
    assert b'data-testid="endorsed"' not in visitor.get(profile).content  # kept, and served again
    services.endorse(invitation, world.member)
    page = visitor.get(profile).content.decode()
    assert 'data-testid="endorsed"' in page and "(1)" in page
