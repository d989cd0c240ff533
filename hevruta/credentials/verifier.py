"""Our verifier: the proof, the issuer's key, the dates, and the revocation status, told in plain words.

Keys are resolved from our own issuers in the database (their did:web documents are ours, so no
HTTP request is made), from a DID document the caller passes in, or from a did:key itself (the key is
the identifier). A credential whose signature holds but whose issuer is none of ours is told apart from
an invalid one: "signature valid; issuer not known to this site". Another site's did:web is not fetched,
so such a credential is "not checked", not "invalid". Status lists are ours too;
a credential whose status list lives elsewhere is verified with a warning that revocation was not
checked, since this site fetches nothing from the network while verifying.
"""

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.utils import timezone
from django.utils.translation import gettext as _

from . import queries
from .contexts import PINNED, VC_V2, ContextError, load_pinned
from .dataintegrity import KeyResolver, ProofError, read_proof, verify_proof
from .keys import organization_id_from_did, public_key
from .models import IssuedCredential
from .multibase import MultibaseError
from .statuslist import bit_is_set, decode_bits

logger = logging.getLogger(__name__)
CLOCK_SKEW = timedelta(minutes=5)
MAX_INPUT_BYTES = 512 * 1024


class UnreadableInput(ValueError):
    """What was given is not JSON at all; the message says so in plain words."""


@dataclass
class Verdict:
    verified: bool = False
    revoked: bool = False
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    credential: dict | None = None
    # The key is one of our issuers' (or in the DID document the caller vouched for), not only a valid signature.
    issuer_known: bool = False
    # The issuer's key is on another site (did:web), which this site does not fetch: nothing was checked.
    unchecked: bool = False
    # Our record of the credential, when it is one we issued and its proof holds.
    record: IssuedCredential | None = None
    revocation_reason: str = ""

    @property
    def status(self) -> str:
        if self.revoked:
            return "revoked"
        if self.verified:
            return "valid" if self.issuer_known else "unknown_issuer"
        return "unchecked" if self.unchecked else "invalid"

    def as_json(self) -> dict:
        return {
            "verified": self.verified,
            "revoked": self.revoked,
            "status": self.status,
            "issuer_known": self.issuer_known,
            "errors": self.errors,
            "warnings": self.warnings,
            "revocation_reason": self.revocation_reason,
        }


def parse(data: bytes | str) -> Any:
    if len(data) > MAX_INPUT_BYTES:
        raise UnreadableInput(_("The file is too large to be a credential."))
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UnreadableInput(_("The file is not text (UTF-8); a credential is a JSON file.")) from None
    try:
        return json.loads(data)
    except RecursionError:
        raise UnreadableInput(_("The JSON is nested too deeply to be a credential.")) from None
    except json.JSONDecodeError as error:
        raise UnreadableInput(
            _("This is not valid JSON (line %(line)s, column %(column)s: %(problem)s).")
            % {"line": error.lineno, "column": error.colno, "problem": error.msg}
        ) from None


def verify_text(data: bytes | str, did_document: dict | None = None) -> Verdict:
    try:
        document = parse(data)
    except UnreadableInput as error:
        return Verdict(errors=[str(error)])
    return verify_credential(document, did_document)


def verify_credential(document: Any, did_document: dict | None = None, now: datetime | None = None) -> Verdict:
    verdict = Verdict(credential=document if isinstance(document, dict) else None)
    problem = _shape_problem(document)
    if problem:
        verdict.errors.append(problem)
        return verdict
    try:
        proof = read_proof(document)
        _check_issuer(document, proof["verificationMethod"])
        verify_proof(document, _key_resolver(did_document, verdict))
    except ProofError as error:
        verdict.errors.append(_proof_message(error))
        verdict.unchecked = error.code == "foreign_did"
        return verdict
    except (TypeError, ValueError, AttributeError, KeyError, RecursionError):
        # JSON-LD processing of a strangely shaped document can fail in ways pyld does not name; whatever
        # the cause, such a document is not verified, and the reader gets an answer, not an error page.
        logger.info("credential not verifiable", exc_info=True)
        verdict.errors.append(_("The credential is not in a form this site can verify."))
        return verdict
    if verdict.issuer_known:  # another issuer's credential may copy one of our ids; it is not our record
        verdict.record = queries.credential_by_url(str(document.get("id", "")))
    verdict.errors += _date_problems(document, now or timezone.now())
    _check_status(document, verdict)
    verdict.verified = not verdict.errors and not verdict.revoked
    if verdict.verified and not verdict.issuer_known:
        verdict.warnings.insert(
            0,
            _(
                "Signature valid; issuer not known to this site. The credential was signed by %(issuer)s and not "
                "changed since, but this site cannot tell who that is."
            )
            % {"issuer": _issuer_id(document)},
        )
    return verdict


