"""W3C Data Integrity proofs with the eddsa-rdfc-2022 cryptosuite (Data Integrity EdDSA Cryptosuites v1.0).

Signing (section 3.2 of the cryptosuite):
1. proof options: type DataIntegrityProof, cryptosuite eddsa-rdfc-2022, created, verificationMethod,
   proofPurpose; the proof configuration is those options with the document's @context;
2. canonicalize the unsecured document (without `proof`) and the proof configuration with RDFC-1.0;
3. hashData = SHA-256(canonical proof configuration) || SHA-256(canonical document);
4. sign hashData with Ed25519; proofValue is the signature in multibase base58btc ("z…").
Verifying recomputes hashData from the secured document and checks the signature with the key of the
verification method, which the caller resolves (our own issuers, or a DID document given to us).

Canonicalization refuses what JSON-LD would silently drop (a term no context defines, a relative
IRI): a dropped property is not covered by the signature, so it could be changed unnoticed. This is
what Digital Bazaar's verifier calls "safe mode"; both sides therefore agree on every credential.
"""

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyld.jsonld import JsonLdError, JsonLdProcessor

from .contexts import ContextError, canonize_options, find_context_error
from .multibase import MultibaseError, decode_base58btc, encode_base58btc

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
ASSERTION_METHOD = "assertionMethod"

# XML Schema dateTime, as the Data Integrity spec requires for `created`.
_DATETIME = re.compile(r"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
_ABSOLUTE_IRI = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*|_):")
# Control characters other than tab, newline and carriage return are escaped differently by
# RDF canonicalization libraries (pyld versus rdf-canonize), so a text containing one would not
# verify everywhere; such text is refused.
_UNPORTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ProofError(Exception):
    """Why a document could not be signed or verified: `code` for programs, the message for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class UndefinedTerm(Exception):
    def __init__(self, term: str | None) -> None:
        super().__init__(term)
        self.term = term


class _SafeProcessor(JsonLdProcessor):
    """A JSON-LD processor that fails instead of dropping data."""

    def __init__(self) -> None:
        super().__init__(on_property_dropped=self._dropped)

    @staticmethod
    def _dropped(term: str | None) -> None:
        raise UndefinedTerm(term)

    def expand(self, input_: Any, options: Any) -> Any:
        expanded = super().expand(input_, options)
        _check_absolute_iris(expanded)
        return expanded

    def _expand_iri(  # type: ignore[no-untyped-def]
        self, active_ctx, value, base=None, vocab=False, local_ctx=None, defined=None
    ):
        # pyld resolves a relative IRI against a made-up base (http://example.org/base/) where
        # rdf-canonize keeps it relative and refuses it; refuse it here too, so both sides agree.
        expanded = super()._expand_iri(active_ctx, value, None, vocab, local_ctx, defined)
        if base is None or not isinstance(expanded, str) or expanded.startswith("@"):
            return expanded
        if not _ABSOLUTE_IRI.match(expanded):
            raise UndefinedTerm(value)
        return expanded


def _check_absolute_iris(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _check_absolute_iris(item)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key in ("@id", "@type"):
            for iri in value if isinstance(value, list) else [value]:
                if isinstance(iri, str) and not iri.startswith("@") and not _ABSOLUTE_IRI.match(iri):
                    raise UndefinedTerm(iri)
        elif key != "@value":
            _check_absolute_iris(value)


def _check_portable_text(node: Any) -> None:
    if isinstance(node, str):
        if _UNPORTABLE.search(node):
            raise ProofError("control_character", "the document contains a control character")
    elif isinstance(node, list):
        for item in node:
            _check_portable_text(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            _check_portable_text(key)
            _check_portable_text(value)


def _find(error: BaseException | None, kind: type[BaseException]) -> BaseException | None:
    while error is not None:
        if isinstance(error, kind):
            return error
        error = error.__cause__ or error.__context__
    return None


def canonize(document: dict) -> str:
    """RDFC-1.0 (URDNA2015) canonical N-Quads of a JSON-LD document, with pinned contexts only."""
    _check_portable_text(document)
    try:
        return _SafeProcessor().normalize(document, canonize_options())
    except (JsonLdError, ContextError, UndefinedTerm) as error:
        context_error = find_context_error(error)
        if context_error is not None:
            raise ProofError("context", str(context_error)) from error
        undefined = _find(error, UndefinedTerm)
        if isinstance(undefined, UndefinedTerm):
            raise ProofError("undefined_term", f"no context defines {undefined.term!r}") from error
        raise ProofError("invalid_jsonld", f"not valid JSON-LD: {error}") from error


def _sha256(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


@lru_cache(maxsize=256)
def _config_hash(config_json: str) -> bytes:
    # A batch signed at one moment with one key shares one proof configuration: hash it once.
    return _sha256(canonize(json.loads(config_json)))


def proof_config_hash(config: dict) -> bytes:
    return _config_hash(json.dumps(config, sort_keys=True, ensure_ascii=False))


def hash_data(unsecured: dict, options: dict) -> bytes:
    """SHA-256 of the canonical proof configuration, then SHA-256 of the canonical document (section 3.2.4)."""
    config = {**options, "@context": unsecured["@context"]}
    return proof_config_hash(config) + _sha256(canonize(unsecured))


def proof_options(verification_method: str, created: str) -> dict:
    if not _DATETIME.match(created):
        raise ProofError("malformed_proof", f"created is not an XML Schema dateTime: {created!r}")
    return {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": ASSERTION_METHOD,
    }


def add_proof(document: dict, private_key: Ed25519PrivateKey, verification_method: str, created: str) -> dict:
    """The document with a Data Integrity proof; the input is not changed.

    The proof is written as a list of one: VC 2.0 allows a single object or a set, and Open Badges 3.0's
    official JSON schema accepts only the list. Credentials signed before (one object) still verify.
    """
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    if "@context" not in unsecured:
        raise ProofError("invalid_jsonld", "the document has no @context")
    options = proof_options(verification_method, created)
    signature = private_key.sign(hash_data(unsecured, options))
    return {**unsecured, "proof": [{**options, "proofValue": encode_base58btc(signature)}]}


@dataclass(frozen=True)
class VerifiedProof:
    verification_method: str
    created: str


KeyResolver = Callable[[str], Ed25519PublicKey]


def the_proof(document: dict) -> Any:
    """The document's one proof, whether written as an object (as we once did) or as a list of one."""
    proof = document.get("proof")
    if isinstance(proof, list) and len(proof) == 1:
        return proof[0]
    return proof


