"""Bitstring Status List v1.0: the bitstring, its encoding, and the credential that carries it."""

import gzip
import io
from collections.abc import Iterable

from .contexts import VC_V2
from .multibase import decode_base64url, encode_base64url

MAX_DECODED_BYTES = 16 * 1024 * 1024  # a status list larger than this is refused rather than inflated


def encode_bits(size: int, set_indexes: Iterable[int]) -> str:
    """Multibase base64url ("u…") of the GZIP of the bitstring; index 0 is the first byte's leftmost bit."""
    bits = bytearray((size + 7) // 8)
    for index in set_indexes:
        bits[index >> 3] |= 0x80 >> (index & 7)
    # mtime=0: the same list always encodes to the same text.
    return encode_base64url(gzip.compress(bytes(bits), mtime=0))


def decode_bits(encoded: str) -> bytes:
    compressed = decode_base64url(encoded)
    with gzip.GzipFile(fileobj=io.BytesIO(compressed)) as file:
        bits = file.read(MAX_DECODED_BYTES + 1)
    if len(bits) > MAX_DECODED_BYTES:
        raise ValueError("status list too large")
    return bits


def bit_is_set(bits: bytes, index: int) -> bool:
    if index < 0 or index >= len(bits) * 8:
        raise IndexError(index)
    return bool(bits[index >> 3] & (0x80 >> (index & 7)))


def status_list_document(url: str, issuer_did: str, valid_from: str, encoded_list: str) -> dict:
    """The unsigned BitstringStatusListCredential published at `url`."""
    return {
        "@context": [VC_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_did,
        "validFrom": valid_from,
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_list,
        },
    }


def status_entry(list_url: str, index: int) -> dict:
    """A credential's credentialStatus: its index in the list (a string, as the spec has it)."""
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }
