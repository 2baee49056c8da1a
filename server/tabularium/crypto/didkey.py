"""``did:key`` identifiers for Ed25519 public keys, and the base58btc codec they use.

A ``did:key`` for an Ed25519 key (https://w3c-ccg.github.io/did-method-key/) is::

    did:key:z<base58btc(0xed 0x01 || public_key)>

``0xed01`` is the unsigned-varint multicodec ``ed25519-pub``; ``z`` is the multibase
prefix of base58btc (Bitcoin alphabet). The key's one verification method is the DID
with its own method-specific identifier as fragment: ``did:key:z6Mk…#z6Mk…``.

Only Ed25519 keys are supported; any other multicodec is refused. Base58 is implemented
here (a few lines of integer arithmetic) rather than taken from a dependency.
"""

from __future__ import annotations

from tabularium.errors import InvalidArgument

__all__ = [
    "DID_KEY_PREFIX",
    "ED25519_PUB_MULTICODEC",
    "base58btc_decode",
    "base58btc_encode",
    "did_key",
    "public_key_from_did_key",
    "verification_method",
]

DID_KEY_PREFIX = "did:key:"
ED25519_PUB_MULTICODEC = b"\xed\x01"
_PUBLIC_KEY_SIZE = 32
_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {c: i for i, c in enumerate(_ALPHABET)}


def base58btc_encode(data: bytes) -> str:
    """Encode ``data`` in base58 with the Bitcoin alphabet (no multibase prefix).

    Each leading zero byte becomes a leading ``1``.
    """
    zeros = len(data) - len(data.lstrip(b"\x00"))
    n = int.from_bytes(data, "big")
    digits: list[str] = []
    while n:
        n, r = divmod(n, 58)
        digits.append(_ALPHABET[r])
    return "1" * zeros + "".join(reversed(digits))


def base58btc_decode(text: str) -> bytes:
    """Decode base58 (Bitcoin alphabet, no multibase prefix).

    Raises:
        ValueError: ``text`` holds a character outside the alphabet.
    """
    n = 0
    for c in text:
        try:
            n = n * 58 + _INDEX[c]
        except KeyError:
            raise ValueError(f"character {c!r} is not in the base58btc alphabet") from None
    zeros = len(text) - len(text.lstrip("1"))
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    return b"\x00" * zeros + body


def _check_public_key(public_key: bytes) -> None:
    if not isinstance(public_key, bytes):
        raise TypeError(f"public_key is {type(public_key).__name__}, want bytes")
    if len(public_key) != _PUBLIC_KEY_SIZE:
        raise InvalidArgument(
            "DID_INVALID",
            f"Ed25519 public key has {len(public_key)} bytes, want {_PUBLIC_KEY_SIZE}",
        )


def _multibase_key(public_key: bytes) -> str:
    _check_public_key(public_key)
    return "z" + base58btc_encode(ED25519_PUB_MULTICODEC + public_key)


def did_key(public_key: bytes) -> str:
    """Return the ``did:key`` of a 32-byte Ed25519 public key (``did:key:z6Mk…``).

    Raises:
        tabularium.errors.InvalidArgument: reason ``DID_INVALID``, the key is not 32 bytes.
        TypeError: ``public_key`` is not ``bytes``.
    """
    return DID_KEY_PREFIX + _multibase_key(public_key)


def verification_method(public_key: bytes) -> str:
    """Return the key's verification method id, ``did:key:z6Mk…#z6Mk…``.

    Raises:
        tabularium.errors.InvalidArgument: reason ``DID_INVALID``, the key is not 32 bytes.
        TypeError: ``public_key`` is not ``bytes``.
    """
    mb = _multibase_key(public_key)
    return f"{DID_KEY_PREFIX}{mb}#{mb}"


def _invalid(did: object, why: str) -> InvalidArgument:
    return InvalidArgument("DID_INVALID", f"{did!r} is not an Ed25519 did:key: {why}")


def public_key_from_did_key(did: str) -> bytes:
    """Return the 32-byte Ed25519 public key named by a ``did:key`` or one of its DID URLs.

    Accepts ``did:key:z6Mk…`` and ``did:key:z6Mk…#fragment``; a fragment, when present,
    must be the method-specific identifier itself (the only verification method a
    ``did:key`` has). Paths and queries are refused.

    Raises:
        tabularium.errors.InvalidArgument: reason ``DID_INVALID``, with a message saying
            what is wrong (not a ``did:key``, not base58btc, not ``ed25519-pub``, wrong key
            length, unknown fragment).
    """
    if not isinstance(did, str):
        raise _invalid(did, f"got {type(did).__name__}, want str")
    if not did.startswith(DID_KEY_PREFIX):
        raise _invalid(did, f"does not start with {DID_KEY_PREFIX!r}")
    msid, hash_sign, fragment = did[len(DID_KEY_PREFIX) :].partition("#")
    if "/" in msid or "?" in msid:
        raise _invalid(did, "paths and queries are not supported")
    if not msid.startswith("z"):
        raise _invalid(did, "method-specific id must be multibase base58btc (start with 'z')")
    try:
        raw = base58btc_decode(msid[1:])
    except ValueError as exc:
        raise _invalid(did, str(exc)) from None
    if not raw.startswith(ED25519_PUB_MULTICODEC):
        raise _invalid(did, f"multicodec is 0x{raw[:2].hex()}, want 0xed01 (ed25519-pub)")
    key = raw[len(ED25519_PUB_MULTICODEC) :]
    if len(key) != _PUBLIC_KEY_SIZE:
        raise _invalid(did, f"public key has {len(key)} bytes, want {_PUBLIC_KEY_SIZE}")
    if hash_sign and fragment != msid:
        raise _invalid(did, f"fragment {fragment!r} is not the key's verification method")
    # Refuse non-canonical spellings so that each key has exactly one DID.
    if _multibase_key(key) != msid:
        raise _invalid(did, "non-canonical base58btc encoding")
    return key
