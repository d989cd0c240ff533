"""Contexts are pinned: shipped in the package, served when their hash matches, refused otherwise, never
downloaded by the loader."""

import hashlib
import io
import json
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from hevruta.credentials import contexts
from hevruta.credentials.contexts import (
    OB_V3,
    PINNED,
    VC_V2,
    VENDORED_DIR,
    ContextMismatch,
    ContextMissing,
    ContextNotPinned,
    document_loader,
)
from hevruta.credentials.dataintegrity import ProofError, canonize

from .conftest import SHARED_CONTEXTS, require


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


def test_a_missing_file_is_an_error_that_says_where_the_package_keeps_it(pinned_contexts):
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
    call_command("fetch_contexts", "--from", str(VENDORED_DIR), stdout=io.StringIO())
    for pin in PINNED.values():
        assert (tmp_path / "empty-cache" / pin.filename).read_bytes() == (VENDORED_DIR / pin.filename).read_bytes()


def test_fetch_contexts_refuses_a_file_with_another_hash(tmp_path, settings):
    source = tmp_path / "source"
    source.mkdir()
    for pin in PINNED.values():
        (source / pin.filename).write_bytes((VENDORED_DIR / pin.filename).read_bytes())
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
        data = (VENDORED_DIR / pin.filename).read_bytes()
        return _Response(data if request.full_url != OB_V3 else data + b" ")

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    with pytest.raises(CommandError):
        call_command("fetch_contexts", stdout=io.StringIO(), stderr=io.StringIO())
    assert sorted(requested) == sorted(PINNED)
    assert not (tmp_path / "cache" / PINNED[OB_V3].filename).exists()
    assert (tmp_path / "cache" / PINNED[VC_V2].filename).exists()


def test_the_vendored_files_are_the_pinned_ones_with_their_npm_package_recorded():
    manifest = json.loads((VENDORED_DIR / "manifest.json").read_text(encoding="utf-8"))["contexts"]
    assert {entry["url"] for entry in manifest} == set(PINNED) == {VC_V2, OB_V3, contexts.MULTIKEY_V1, contexts.DID_V1}
    readme = (VENDORED_DIR / "README.md").read_text(encoding="utf-8")
    for entry in manifest:
        data = (VENDORED_DIR / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["file"]
        assert entry["package"] and re.fullmatch(r"\d+\.\d+\.\d+", entry["version"])
        assert entry["integrity"].startswith("sha512-")
        assert (VENDORED_DIR / entry["license"]).is_file()
        assert f"| {entry['url']} | {entry['file']} | {entry['package']} | {entry['version']} |" in readme


def test_the_vendored_files_equal_the_reference_copies():
    require(SHARED_CONTEXTS.is_dir(), f"the reference contexts are missing: {SHARED_CONTEXTS}")
    for pin in PINNED.values():
        assert (VENDORED_DIR / pin.filename).read_bytes() == (SHARED_CONTEXTS / pin.filename).read_bytes()


def test_by_default_the_loader_reads_the_package_and_never_the_network(settings, no_network):
    from hevruta import settings as defaults

    assert Path(str(defaults.CREDENTIALS_CONTEXT_DIR)) == VENDORED_DIR
    settings.CREDENTIALS_CONTEXT_DIR = Path(str(defaults.CREDENTIALS_CONTEXT_DIR))
    document = {"@context": [VC_V2, OB_V3], "type": ["VerifiableCredential"], "issuer": "did:example:issuer"}
    assert "did:example:issuer" in canonize(document)
    assert no_network == []


def test_a_missing_context_is_not_downloaded(pinned_contexts, no_network):
    (pinned_contexts / PINNED[VC_V2].filename).unlink()
    document = {"@context": [VC_V2], "type": ["VerifiableCredential"], "issuer": "did:example:issuer"}
    with pytest.raises(ProofError, match=re.escape(f"context {VC_V2} is missing from")) as error:
        canonize(document)
    assert error.value.code == "context"
    assert no_network == []


def test_fetch_contexts_check_compares_the_publishers_bytes_and_stores_nothing(pinned_contexts, monkeypatch):
    def fake_urlopen(request, timeout):  # type: ignore[no-untyped-def]
        data = (VENDORED_DIR / PINNED[request.full_url].filename).read_bytes()
        return _Response(data if request.full_url != OB_V3 else data.replace(b"narrative", b"narrated"))

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    (pinned_contexts / PINNED[VC_V2].filename).unlink()
    stdout, stderr = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="differ from their pins"):
        call_command("fetch_contexts", "--check", stdout=stdout, stderr=stderr)
    assert f"same     {VC_V2}" in stdout.getvalue()
    assert OB_V3 in stderr.getvalue()
    assert not (pinned_contexts / PINNED[VC_V2].filename).exists()


def test_fetch_contexts_says_why_a_download_failed(tmp_path, settings, no_network):
    settings.CREDENTIALS_CONTEXT_DIR = tmp_path / "cache"
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="4 context"):
        call_command("fetch_contexts", stdout=io.StringIO(), stderr=stderr)
    assert "network access blocked" in stderr.getvalue()
