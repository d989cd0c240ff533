"""Issuing and verifying: the Open Badges 3.0 shape, round trips, tampering, dates, keys and their rotation."""

import json
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.utils import timezone
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from hevruta.credentials import services
from hevruta.credentials.contexts import OB_V3, VC_V2
from hevruta.credentials.dataintegrity import add_proof
from hevruta.credentials.keys import did_for
from hevruta.credentials.models import IssuedCredential, IssuerKey
from hevruta.credentials.multibase import public_key_to_multikey
from hevruta.credentials.openbadges import AchievementSpec, email_matches
from hevruta.credentials.queries import issuer_did_document
from hevruta.credentials.verifier import verify_credential, verify_text

from .conftest import as_json, change_one_character

pytestmark = pytest.mark.django_db


def test_the_credential_has_the_open_badges_shape(issued, issuer, world):
    document = as_json(issued)
    assert document["@context"] == [VC_V2, OB_V3]
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["id"] == f"http://127.0.0.1:8000/credentials/{issued.pk}.json"
    assert document["issuer"] == {
        "id": f"did:web:127.0.0.1%3A8000:credentials:issuers:{issuer.pk}",
        "type": ["Profile"],
        "name": "המכון להוראה מתקדמת",
        "url": f"http://127.0.0.1:8000/directory/organizations/{issuer.pk}/",
    }
    subject = document["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["achievementType"] == "Certification"
    assert achievement["criteria"]["narrative"].startswith("השלמת")
    assert achievement["alignment"][0] == {
        "type": ["Alignment"],
        "targetName": "הובלת למידה עמיתים",
        "targetUrl": "http://127.0.0.1:8000/standards/competencies/12/",
        "targetCode": "CF-2.1",
        "targetFramework": "סטנדרטים למנחי קהילות",
    }
    status = document["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusPurpose"] == "revocation"
    assert status["statusListIndex"] == str(issued.status_index)
    assert status["statusListCredential"] == f"http://127.0.0.1:8000/credentials/status/{issued.status_list_id}.json"
    assert isinstance(document["proof"], list) and len(document["proof"]) == 1
    proof = document["proof"][0]
    assert proof["verificationMethod"] == f"{document['issuer']['id']}#key-1"
    assert proof["proofPurpose"] == "assertionMethod"


def test_the_recipient_email_is_only_in_the_credential_salted_and_hashed(issued, world):
    text = issued.signed_credential
    assert world.member.email not in text
    identities = {item["identityType"]: item for item in as_json(issued)["credentialSubject"]["identifier"]}
    assert identities["name"]["identityHash"] == world.member.full_name
    assert identities["emailAddress"]["hashed"] is True
    assert email_matches(identities["emailAddress"], world.member.email.upper())
    assert not email_matches(identities["emailAddress"], "someone@else.org")


def test_round_trip_with_hebrew(issued):
    assert "מנחת קהילה מקצועית מוסמכת" in issued.signed_credential  # stored as itself, not \\u escapes
    verdict = verify_text(issued.signed_credential.encode("utf-8"))
    assert verdict.verified, verdict.errors
    assert verdict.status == "valid"
    assert verdict.record == issued


@pytest.mark.parametrize(
    ("fragment", "offset"),
    [
        ('"name": "מנחת', 10),  # the credential's name
        ('"validFrom": "', 14),  # a digit of the date
        ('"proofValue": "z', 20),  # the signature
        ('"created": "', 14),  # the proof's date
        ('"identityHash": "', 20),  # the recipient
        ('"targetCode": "CF-2.1', 16),  # an alignment
        ('"statusListIndex": "', 20),  # the place in the status list
    ],
)
def test_one_character_changed_fails(issued, fragment, offset):
    changed = change_one_character(issued.signed_credential, fragment, offset)
    assert changed != issued.signed_credential
    verdict = verify_text(changed)
    assert not verdict.verified
    assert verdict.errors


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.integers(min_value=0), replacement=st.characters(categories=["L", "N", "P"]))
def test_any_one_character_changed_fails(issued, position, replacement):
    text = issued.signed_credential
    places = [index for index, char in enumerate(text) if not char.isspace()]
    index = places[position % len(places)]
    if text[index] == replacement:
        return
    changed = text[:index] + replacement + text[index + 1 :]
    assert not verify_text(changed).verified, (index, text[index], replacement)


ODD_VALUES = [None, 1, 1.5, True, [], {}, "", "x", [None], [{}], {"@id": 5}, {"@value": []}, ["a", 1], "@id"]


def _paths(node, path=()):  # type: ignore[no-untyped-def]
    yield path
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for key, value in items:
        yield from _paths(value, (*path, key))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(choice=st.integers(min_value=0), odd=st.sampled_from(ODD_VALUES))
def test_strange_shapes_get_a_verdict_not_an_error(issued, choice, odd):
    document = as_json(issued)
    paths = list(_paths(document))[1:]
    path = paths[choice % len(paths)]
    node = document
    for key in path[:-1]:
        node = node[key]
    assume(json.dumps(node[path[-1]]) != json.dumps(odd))  # e.g. `hashed: true` replaced by true changes nothing
    node[path[-1]] = odd
    verdict = verify_credential(document)
    assert not verdict.verified and verdict.errors, path


def test_deeply_nested_json_is_refused_in_plain_words():
    assert verify_text("[" * 100_000).errors == ["The JSON is nested too deeply to be a credential."]


def test_expired(issuer, world, achievement):
    past = AchievementSpec(**{**achievement.__dict__, "valid_until": timezone.now() - timedelta(days=1)})
    expired = services.issue_credential(issuer, world.member, past)
    verdict = verify_credential(as_json(expired))
    assert not verdict.verified
    assert any("expired" in error for error in verdict.errors)
    assert verify_credential(as_json(expired), now=timezone.now() - timedelta(days=2) + timedelta(hours=1)).errors
    assert verify_credential(as_json(expired), now=timezone.now() - timedelta(days=1, hours=1)).errors == [
        f"The credential is not valid before {as_json(expired)['validFrom']}."
    ]


