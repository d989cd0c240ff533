"""Identifiers and URIs of the CASE objects we create."""

import hashlib
import uuid

from django.conf import settings

# Identifiers we derive (rubrics, criteria) are UUIDv5 in this namespace, so that exporting the same
# framework twice, or on another server after an import, gives the same identifiers.
NAMESPACE = uuid.UUID("8c4b7a52-3d0e-4b9a-9f5e-2a1c6e0b7d43")
API_PATH = "/ims/case/v1p1"


def new_identifier() -> str:
    return str(uuid.uuid4())


def derived_identifier(*parts: str) -> str:
    """uuid.uuid5(NAMESPACE, "/".join(parts)), written out directly: exports derive tens of thousands."""
    digest = bytearray(hashlib.sha1(NAMESPACE.bytes + "/".join(parts).encode(), usedforsecurity=False).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def site_base() -> str:
    return settings.SITE_URL.rstrip("/") + API_PATH


def base_of(document_uri: str) -> str:
    """The CASE API base a document's URI lives under; ours when it is not a CASE API URI."""
    if "/CFDocuments/" in document_uri:
        return document_uri.rsplit("/CFDocuments/", 1)[0]
    return site_base()


def object_uri(base: str, kind: str, identifier: str) -> str:
    return f"{base}/{kind}/{identifier}"
