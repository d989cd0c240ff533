"""Credentials from issuers that are not this site's: a valid signature is told apart from an invalid one.

The other issuer is a did:key made here from a freshly generated Ed25519 key (a did:key is its own public
key, so it resolves with no network); a did:web of another site is not fetched, so it is "not checked".
"""

import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.urls import reverse

from hevruta.credentials.dataintegrity import add_proof
from hevruta.credentials.multibase import public_key_to_multikey
from hevruta.credentials.openbadges import (
    AchievementSpec,
    achievement_json,
    credential_document,
    identity_objects,
    issuer_profile,
)
from hevruta.credentials.statuslist import status_entry
from hevruta.credentials.verifier import verify_credential

from .conftest import change_one_character

pytestmark = pytest.mark.django_db

ELSEWHERE = "https://college.example.org"


def foreign_credential(did: str, verification_method: str, private_key: Ed25519PrivateKey) -> dict:
    spec = AchievementSpec(
        name="مرشدة مجتمع مهني",
        description="اعتماد لإرشاد مجتمع مهني من المعلمين.",
        criteria="إكمال البرنامج وتيسير ستة لقاءات.",
        language="ar",
    )
    document = credential_document(
        credential_url=f"{ELSEWHERE}/credentials/7.json",
        issuer_profile=issuer_profile(did, "كلية أخرى", f"{ELSEWHERE}/"),
        valid_from="2025-09-01T08:00:00Z",
        valid_until=None,
        achievement=achievement_json(did, spec),
        identities=identity_objects("ليلى حداد", "layla@example.org"),
        status=status_entry(f"{ELSEWHERE}/status/1.json", 17),
    )
    return add_proof(document, private_key, verification_method, "2025-09-01T08:00:00Z")


@pytest.fixture
def did_key_credential() -> dict:
    private_key = Ed25519PrivateKey.generate()
    multikey = public_key_to_multikey(private_key.public_key())
    did = f"did:key:{multikey}"
    return foreign_credential(did, f"{did}#{multikey}", private_key)


def test_a_valid_credential_of_another_issuer_is_signature_valid_issuer_unknown(did_key_credential):
    verdict = verify_credential(did_key_credential)
    assert verdict.verified and not verdict.issuer_known
    assert verdict.status == "unknown_issuer"
    assert verdict.errors == []
    assert verdict.warnings[0].startswith("Signature valid; issuer not known to this site.")
    assert did_key_credential["issuer"]["id"] in verdict.warnings[0]
    # Its status list is on the other site: said, not hidden.
    assert any("revocation was not checked" in warning for warning in verdict.warnings)


def test_a_changed_credential_of_another_issuer_is_invalid(did_key_credential):
    changed = json.loads(change_one_character(json.dumps(did_key_credential, ensure_ascii=False), '"name": "مرشدة', 10))
    verdict = verify_credential(changed)
    assert verdict.status == "invalid" and not verdict.verified
    assert "changed after it was signed" in verdict.errors[0]


def test_a_did_key_whose_fragment_is_another_key_is_not_resolved(did_key_credential):
    other = public_key_to_multikey(Ed25519PrivateKey.generate().public_key())
    document = dict(did_key_credential)
    method = f"{document['issuer']['id']}#{other}"
    document["proof"] = [{**did_key_credential["proof"][0], "verificationMethod": method}]
    assert verify_credential(document).status == "invalid"


def test_another_sites_did_web_is_not_fetched_and_said_so():
    private_key = Ed25519PrivateKey.generate()
    did = "did:web:college.example.org"
    verdict = verify_credential(foreign_credential(did, f"{did}#key-1", private_key))
    assert verdict.status == "unchecked" and not verdict.verified
    assert "does not fetch" in verdict.errors[0] and did in verdict.errors[0]


def test_our_own_issuers_credentials_stay_known(issued):
    verdict = verify_credential(json.loads(issued.signed_credential))
    assert verdict.status == "valid" and verdict.issuer_known
    assert not any("issuer not known" in warning for warning in verdict.warnings)


def test_the_verify_page_and_api_say_signature_valid_issuer_unknown(client, did_key_credential):
    text = json.dumps(did_key_credential, ensure_ascii=False)
    page = client.post(reverse("credentials:verify"), {"text": text})
    assert page.status_code == 200
    assert "Signature valid; issuer not known to this site." in page.content.decode()
    answer = client.post("/api/v1/credentials/verify", text.encode(), content_type="application/json").json()
    assert (answer["status"], answer["verified"], answer["issuer_known"]) == ("unknown_issuer", True, False)


def test_another_issuers_credential_with_one_of_our_ids_is_not_taken_for_ours(issued):
    private_key = Ed25519PrivateKey.generate()
    multikey = public_key_to_multikey(private_key.public_key())
    did = f"did:key:{multikey}"
    document = foreign_credential(did, f"{did}#{multikey}", private_key)
    document = {key: value for key, value in document.items() if key != "proof"}
    document["id"] = json.loads(issued.signed_credential)["id"]
    signed = add_proof(document, private_key, f"{did}#{multikey}", "2025-09-01T08:00:00Z")
    verdict = verify_credential(signed)
    assert verdict.status == "unknown_issuer"
    assert verdict.record is None