def test_not_yet_valid(issued):
    verdict = verify_credential(as_json(issued), now=timezone.now() - timedelta(days=1))
    assert not verdict.verified
    assert any("not valid before" in error for error in verdict.errors)


def test_an_unknown_context_is_refused(issued):
    document = as_json(issued)
    document["@context"].append("https://example.org/unknown-context")
    verdict = verify_credential(document)
    assert not verdict.verified
    assert verdict.errors == [
        "The credential uses a context this site does not trust: https://example.org/unknown-context"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"@context": "https://www.w3.org/2018/credentials/v1"}', "Verifiable Credential 2.0"),
        (b"\xff\xfe", "not text"),
    ],
)
def test_bad_input_is_told_in_plain_words(text, message):
    verdict = verify_text(text)
    assert not verdict.verified
    assert message in verdict.errors[0]


def test_an_embedded_context_is_refused(issued):
    document = as_json(issued)
    document["@context"].append({"nickname": "https://example.org/nickname"})
    assert "embedded context" in verify_credential(document).errors[0]


def test_a_credential_signed_by_another_key_for_our_issuer_fails(issued, issuer, other_issuer, world, achievement):
    # Re-signed with another organization's key but still naming our issuer: the key is not the issuer's.
    foreign = as_json(services.issue_credential(other_issuer, world.member, achievement))
    document = as_json(issued)
    document["proof"] = foreign["proof"]
    verdict = verify_credential(document)
    assert not verdict.verified
    assert "does not belong to its issuer" in verdict.errors[0]


def test_the_did_document_lists_the_key_for_assertions(issued, issuer):
    document = issuer_did_document(issuer.pk)
    did = did_for(issuer.pk)
    key = IssuerKey.objects.get(organization=issuer)
    assert document == {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": [
            {
                "id": f"{did}#key-1",
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": key.public_key_multibase,
            }
        ],
        "assertionMethod": [f"{did}#key-1"],
    }
    assert key.public_key_multibase.startswith("z6Mk")


def test_did_web_encodes_the_port_and_follows_the_document_path(settings):
    settings.SITE_URL = "https://hevruta.example.org"
    assert did_for(5) == "did:web:hevruta.example.org:credentials:issuers:5"
    settings.SITE_URL = "http://localhost:8000"
    assert did_for(5) == "did:web:localhost%3A8000:credentials:issuers:5"


def test_a_did_document_passed_in_resolves_another_issuers_key(issued):
    # A credential from elsewhere: its issuer's DID document is given to the verifier, nothing is fetched.
    did = "did:web:issuer.example.org"
    private_key = Ed25519PrivateKey.generate()
    did_document = {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": [
            {
                "id": "#k1",
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": public_key_to_multikey(private_key.public_key()),
            }
        ],
        "assertionMethod": ["#k1"],
    }
    document = as_json(issued)
    del document["proof"], document["credentialStatus"]
    document["issuer"] = {"id": did, "type": ["Profile"], "name": "Elsewhere"}
    document["id"] = "https://issuer.example.org/credentials/1"
    signed = add_proof(document, private_key, f"{did}#k1", "2025-01-01T00:00:00Z")
    assert not verify_credential(signed).verified
    assert verify_credential(signed, did_document=did_document).verified
    did_document["assertionMethod"] = []
    assert not verify_credential(signed, did_document=did_document).verified


def test_rotation_keeps_old_credentials_valid_and_signs_new_ones_with_the_new_key(issued, issuer, world, achievement):
    services.rotate_issuer_key(issuer)
    newer = services.issue_credential(issuer, world.member, achievement)
    assert as_json(newer)["proof"][0]["verificationMethod"].endswith("#key-2")
    assert verify_credential(as_json(issued)).verified
    assert verify_credential(as_json(newer)).verified
    assert len(issuer_did_document(issuer.pk)["assertionMethod"]) == 2


def test_a_revoked_key_verifies_nothing_it_signed_but_revocation_still_works(issued, issuer, world, achievement):
    old_key = IssuerKey.objects.get(organization=issuer)
    services.revoke_issuer_key(old_key)
    verdict = verify_credential(as_json(issued))
    assert not verdict.verified
    assert "revoked" in verdict.errors[0]
    # The status list was signed again with the new key, so new credentials can still be revoked.
    newer = services.issue_credential(issuer, world.member, achievement)
    services.revoke_credential(newer, "issued in error")
    assert verify_credential(as_json(newer)).revoked


def test_an_achievement_needs_its_texts(issuer, world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.issue_credential(issuer, world.member, AchievementSpec(name="x", description="", criteria="y"))
    assert not IssuedCredential.objects.exists()


def test_the_stored_json_is_the_served_text(issued):
    assert json.loads(issued.signed_credential)["proof"]
    assert issued.signed_credential == IssuedCredential.objects.get(pk=issued.pk).signed_credential


def test_a_credential_stored_with_a_single_proof_object_still_verifies(issued):
    # Credentials issued before the proof became a list of one carry it as an object; the signature does
    # not cover the proof's own form, so the same credential written the old way must verify.
    document = as_json(issued)
    document["proof"] = document["proof"][0]
    verdict = verify_credential(document)
    assert verdict.verified, verdict.errors


def test_two_proofs_are_not_taken_for_one(issued):
    document = as_json(issued)
    document["proof"] = document["proof"] * 2
    verdict = verify_credential(document)
    assert not verdict.verified
    assert "not signed" in verdict.errors[0]
