"""Contexts are pinned: served from the local cache when their hash matches, refused otherwise."""

import io
import re
import urllib.error
import urllib.request

import pytest
from django.core.management import CommandError, call_command

from hevruta.credentials import contexts
from hevruta.credentials.contexts import (
    OB_V3,
    PINNED,
    VC_V2,
    ContextMismatch,
    ContextMissing,
    ContextNotPinned,
    ContextUnreachable,
    document_loader,
)
from hevruta.credentials.dataintegrity import ProofError, canonize

from .conftest import SHARED_CONTEXTS


def test_each_pinned_context_is_served_from_the_cache():
    for url in PINNED:
        remote = document_loader(url)
        assert remote["documentUrl"] == url
        assert "@context" in remote["document"]


def test_an_unknown_context_url_is_refused_with_its_url():
    with pytest.raises(ContextNotPinned, match=re.escape("context not pinned: https://example.org/my-context")):
        document_loader("https://example.org/my-context")


def test_a_document_with_an_unknown_context_is_not_canonicalized():
    document = {"@context": [VC_V2, "https://example.org/evil-context"], "type": ["VerifiableCredential"]}
    with pytest.raises(ProofError, match=re.escape("context not pinned: https://example.org/evil-context")) as error:
        canonize(document)
    assert error.value.code == "context"


def test_a_changed_file_in_the_cache_is_refused(pinned_contexts):
    path = pinned_contexts / PINNED[OB_V3].filename
    path.write_bytes(path.read_bytes().replace(b"https://schema.org/name", b"https://evil.example/name"))
    with pytest.raises(ContextMismatch, match="refused"):
        document_loader(OB_V3)


def test_a_missing_file_is_an_error_when_fetching_is_off(pinned_contexts):
    (pinned_contexts / PINNED[VC_V2].filename).unlink()
    with pytest.raises(ContextMissing, match="fetch_contexts"):
        document_loader(VC_V2)


def test_the_hash_is_checked_when_read_not_only_when_fetched(pinned_contexts):
    # A file swapped in the cache while the process was not looking is caught when first read.
    path = pinned_contexts / PINNED[VC_V2].filename
    path.write_bytes(path.read_bytes() + b"\n")
    with pytest.raises(ContextMismatch):
        document_loader(VC_V2)


def test_fetch_contexts_copies_from_a_folder_and_checks(tmp_path, settings):
    settings.CREDENTIALS_CONTEXT_DIR = tmp_path / "empty-cache"
    call_command("fetch_contexts", "--from", str(SHARED_CONTEXTS), stdout=io.StringIO())
    for pin in PINNED.values():
        assert (tmp_path / "empty-cache" / pin.filename).read_bytes() == (SHARED_CONTEXTS / pin.filename).read_bytes()


def test_fetch_contexts_refuses_a_file_with_another_hash(tmp_path, settings):
    source = tmp_path / "source"
    source.mkdir()
    for pin in PINNED.values():
        (source / pin.filename).write_bytes((SHARED_CONTEXTS / pin.filename).read_bytes())
    (source / PINNED[OB_V3].filename).write_bytes(b'{"@context": {}}')
    settings.CREDENTIALS_CONTEXT_DIR = tmp_path / "cache"
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command("fetch_contexts", "--from", str(source), stdout=io.StringIO(), stderr=stderr)
    assert OB_V3 in stderr.getvalue()
    assert not (tmp_path / "cache" / PINNED[OB_V3].filename).exists()
    assert (tmp_path / "cache" / PINNED[VC_V2].filename).exists()


class _Response(io.BytesIO):
    def __enter__(self):  # type: ignore[no-untyped-def]
        return self

    def __exit__(self, *args):  # type: ignore[no-untyped-def]
        return False


def test_a_download_is_kept_only_with_the_pinned_hash(tmp_path, settings, monkeypatch):
    settings.CREDENTIALS_CONTEXT_DIR = tmp_path / "cache"
    requested = []

    def fake_urlopen(request, timeout):  # type: ignore[no-untyped-def]
        requested.append(request.full_url)
        pin = PINNED[request.full_url]
        data = (SHARED_CONTEXTS / pin.filename).read_bytes()
        return _Response(data if request.full_url != OB_V3 else data + b" ")

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    with pytest.raises(CommandError):
        call_command("fetch_contexts", stdout=io.StringIO(), stderr=io.StringIO())
    assert sorted(requested) == sorted(PINNED)
    assert not (tmp_path / "cache" / PINNED[OB_V3].filename).exists()
    assert (tmp_path / "cache" / PINNED[VC_V2].filename).exists()


def test_the_loader_fetches_a_missing_context_once_when_allowed(tmp_path, settings, monkeypatch):
    settings.CREDENTIALS_CONTEXT_DIR = tmp_path / "cache"
    settings.CREDENTIALS_FETCH_CONTEXTS = True
    calls = []

    def fake_urlopen(request, timeout):  # type: ignore[no-untyped-def]
        calls.append(request.full_url)
        return _Response((SHARED_CONTEXTS / PINNED[request.full_url].filename).read_bytes())

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    document_loader(VC_V2)
    contexts.forget_cached_contexts()
    document_loader(VC_V2)  # read from the cache this time
    assert calls == [VC_V2]


def test_a_context_that_cannot_be_downloaded_says_so_and_how_to_get_it(tmp_path, settings, monkeypatch):
    """On a machine without the network, signing says which context is missing, not "invalid JSON-LD"."""
    settings.CREDENTIALS_CONTEXT_DIR = tmp_path / "cache"
    settings.CREDENTIALS_FETCH_CONTEXTS = True

    def offline(request, timeout):  # type: ignore[no-untyped-def]
        raise urllib.error.URLError(OSError(-2, "Name or service not known"))

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    with pytest.raises(ContextUnreachable, match=re.escape(f"context {VC_V2} is not in the cache")):
        document_loader(VC_V2)
    document = {"@context": [VC_V2], "type": ["VerifiableCredential"], "issuer": "did:example:issuer"}
    with pytest.raises(
        ProofError, match=r"could not be downloaded .*Name or service not known.*fetch_contexts"
    ) as error:
        canonize(document)
    assert error.value.code == "context"
    assert not (tmp_path / "cache" / PINNED[VC_V2].filename).exists()
