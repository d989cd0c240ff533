"""The few multiformats encodings credentials need: base58btc ("z…"), base64url ("u…") and Multikey.

They are a few lines each, so no package is added for them.
"""

import base64

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {char: value for value, char in enumerate(_ALPHABET)}
# The multicodec prefix of an Ed25519 public key (0xed as an unsigned varint).
ED25519_PUB_PREFIX = b"\xed\x01"


class MultibaseError(ValueError):
    pass


def b58encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    chars = []
    while number:
        number, remainder = divmod(number, 58)
        chars.append(_ALPHABET[remainder])
    # Leading zero bytes are kept as leading "1"s.
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + "".join(reversed(chars))


def b58decode(text: str) -> bytes:
    number = 0
    for char in text:
        if char not in _INDEX:
            raise MultibaseError(f"not base58: {char!r}")
        number = number * 58 + _INDEX[char]
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def encode_base58btc(data: bytes) -> str:
    return "z" + b58encode(data)


def decode_base58btc(text: str) -> bytes:
    if not text.startswith("z"):
        raise MultibaseError("expected a base58btc multibase value (starting with 'z')")
    return b58decode(text[1:])


def encode_base64url(data: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def decode_base64url(text: str) -> bytes:
    if not text.startswith("u"):
        raise MultibaseError("expected a base64url multibase value (starting with 'u')")
    body = text[1:]
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except ValueError as error:
        raise MultibaseError(str(error)) from error


def public_key_to_multikey(public_key: Ed25519PublicKey) -> str:
    """The Multikey form of an Ed25519 public key: "z6Mk…" (multicodec 0xed01, base58btc)."""
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return encode_base58btc(ED25519_PUB_PREFIX + raw)


def multikey_to_public_key(multikey: str) -> Ed25519PublicKey:
    data = decode_base58btc(multikey)
    if not data.startswith(ED25519_PUB_PREFIX) or len(data) != 34:
        raise MultibaseError("not an Ed25519 Multikey")
    return Ed25519PublicKey.from_public_bytes(data[2:])
