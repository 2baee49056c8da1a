"""Ed25519 signature verification under ZIP-215 rules.

ZIP-215 (https://zips.z.cash/zip-0215) pins down what RFC 8032 leaves open: public keys
``A`` and signature points ``R`` may be any encoding that decodes to a curve point
(non-canonical and small-order ones included), ``s`` must be canonical (``s < l``), and
the cofactored equation ``[8][s]B = [8]R + [8][k]A`` is checked. Single and batch
verification therefore agree on every input, which a ledger needs: a block cannot be valid
for one validator and invalid for another depending on batch size.

Strict RFC 8032 verifiers (for example OpenSSL through ``cryptography``) may reject some
signatures with small-order or non-canonically encoded points that ZIP-215 accepts; on
honestly generated signatures they agree.
"""

from __future__ import annotations

from collections.abc import Sequence

from tabularium import _core

__all__ = ["PUBLIC_KEY_SIZE", "SIGNATURE_SIZE", "verify", "verify_batch"]

PUBLIC_KEY_SIZE = 32
SIGNATURE_SIZE = 64


def verify(public_key: bytes, message: bytes, signature: bytes) -> None:
    """Check that ``signature`` signs ``message`` under ``public_key`` (ZIP-215 rules).

    Returns ``None`` on success; never returns a boolean.

    Raises:
        tabularium.errors.InvalidSignature: the signature does not verify, including a
            ``public_key`` that is not 32 bytes or a ``signature`` that is not 64 bytes
            (the message says got/want), an undecodable point, or ``s >= l``.
        TypeError: an argument is not ``bytes``.
    """
    _core.ed25519_verify(public_key, message, signature)


def verify_batch(items: Sequence[tuple[bytes, bytes, bytes]]) -> list[bool]:
    """Verify many ``(public_key, message, signature)`` items at once.

    Returns one ``bool`` per item, equal to whether :func:`verify` succeeds on it; keys
    and signatures of the wrong length are just ``False``. Work runs in parallel chunks
    with the GIL released (a single item keeps it: releasing costs more than it saves);
    a failing chunk is bisected to find the bad items.

    Raises:
        TypeError: an item is not a 3-sequence of ``bytes``.
    """
    return _core.ed25519_verify_batch(items)
