"""The private key is encrypted at rest and appears in no page and no API answer, in any encoding."""

import base64

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from django.test import Client

from hevruta.credentials import keys
from hevruta.credentials.models import IssuerKey
from hevruta.credentials.multibase import b58encode
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _forms(secret: bytes) -> list[bytes]:
    """The ways a key could be written into a response."""
    return [
        secret,
        secret.hex().encode(),
        secret.hex().upper().encode(),
        base64.b64encode(secret).rstrip(b"="),
        base64.urlsafe_b64encode(secret).rstrip(b"="),
        b58encode(secret).encode(),
        ("z" + b58encode(b"\x80\x26" + secret)).encode(),  # a Multikey secretKeyMultibase
    ]


@pytest.fixture
def secrets_of_the_key(issued, issuer) -> list[bytes]:
    key = IssuerKey.objects.get(organization=issuer)
    encrypted = bytes(key.private_key_encrypted)
    private = keys.decrypt_private_key(issuer.pk, key.number, key.public_key_multibase, encrypted)
    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    pkcs8 = private.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
    return _forms(raw) + _forms(encrypted) + _forms(pkcs8)


def test_the_key_is_encrypted_at_rest(secrets_of_the_key, issuer):
    raw = secrets_of_the_key[0]
    stored = bytes(IssuerKey.objects.get(organization=issuer).private_key_encrypted)
    assert raw not in stored
    assert len(stored) == 1 + 12 + 32 + 16  # version, nonce, key, tag


def test_the_key_does_not_decrypt_with_another_secret_or_on_another_row(issuer, issued, settings):
    key = IssuerKey.objects.get(organization=issuer)
    encrypted = bytes(key.private_key_encrypted)
    with pytest.raises(keys.IssuerKeyError):
        keys.decrypt_private_key(issuer.pk + 1, key.number, key.public_key_multibase, encrypted)
    settings.CREDENTIALS_KEY_SECRET = "another secret"
    with pytest.raises(keys.IssuerKeyError):
        keys.decrypt_private_key(issuer.pk, key.number, key.public_key_multibase, encrypted)


def test_no_response_contains_the_private_key(world, persona, issued, issuer, secrets_of_the_key):
    client = world.client(persona)
    responses = [
        client.get(f"/credentials/{issued.pk}/"),
        client.get(f"/credentials/{issued.pk}.json"),
        client.get(f"/credentials/{issued.pk}.json?download=1"),
        client.get(f"/credentials/{issued.pk}/qr.svg"),
        client.get(f"/credentials/issuers/{issuer.pk}/did.json"),
        client.get(f"/credentials/status/{issued.status_list_id}.json"),
        client.get("/credentials/"),
        client.post("/credentials/verify/", {"text": issued.signed_credential}),
        client.get(f"/api/v1/credentials/{issued.pk}"),
        client.get("/api/v1/credentials/mine"),
        client.post("/api/v1/credentials/verify", issued.signed_credential, content_type="application/json"),
        client.get("/api/v1/openapi.json"),
    ]
    for response in responses:
        for secret in secrets_of_the_key:
            assert secret not in response.content, response.request["PATH_INFO"]


def test_the_admin_shows_only_the_public_key(issuer, issued, secrets_of_the_key):
    client = Client()
    client.force_login(UserFactory(email="operator@example.org", is_superuser=True, is_staff=True))
    key = IssuerKey.objects.get(organization=issuer)
    pages = [
        client.get("/admin/credentials/issuerkey/"),
        client.get(f"/admin/credentials/issuerkey/{key.pk}/change/"),
        client.get(f"/admin/credentials/issuedcredential/{issued.pk}/change/"),
        client.get("/admin/credentials/statuslist/"),
    ]
    for page in pages:
        assert page.status_code == 200
        for secret in secrets_of_the_key:
            assert secret not in page.content
    assert key.public_key_multibase.encode() in pages[1].content
