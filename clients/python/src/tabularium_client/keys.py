"""Ed25519 keys in PEM PKCS#8 files (what `tabularium keys generate` writes)."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


def load_private_key(source: str | os.PathLike[str] | bytes) -> Ed25519PrivateKey:
    """Load an unencrypted PEM PKCS#8 Ed25519 private key from a path, or from PEM ``bytes``.

    Raises ValueError if the data is not PEM or holds another kind of key, OSError if the
    file cannot be read.
    """
    pem = source if isinstance(source, bytes) else Path(source).read_bytes()
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"not an Ed25519 private key: {type(key).__name__}")
    return key


def public_key_bytes(key: Ed25519PrivateKey) -> bytes:
    """The 32-byte raw public key, as listed in TransactionBody.signers."""
    return key.public_key().public_bytes_raw()
