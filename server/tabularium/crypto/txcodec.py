"""Native decoding of a batch of transactions: strict protobuf decoding, the static checks of
:func:`tabularium.chain.tx.decode_transaction` that need no action decoder, SHA-256 hashes and
ZIP-215 batch verification of every signature, in one call with the GIL released (a batch of
a single transaction keeps it: releasing costs more than its ~60 µs of work, see
``core_ext/src/lib.rs``).

A transaction that fails a check comes back as its :class:`Rejection` only; the caller re-runs
the Python decoder on it for the exact error (so messages are defined once, in Python).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from tabularium import _core

__all__ = ["REJECTION_REASONS", "Decoded", "Rejection", "decode_batch"]

# The Python ``reason`` of each code the extension returns, from the crate itself
# (``tabularium_txcodec::Rejection::ALL``): TX_TOO_LARGE, TX_MALFORMED, ... in check order.
REJECTION_REASONS: tuple[str, ...] = _core.TXCODEC_REASONS


@dataclass(frozen=True, slots=True)
class Rejection:
    """A transaction failed a static check; ``reason`` is the Python error's reason."""

    code: int

    @property
    def reason(self) -> str:
        return REJECTION_REASONS[self.code]


class Decoded(NamedTuple):
    """A transaction that passed every static check but the action's own decoder (a named
    tuple: the extension returns plain tuples, which this wraps without copying fields)."""

    body: bytes
    chain_id: str
    nonce: bytes
    not_before_us: int
    not_after_us: int
    signers: tuple[bytes, ...]
    signatures: tuple[bytes, ...]  # aligned with ``signers``
    type_url: str
    value: bytes
    memo: str
    tx_hash: bytes  # SHA-256(raw)
    leaf_hash: bytes  # SHA-256(0x00 || raw)
    sig_ok: bool  # every signature verifies over "tabularium/tx/v1" || 0x00 || body


# Python ints are unbounded; the extension takes i64 sizes and an i128 window. Clamping
# changes no comparison: sizes are compared with buffer lengths, windows with differences of
# two timestamps' microseconds (|x| < 2**85).
_I64, _I128 = 2**63 - 1, 2**127 - 1


def _clamp(value: int, bound: int) -> int:
    return max(-bound - 1, min(value, bound))


def decode_batch(
    raws: Sequence[bytes],
    *,
    chain_id: str,
    max_window_us: int,
    max_tx_bytes: int,
    ceiling: int,
    action_max_bytes: Mapping[str, int],
) -> list[Decoded | Rejection]:
    """Decode and check each of ``raws``; one :class:`Decoded` or :class:`Rejection` per item.

    ``ceiling`` is the size no transaction may exceed; ``action_max_bytes`` maps every
    registered action type URL to its own size limit (0: ``max_tx_bytes``).

    Raises:
        TypeError: an item of ``raws`` is not ``bytes``.
    """
    items = _core.tx_decode_batch(
        list(raws),
        # A str that is not UTF-8 (lone surrogates) must match no chain id: "surrogatepass"
        # makes bytes that are not UTF-8, which no decoded chain_id can equal.
        chain_id.encode("utf-8", "surrogatepass"),
        _clamp(max_window_us, _I128),
        _clamp(max_tx_bytes, _I64),
        _clamp(ceiling, _I64),
        {url: _clamp(limit, _I64) for url, limit in action_max_bytes.items()},
    )
    make = Decoded._make
    return [Rejection(item) if isinstance(item, int) else make(item) for item in items]
