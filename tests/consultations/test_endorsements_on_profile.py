"""A person's endorsed strengths show on their directory profile, only where the viewer may see it."""

import pytest
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
