"""``tabularium verify``: recompute everything a node stored and report the first difference.

For every block, in order: the header chain (previous hash, heights, entry ranges, time), every
entry (decodes, signatures verify, hash index points back to it), every tree node the block
created (recomputed from the entries), the log root, the signed checkpoint, and the state
digest, by re-executing the block's transactions from genesis. Finally the stored state must
equal the replayed state. Any byte changed behind the server's back shows up as a
DataCorruption naming the first bad entry index or block height.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tabularium.chain import executor
from tabularium.chain.actions import ActionRegistry
from tabularium.chain.checkpoint import NoteVerifier, verify_checkpoint
from tabularium.chain.genesis import Genesis
from tabularium.chain.ledger import (
    Head,
    build_block,
    decode_header,
    expired_nonce_keys,
    genesis_header,
    head_header,
    header_time_us,
    verify_signatures,
)
from tabularium.chain.tx import decode_transaction
from tabularium.errors import DataCorruption, DomainError, TabulariumError
from tabularium.ledger.v1 import ledger_pb2
from tabularium.storage import ReadTxn, Store

Progress = Callable[[int, int], None]
_REPLAY_MAX_TX_BYTES = 1 << 30


@dataclass(frozen=True, slots=True)
class VerifyReport:
    height: int
    tree_size: int
    root: bytes
    state_digest: bytes


class _ReplayState:
    """State rebuilt from genesis by re-execution. Result records are checked against the
    store block by block and then dropped, so memory grows with live state only."""

    def __init__(self) -> None:
        self.values: dict[bytes, bytes] = {}
        self._expiry_heap: list[bytes] = []

    def apply(self, writes: list[tuple[bytes, bytes | None]]) -> None:
        for key, value in writes:
            if key.startswith(executor.RESULT_PREFIX):
                continue
            if value is None:
                self.values.pop(key, None)
            else:
                if key.startswith(executor.NONCE_EXPIRY_PREFIX) and key not in self.values:
                    heapq.heappush(self._expiry_heap, key)
                self.values[key] = value

    def expiry_range(self, prefix: bytes) -> Iterator[tuple[bytes, bytes]]:
        """Nonce-expiry keys in ascending order; a key is popped only once the consumer asks
        for the next one (that is, once it has taken this one for pruning)."""
        assert prefix == executor.NONCE_EXPIRY_PREFIX
        while self._expiry_heap:
            key = self._expiry_heap[0]
            yield key, b""
            heapq.heappop(self._expiry_heap)


def verify_store(
    store: Store,
    actions: ActionRegistry,
    progress: Progress | None = None,
    *,
    prepare: bool = True,
) -> VerifyReport:
    """Verify a whole store. Raises DataCorruption describing the first problem found. With
    ``prepare`` off, the replay runs no domain prepare hook: every check runs in its handler,
    so matching state digests also show that the hooks changed no outcome."""
    with store.read() as txn:
        raw_genesis = txn.meta("genesis")
        if raw_genesis is None:
            raise DataCorruption("no genesis: this folder holds no chain")
        genesis = Genesis.decode(raw_genesis)
        verifier = _node_verifier(txn, genesis)
        top, raw_top = head_header(txn)
        total_entries = int(decode_header(raw_top).log_size)
        head, replay = _verify_genesis_block(txn, genesis, verifier)
        for height in range(1, top + 1):
            head = _verify_block(txn, height, head, replay, genesis, verifier, actions, prepare)
            if progress is not None:
                progress(head.size, total_entries)
        if txn.block_header(top + 1) is not None:
            raise DataCorruption(f"block {top + 1}: stored beyond the recorded head {top}")
        if txn.entry(head.size) is not None:
            raise DataCorruption(f"entry {head.size}: stored beyond the log size {head.size}")
        _compare_final_state(txn, replay)
    return VerifyReport(top, head.size, head.root, head.state_digest)


def _node_verifier(txn: ReadTxn, genesis: Genesis) -> NoteVerifier:
    """The key this node signs its checkpoints with: genesis' one key, or in a network the
    agency's whose signature checkpoint 0 carries (each node signs its own, and only its own)."""
    signers = [NoteVerifier(name, key) for name, key in genesis.signers()]
    if len(signers) == 1:
        return signers[0]
    note = txn.checkpoint(0)
    for verifier in signers:
        try:
            verify_checkpoint(note or b"", verifier, origin=genesis.origin)
        except TabulariumError:
            continue
        return verifier
    raise DataCorruption("checkpoint 0 is not signed by any agency named in genesis")


def _verify_genesis_block(
    txn: ReadTxn, genesis: Genesis, verifier: NoteVerifier
) -> tuple[Head, _ReplayState]:
    raw = txn.block_header(0)
    expected, writes = genesis_header(genesis)
    if raw != expected:
        raise DataCorruption("block 0: header does not match the genesis document")
    replay = _ReplayState()
    replay.apply(list(writes.sorted_writes()))
    header = decode_header(raw)
    checkpoint = _verify_checkpoint_for(txn, 0, header, verifier, genesis)
    head = Head(
        0,
        0,
        header.log_root,
        (),
        hashlib.sha256(raw).digest(),
        header.state_digest,
        header_time_us(header),
        checkpoint,
    )
    return head, replay


