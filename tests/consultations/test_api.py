"""The consultations API with the four personas, and its refusals."""

import pytest

from hevruta.consultations.models import Consultation, Status, Thread

from .conftest import ask

pytestmark = pytest.mark.django_db


def test_listing(cities, token_client, persona):
    response = token_client(persona).get("/api/v1/consultations")
    if persona == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert ("תוכניות לגיל הרך" in titles) == (persona == "member")


def test_reading_one_and_its_suggestions(cities, token_client, persona):
    client = token_client(persona)
    pk = cities.consultation.pk
    detail = client.get(f"/api/v1/consultations/{pk}")
    suggestions = client.get(f"/api/v1/consultations/{pk}/suggestions")
    expected = {"member": 200, "manager": 404, "outsider": 404, "anonymous": 401}[persona]
    assert (detail.status_code, suggestions.status_code) == (expected, expected)
    if persona == "member":
        first = suggestions.json()[0]
        assert first["person"]["name"] == "Carmel Gamma" and first["score"] == 10
        assert {reason["code"] for reason in first["reasons"]} >= {"organization_strength", "helped"}


def test_suggestions_are_the_askers_only(cities, token_client):
    open_one = ask(cities.world, cities.world.network_person, cities.topic, thread=Thread.OPEN)
    response = token_client("member").get(f"/api/v1/consultations/{open_one.pk}/suggestions")
    assert response.status_code == 403


def test_asking(cities, token_client, persona):
    body = {"network": "home", "topic": cities.topic.slug, "title": "בקשה", "description": "עזרה", "thread": "open"}
    before = Consultation.objects.count()
    response = token_client(persona).post("/api/v1/consultations", body, content_type="application/json")
    expected = {"member": 201, "manager": 201, "outsider": 404, "anonymous": 401}[persona]
    assert response.status_code == expected
    assert Consultation.objects.count() == before + (1 if expected == 201 else 0)


def test_asking_with_bad_input_changes_nothing(cities, token_client):
    client = token_client("member")
    before = Consultation.objects.count()
    base = {"network": "home", "topic": cities.topic.slug, "title": "בקשה", "description": "עזרה"}
    for change in ({"help_kinds": ["a-pony"]}, {"title": ""}, {"thread": "secret"}, {"topic": "no-such"}):
        response = client.post("/api/v1/consultations", {**base, **change}, content_type="application/json")
        assert response.status_code in (404, 422), change
    response = client.post("/api/v1/consultations", {**base, "title": "\u202e\u202d"}, content_type="application/json")
    assert response.status_code == 400 and "title" in response.json()["detail"].lower()
    assert Consultation.objects.count() == before


def test_the_way_through_the_api(cities, token_client):
    world, pk = cities.world, cities.consultation.pk
    member = token_client("member")
    hidden = member.post(
        f"/api/v1/consultations/{pk}/invitations", {"people": [cities.hidden.pk]}, content_type="application/json"
    )
    assert hidden.status_code == 400 and "whose profiles you can see" in hidden.json()["detail"]
    invited = member.post(
        f"/api/v1/consultations/{pk}/invitations", {"people": [cities.gamma.pk]}, content_type="application/json"
    )
    assert invited.status_code == 201 and invited.json()[0]["organization_id"] == cities.strong_city.pk
    from hevruta.consultations import services

    services.answer(cities.consultation.invitations.get(), cities.gamma, offer=True)
    bad = member.post(
        f"/api/v1/consultations/{pk}/close", {"outcome": "x", "rating": 7}, content_type="application/json"
    )
    assert bad.status_code == 422
    closed = member.post(
        f"/api/v1/consultations/{pk}/close", {"outcome": "סוף", "rating": 4}, content_type="application/json"
    )
    assert closed.status_code == 200 and closed.json()["status"] == Status.CLOSED
    again = member.post(
        f"/api/v1/consultations/{pk}/close", {"outcome": "סוף", "rating": 4}, content_type="application/json"
    )
    assert again.status_code == 400 and "already closed" in again.json()["detail"]
    invitation_id = cities.consultation.invitations.get().pk
    endorsed = member.post(
        f"/api/v1/consultations/{pk}/endorsements", {"invitation_id": invitation_id}, content_type="application/json"
    )
    assert endorsed.status_code == 201 and endorsed.json()["organization_id"] == cities.strong_city.pk
    outsider = token_client("outsider").post(
        f"/api/v1/consultations/{pk}/replies", {"body": "שלום"}, content_type="application/json"
    )
    assert outsider.status_code == 404
    assert world.member  # the fixture's asker did it all


def test_a_networks_balance_of_strengths(cities, token_client, persona):
    response = token_client(persona).get("/api/v1/consultations/networks/home/strengths")
    expected = {"manager": 200, "member": 403, "outsider": 404, "anonymous": 401}[persona]
    assert response.status_code == expected
    if expected == 200:
        balance = {row["topic"]: row for row in response.json()}
        # Alpha, Beta, the private profile and the colleague (Ofra is of "away"; the strong city is no member).
        assert balance[cities.topic.slug]["strong"] == 4


@pytest.mark.parametrize("language", ["he", "ar"])
def test_refusals_are_in_the_readers_language(cities, token_client, language):
    from django.utils import translation
    from django.utils.translation import gettext

    open_one = ask(cities.world, cities.world.network_person, cities.topic, thread=Thread.OPEN)
    client = token_client("member")
    headers = {"Accept-Language": language}
    not_the_asker = client.get(f"/api/v1/consultations/{open_one.pk}/suggestions", headers=headers)
    missing = client.get("/api/v1/consultations/999999", headers=headers)
    english = ("Only the person who asked sees the suggestions.", "No such consultation, or it is not shown to you.")
    with translation.override(language):
        expected = tuple(gettext(text) for text in english)
    assert (not_the_asker.json()["detail"], missing.json()["detail"]) == expected
    assert expected != english
