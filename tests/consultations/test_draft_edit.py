"""Its asker edits a draft; once open, a consultation stays as it was asked. The smallest world: the
personas and one draft of the member's."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from hevruta.consultations import services
from hevruta.consultations.models import Consultation, Status
from hevruta.directory.models import Topic
from tests.factories import OrganizationFactory

from .conftest import TOPIC, ask

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world) -> Consultation:  # type: ignore[no-untyped-def]
    return ask(world, world.member, Topic.objects.get(slug=TOPIC), publish=False)


def _fields(title: str = "כותרת חדשה") -> dict:
    return {"topic": Topic.objects.exclude(slug=TOPIC).first(), "title": title, "description": "תיאור חדש"}


def test_the_asker_edits_a_draft_and_may_open_it(world, draft):
    services.edit_draft(draft, world.member, **_fields(), help_kinds=["call"])
    draft.refresh_from_db()
    assert (draft.title, draft.description, draft.help_kinds, draft.status) == (
        "כותרת חדשה",
        "תיאור חדש",
        ["call"],
        Status.DRAFT,
    )
    services.edit_draft(draft, world.member, **_fields("פתוחה"), publish=True)
    draft.refresh_from_db()
    assert draft.status == Status.OPEN and draft.opened_at is not None


def test_refusals_change_nothing(world, draft):
    with pytest.raises(PermissionDenied):
        services.edit_draft(draft, world.manager, **_fields())
    with pytest.raises(ValidationError):  # an organization she does not head
        services.edit_draft(draft, world.member, **_fields(), organization=OrganizationFactory())
    with pytest.raises(ValidationError):
        services.edit_draft(draft, world.member, **_fields(), help_kinds=["magic"])
    services.publish(draft, world.member)
    with pytest.raises(ValidationError):
        services.edit_draft(draft, world.member, **_fields())
    draft.refresh_from_db()
    assert draft.title == "גיל הרך"


@pytest.mark.parametrize("persona,expected", [("member", 302), ("manager", 404), ("outsider", 404), ("anonymous", 302)])
def test_the_edit_page_for_each_persona(world, draft, persona, expected):
    url = reverse("consultations:edit", args=[draft.pk])
    client = world.client(persona)
    if persona == "member":
        assert client.get(url).status_code == 200
    data = {"topic": draft.topic_id, "title": "מהדף", "description": "תיאור", "thread": "private"}
    assert client.post(url, data).status_code == expected
    draft.refresh_from_db()
    assert (draft.title == "מהדף") == (persona == "member")


@pytest.mark.parametrize("persona,expected", [("member", 200), ("manager", 404), ("outsider", 404), ("anonymous", 401)])
def test_the_api_for_each_persona(world, draft, token_client, persona, expected):
    response = token_client(persona).patch(
        f"/api/v1/consultations/{draft.pk}",
        {"topic": TOPIC, "title": "מה-API", "description": "תיאור"},
        content_type="application/json",
    )
    assert response.status_code == expected
    draft.refresh_from_db()
    assert (draft.title == "מה-API") == (persona == "member")
