"""Issuers' keys: Ed25519, encrypted at rest, published as did:web documents under the site.

The private key is encrypted with AES-GCM under a key derived (HKDF-SHA256) from
CREDENTIALS_KEY_SECRET, and the ciphertext is bound to its row (organization, number, public key),
so a ciphertext copied onto another row does not decrypt. It is decrypted only in memory, to sign.
"""

from dataclasses import dataclass
from functools import lru_cache
from os import urandom
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from django.conf import settings
from django.urls import reverse

from .contexts import DID_V1, MULTIKEY_V1
from .multibase import multikey_to_public_key, public_key_to_multikey

_FORMAT_VERSION = b"\x01"  # leaves room for another scheme beside this one later


class IssuerKeyError(Exception):
    """A key could not be decrypted or found."""


@lru_cache(maxsize=4)
def _cipher(secret: str) -> AESGCM:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"hevruta-credentials", info=b"issuer-key/v1").derive(
        secret.encode("utf-8")
    )
    return AESGCM(key)


def _associated_data(organization_id: int, number: int, public_key_multibase: str) -> bytes:
    return f"{organization_id}:{number}:{public_key_multibase}".encode()


@dataclass(frozen=True)
class NewKey:
    public_key_multibase: str
    private_key_encrypted: bytes


def generate_key(organization_id: int, number: int) -> NewKey:
    private_key = Ed25519PrivateKey.generate()
    multikey = public_key_to_multikey(private_key.public_key())
    raw = private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    nonce = urandom(12)
    sealed = _cipher(settings.CREDENTIALS_KEY_SECRET).encrypt(
        nonce, raw, _associated_data(organization_id, number, multikey)
    )
    return NewKey(multikey, _FORMAT_VERSION + nonce + sealed)


def decrypt_private_key(
    organization_id: int, number: int, public_key_multibase: str, sealed: bytes
) -> Ed25519PrivateKey:
    sealed = bytes(sealed)
    if sealed[:1] != _FORMAT_VERSION:
        raise IssuerKeyError("unknown key format")
    try:
        raw = _cipher(settings.CREDENTIALS_KEY_SECRET).decrypt(
            sealed[1:13], sealed[13:], _associated_data(organization_id, number, public_key_multibase)
        )
    except InvalidTag:
        raise IssuerKeyError("the issuer key does not decrypt: was CREDENTIALS_KEY_SECRET changed?") from None
    private_key = Ed25519PrivateKey.from_private_bytes(raw)
    if public_key_to_multikey(private_key.public_key()) != public_key_multibase:
        raise IssuerKeyError("the issuer key does not match its public key")
    return private_key


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def did_for(organization_id: int) -> str:
    """did:web:<host>[%3A<port>]:credentials:issuers:<id>, resolving to /credentials/issuers/<id>/did.json."""
    site = urlsplit(settings.SITE_URL)
    authority = site.hostname or "localhost"
    if site.port:
        authority += f"%3A{site.port}"
    document_path = site.path.rstrip("/") + reverse("credentials:issuer_did", args=[organization_id])
    segments = [segment for segment in document_path.removesuffix("/did.json").split("/") if segment]
    return ":".join(["did", "web", authority, *segments])


def organization_id_from_did(did: str) -> int | None:
    """The organization whose DID this is, if it is one of ours (the inverse of did_for)."""
    last = did.rsplit(":", 1)[-1]
    if not last.isdigit() or did != did_for(int(last)):
        return None
    return int(last)


def did_document(organization_id: int, keys: list[tuple[str, str]]) -> dict:
    """The DID document: each usable key (fragment, publicKeyMultibase) as a Multikey for assertions."""
    did = did_for(organization_id)
    methods = [
        {"id": f"{did}#{fragment}", "type": "Multikey", "controller": did, "publicKeyMultibase": multikey}
        for fragment, multikey in keys
    ]
    return {
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


def public_key(multikey: str) -> Ed25519PublicKey:
    return multikey_to_public_key(multikey)
