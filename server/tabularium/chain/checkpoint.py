"""C2SP signed-note checkpoints (``tlog-checkpoint``) for the Merkle log.

A checkpoint note is::

    <origin>\\n<tree size>\\n<base64 root hash>\\n\\n— <key name> <base64(key hash || signature)>\\n

The key hash is the first 4 bytes of SHA-256(key name || 0x0A || 0x01 || public key), where 0x01
identifies Ed25519; the signature covers the note body (the first three lines with their
newlines).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium.crypto import ed25519
from tabularium.errors import InvalidArgument, InvalidSignature

ED25519_ALG = 0x01
SIGNATURE_PREFIX = "\u2014 "  # em dash and space


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A parsed checkpoint: what the log committed to at ``size``."""

    origin: str
    size: int
    root: bytes
    body: bytes
    note: bytes


@dataclass(frozen=True, slots=True)
class NoteVerifier:
    """A pinned signed-note key: the name and Ed25519 public key a verifier trusts."""

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
    def parse(cls, text: str) -> NoteVerifier:
        """Parse a verifier key string. Raises InvalidArgument if it is malformed."""
        parts = text.strip().split("+", 2)
        if len(parts) != 3:
            raise InvalidArgument("VERIFIER_KEY_INVALID", "verifier key must be name+hash+key")
        name, hash_hex, blob = parts
        try:
            raw = base64.b64decode(blob, validate=True)
        except binascii.Error as exc:
            raise InvalidArgument("VERIFIER_KEY_INVALID", "verifier key is not base64") from exc
        if len(raw) != 33 or raw[0] != ED25519_ALG:
            raise InvalidArgument("VERIFIER_KEY_INVALID", "verifier key is not an Ed25519 key")
        verifier = cls(name, raw[1:])
        if verifier.key_hash.hex() != hash_hex.lower():
            raise InvalidArgument("VERIFIER_KEY_INVALID", "verifier key hash does not match key")
        return verifier


def key_hash(name: str, public_key: bytes) -> bytes:
    """First 4 bytes of SHA-256(name || 0x0A || 0x01 || public key)."""
    return hashlib.sha256(name.encode() + b"\n" + bytes([ED25519_ALG]) + public_key).digest()[:4]


def note_body(origin: str, size: int, root: bytes) -> bytes:
    """The signed part of a checkpoint: origin, size and base64 root, each ending in a newline."""
    return f"{origin}\n{size}\n{base64.b64encode(root).decode()}\n".encode()


def sign_checkpoint(
    private_key: Ed25519PrivateKey, name: str, origin: str, size: int, root: bytes
) -> bytes:
    """Build and sign the checkpoint note for a tree of ``size`` leaves with ``root``."""
    body = note_body(origin, size, root)
    public_key = private_key.public_key().public_bytes_raw()
    signature = private_key.sign(body)
    blob = base64.b64encode(key_hash(name, public_key) + signature).decode()
    return body + f"\n{SIGNATURE_PREFIX}{name} {blob}\n".encode()


def parse_checkpoint(note: bytes) -> Checkpoint:
    """Parse the body of a checkpoint note, without checking signatures.

    Raises InvalidArgument (reason CHECKPOINT_MALFORMED) if the note is not well formed.
    """
    try:
        text = note.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _malformed("note is not UTF-8") from exc
    body_text, sep, _ = text.partition("\n\n")
    if not sep:
        raise _malformed("note has no blank line before its signatures")
    lines = body_text.split("\n")
    if len(lines) < 3:
        raise _malformed(f"note body has {len(lines)} lines, want at least 3")
    origin, size_text, root_text = lines[0], lines[1], lines[2]
    if not origin:
        raise _malformed("origin line is empty")
    if not size_text.isdigit() or (len(size_text) > 1 and size_text[0] == "0"):
        raise _malformed(f"tree size {size_text!r} is not a decimal number")
    try:
        root = base64.b64decode(root_text, validate=True)
    except binascii.Error as exc:
        raise _malformed("root hash is not base64") from exc
    if len(root) != 32:
        raise _malformed(f"root hash has {len(root)} bytes, want 32")
    return Checkpoint(origin, int(size_text), root, (body_text + "\n").encode(), note)


def verify_checkpoint(
    note: bytes, verifier: NoteVerifier, *, origin: str | None = None
) -> Checkpoint:
    """Parse a checkpoint and check that ``verifier`` signed it (and its origin, if given).

    Raises InvalidArgument if the note is malformed or has the wrong origin, and
    InvalidSignature if no signature line by ``verifier`` verifies.
    """
    checkpoint = parse_checkpoint(note)
    if origin is not None and checkpoint.origin != origin:
        raise InvalidArgument(
            "CHECKPOINT_WRONG_ORIGIN",
            f"checkpoint origin is {checkpoint.origin!r}, want {origin!r}",
        )
    # The body is bytes: slice bytes, so a non-ASCII origin cannot shift the signature block.
    signatures = note[len(checkpoint.body) + 1 :].decode()
    if not signatures.endswith("\n"):
        raise _malformed("signature block does not end with a newline")
    for line in signatures[:-1].split("\n"):
        if not line.startswith(SIGNATURE_PREFIX):
            raise _malformed(f"signature line {line!r} does not start with an em dash")
        name, _, blob = line[len(SIGNATURE_PREFIX) :].rpartition(" ")
        if name != verifier.name:
            continue
        try:
            raw = base64.b64decode(blob, validate=True)
        except binascii.Error as exc:
            raise _malformed("signature is not base64") from exc
        if len(raw) != 68 or raw[:4] != verifier.key_hash:
            continue
        ed25519.verify(verifier.public_key, checkpoint.body, raw[4:])
        return checkpoint
    raise InvalidSignature(f"checkpoint has no signature by key {verifier.name!r}")


def _malformed(why: str) -> InvalidArgument:
    return InvalidArgument("CHECKPOINT_MALFORMED", f"checkpoint is malformed: {why}")


# ----- witness cosignatures (C2SP tlog-cosignature, cosignature/v1) -----------------------------

COSIGNATURE_ALG = 0x04


def cosignature_message(body: bytes, timestamp: int) -> bytes:
    """What a cosigner signs: "cosignature/v1", the time line, then the checkpoint body."""
    return b"cosignature/v1\ntime %d\n" % timestamp + body


def cosignature_key_hash(name: str, public_key: bytes) -> bytes:
    """First 4 bytes of SHA-256(name || 0x0A || 0x04 || public key)."""
    return hashlib.sha256(name.encode() + b"\n" + bytes([COSIGNATURE_ALG]) + public_key).digest()[
        :4
    ]


def cosign(private_key: Ed25519PrivateKey, body: bytes, timestamp: int) -> bytes:
    """A cosigner's 64-byte signature on a checkpoint body at ``timestamp`` (Unix seconds)."""
    return private_key.sign(cosignature_message(body, timestamp))


def cosignature_line(name: str, public_key: bytes, timestamp: int, signature: bytes) -> str:
    """The note signature line: key hash, the timestamp as u64 big-endian, the signature."""
    blob = cosignature_key_hash(name, public_key) + timestamp.to_bytes(8, "big") + signature
    return f"{SIGNATURE_PREFIX}{name} {base64.b64encode(blob).decode()}\n"


def verify_cosignature(public_key: bytes, body: bytes, timestamp: int, signature: bytes) -> None:
    """Raises InvalidSignature unless ``signature`` is ``public_key``'s cosignature."""
    ed25519.verify(public_key, cosignature_message(body, timestamp), signature)
