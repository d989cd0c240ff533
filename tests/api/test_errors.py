"""API errors are JSON with a clear `detail` and the right status; bad input never gives a 500."""

from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hevruta.accounts.services import create_api_token, revoke_api_token
from hevruta.directory import services
from hevruta.directory.models import Person, RosterImport
from hevruta.directory.roster import hash_national_id
from tests.directory.rosters import csv_bytes, directory_counts, israeli_id, row, run_queued_jobs

ROSTER = csv_bytes([row(email="new@example.org", given_name="New", family_name="Person")])


def _upload(content: bytes = ROSTER, name: str = "roster.csv") -> dict:
    return {"file": SimpleUploadedFile(name, content)}


@pytest.mark.django_db
def test_400_for_an_unreadable_upload(world):
    client = world.client("manager")
    url = "/api/v1/networks/home/imports"
    response = client.post(url, _upload(b"%PDF", "roster.pdf"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {"detail": "Only CSV and XLSX files can be imported."}
    # The detail speaks the client's language.
    hebrew = client.post(url, _upload(b"%PDF", "roster.pdf"), HTTP_ACCEPT_LANGUAGE="he")
    assert hebrew.status_code == 400
    assert hebrew.json()["detail"] != response.json()["detail"]
    assert any("\u0590" <= char <= "\u05ff" for char in hebrew.json()["detail"])


@pytest.mark.django_db
def test_401_without_a_token_or_with_a_wrong_one(world):
    expected = {"detail": "Authentication required: send a valid token as 'Authorization: Bearer <token>'."}
    for headers in ({}, {"Authorization": "Bearer hev_wrong"}, {"Authorization": "Bearer "}, {"Authorization": "x"}):
        response = Client(headers=headers).post("/api/v1/networks/home/imports", _upload())
        assert response.status_code == 401, headers
        assert response.json() == expected
    assert not RosterImport.objects.exists()


@pytest.mark.django_db
def test_a_wrong_token_on_a_public_endpoint_is_401_not_a_visitor(world):
    assert Client().get("/api/v1/people").status_code == 200
    for headers in ({"Authorization": "Bearer hev_wrong"}, {"Authorization": "Bearer "}, {"Authorization": "x"}):
        response = Client(headers=headers).get("/api/v1/people")
        assert response.status_code == 401, headers
        assert "Authorization: Bearer" in response.json()["detail"]


@pytest.mark.django_db
def test_401_with_a_revoked_or_expired_token(world):
    token, secret = create_api_token(world.manager.user, "soon revoked")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    assert client.post("/api/v1/networks/home/imports?dry_run=true", _upload()).status_code == 202
    revoke_api_token(world.manager.user, token.pk)
    assert client.post("/api/v1/networks/home/imports?dry_run=true", _upload()).status_code == 401
    expired, secret = create_api_token(world.manager.user, "expired", days_valid=1)
    from datetime import timedelta

    from django.utils import timezone

    type(expired).objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = Client(headers={"Authorization": f"Bearer {secret}"}).post("/api/v1/networks/home/imports", _upload())
    assert response.status_code == 401


@pytest.mark.django_db
def test_403_for_a_member_who_does_not_manage(world):
    response = world.client("member").post("/api/v1/networks/home/imports", _upload())
    assert response.status_code == 403
    assert response.json() == {"detail": "Only the network's managers may import rosters."}


@pytest.mark.django_db
def test_404_for_unknown_ids_and_hidden_profiles(world):
    client = world.client("outsider")
    cases = {
        "/api/v1/people/999999": "No such person, or the profile is not shown to you.",
        f"/api/v1/people/{world.network_person.pk}": "No such person, or the profile is not shown to you.",
        f"/api/v1/people/{world.private_person.pk}": "No such person, or the profile is not shown to you.",
        "/api/v1/networks/home": "No such network, or it is open to its members only.",
        "/api/v1/networks/nowhere/members": "No such network, or it is open to its members only.",
        "/api/v1/organizations/999999": "No Organization matches the given query.",
        "/api/v1/localities/999999": "No Locality matches the given query.",
    }
    for url, detail in cases.items():
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"detail": detail}, url
    assert client.get("/api/v1/no-such-endpoint").status_code == 404


def test_a_concurrent_write_that_takes_an_id_number_between_the_check_and_the_import_fails_the_job(world, monkeypatch):
    """The roster job's one IntegrityError path: checks pass, then another request writes first."""
    national_id = israeli_id(2718281)
    content = csv_bytes([row(email="new@example.org", given_name="New", family_name="Person", national_id=national_id)])
    real_import = services.import_roster

    def import_after_a_concurrent_write(*args, **kwargs):  # type: ignore[no-untyped-def]
        Person.objects.create(
            given_name="Quick", family_name="Other", email="quick@example.org",
            national_id_hash=hash_national_id(national_id),
        )  # fmt: skip
        return real_import(*args, **kwargs)

    monkeypatch.setattr(services, "import_roster", import_after_a_concurrent_write)
    before = directory_counts()
    client = world.client("manager")
    response = client.post("/api/v1/networks/home/imports", _upload(content))
    assert response.status_code == 202
    run_queued_jobs()
    job = client.get(f"/api/v1/jobs/{response.json()['job']['id']}").json()
    assert job["state"] == "failed"
    assert job["error"] == "This conflicts with data written meanwhile, and nothing was written. Try again."
    assert RosterImport.objects.get().status == RosterImport.Status.FAILED
    assert not Person.objects.filter(email="new@example.org").exists()
    # Here the "concurrent" writer ran inside the job's transaction, so it was rolled back with it.
    assert directory_counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "location"),
    [
        ("/api/v1/people?district=abc", ["query", "district"]),
        ("/api/v1/people?network=abc", ["query", "network"]),
        ("/api/v1/people?organization=1.5", ["query", "organization"]),
        ("/api/v1/people?peripherality_cluster=11", ["query", "peripherality_cluster"]),
        ("/api/v1/people?peripherality_cluster=0", ["query", "peripherality_cluster"]),
        ("/api/v1/people?district=-1", ["query", "district"]),
        ("/api/v1/people?organization=99999999999999999999999", ["query", "organization"]),
        ("/api/v1/people?limit=-1", ["query", "limit"]),
        ("/api/v1/people?limit=0", ["query", "limit"]),
        ("/api/v1/people?limit=99999999999999999999999", ["query", "limit"]),
        ("/api/v1/people?offset=-1", ["query", "offset"]),
        ("/api/v1/people?offset=99999999999999999999999", ["query", "offset"]),
        ("/api/v1/people?q=" + "x" * 201, ["query", "q"]),
        ("/api/v1/people/abc", ["path", "person_id"]),
        ("/api/v1/organizations?limit=abc", ["query", "limit"]),
        ("/api/v1/networks/home/imports?dry_run=perhaps", ["query", "dry_run"]),
    ],
)
def test_422_for_wrong_parameter_types(world, url, location):
    client = world.client("manager")
    response = client.post(url, _upload()) if "imports" in url else client.get(url)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == location
    assert response.json()["detail"][0]["msg"]


