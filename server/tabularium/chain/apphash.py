"""The application hash a replicated node reports to CometBFT after each block.

``app_hash = SHA-256("tabularium/app/v1" || height as 8-byte big-endian || log root || state
digest)``, the log root and state digest being those after the block. It binds the Merkle log
and the state together with the height, so it changes at every height (an empty block too):
CometBFT keeps making blocks with ``create_empty_blocks = false``, and a receipt's block is
pinned to one height. Every field is in the block header, so an embedded node derives the same
value from its stored headers; known-answer vectors are in ``tests/vectors/consensus/``.
"""

from __future__ import annotations

import hashlib
import struct

APP_HASH_DOMAIN = b"tabularium/app/v1"
_HEIGHT = struct.Struct(">Q")


def app_hash(height: int, log_root: bytes, state_digest: bytes) -> bytes:
    """The app hash after block ``height``. Raises ValueError on a bad height or hash length."""
    if not 0 <= height < 1 << 63:
        raise ValueError(f"height {height} is outside 0..2^63-1 (CometBFT heights are int64)")
    if len(log_root) != 32 or len(state_digest) != 32:
        raise ValueError("log root and state digest must be 32-byte SHA-256 hashes")
    return hashlib.sha256(APP_HASH_DOMAIN + _HEIGHT.pack(height) + log_root + state_digest).digest()
