"""JSON-LD contexts for signing and verifying: only pinned ones, shipped in the package, checked by SHA-256.

A context decides what a credential's words mean, so a context that changed (or one we never
reviewed) could change what a signature covers. Each context we use is vendored in jsonld/ from the
npm package that publishes it, and pinned by the SHA-256 of its bytes in jsonld/manifest.json. The
loader reads the files from CREDENTIALS_CONTEXT_DIR (that folder by default) and checks them every
time they are read into memory; it never downloads anything, so signing works without a network.
Any other URL is refused. `manage.py fetch_contexts` downloads them for operators who want to check
or refresh their copy.
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


VENDORED_DIR = Path(__file__).resolve().parent / "jsonld"
MANIFEST = VENDORED_DIR / "manifest.json"


@dataclass(frozen=True)
class Pin:
    url: str
    filename: str
    sha256: str
    package: str  # the npm package the file was taken from, and its version
    version: str


def _read_manifest() -> dict[str, Pin]:
    entries = json.loads(MANIFEST.read_text(encoding="utf-8"))["contexts"]
    return {
        entry["url"]: Pin(entry["url"], entry["file"], entry["sha256"], entry["package"], entry["version"])
        for entry in entries
    }


# The Bitstring Status List terms are part of the VC 2.0 context, so no fifth context is needed.
PINNED: dict[str, Pin] = _read_manifest()


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


class ContextMissing(ContextError):
    def __init__(self, pin: Pin, directory: Path) -> None:
        super().__init__(
            f"context {pin.url} is missing from {directory / pin.filename}; the package ships it in "
            f"{VENDORED_DIR}: point CREDENTIALS_CONTEXT_DIR there, or run `manage.py fetch_contexts`"
        )
        self.url = pin.url


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
    if kwargs.get("setting") in (None, "CREDENTIALS_CONTEXT_DIR"):
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
        document = json.loads(_read(pin))
        _documents[url] = document
    return document


def _read(pin: Pin) -> bytes:
    path = context_dir() / pin.filename
    try:
        return check_pinned(pin, path.read_bytes(), str(path))
    except FileNotFoundError:
        raise ContextMissing(pin, context_dir()) from None


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
