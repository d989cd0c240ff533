"""The credentials API with each persona: read, verify, revoke, mine."""

import json

import pytest

from hevruta.credentials import services
from hevruta.credentials.models import IssuedCredential

from .conftest import change_one_character

pytestmark = pytest.mark.django_db

REVOKE_STATUS = {"manager": 200, "member": 403, "outsider": 403, "anonymous": 401}


def test_get_a_credential_is_public(world, persona, issued):
    response = world.client(persona).get(f"/api/v1/credentials/{issued.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "valid" and body["errors"] == []
    assert body["name"] == issued.name
    assert body["issuer"]["did"].startswith("did:web:127.0.0.1%3A8000:credentials:issuers:")
    assert body["credential"] == json.loads(issued.signed_credential)
    assert body["json_url"] == body["credential"]["id"]


def test_an_unknown_credential_is_a_json_404(world, persona):
    response = world.client(persona).get("/api/v1/credentials/00000000-0000-4000-8000-000000000000")
    assert response.status_code == 404
    assert response.json()["detail"] == "No such credential."


def test_verify_anyones_credential(world, persona, issued):
    client = world.client(persona)
    good = client.post("/api/v1/credentials/verify", issued.signed_credential, content_type="application/json")
    assert good.status_code == 200
    assert good.json() | {"warnings": []} == {
        "verified": True,
        "revoked": False,
        "status": "valid",
        "issuer_known": True,
        "errors": [],
        "warnings": [],
        "revocation_reason": "",
    }
    changed = change_one_character(issued.signed_credential, '"validFrom": "', 14)
    bad = client.post("/api/v1/credentials/verify", changed, content_type="application/json").json()
    assert bad["verified"] is False and bad["errors"]


def test_verify_refuses_what_is_not_json_with_a_message(world):
    response = world.client("anonymous").post("/api/v1/credentials/verify", "{nope", content_type="application/json")
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["detail"]


def test_verify_reports_revoked(world, issued):
    services.revoke_credential(issued, "reason")
    body = (
        world.client("anonymous")
        .post("/api/v1/credentials/verify", issued.signed_credential, content_type="application/json")
        .json()
    )
    assert body["verified"] is False and body["revoked"] is True and body["status"] == "revoked"
    assert body["revocation_reason"] == "reason"
    assert world.client("anonymous").get(f"/api/v1/credentials/{issued.pk}").json()["status"] == "revoked"


def test_revoke(world, persona, issued):
    response = world.client(persona).post(
        f"/api/v1/credentials/{issued.pk}/revoke", {"reason": "הוענקה בטעות"}, content_type="application/json"
    )
    assert response.status_code == REVOKE_STATUS[persona]
    assert IssuedCredential.objects.get(pk=issued.pk).is_revoked == (persona == "manager")
    if persona == "manager":
        body = response.json()
        assert body["status"] == "revoked" and body["revocation_reason"] == "הוענקה בטעות"
        again = world.client(persona).post(
            f"/api/v1/credentials/{issued.pk}/revoke", {"reason": "again"}, content_type="application/json"
        )
        assert again.status_code == 409


def test_revoke_needs_a_reason(world, issued):
    response = world.client("manager").post(
        f"/api/v1/credentials/{issued.pk}/revoke", {"reason": " "}, content_type="application/json"
    )
    assert response.status_code == 400
    assert not IssuedCredential.objects.get(pk=issued.pk).is_revoked


def test_revoke_with_a_token(world, issued):
    from hevruta.accounts.services import create_api_token

    _, secret = create_api_token(world.manager.user, "script", None)
    response = world.client("anonymous").post(
        f"/api/v1/credentials/{issued.pk}/revoke",
        {"reason": "by script"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 200


def test_mine(world, persona, issued):
    response = world.client(persona).get("/api/v1/credentials/mine")
    if persona == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    ids = [item["id"] for item in response.json()["items"]]
    assert ids == ([str(issued.pk)] if persona == "member" else [])
