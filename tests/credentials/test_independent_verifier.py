"""Credentials we issue verify with an independent implementation: Digital Bazaar's vc, data-integrity
and eddsa-rdfc-2022-cryptosuite (installed from npm into tests/credentials/verifier/ by scripts/test.sh),
offline, with the contexts the package ships (hevruta/credentials/jsonld/)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from hevruta.credentials import services
from hevruta.credentials.contexts import VENDORED_DIR
from hevruta.credentials.models import StatusList
from hevruta.credentials.queries import issuer_did_document
from hevruta.credentials.verifier import verify_credential

from .conftest import as_json, change_one_character, require

VERIFIER = Path(__file__).resolve().parent / "verifier"

pytestmark = pytest.mark.django_db


@pytest.fixture
def node() -> str:
    executable = shutil.which("node")
    require(executable is not None, "node is not installed: the independent verifier cannot run")
    require(
        (VERIFIER / "node_modules" / "@digitalbazaar" / "vc").is_dir(),
        "the npm verifier is not installed: npm ci --prefix tests/credentials/verifier",
    )
    return str(executable)


def run_verifier(node: str, folder: Path, credential_text: str, did: dict, status_list: str | None = None) -> dict:
    (folder / "credential.json").write_text(credential_text, encoding="utf-8")
    (folder / "did.json").write_text(json.dumps(did), encoding="utf-8")
    command = [
        node,
        "verify.mjs",
        "--credential",
        str(folder / "credential.json"),
        "--did",
        str(folder / "did.json"),
        "--contexts",
        str(VENDORED_DIR),
    ]
    if status_list is not None:
        (folder / "status-list.json").write_text(status_list, encoding="utf-8")
        command += ["--status-list", str(folder / "status-list.json")]
    completed = subprocess.run(command, cwd=VERIFIER, capture_output=True, text=True, timeout=120, check=False)
    assert completed.stdout, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _status_list_text(credential) -> str:  # type: ignore[no-untyped-def]
    return StatusList.objects.get(pk=credential.status_list_id).signed_credential


def test_a_hebrew_credential_verifies_independently(node, tmp_path, issued, issuer):
    assert "מנחת קהילה מקצועית מוסמכת" in issued.signed_credential
    did = issuer_did_document(issuer.pk)
    result = run_verifier(node, tmp_path, issued.signed_credential, did)
    assert result == {"verified": True, "revoked": None, "error": None}
    with_status = run_verifier(node, tmp_path, issued.signed_credential, did, _status_list_text(issued))
    assert with_status == {"verified": True, "revoked": False, "error": None}


def test_a_credential_with_a_single_proof_object_verifies_independently(node, tmp_path, issued, issuer):
    # How credentials were stored before the proof became a list of one: both forms are VC 2.0.
    assert isinstance(as_json(issued)["proof"], list)
    old_form = as_json(issued)
    old_form["proof"] = old_form["proof"][0]
    result = run_verifier(node, tmp_path, json.dumps(old_form, ensure_ascii=False), issuer_did_document(issuer.pk))
    assert result == {"verified": True, "revoked": None, "error": None}


@pytest.mark.parametrize(
    ("fragment", "offset"),
    [('"name": "מנחת', 10), ('"validFrom": "', 14), ('"proofValue": "z', 30)],
)
def test_one_character_changed_fails_independently(node, tmp_path, issued, issuer, fragment, offset):
    changed = change_one_character(issued.signed_credential, fragment, offset)
    result = run_verifier(node, tmp_path, changed, issuer_did_document(issuer.pk))
    assert result["verified"] is False
    assert result["error"]


def test_a_revoked_credential_is_revoked_for_both_verifiers(node, tmp_path, issued, issuer):
    services.revoke_credential(issued, "הוענקה בטעות")
    ours = verify_credential(as_json(issued))
    assert ours.revoked and not ours.verified and ours.revocation_reason == "הוענקה בטעות"
    theirs = run_verifier(
        node, tmp_path, issued.signed_credential, issuer_did_document(issuer.pk), _status_list_text(issued)
    )
    assert theirs["verified"] is False
    assert theirs["revoked"] is True


def test_a_key_missing_from_the_did_document_fails_independently(node, tmp_path, issued, issuer):
    did = issuer_did_document(issuer.pk)
    did["assertionMethod"] = []
    assert run_verifier(node, tmp_path, issued.signed_credential, did)["verified"] is False