def _verify_checkpoint_for(
    txn: ReadTxn,
    height: int,
    header: ledger_pb2.BlockHeader,
    verifier: NoteVerifier,
    genesis: Genesis,
) -> bytes:
    size, root = header.log_size, header.log_root
    note = txn.checkpoint(size)
    if note is None:
        raise DataCorruption(f"block {height}: checkpoint for tree size {size} is missing")
    try:
        checkpoint = verify_checkpoint(note, verifier, origin=genesis.origin)
    except TabulariumError as exc:
        raise DataCorruption(f"block {height}: checkpoint does not verify: {exc}") from exc
    if checkpoint.size != size or checkpoint.root != root:
        raise DataCorruption(f"block {height}: checkpoint does not match the block header")
    return note


def _verify_block(
    txn: ReadTxn,
    height: int,
    head: Head,
    replay: _ReplayState,
    genesis: Genesis,
    verifier: NoteVerifier,
    actions: ActionRegistry,
    prepare: bool,
) -> Head:
    raw = txn.block_header(height)
    if raw is None:
        raise DataCorruption(f"block {height}: header is missing")
    header = decode_header(raw)
    if header.height != height:
        raise DataCorruption(f"block {height}: header says height {header.height}")
    if header.previous_block_hash != head.block_hash:
        raise DataCorruption(
            f"block {height}: previous block hash does not match block {height - 1}"
        )
    if header.first_entry_index != head.size:
        raise DataCorruption(
            f"block {height}: first entry is {header.first_entry_index}, want {head.size}"
        )
    block_time = header_time_us(header)
    if block_time < head.time_us:
        raise DataCorruption(f"block {height}: time goes backwards")
    entries = txn.entries(head.size, header.entry_count)
    if len(entries) != header.entry_count:
        raise DataCorruption(f"entry {head.size + len(entries)}: missing (block {height})")
    txs = []
    for offset, raw_tx in enumerate(entries):
        index = head.size + offset
        tx_hash = hashlib.sha256(raw_tx).digest()
        if txn.tx_location(tx_hash) != (index, height):
            raise DataCorruption(
                f"entry {index}: its hash is not indexed at (entry {index}, block {height}); "
                "the entry bytes or the index were changed"
            )
        try:
            txs.append(
                decode_transaction(
                    raw_tx,
                    chain_id=genesis.chain_id,
                    max_window_us=genesis.max_window_us,
                    max_bytes=_REPLAY_MAX_TX_BYTES,
                    actions=actions,
                )
            )
        except DomainError as exc:
            raise DataCorruption(f"entry {index}: does not decode ({exc.reason})") from exc
    for offset, ok in enumerate(verify_signatures(txs)):
        if not ok:
            raise DataCorruption(f"entry {head.size + offset}: signature does not verify")

    def logged_before(tx_hash: bytes) -> int | None:
        location = txn.tx_location(tx_hash)
        return None if location is None or location[0] >= head.size else location[0]

    built = build_block(
        head,
        txs,
        [True] * len(txs),
        block_time,
        state=replay.values.get,
        expired=expired_nonce_keys(replay.expiry_range, block_time),
        lookup_logged=logged_before,
        # Only a replicated node stores a block without entries (it commits every height).
        empty_block=header.entry_count == 0,
        prepare=prepare,
    )
    for offset, outcome in enumerate(built.execution.outcomes):
        if outcome.entry_index != head.size + offset or outcome.duplicate_of_logged:
            why = outcome.error.reason if outcome.error else "a duplicate"
            raise DataCorruption(
                f"entry {head.size + offset}: replays as {why}, not as a logged transaction"
            )
    for level, index, digest in built.nodes:
        stored = txn.node(level, index)
        if stored != digest:
            first = index << level
            raise DataCorruption(
                f"entry {first}: tree node (level {level}, index {index}) does not match the "
                f"entries (block {height})"
            )
    for offset, result in enumerate(built.results):
        index = head.size + offset
        if txn.entry_result(index) != result:
            raise DataCorruption(f"entry {index}: stored result differs from the replayed one")
    if built.header != raw:
        expected = decode_header(built.header or b"")
        fields = [
            name
            for name in ("log_root", "log_size", "state_digest", "entry_count", "time")
            if getattr(expected, name) != getattr(header, name)
        ]
        differing = ", ".join(fields) or "encoding"
        raise DataCorruption(
            f"block {height}: header differs from the replayed block in {differing}"
        )
    replay.apply(built.writes)
    checkpoint = _verify_checkpoint_for(txn, height, header, verifier, genesis)
    return Head(
        height,
        built.size,
        built.root,
        built.frontier,
        hashlib.sha256(raw).digest(),
        built.state_digest,
        block_time,
        checkpoint,
    )


def _compare_final_state(txn: ReadTxn, replay: _ReplayState) -> None:
    stored_keys = 0
    for key, value in txn.state_range(b""):
        if key.startswith(executor.RESULT_PREFIX):
            continue
        stored_keys += 1
        if replay.values.get(key) != value:
            raise DataCorruption(f"state key {key!r} differs from the replayed state")
    if stored_keys != len(replay.values):
        raise DataCorruption(
            f"stored state has {stored_keys} keys, the replayed state has {len(replay.values)}"
        )