def _shape_problem(document: Any) -> str:
    if not isinstance(document, dict):
        return _("A credential is a JSON object; this is not one.")
    contexts = document.get("@context")
    contexts = contexts if isinstance(contexts, list) else [contexts]
    if not contexts or contexts[0] != VC_V2:
        return _("This is not a Verifiable Credential 2.0: its first @context must be %(url)s.") % {"url": VC_V2}
    for context in contexts:
        if not isinstance(context, str):
            return _("The credential defines its own terms in an embedded context; only pinned contexts are accepted.")
        if context not in PINNED:
            return _("The credential uses a context this site does not trust: %(url)s") % {"url": context}
        try:
            load_pinned(context)
        except ContextError as error:
            return _("A context could not be loaded on this site: %(problem)s") % {"problem": error}
    types = document.get("type")
    if "VerifiableCredential" not in (types if isinstance(types, list) else [types]):
        return _("The credential's type does not include VerifiableCredential.")
    return ""


def _issuer_id(document: dict) -> str:
    issuer = document.get("issuer")
    return str(issuer.get("id", "")) if isinstance(issuer, dict) else str(issuer or "")


def _check_issuer(document: dict, verification_method: str) -> None:
    if verification_method.partition("#")[0] != _issuer_id(document):
        raise ProofError("issuer_mismatch", "the verification method is not the issuer's")


def _key_resolver(did_document: dict | None, verdict: Verdict | None = None) -> KeyResolver:
    def resolve(verification_method: str) -> Ed25519PublicKey:
        multikey = _multikey_in(did_document, verification_method) if did_document else None
        if multikey is None:
            key = queries.verification_key(verification_method)
            multikey = key.public_key_multibase if key else None
        if multikey is not None and verdict is not None:
            verdict.issuer_known = True
        if multikey is None:
            multikey = _did_key_multikey(verification_method)
        if multikey is None:
            did = verification_method.partition("#")[0]
            if did.startswith("did:web:") and organization_id_from_did(did) is None:
                raise ProofError("foreign_did", did)
            raise ProofError("unknown_key", f"unknown verification method {verification_method}")
        try:
            return public_key(multikey)
        except (MultibaseError, ValueError) as error:
            raise ProofError("unknown_key", f"not an Ed25519 Multikey: {error}") from error

    return resolve


def _did_key_multikey(verification_method: str) -> str | None:
    """A did:key is its own public key (did:key:z6Mk…#z6Mk…): resolved here, with no document and no network."""
    did, _, fragment = verification_method.partition("#")
    multikey = did.removeprefix("did:key:")
    if not did.startswith("did:key:") or fragment != multikey or not multikey.startswith("z6Mk"):
        return None
    return multikey


def _multikey_in(did_document: dict, verification_method: str) -> str | None:
    """The key of a verification method listed for assertions in a DID document we were given."""
    did = did_document.get("id")
    if not isinstance(did, str) or verification_method.partition("#")[0] != did:
        return None

    def absolute(reference: Any) -> Any:
        reference = reference.get("id") if isinstance(reference, dict) else reference
        return did + reference if isinstance(reference, str) and reference.startswith("#") else reference

    if verification_method not in [absolute(item) for item in did_document.get("assertionMethod", [])]:
        return None
    methods = [*did_document.get("verificationMethod", []), *did_document.get("assertionMethod", [])]
    for method in methods:
        if isinstance(method, dict) and absolute(method) == verification_method and method.get("type") == "Multikey":
            value = method.get("publicKeyMultibase")
            return value if isinstance(value, str) else None
    return None


