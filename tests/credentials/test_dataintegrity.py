"""eddsa-rdfc-2022 proofs: sign, verify, and fail on any change; no database involved."""

import copy
import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from hevruta.credentials import dataintegrity
from hevruta.credentials.contexts import OB_V3, VC_V2
from hevruta.credentials.dataintegrity import ProofError, add_proof, canonize, verify_proof
from hevruta.credentials.multibase import (
    b58decode,
    b58encode,
    decode_base58btc,
    decode_base64url,
    encode_base64url,
    multikey_to_public_key,
    public_key_to_multikey,
)

METHOD = "did:web:127.0.0.1%3A8000:credentials:issuers:1#key-1"
CREATED = "2025-11-20T08:30:00Z"


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"a test key").digest())


@pytest.fixture
def document() -> dict:
    return {
        "@context": [VC_V2, OB_V3],
        "id": "http://127.0.0.1:8000/credentials/8f0c0c56-2a53-4a61-9d0e-6f1f2a7f1f10.json",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": METHOD.split("#")[0], "type": ["Profile"], "name": "מכון"},
        "validFrom": "2025-11-20T08:30:00Z",
        "name": "תעודת השלמה",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{"type": "IdentityObject", "identityHash": "נועה", "identityType": "name", "hashed": False}],
            "achievement": {
                "id": "urn:uuid:0b5c6d2e-8d0a-4f52-9d9c-1f2e3d4c5b6a",
                "type": ["Achievement"],
                "name": "תוכנית מורים מובילים",
                "description": "שנה של למידה",
                "criteria": {"narrative": "נוכחות ועבודה מסכמת"},
            },
        },
    }


def _resolver(key):  # type: ignore[no-untyped-def]
    return lambda method: key.public_key()


def test_round_trip(document, key):
    signed = add_proof(document, key, METHOD, CREATED)
    assert signed["proof"][0]["type"] == "DataIntegrityProof"
    assert signed["proof"][0]["cryptosuite"] == "eddsa-rdfc-2022"
    assert signed["proof"][0]["proofValue"].startswith("z")
    assert len(decode_base58btc(signed["proof"][0]["proofValue"])) == 64
    assert "proof" not in document
    result = verify_proof(signed, _resolver(key))
    assert result.verification_method == METHOD


def test_the_signature_is_over_the_two_hashes_the_spec_names(document, key):
    # hashData = SHA-256(canonical proof configuration) || SHA-256(canonical document), signed with Ed25519.
    signed = add_proof(document, key, METHOD, CREATED)
    config = {**{k: v for k, v in signed["proof"][0].items() if k != "proofValue"}, "@context": document["@context"]}
    hash_data = (
        hashlib.sha256(canonize(config).encode()).digest() + hashlib.sha256(canonize(document).encode()).digest()
    )
    key.public_key().verify(decode_base58btc(signed["proof"][0]["proofValue"]), hash_data)


def test_hebrew_survives_canonicalization_as_itself(document):
    assert '"תעודת השלמה"' in canonize(document)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.__setitem__("name", "תעודת השלמב"),
        lambda d: d.__setitem__("validFrom", "2025-11-21T08:30:00Z"),
        lambda d: d["credentialSubject"]["achievement"].__setitem__("name", "תוכנית מורים מובילות"),
        lambda d: d["credentialSubject"]["identifier"][0].__setitem__("identityHash", "נועב"),
        lambda d: d["proof"][0].__setitem__("created", "2025-11-20T08:30:01Z"),
        lambda d: d["issuer"].__setitem__("name", "מכוו"),
        lambda d: d.__setitem__("type", ["VerifiableCredential"]),
    ],
)
def test_any_change_breaks_the_signature(document, key, change):
    signed = add_proof(document, key, METHOD, CREATED)
    changed = copy.deepcopy(signed)
    change(changed)
    with pytest.raises(ProofError) as error:
        verify_proof(changed, _resolver(key))
    assert error.value.code == "bad_signature"


def test_a_changed_proof_value_fails(document, key):
    signed = add_proof(document, key, METHOD, CREATED)
    value = signed["proof"][0]["proofValue"]
    signed["proof"][0]["proofValue"] = value[:10] + ("2" if value[10] != "2" else "3") + value[11:]
    with pytest.raises(ProofError):
        verify_proof(signed, _resolver(key))


def test_another_key_fails(document, key):
    signed = add_proof(document, key, METHOD, CREATED)
    other = Ed25519PrivateKey.generate()
    with pytest.raises(ProofError, match="does not match"):
        verify_proof(signed, _resolver(other))


def test_a_property_no_context_defines_is_refused(document, key):
    # JSON-LD would drop it silently, so the signature would not cover it: refuse instead.
    signed = add_proof(document, key, METHOD, CREATED)
    signed["credentialSubject"]["favouriteColour"] = "blue"
    with pytest.raises(ProofError) as error:
        verify_proof(signed, _resolver(key))
    assert error.value.code == "undefined_term"
    document["unknownThing"] = 1
    with pytest.raises(ProofError):
        add_proof(document, key, METHOD, CREATED)


def test_a_relative_type_is_refused(document):
    document["credentialSubject"]["type"] = ["AchievementSubject", "MadeUpType"]
    with pytest.raises(ProofError) as error:
        canonize(document)
    assert error.value.code == "undefined_term"


def test_a_relative_id_is_refused(document):
    # pyld would resolve it against a made-up base; Digital Bazaar's verifier refuses it: so do we.
    document["credentialSubject"]["achievement"]["id"] = "achievements/7"
    with pytest.raises(ProofError) as error:
        canonize(document)
    assert error.value.code == "undefined_term"


def test_control_characters_are_refused(document):
    document["name"] = "bell\x07"
    with pytest.raises(ProofError) as error:
        canonize(document)
    assert error.value.code == "control_character"


def test_a_proof_made_with_its_own_context_verifies(document, key):
    signed = add_proof(document, key, METHOD, CREATED)
    signed["proof"][0]["@context"] = document["@context"]
    verify_proof(signed, _resolver(key))
    signed["proof"][0]["@context"] = [VC_V2]
    with pytest.raises(ProofError):
        verify_proof(signed, _resolver(key))


def test_a_malformed_created_is_refused(document, key):
    with pytest.raises(ProofError, match="dateTime"):
        add_proof(document, key, METHOD, "yesterday")


def test_proof_config_hash_is_computed_once_for_a_batch(document, key):
    dataintegrity._config_hash.cache_clear()
    for number in range(3):
        add_proof({**document, "name": f"{number}"}, key, METHOD, CREATED)
    assert dataintegrity._config_hash.cache_info().misses == 1


def test_multibase_encodings():
    assert b58encode(b"\0\0hello") == "11" + b58encode(b"hello")
    assert b58decode(b58encode(b"\0\x01\xff" * 11)) == b"\0\x01\xff" * 11
    assert decode_base64url(encode_base64url(b"\xfa\xfb\xfc")) == b"\xfa\xfb\xfc"
    key = Ed25519PrivateKey.generate().public_key()
    multikey = public_key_to_multikey(key)
    assert multikey.startswith("z6Mk")
    assert multikey_to_public_key(multikey) == key
