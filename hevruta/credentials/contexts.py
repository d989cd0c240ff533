"""JSON-LD contexts for signing and verifying: only pinned ones, read from a local cache, checked by SHA-256.

A context decides what a credential's words mean, so a context that changed (or one we never
reviewed) could change what a signature covers. Each context we use is pinned here by the SHA-256
of its bytes; the bytes are read from CREDENTIALS_CONTEXT_DIR and checked every time they are read
into memory. A missing file is downloaded once (CREDENTIALS_FETCH_CONTEXTS) or by
`manage.py fetch_contexts`, and kept only when its hash matches. Any other URL is refused.
"""

import hashlib
import json
import os
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from pyld.context_resolver import ContextResolver

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
DID_V1 = "https://www.w3.org/ns/did/v1"

MAX_CONTEXT_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Pin:
    url: str
    filename: str
    sha256: str


# The Bitstring Status List terms are part of the VC 2.0 context, so no fifth context is needed.
PINNED: dict[str, Pin] = {
    pin.url: pin
    for pin in (
        Pin(VC_V2, "credentials-v2.jsonld", "8a9f494a89ecc51db093e90e84713e07e84d6d9204364a9b3c7868b21751236f"),
        Pin(OB_V3, "ob-v3p0-context-3.0.3.json", "ef2fa9c7846dce233cc166b43639027278be4ee44f00bb1d45c75de2dd0cd761"),
        Pin(MULTIKEY_V1, "multikey-v1.jsonld", "c5f3806f8286920573221938917988a18a4cc5a09e968d29649613c7a1c2b1f6"),
        Pin(DID_V1, "did-v1.jsonld", "62c1054bf404d6dd3a4b26b64f830fd72095f6a26edc4469908c94351352ce5f"),
    )
}


class ContextError(Exception):
    """A context could not be used; the message says which and why."""


class ContextNotPinned(ContextError):
    def __init__(self, url: str) -> None:
        super().__init__(f"context not pinned: {url}")
        self.url = url


class ContextMismatch(ContextError):
    def __init__(self, pin: Pin, actual: str, source: str) -> None:
        super().__init__(f"context {pin.url} from {source} has sha256 {actual}, pinned {pin.sha256}; refused")
        self.url = pin.url


FETCH_THEM = "run `manage.py fetch_contexts`"


class ContextMissing(ContextError):
    def __init__(self, pin: Pin, directory: Path, why: str = "", remedy: str = FETCH_THEM) -> None:
        super().__init__(f"context {pin.url} is not in the cache ({directory / pin.filename}){why}; {remedy}")
        self.url = pin.url


class ContextUnreachable(ContextMissing):
    def __init__(self, pin: Pin, directory: Path, reason: object) -> None:
        super().__init__(
            pin,
            directory,
            f" and could not be downloaded ({reason})",
            f"{FETCH_THEM} where the network reaches it, or copy the file there",
        )


class _BoundedCache(dict):
    """pyld's cache of processed contexts; emptied when full, since verified input may carry its own."""

    maxsize = 256

    def __setitem__(self, key: Any, value: Any) -> None:
        if len(self) >= self.maxsize:
            self.clear()
        super().__setitem__(key, value)


# Parsed pinned documents, and pyld's processed contexts, kept apart from pyld's process-wide cache so
# that nothing another caller loaded with another loader is ever used here.
_documents: dict[str, Any] = {}
_processed = _BoundedCache()


def forget_cached_contexts(**kwargs: Any) -> None:
    if kwargs.get("setting") in (None, "CREDENTIALS_CONTEXT_DIR", "CREDENTIALS_FETCH_CONTEXTS"):
        _documents.clear()
        _processed.clear()


def context_dir() -> Path:
    return Path(settings.CREDENTIALS_CONTEXT_DIR)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_pinned(pin: Pin, data: bytes, source: str) -> bytes:
    actual = sha256_hex(data)
    if actual != pin.sha256:
        raise ContextMismatch(pin, actual, source)
    return data


def load_pinned(url: str) -> Any:
    """The parsed context at a pinned URL; its bytes are checked when first read into this process."""
    pin = PINNED.get(url)
    if pin is None:
        raise ContextNotPinned(url)
    document = _documents.get(url)
    if document is None:
        document = json.loads(_read_or_fetch(pin))
        _documents[url] = document
    return document


def _read_or_fetch(pin: Pin) -> bytes:
    path = context_dir() / pin.filename
    try:
        return check_pinned(pin, path.read_bytes(), str(path))
    except FileNotFoundError:
        if not settings.CREDENTIALS_FETCH_CONTEXTS:
            raise ContextMissing(pin, context_dir()) from None
    try:
        data = fetch(pin)
    except OSError as error:  # offline, a name that does not resolve, a timeout: the network, not the data
        raise ContextUnreachable(pin, context_dir(), getattr(error, "reason", error)) from error
    store(pin, data)
    return data


def fetch(pin: Pin, timeout: float = 20) -> bytes:
    """Download a pinned context; refused unless its bytes have the pinned hash."""
    request = urllib.request.Request(  # noqa: S310 - the URL is one of the pinned https URLs above
        pin.url, headers={"Accept": "application/ld+json, application/json;q=0.9", "User-Agent": "Hevruta"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        data = response.read(MAX_CONTEXT_BYTES + 1)
    if len(data) > MAX_CONTEXT_BYTES:
        raise ContextError(f"context {pin.url} is larger than {MAX_CONTEXT_BYTES} bytes; refused")
    return check_pinned(pin, data, pin.url)


def store(pin: Pin, data: bytes) -> Path:
    """Write checked bytes into the cache atomically, so a reader never sees half a file."""
    check_pinned(pin, data, "the bytes to store")
    directory = context_dir()
    directory.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".fetch-")
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    target = directory / pin.filename
    os.replace(temporary, target)
    return target


def document_loader(url: str, options: Any = None) -> dict:
    """A pyld document loader that serves pinned contexts and nothing else (no network, no DIDs).

    "static" tells pyld the document never changes, so it keeps the processed context between
    operations (without it pyld processes every context again for every document).
    """
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": load_pinned(url),
        "tag": "static",
    }


def canonize_options() -> dict:
    """Options for pyld's RDFC-1.0 (URDNA2015) canonicalization with the pinned loader."""
    return {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": document_loader,
        "contextResolver": ContextResolver(_processed, document_loader),
    }


def find_context_error(error: BaseException | None) -> ContextError | None:
    """pyld wraps a loader's exception in its own; find ours in the chain to tell the user what happened."""
    while error is not None:
        if isinstance(error, ContextError):
            return error
        error = error.__cause__ or error.__context__
    return None
