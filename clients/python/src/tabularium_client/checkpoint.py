"""C2SP signed-note checkpoints (``tlog-checkpoint``) and the pinned log key that signs them.

A checkpoint note is::

    <origin>\\n<tree size>\\n<base64 root hash>\\n\\n— <key name> <base64(key hash || signature)>\\n

The key hash is the first 4 bytes of SHA-256(key name || 0x0A || 0x01 || public key), 0x01
naming Ed25519; the Ed25519 signature covers the note body (the lines before the blank line,
each with its newline). Other signature lines (cosignatures by witnesses) are ignored.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from tabularium_client.errors import (
    BAD_CHECKPOINT_SIGNATURE,
    CHECKPOINT_MALFORMED,
    CHECKPOINT_WRONG_ORIGIN,
    VERIFIER_KEY_INVALID,
    VerificationError,
)

ED25519_ALG = 0x01
SIGNATURE_PREFIX = "\u2014 "  # em dash, space
_DECIMAL = re.compile(r"0|[1-9][0-9]*")


def key_hash(name: str, public_key: bytes) -> bytes:
    """First 4 bytes of SHA-256(name || 0x0A || 0x01 || public key)."""
    return hashlib.sha256(name.encode() + b"\n" + bytes([ED25519_ALG]) + public_key).digest()[:4]


def _b64(text: str) -> bytes:
    """Strict standard base64 (with padding); raises binascii.Error."""
    return base64.b64decode(text.encode("ascii", errors="strict"), validate=True)


@dataclass(frozen=True, slots=True)
class LogKey:
    """The log's checkpoint key as a verifier pins it: a note key name and Ed25519 public key."""

    name: str
    public_key: bytes

    @property
    def key_hash(self) -> bytes:
        return key_hash(self.name, self.public_key)

    def encode(self) -> str:
        """The C2SP verifier key string ``<name>+<hex key hash>+<base64(0x01 || key)>``."""
        blob = base64.b64encode(bytes([ED25519_ALG]) + self.public_key).decode()
        return f"{self.name}+{self.key_hash.hex()}+{blob}"

    @classmethod
    def parse(cls, text: str) -> LogKey:
        """Parse a verifier key string (as `GetLogInfo.verifier_key` and `tabularium status`
        print it). Raises VerificationError(VERIFIER_KEY_INVALID)."""
        parts = text.strip().split("+", 2)
        if len(parts) != 3 or not parts[0]:
            raise VerificationError(VERIFIER_KEY_INVALID, "want <name>+<key hash>+<key>")
        name, hash_hex, blob = parts
        try:
            raw = _b64(blob)
        except (binascii.Error, UnicodeEncodeError) as exc:
            raise VerificationError(VERIFIER_KEY_INVALID, "key is not base64") from exc
        if len(raw) != 33 or raw[0] != ED25519_ALG:
            raise VerificationError(VERIFIER_KEY_INVALID, "key is not a 0x01 Ed25519 key")
        key = cls(name, raw[1:])
        if key.key_hash.hex() != hash_hex.lower():
            raise VerificationError(
                VERIFIER_KEY_INVALID,
                f"key hash is {hash_hex}, the key's is {key.key_hash.hex()}",
            )
        return key


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """What the log committed to: ``root`` of its first ``size`` entries, under ``origin``."""

    origin: str
    size: int
    root: bytes
    body: bytes
    """The signed part of the note."""
    note: bytes
    """The whole note as received."""


def _malformed(why: str) -> VerificationError:
    return VerificationError(CHECKPOINT_MALFORMED, why)


def parse_checkpoint(note: bytes) -> Checkpoint:
    """Parse a checkpoint note without checking signatures.

    Raises VerificationError(CHECKPOINT_MALFORMED) unless the note is UTF-8 with a body of at
    least three lines (non-empty origin, canonical decimal size, base64 32-byte root), a blank
    line, and a non-empty signature block ending in a newline whose lines start with an em dash.
    """
    try:
        text = note.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _malformed("note is not UTF-8") from exc
    body_text, sep, signatures = text.partition("\n\n")
    if not sep:
        raise _malformed("no blank line before the signatures")
    lines = body_text.split("\n")
    if len(lines) < 3:
        raise _malformed(f"body has {len(lines)} lines, want at least 3")
    origin, size_text, root_text = lines[:3]
    if not origin:
        raise _malformed("origin line is empty")
    if not _DECIMAL.fullmatch(size_text):
        raise _malformed(f"tree size {size_text!r} is not a canonical decimal number")
    try:
        root = _b64(root_text)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise _malformed("root hash is not base64") from exc
    if len(root) != 32:
        raise _malformed(f"root hash has {len(root)} bytes, want 32")
    if not signatures.endswith("\n"):
        raise _malformed("signature block is empty or does not end with a newline")
    for line in signatures[:-1].split("\n"):
        if not line.startswith(SIGNATURE_PREFIX):
            raise _malformed(f"signature line {line!r} does not start with an em dash")
    return Checkpoint(origin, int(size_text), root, (body_text + "\n").encode(), note)


def verify_checkpoint(note: bytes, log_key: LogKey, *, origin: str | None = None) -> Checkpoint:
    """Parse ``note`` and check that ``log_key`` signed it (and its origin, if given).

    Raises VerificationError: CHECKPOINT_MALFORMED, CHECKPOINT_WRONG_ORIGIN, or
    BAD_CHECKPOINT_SIGNATURE when no signature line by ``log_key`` verifies.
    """
    checkpoint = parse_checkpoint(note)
    if origin is not None and checkpoint.origin != origin:
        raise VerificationError(
            CHECKPOINT_WRONG_ORIGIN, f"origin is {checkpoint.origin!r}, want {origin!r}"
        )
    signatures = note[len(checkpoint.body) + 1 : -1].decode()  # slice bytes: body is bytes
    for line in signatures.split("\n"):
        name, _, blob = line[len(SIGNATURE_PREFIX) :].rpartition(" ")
        if name != log_key.name:
            continue
        try:
            raw = _b64(blob)
        except (binascii.Error, UnicodeEncodeError):
            continue
        if len(raw) != 68 or raw[:4] != log_key.key_hash:
            continue
        try:
            Ed25519PublicKey.from_public_bytes(log_key.public_key).verify(raw[4:], checkpoint.body)
        except (InvalidSignature, ValueError) as exc:
            raise VerificationError(
                BAD_CHECKPOINT_SIGNATURE, f"signature by {log_key.name!r} does not verify"
            ) from exc
        return checkpoint
    raise VerificationError(
        BAD_CHECKPOINT_SIGNATURE, f"no signature by key {log_key.name!r} ({log_key.key_hash.hex()})"
    )