def read_proof(document: dict) -> dict:
    """The document's one proof, checked for shape; what a verifier needs before resolving a key."""
    proof = the_proof(document)
    if not isinstance(proof, dict):
        raise ProofError("no_proof", "the document has no proof (or more than one)")
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError("unsupported_proof", "the proof is not a DataIntegrityProof with eddsa-rdfc-2022")
    if proof.get("proofPurpose") != ASSERTION_METHOD:
        raise ProofError("unsupported_proof", "the proof's purpose is not assertionMethod")
    for name in ("verificationMethod", "proofValue", "created"):
        if not isinstance(proof.get(name), str):
            raise ProofError("malformed_proof", f"the proof has no {name}")
    if not _DATETIME.match(proof["created"]):
        raise ProofError("malformed_proof", "the proof's created is not an XML Schema dateTime")
    return proof


def verify_proof(document: dict, resolve_key: KeyResolver) -> VerifiedProof:
    """Check a document's eddsa-rdfc-2022 proof (section 3.2.2); raises ProofError when it does not hold."""
    proof = read_proof(document)
    options = {key: value for key, value in proof.items() if key != "proofValue"}
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    if "@context" in options:
        # A proof may carry the contexts it was made with; the document must start with them.
        proof_context = options.pop("@context")
        proof_context = proof_context if isinstance(proof_context, list) else [proof_context]
        document_context = unsecured.get("@context")
        document_context = document_context if isinstance(document_context, list) else [document_context]
        if document_context[: len(proof_context)] != proof_context:
            raise ProofError("bad_signature", "the proof's @context does not match the document's")
        unsecured["@context"] = proof_context
    try:
        signature = decode_base58btc(proof["proofValue"])
    except MultibaseError as error:
        raise ProofError("malformed_proof", f"the proofValue is not base58btc: {error}") from error
    public_key = resolve_key(proof["verificationMethod"])
    try:
        public_key.verify(signature, hash_data(unsecured, options))
    except InvalidSignature:
        raise ProofError("bad_signature", "the signature does not match the document") from None
    return VerifiedProof(verification_method=proof["verificationMethod"], created=proof["created"])
