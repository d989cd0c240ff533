"""Bitstring Status List: random indexes, the encoded list, revocation seen by every verifier."""

import gzip
import json

import pytest

from hevruta.credentials import services
from hevruta.credentials.models import STATUS_LIST_SIZE, IssuedCredential, StatusList
from hevruta.credentials.multibase import decode_base64url
from hevruta.credentials.services import Award
from hevruta.credentials.statuslist import bit_is_set, decode_bits, encode_bits
from hevruta.credentials.verifier import verify_credential
from tests.factories import PersonFactory

from .conftest import as_json


def test_the_bitstring_encoding_follows_the_spec():
    encoded = encode_bits(STATUS_LIST_SIZE, [0, 9, STATUS_LIST_SIZE - 1])
    assert encoded.startswith("u")  # multibase base64url, no padding
    raw = gzip.decompress(decode_base64url(encoded))
    assert len(raw) == STATUS_LIST_SIZE // 8
    assert raw[0] == 0b1000_0000  # index 0 is the leftmost bit of the first byte
    assert raw[1] == 0b0100_0000
    assert raw[-1] == 0b0000_0001
    bits = decode_bits(encoded)
    assert [index for index in (0, 1, 9, 10, STATUS_LIST_SIZE - 1) if bit_is_set(bits, index)] == [
        0,
        9,
        STATUS_LIST_SIZE - 1,
    ]


@pytest.mark.django_db
def test_indexes_are_random_and_never_reused(issuer, achievement):
    people = PersonFactory.create_batch(40)
    issued = services.issue_batch(issuer, [Award(person, achievement) for person in people])
    indexes = [credential.status_index for credential in issued]
    assert len(set(indexes)) == 40
    assert indexes != sorted(indexes)  # not in issuing order
    assert max(indexes) > 1000  # spread over the list, not packed at its start
    more = services.issue_batch(issuer, [Award(person, achievement) for person in people[:5]])
    assert not {credential.status_index for credential in more} & set(indexes)
    assert StatusList.objects.filter(issuer=issuer).count() == 1


@pytest.mark.django_db
def test_a_full_list_is_followed_by_a_new_one(issuer, achievement):
    first = services.create_status_list(issuer, services.load_signing_key(issuer))
    StatusList.objects.filter(pk=first.pk).update(size=4)
    people = PersonFactory.create_batch(6)
    issued = services.issue_batch(issuer, [Award(person, achievement) for person in people])
    by_list: dict[int, list[int]] = {}
    for credential in issued:
        by_list.setdefault(credential.status_list_id, []).append(credential.status_index)
    assert sorted(by_list[first.pk]) == [0, 1, 2, 3]
    assert len(by_list) == 2


@pytest.mark.django_db
def test_revoking_sets_the_bit_in_the_signed_list_and_every_check_sees_it(issued, issuer, world, achievement, client):
    other = services.issue_credential(issuer, world.member, achievement)
    services.revoke_credential(issued, "נמצא שהתיק הוגש בשם אדם אחר", by=world.manager.user)
    issued.refresh_from_db()
    assert issued.is_revoked and issued.revoked_by == world.manager.user

    served = client.get(f"/credentials/status/{issued.status_list_id}.json")
    assert served["Content-Type"].startswith("application/ld+json")
    status_list = served.json()
    assert status_list["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert verify_credential(status_list).verified  # the list itself is signed by the issuer
    bits = decode_bits(status_list["credentialSubject"]["encodedList"])
    assert bit_is_set(bits, issued.status_index)
    assert not bit_is_set(bits, other.status_index)

    verdict = verify_credential(as_json(issued))
    assert verdict.revoked and not verdict.verified and verdict.status == "revoked"
    assert verdict.revocation_reason == "נמצא שהתיק הוגש בשם אדם אחר"
    assert verify_credential(as_json(other)).verified


@pytest.mark.django_db
def test_revoking_twice_or_without_a_reason_is_refused(issued):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.revoke_credential(issued, "   ")
    services.revoke_credential(issued, "error")
    with pytest.raises(services.CredentialAlreadyRevoked):
        services.revoke_credential(issued, "again")
    assert IssuedCredential.objects.get(pk=issued.pk).revocation_reason == "error"


@pytest.mark.django_db
def test_a_status_list_changed_in_the_database_is_not_trusted(issued):
    status_list = StatusList.objects.get(pk=issued.status_list_id)
    document = json.loads(status_list.signed_credential)
    document["credentialSubject"]["encodedList"] = encode_bits(STATUS_LIST_SIZE, [issued.status_index])
    StatusList.objects.filter(pk=status_list.pk).update(signed_credential=json.dumps(document))
    verdict = verify_credential(as_json(issued))
    assert not verdict.verified
    assert "status could not be checked" in verdict.errors[0]
