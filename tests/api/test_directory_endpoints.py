"""Every endpoint of the directory's API with each of the four personas, by token and by session."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hevruta.directory.models import Person, RosterImport
from tests.directory.rosters import csv_bytes, directory_counts, row, run_queued_jobs
from tests.factories import LocalityFactory, OrganizationFactory, PositionFactory

INSIDERS = ("manager", "member")


@pytest.fixture(params=["token", "session"])
def client_for(request, world, token_client):  # type: ignore[no-untyped-def]
    return token_client if request.param == "token" else world.client


@pytest.mark.django_db
def test_people(world, persona, client_for):
    response = client_for(persona).get("/api/v1/people")
    assert response.status_code == 200
    body = response.json()
    names = {item["family_name"] for item in body["items"]}
    assert "Public" in names
    assert "Private" not in names
    assert ("Networked" in names) == (persona in INSIDERS)
    assert set(body["items"][0]) == {"id", "given_name", "family_name", "locality_id", "subjects", "positions"}


@pytest.mark.django_db
def test_person(world, persona, client_for):
    response = client_for(persona).get(f"/api/v1/people/{world.public_person.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["family_name"] == "Public"
    assert body["networks"] == (["home"] if persona in INSIDERS else [])
    hidden = client_for(persona).get(f"/api/v1/people/{world.network_person.pk}")
    assert hidden.status_code == (200 if persona in INSIDERS else 404)
    assert client_for(persona).get(f"/api/v1/people/{world.private_person.pk}").status_code == 404


@pytest.mark.django_db
def test_organizations(world, persona, client_for):
    school = OrganizationFactory(name="Ofek", name_en="Ofek Junior High")
    listing = client_for(persona).get("/api/v1/organizations", {"q": "ofek"})
    assert listing.status_code == 200
    assert [item["id"] for item in listing.json()["items"]] == [school.pk]
    detail = client_for(persona).get(f"/api/v1/organizations/{school.pk}")
    assert detail.status_code == 200
    assert detail.json()["name_en"] == "Ofek Junior High"
    assert client_for(persona).get("/api/v1/organizations/999999").status_code == 404


@pytest.mark.django_db
def test_localities(world, persona, client_for):
    yeroham = LocalityFactory(name_he="ירוחם", name_en="Yeroham", cbs_code=831, peripherality_cluster=2)
    listing = client_for(persona).get("/api/v1/localities", {"q": "Yeroham"})
    assert listing.status_code == 200
    assert [item["cbs_code"] for item in listing.json()["items"]] == [831]
    detail = client_for(persona).get(f"/api/v1/localities/{yeroham.pk}")
    assert detail.status_code == 200
    assert detail.json()["peripherality_cluster"] == 2
    assert client_for(persona).get("/api/v1/localities/999999").status_code == 404


@pytest.mark.django_db
def test_networks(world, persona, client_for):
    response = client_for(persona).get("/api/v1/networks")
    assert response.status_code == 200
    slugs = [item["slug"] for item in response.json()["items"]]
    assert slugs == (["away", "home"] if persona in INSIDERS else ["away"])
    assert response.json()["count"] == len(slugs)


@pytest.mark.django_db
def test_network(world, persona, client_for):
    home = client_for(persona).get("/api/v1/networks/home")
    assert home.status_code == (200 if persona in INSIDERS else 404)
    if persona in INSIDERS:
        assert home.json()["is_public"] is False
    assert client_for(persona).get("/api/v1/networks/away").json()["slug"] == "away"
    assert client_for(persona).get("/api/v1/networks/nowhere").status_code == 404


@pytest.mark.django_db
def test_network_members(world, persona, client_for):
    school = OrganizationFactory(name="Ofek")
    PositionFactory(person=world.member, organization=school, title="Coordinator")
    response = client_for(persona).get("/api/v1/networks/home/members")
    if persona not in INSIDERS:
        assert response.status_code == 404
        assert response.json() == {"detail": "No such network, or it is open to its members only."}
        return
    assert response.status_code == 200
    items = {item["family_name"]: item for item in response.json()["items"]}
    assert set(items) == {"Manager", "Member", "Public", "Networked"}
    assert items["Member"]["positions"][0]["organization"] == {"id": school.pk, "name": "Ofek"}


@pytest.mark.django_db
def test_roster_import(world, persona, client_for):
    content = csv_bytes([row(email="new@example.org", given_name="New", family_name="Person")])
    before = directory_counts()
    response = client_for(persona).post(
        "/api/v1/networks/home/imports", {"file": SimpleUploadedFile("roster.csv", content)}
    )
    expected = {"manager": 202, "member": 403, "outsider": 404, "anonymous": 401}[persona]
    assert response.status_code == expected
    if persona == "manager":
        assert response.json()["job"]["state"] == "queued"
        run_queued_jobs()
        answer = client_for(persona).get(f"/api/v1/networks/home/imports/{response.json()['id']}").json()
        assert answer["status"] == "done"
        assert answer["summary"]["people_created"] == 1
        assert answer["job"]["state"] == "succeeded"
        assert Person.objects.filter(email="new@example.org").exists()
    else:
        assert response.json()["detail"]
        assert directory_counts() == before
        assert not RosterImport.objects.exists()


@pytest.mark.django_db
def test_roster_import_into_a_public_network_one_does_not_manage_is_forbidden(world, token_client):
    content = csv_bytes([row(email="new@example.org", given_name="New", family_name="Person")])
    response = token_client("outsider").post(
        "/api/v1/networks/away/imports", {"file": SimpleUploadedFile("roster.csv", content)}
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "Only the network's managers may import rosters."}


@pytest.mark.django_db
def test_a_roster_import_as_each_persona(world, persona, client_for):
    from tests.directory.rosters import check_now

    content = csv_bytes([row(email="new@example.org", given_name="New", family_name="Person")])
    roster_import = check_now(world.home, content, user=world.manager.user)
    response = client_for(persona).get(f"/api/v1/networks/home/imports/{roster_import.pk}")
    expected = {"manager": 200, "member": 403, "outsider": 404, "anonymous": 401}[persona]
    assert response.status_code == expected
    if persona == "manager":
        assert response.json()["status"] == "previewed"
        assert response.json()["encoding"] == "UTF-8"
    else:
        assert "new@example.org" not in response.content.decode()