def _proof_message(error: ProofError) -> str:
    messages = {
        "context": _("A context could not be used: %(detail)s"),
        "undefined_term": _(
            "The credential contains something no context defines (%(detail)s), so the signature would not cover it."
        ),
        "invalid_jsonld": _("The credential is not valid JSON-LD: %(detail)s"),
        "control_character": _("The credential contains control characters, which cannot be verified reliably."),
        "no_proof": _("The credential is not signed (it has no proof)."),
        "unsupported_proof": _("The credential's proof is of a kind this site does not check: %(detail)s"),
        "malformed_proof": _("The credential's proof is malformed: %(detail)s"),
        "unknown_key": _("The signing key is not one of this site's issuers, or it was revoked."),
        "foreign_did": _(
            "The issuer's keys are published on another site (%(detail)s), which this site does not fetch while "
            "verifying, so the signature was not checked. Check it with a verifier that resolves did:web."
        ),
        "issuer_mismatch": _("The credential was signed with a key that does not belong to its issuer."),
        "bad_signature": _("The signature does not match: the credential was changed after it was signed."),
    }
    message = messages.get(error.code, _("The credential could not be verified: %(detail)s"))
    return message % {"detail": str(error)} if "%(detail)s" in message else message


def _parse_datetime(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def _date_problems(document: dict, now: datetime) -> list[str]:
    problems = []
    for name in ("validFrom", "validUntil"):
        if name in document and _parse_datetime(document[name]) is None:
            problems.append(_("The credential's %(field)s is not a date and time.") % {"field": name})
    valid_from = _parse_datetime(document.get("validFrom"))
    valid_until = _parse_datetime(document.get("validUntil"))
    if valid_from and valid_from - CLOCK_SKEW > now:
        problems.append(_("The credential is not valid before %(date)s.") % {"date": document["validFrom"]})
    if valid_until and valid_until + CLOCK_SKEW < now:
        problems.append(_("The credential expired on %(date)s.") % {"date": document["validUntil"]})
    return problems


def _check_status(document: dict, verdict: Verdict) -> None:
    entries = document.get("credentialStatus") or []
    for entry in entries if isinstance(entries, list) else [entries]:
        if not isinstance(entry, dict) or entry.get("type") != "BitstringStatusListEntry":
            verdict.warnings.append(_("The credential's status is of a kind this site does not check."))
            continue
        if entry.get("statusPurpose") != "revocation":
            verdict.warnings.append(_("Only revocation is checked; other status purposes are not."))
            continue
        _check_revocation(document, entry, verdict)
    if verdict.revoked and verdict.record is not None:
        verdict.revocation_reason = verdict.record.revocation_reason


def _check_revocation(document: dict, entry: dict, verdict: Verdict) -> None:
    status_list = queries.status_list_by_url(str(entry.get("statusListCredential", "")))
    if status_list is None:
        verdict.warnings.append(
            _("The credential's status list is not published by this site, so revocation was not checked.")
        )
        return
    index = entry.get("statusListIndex")
    try:
        bits = _verified_bits(status_list.signed_credential, _issuer_id(document))
        revoked = bit_is_set(bits, int(str(index)))
    except (ProofError, ValueError, IndexError, MultibaseError, OSError) as error:
        verdict.errors.append(_("The credential's status could not be checked: %(problem)s") % {"problem": error})
        return
    verdict.revoked = verdict.revoked or revoked


# Status lists change only when one is revoked; a verified list is remembered by the hash of its text.
_verified_lists: dict[str, bytes] = {}


def _verified_bits(signed_text: str, issuer_id: str) -> bytes:
    cache_key = hashlib.sha256(f"{issuer_id}\n{signed_text}".encode()).hexdigest()
    if cache_key in _verified_lists:
        return _verified_lists[cache_key]
    document = json.loads(signed_text)
    if _issuer_id(document) != issuer_id:
        raise ProofError("issuer_mismatch", "the status list is not the credential issuer's")
    verify_proof(document, _key_resolver(None))
    subject = document.get("credentialSubject") or {}
    if subject.get("statusPurpose") != "revocation":
        raise ProofError("malformed_proof", "the status list is not for revocation")
    bits = decode_bits(str(subject.get("encodedList", "")))
    if len(_verified_lists) > 64:
        _verified_lists.clear()
    _verified_lists[cache_key] = bits
    return bits
