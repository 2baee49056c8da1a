"""Signed transactions made before any clock starts: ``RegisterDocument`` with fresh digests."""

from __future__ import annotations

import os
import time

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium.documents.v1 import documents_pb2
from tabularium.txbuild import build_signed


def signed_documents(
    chain_id: str, key: Ed25519PrivateKey, count: int, digests: list[bytes] | None = None
) -> list[bytes]:
    """``count`` encoded SignedTransactions registering random digests (appended to
    ``digests`` when given), valid for the next nine minutes."""
    now = time.time_ns() // 1000
    out = []
    for _ in range(count):
        digest = os.urandom(32)
        if digests is not None:
            digests.append(digest)
        out.append(
            build_signed(
                chain_id,
                documents_pb2.RegisterDocument(sha256=digest, title="bench"),
                [key],
                now_us=now,
            )
        )
    return out