NASTY = [
    "\x00",
    "a\x00b",
    "²",
    "٣",
    "-1",
    "0",
    "99999999999999999999999",
    "x" * 5000,
    "'; DROP TABLE directory_person;--",
    "%",
    "_",
    "\\",
    "😀",
    "\u202e",
    "כֹּהֵן",
    "ﷺ",
    " ",
]
API_URLS = [
    "/api/v1/people?q={v}",
    "/api/v1/people?subject={v}&role={v}&grade_band={v}&sector={v}&language={v}",
    "/api/v1/people?district={v}&network={v}&organization={v}&peripherality_cluster={v}",
    "/api/v1/people?limit={v}&offset={v}",
    "/api/v1/people/{v}",
    "/api/v1/organizations?q={v}&kind={v}&district={v}",
    "/api/v1/organizations/{v}",
    "/api/v1/localities?q={v}&district={v}",
    "/api/v1/localities/{v}",
    "/api/v1/networks?limit={v}",
    "/api/v1/networks/{v}",
    "/api/v1/networks/{v}/members",
]
PAGE_URLS = [
    "/directory/people/?q={v}&page={v}",
    "/directory/people/?district={v}&network={v}&subject={v}&peripherality_cluster={v}",
    "/directory/organizations/?q={v}&kind={v}&district={v}&page={v}",
    "/directory/organizations/1/?page={v}",
    "/directory/localities/?q={v}&district={v}&page={v}",
    "/directory/networks/{v}/",
    "/directory/networks/home/?page={v}",
]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["member", "anonymous"])
def test_nasty_input_never_gives_a_500(world, persona):
    from tests.factories import OrganizationFactory

    OrganizationFactory(pk=1)
    client = world.client(persona)
    for template in API_URLS + PAGE_URLS:
        for value in NASTY:
            url = template.format(v=quote(value, safe=""))
            response = client.get(url)  # a server error raises here, with its traceback
            assert response.status_code in (200, 404, 422), (url, response.status_code)
            if url.startswith("/api/") and response.status_code != 200:
                assert response.json()["detail"], url


@pytest.mark.django_db
def test_page_numbers_that_are_not_numbers_give_the_first_page(world):
    client = world.client("member")
    for page in ("-1", "0", "abc", "1e9", "²"):
        response = client.get(reverse("directory:people"), {"page": page})
        assert response.status_code == 200
        assert "Pnina Public" in response.content.decode()


@pytest.mark.django_db
def test_the_openapi_document_lists_the_endpoints(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Hevruta API"
    paths = document["paths"]
    for path, method in [
        ("/api/v1/people", "get"),
        ("/api/v1/people/{person_id}", "get"),
        ("/api/v1/organizations", "get"),
        ("/api/v1/organizations/{organization_id}", "get"),
        ("/api/v1/localities", "get"),
        ("/api/v1/localities/{locality_id}", "get"),
        ("/api/v1/networks", "get"),
        ("/api/v1/networks/{slug}", "get"),
        ("/api/v1/networks/{slug}/members", "get"),
        ("/api/v1/networks/{slug}/imports", "post"),
        ("/api/v1/networks/{slug}/imports/{import_id}", "get"),
        ("/api/v1/jobs/{job_id}", "get"),
    ]:
        assert method in paths[path], path
    imports = paths["/api/v1/networks/{slug}/imports"]["post"]
    assert {"202", "400"} <= set(imports["responses"])
    assert {"200", "401", "404"} <= set(paths["/api/v1/jobs/{job_id}"]["get"]["responses"])
    limit = next(p for p in paths["/api/v1/people"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 1000
    district = next(p for p in paths["/api/v1/people"]["get"]["parameters"] if p["name"] == "district")
    assert "integer" in str(district["schema"])
    assert document["components"]["securitySchemes"]


@pytest.mark.django_db
def test_the_api_docs_page_renders(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert "openapi.json" in response.content.decode()
