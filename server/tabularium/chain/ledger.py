"""The ledger: admission, group commit of blocks, and verified reads (DESIGN §2-3).

Submitters are answered only after the block holding their transaction is durably committed.
Blocks are built by one task (group commit): it takes every transaction waiting, up to
``max_block_txs``, verifies all their signatures in one Rust batch, executes them, and commits
the block in one LMDB write transaction on the block-writer thread. While one block commits, the
next one fills with whatever arrives meanwhile, so load itself sets the block size. When the
writer was idle it first waits ``max_block_delay`` (default 0) for company.
"""

from __future__ import annotations

import asyncio
import collections
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from prometheus_client import Counter, Histogram

from tabularium import failpoints
from tabularium.chain import executor
from tabularium.chain.actions import ActionRegistry, domain_state_prefix
from tabularium.chain.apphash import app_hash
from tabularium.chain.checkpoint import NoteVerifier, sign_checkpoint
from tabularium.chain.genesis import Genesis
from tabularium.chain.receipt import ReceiptEncoder
from tabularium.chain.state import Overlay, next_state_digest, writes_digest
from tabularium.chain.tx import (
    Transaction,
    decode_transaction,
    decode_transactions,
    timestamp_us,
    us_from_timestamp,
)
from tabularium.crypto import ed25519, merkle
from tabularium.errors import (
    CODE_NUMBERS,
    AlreadyExists,
    DataCorruption,
    DeadlineExceeded,
    DomainError,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    OutOfRange,
    ResourceExhausted,
    Unavailable,
    error_for_code,
)
from tabularium.ledger.v1 import ledger_pb2
from tabularium.storage import ReadTxn, Store
from tabularium.storage.lmdb_store import u64

log = logging.getLogger("tabularium.chain")

GENESIS_PREVIOUS_DIGEST = bytes(32)
# Batches of at least this many transactions are decoded on the decoder thread: below it the
# hand-off (tens of µs) costs more than the event loop would wait for the GIL-free part.
DECODE_OFF_LOOP_MIN = 16
_BLOCK_TXS = Histogram(
    "tabularium_block_transactions",
    "Transactions per committed block",
    buckets=(1, 4, 16, 64, 256, 1024, 4096, 16384),
)
_BLOCK_SECONDS = Histogram(
    "tabularium_block_commit_seconds",
    "Time to verify, execute and durably commit a block",
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
)
_TX_OUTCOMES = Counter(
    "tabularium_transactions_total", "Submitted transactions by outcome", ["outcome", "reason"]
)


@dataclass(frozen=True, slots=True)
class LedgerConfig:
    max_tx_bytes: int = 64 * 1024
    max_block_txs: int = 5000
    # Most transaction bytes in one block (at least one transaction always goes in): bounds the
    # memory and the size of one durable commit whatever the transactions' sizes.
    max_block_bytes: int = 32 << 20
    max_block_delay: float = 0.0
    max_pending: int = 100_000


@dataclass(frozen=True, slots=True)
class Head:
    """The last committed block, as the rest of the node sees it."""

    height: int
    size: int
    root: bytes
    frontier: tuple[bytes, ...]
    block_hash: bytes
    state_digest: bytes
    time_us: int
    checkpoint: bytes

    @property
    def app_hash(self) -> bytes:
        """The app hash after this block (what a replicated node reports for its height)."""
        return app_hash(self.height, self.root, self.state_digest)


@dataclass(frozen=True, slots=True)
class Receipt:
    """Everything needed to verify offline that a transaction is in the log."""

    transaction: bytes
    tx_hash: bytes
    entry_index: int
    block_height: int
    block_time_us: int
    checkpoint: bytes
    inclusion_proof: tuple[bytes, ...]
    result: ledger_pb2.TransactionResult
    # The encoded tabularium.ledger.v1.Receipt when the block writer made it (b"" otherwise),
    # so answers pass it to gRPC as bytes instead of building and serializing messages.
    encoded: bytes = b""
    # Replicated nodes: the network's signature on the block, once stored.
    consensus_proof: ledger_pb2.ConsensusProof | None = None


@dataclass(frozen=True, slots=True)
class TxRecord:
    transaction: bytes
    entry_index: int
    block_height: int
    block_time_us: int
    result: ledger_pb2.TransactionResult


@dataclass(frozen=True, slots=True)
class BlockRecord:
    header: bytes
    block_hash: bytes
    entries: tuple[bytes, ...]
    results: tuple[ledger_pb2.TransactionResult, ...]
    checkpoint: bytes


def decode_header(raw: bytes) -> ledger_pb2.BlockHeader:
    header = ledger_pb2.BlockHeader()
    header.ParseFromString(raw)
    return header


def header_time_us(header: ledger_pb2.BlockHeader) -> int:
    return us_from_timestamp(header.time)


def transaction_error(error: DomainError) -> ledger_pb2.TransactionError:
    """The wire and storage form of a refusal: code number, reason, message, metadata."""
    return ledger_pb2.TransactionError(
        code=CODE_NUMBERS[error.code],
        reason=error.reason,
        message=error.message,
        metadata=error.metadata,
    )


def encode_result(error: DomainError | None) -> bytes:
    if error is None:
        return ledger_pb2.TransactionResult(
            status=ledger_pb2.TRANSACTION_STATUS_ACCEPTED
        ).SerializeToString(deterministic=True)
    return ledger_pb2.TransactionResult(
        status=ledger_pb2.TRANSACTION_STATUS_REFUSED, error=transaction_error(error)
    ).SerializeToString(deterministic=True)


def genesis_header(genesis: Genesis) -> tuple[bytes, Overlay]:
    """Block 0: no entries, the empty tree, and the state genesis establishes."""
    writes = executor.genesis_writes(genesis)
    header = ledger_pb2.BlockHeader(
        height=0,
        time=timestamp_us(genesis.genesis_time_us),
        previous_block_hash=genesis.hash(),
        first_entry_index=0,
        entry_count=0,
        log_root=merkle.EMPTY_ROOT,
        log_size=0,
        state_digest=next_state_digest(
            GENESIS_PREVIOUS_DIGEST, writes_digest(writes.sorted_writes())
        ),
    )
    return header.SerializeToString(deterministic=True), writes


def initialize_store(store: Store, genesis: Genesis, signing_key: Ed25519PrivateKey) -> None:
    """Write genesis and block 0 into an empty store. Raises ValueError if it is not empty."""
    with store.write() as txn:
        if txn.meta("genesis") is not None:
            raise ValueError(f"{store.path} already holds a chain")
        header, writes = genesis_header(genesis)
        txn.put_meta("genesis", genesis.encode())
        txn.put_block_header(0, header)
        for key, value in writes.sorted_writes():
            assert value is not None
            txn.put_state(key, value)
        key_name = genesis.signer_name(signing_key.public_key().public_bytes_raw())
        txn.put_checkpoint(
            0, sign_checkpoint(signing_key, key_name, genesis.origin, 0, merkle.EMPTY_ROOT)
        )


def initialize_node(
    store_dir: Path, genesis_path: Path, genesis: Genesis, signing_key: Ed25519PrivateKey
) -> None:
    """A node folder's chain: block 0 in a new store at ``store_dir``, then ``genesis.json``
    (written last, so a folder with it always has its store)."""
    store = Store(store_dir)
    try:
        initialize_store(store, genesis, signing_key)
    finally:
        store.close()
    genesis_path.write_bytes(genesis.encode())


def head_header(txn: ReadTxn) -> tuple[int, bytes]:
    """(height, encoded header) of the last committed block in this snapshot.

    Raises DataCorruption if no chain is stored or the head block is missing.
    """
    height = txn.last_height()
    if height is None:
        raise DataCorruption("store has no chain; run `tabularium init` first")
    raw = txn.block_header(height)
    if raw is None:
        raise DataCorruption(f"block {height}: head block is missing")
    return height, raw


def load_head(txn: ReadTxn) -> Head:
    """Read the last committed block. Raises DataCorruption if the store is inconsistent."""
    height, raw = head_header(txn)
    header = decode_header(raw)
    frontier = tuple(txn.nodes(merkle.range_nodes(0, header.log_size)))
    checkpoint = txn.checkpoint(header.log_size)
    if checkpoint is None:
        raise DataCorruption(f"checkpoint for size {header.log_size} is missing")
    return Head(
        height=height,
        size=header.log_size,
        root=header.log_root,
        frontier=frontier,
        block_hash=hashlib.sha256(raw).digest(),
        state_digest=header.state_digest,
        time_us=header_time_us(header),
        checkpoint=checkpoint,
    )


@dataclass(frozen=True, slots=True)
class FinalizedBlock:
    """A block executed by :meth:`BlockMachine.finalize_block`, not written yet. ``head`` is
    the head it makes once committed, None when it logs nothing."""

    outcomes: list[executor.Outcome]  # one per transaction, in order
    built: BuiltBlock
    parent: Head
    head: Head | None
    checkpoint: bytes  # the signed checkpoint at the new size (b"" without a head)
    started: float  # perf_counter() when execution began

    @property
    def app_hash(self) -> bytes:
        """The app hash after this block (CometBFT's FinalizeBlock answer)."""
        if self.head is not None:
            return self.head.app_hash
        parent = self.parent  # nothing to commit: the next height over unchanged state
        return app_hash(parent.height + 1, parent.root, parent.state_digest)


class BlockMachine:
    """The ledger's deterministic state machine over one store, split the way ABCI 2.0 splits a
    block: :meth:`finalize_block` executes on a read snapshot and writes nothing,
    :meth:`commit` makes it durable in one LMDB write transaction. The embedded block writer
    drives it (``Ledger._commit_block``); a CometBFT socket server can drive the same object.
    One caller at a time: finalize a block, commit it (or drop it), then the next."""

    def __init__(self, store: Store, genesis: Genesis, signing_key: Ed25519PrivateKey) -> None:
        self.store = store
        self.genesis = genesis
        self._signing_key = signing_key
        # Raises ValueError for a key genesis does not name.
        self._key_name = genesis.signer_name(signing_key.public_key().public_bytes_raw())
        with store.read() as txn:
            self._head = load_head(txn)

    @property
    def head(self) -> Head:
        """The last committed block."""
        return self._head

    def info(self) -> tuple[int, bytes]:
        """Last committed height and its app hash (ABCI Info)."""
        return self._head.height, self._head.app_hash

    @contextmanager
    def admission(self) -> Iterator[executor.Admission]:
        """CheckTx against the committed state, through a read snapshot held while in use:
        open one after each commit, close it before the next."""
        with self.store.read() as snapshot:
            yield executor.Admission(snapshot.state, self._head.height + 1)

    def finalize_block(
        self, txs: Sequence[Transaction], time_us: int, *, empty_block: bool = False
    ) -> FinalizedBlock:
        """Verify and execute ``txs`` as the next block at ``time_us`` (never before the head's
        time), sign its checkpoint and build its receipts in memory. Writes nothing. With
        ``empty_block`` a block that logs nothing still gets a header (replicated nodes commit
        every height); it signs no new checkpoint, the log having the same size."""
        started = time.perf_counter()
        head = self._head
        block_time = max(time_us, head.time_us)
        signature_ok = verify_signatures(txs)
        # One writer, so this snapshot is the state the commit's write transaction starts from.
        with self.store.read() as snapshot:

            def lookup(tx_hash: bytes) -> int | None:
                location = snapshot.tx_location(tx_hash)
                return None if location is None else location[0]

            built = build_block(
                head,
                txs,
                signature_ok,
                block_time,
                state=snapshot.state,
                expired=expired_nonce_keys(snapshot.state_range, block_time),
                lookup_logged=lookup,
                empty_block=empty_block,
            )
        outcomes = built.execution.outcomes
        if built.header is None:
            return FinalizedBlock(outcomes, built, head, None, b"", started)
        if built.size == head.size:
            checkpoint = head.checkpoint  # no new entry: the checkpoint at this size stands
        else:
            checkpoint = sign_checkpoint(
                self._signing_key,
                self._key_name,
                self.genesis.origin,
                built.size,
                built.root,
            )
        new_head = Head(
            height=head.height + 1,
            size=built.size,
            root=built.root,
            frontier=built.frontier,
            block_hash=hashlib.sha256(built.header).digest(),
            state_digest=built.state_digest,
            time_us=block_time,
            checkpoint=checkpoint,
        )
        try:
            attach_receipts(head, built, block_time, checkpoint)
        except Exception:
            # Answers fall back to reading receipts from the store once the block is durable.
            log.exception("could not build receipts from memory", extra={"height": new_head.height})
        return FinalizedBlock(outcomes, built, head, new_head, checkpoint, started)

    def commit(self, block: FinalizedBlock) -> Head:
        """Write ``block`` durably (fsync) and make it the head. Raises on a failed write, and
        then nothing of the block is stored; it must be finalized again to retry."""
        built, head = block.built, block.parent
        if block.head is None or built.header is None:
            raise ValueError("a block that logs nothing has nothing to commit")
        if head is not self._head:
            raise ValueError(f"block {block.head.height} was not finalized on the current head")
        failpoints.check("block-commit")
        with self.store.write() as txn:
            for offset, (tx, result) in enumerate(
                zip(built.execution.logged, built.results, strict=True)
            ):
                txn.put_entry(head.size + offset, tx.raw, tx.tx_hash, head.height + 1, result)
            txn.put_nodes(built.nodes)
            for key, value in built.writes:
                if value is None:
                    txn.delete_state(key)
                elif not key.startswith(executor.RESULT_PREFIX):  # kept with the hash index
                    txn.put_state(key, value)
            txn.put_block_header(head.height + 1, built.header)
            if built.size != head.size:
                txn.put_checkpoint(built.size, block.checkpoint)
        # Committed and synced: publish the new head.
        self._head = block.head
        _BLOCK_TXS.observe(len(built.execution.logged))
        _BLOCK_SECONDS.observe(time.perf_counter() - block.started)
        return block.head


class Ledger:
    """One node's ledger over an LMDB store."""

    def __init__(
        self,
        store: Store,
        signing_key: Ed25519PrivateKey,
        actions: ActionRegistry,
        config: LedgerConfig | None = None,
    ) -> None:
        self.store = store
        self.config = config or LedgerConfig()
        self.actions = actions
        with store.read() as txn:
            raw_genesis = txn.meta("genesis")
            if raw_genesis is None:
                raise DataCorruption(f"{store.path} holds no chain; run `tabularium init` first")
            self.genesis = Genesis.decode(raw_genesis)
        public_key = signing_key.public_key().public_bytes_raw()
        self.verifier = NoteVerifier(self.genesis.signer_name(public_key), public_key)
        self.machine = BlockMachine(store, self.genesis, signing_key)
        self._max_window_us = self.genesis.max_window_us
        self._pending: list[tuple[Transaction, asyncio.Future[executor.Outcome]]] = []
        self._wakeup: asyncio.Event | None = None
        self._new_block: asyncio.Condition | None = None
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="block-writer")
        # Batches are decoded and verified here, off the event loop: the native part releases
        # the GIL, so it runs on the second core while the block writer executes.
        self._decoder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tx-decoder")
        self._listeners: list[Callable[[int, Sequence[executor.Outcome]], None]] = []
        # Replicated mode (see ``replicate``): consensus orders the blocks, not ``_run``.
        self._broadcast: Callable[[bytes], Awaitable[None]] | None = None
        self._commit_wait = 0.0
        self._waiting: dict[bytes, list[asyncio.Future[executor.Outcome]]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._proof_events: dict[int, asyncio.Event] = {}
        self.catching_up = False  # replicated nodes: set by the consensus driver

    # ----- lifecycle -------------------------------------------------------------------------

    @property
    def head(self) -> Head:
        return self.machine.head

    @property
    def replicated(self) -> bool:
        return self._broadcast is not None

    def replicate(self, broadcast: Callable[[bytes], Awaitable[None]], wait_seconds: float) -> None:
        """Replicated mode, before ``start``: a consensus engine orders the blocks and the
        machine executes them (its driver reports each commit to ``block_committed``); no
        local block writer runs. A submitted transaction passes the CheckTx checks here first,
        then goes to ``broadcast`` (which raises a DomainError when consensus refuses it), and
        its answer waits for the local commit of its block, at most ``wait_seconds``
        (DEADLINE_EXCEEDED after that; resending the same bytes is safe)."""
        self._broadcast = broadcast
        self._commit_wait = wait_seconds

    async def start(self) -> None:
        self._wakeup = asyncio.Event()
        self._new_block = asyncio.Condition()
        if self._broadcast is None:
            self._task = asyncio.create_task(self._run(), name="block-builder")

    async def stop(self) -> None:
        """Refuse new submissions, commit every transaction already accepted for a block."""
        self._closing = True
        if self._wakeup is not None:
            self._wakeup.set()
        if self._task is not None:
            await self._task
        for task in list(self._tasks):
            task.cancel()
        closed = Unavailable("SHUTTING_DOWN", "the node stopped before the block was committed")
        for futures in self._waiting.values():
            for future in futures:
                if not future.done():
                    future.set_exception(closed)
        self._waiting.clear()
        if self._new_block is not None:
            async with self._new_block:
                self._new_block.notify_all()  # end block streams
        self._pool.shutdown(wait=True)
        self._decoder.shutdown(wait=True)

    # ----- writes ----------------------------------------------------------------------------

    def check(self, raw: bytes) -> Transaction:
        """Static checks of one transaction (no state). Raises DomainError."""
        return decode_transaction(
            raw,
            chain_id=self.genesis.chain_id,
            max_window_us=self._max_window_us,
            max_bytes=self.config.max_tx_bytes,
            actions=self.actions,
        )

    def check_many(self, raws: Sequence[bytes]) -> list[Transaction | DomainError]:
        """``check`` of each of ``raws`` in one native batch, which also hashes every
        transaction and verifies its signatures (so the block writer need not); one
        Transaction or DomainError per item, in order."""
        return decode_transactions(
            raws,
            chain_id=self.genesis.chain_id,
            max_window_us=self._max_window_us,
            max_bytes=self.config.max_tx_bytes,
            actions=self.actions,
        )

    def _enqueue(self, tx: Transaction) -> asyncio.Future[executor.Outcome]:
        if self._closing or self._wakeup is None:
            raise Unavailable("SHUTTING_DOWN", "the node is shutting down; retry on another node")
        if self._broadcast is not None:
            return self._enqueue_replicated(tx, self._broadcast)
        if len(self._pending) >= self.config.max_pending:
            raise ResourceExhausted(
                "OVERLOADED", "too many transactions are waiting for a block; retry with backoff"
            )
        future: asyncio.Future[executor.Outcome] = asyncio.get_running_loop().create_future()
        self._pending.append((tx, future))
        self._wakeup.set()
        return future

    def _enqueue_replicated(
        self, tx: Transaction, broadcast: Callable[[bytes], Awaitable[None]]
    ) -> asyncio.Future[executor.Outcome]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[executor.Outcome] = loop.create_future()
        with self.store.read() as txn:
            location = txn.tx_location(tx.tx_hash)
            if location is None:
                # CheckTx's checks against committed state, so refusals keep their message
                # (CometBFT's broadcast answer carries the code and reason only).
                sig_ok = tx.sig_ok if tx.sig_ok is not None else verify_signatures([tx])[0]
                error = executor.Admission(txn.state, self.head.height + 1).check(
                    tx, sig_ok, time.time_ns() // 1000 + failpoints.clock_offset_us()
                )
                if error is not None:
                    raise error
        if location is not None:  # already committed: the original answer
            future.set_result(executor.Outcome(tx, location[0], duplicate_of_logged=True))
            return future
        self._waiting.setdefault(tx.tx_hash, []).append(future)
        task = loop.create_task(self._send(tx, future, broadcast), name="broadcast")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return future

    async def _send(
        self,
        tx: Transaction,
        future: asyncio.Future[executor.Outcome],
        broadcast: Callable[[bytes], Awaitable[None]],
    ) -> None:
        try:
            await broadcast(tx.raw)
        except DomainError as exc:
            self._forget(tx.tx_hash, future)
            if not future.done():
                future.set_exception(exc)
            return
        await asyncio.sleep(self._commit_wait)
        if not future.done():
            self._forget(tx.tx_hash, future)
            future.set_exception(
                DeadlineExceeded(
                    "COMMIT_TIMEOUT",
                    f"transaction {tx.tx_hash.hex()} was not committed within "
                    f"{self._commit_wait:g} s; it may still be: resend the same bytes "
                    "or ask GetReceipt",
                    metadata={"tx_hash": tx.tx_hash.hex()},
                )
            )

    def _forget(self, tx_hash: bytes, future: asyncio.Future[executor.Outcome]) -> None:
        futures = self._waiting.get(tx_hash, [])
        if future in futures:
            futures.remove(future)
        if not futures:
            self._waiting.pop(tx_hash, None)

    async def block_committed(self, outcomes: Sequence[executor.Outcome]) -> None:
        """Replicated mode: the machine committed a block (called on the event loop by the
        consensus driver). Answers its waiting submitters, then the commit listeners."""
        self._count(outcomes)
        for outcome in outcomes:
            for future in self._waiting.pop(outcome.tx.tx_hash, []):
                if not future.done():
                    future.set_result(outcome)
        await self._notify_committed(outcomes)

    async def _notify_committed(self, outcomes: Sequence[executor.Outcome]) -> None:
        assert self._new_block is not None
        for listener in self._listeners:
            try:
                listener(self.head.height, outcomes)
            except Exception:
                log.exception("a commit listener failed", extra={"height": self.head.height})
        async with self._new_block:
            self._new_block.notify_all()

    def next_unproven_height(self) -> int:
        """Replicated nodes: the lowest height whose consensus proof is not stored yet."""
        with self.store.read() as txn:
            raw = txn.local(CONSENSUS_PROOF_PREFIX + b"next")
        return 1 if raw is None else int.from_bytes(raw, "big")

    def store_consensus_proof(self, height: int, signed_header: bytes) -> None:
        """Store the consensus proof of block ``height`` (CometBFT's SignedHeader of
        height+1, checked by the caller) in the node-local table, outside the state digest:
        nodes hold different 2/3+ signature sets. Proofs are stored in height order. Blocking
        (an LMDB write): call from a worker thread."""
        with self.store.write() as txn:
            txn.put_local(CONSENSUS_PROOF_PREFIX + u64(height), signed_header)
            txn.put_local(CONSENSUS_PROOF_PREFIX + b"next", u64(height + 1))

    def consensus_proof_stored(self, height: int) -> None:
        """On the event loop, after ``store_consensus_proof``: wake the submitters waiting."""
        for waiting in [h for h in self._proof_events if h <= height]:
            self._proof_events.pop(waiting).set()

    async def with_consensus_proof(self, receipt: Receipt) -> Receipt:
        """``receipt`` again once its block's consensus proof is stored (replicated nodes),
        waiting at most the commit wait. Raises FailedPrecondition on an embedded node and
        DeadlineExceeded when the proof does not come in time."""
        if not self.replicated:
            raise FailedPrecondition(
                "NOT_REPLICATED", "this node is embedded: its blocks carry no consensus proof"
            )
        height = receipt.block_height
        if self.next_unproven_height() <= height:
            event = self._proof_events.setdefault(height, asyncio.Event())
            try:
                await asyncio.wait_for(event.wait(), self._commit_wait)
            except TimeoutError:
                raise DeadlineExceeded(
                    "CONSENSUS_PROOF_TIMEOUT",
                    f"block {height} is committed but its consensus proof did not come within "
                    f"{self._commit_wait:g} s; ask GetReceipt later",
                    metadata={"tx_hash": receipt.tx_hash.hex()},
                ) from None
        return self.receipt(receipt.tx_hash)

    def _admit(self, tx: Transaction, service: str) -> Transaction:
        via = tx.action_type.needs_service(tx.action)
        if via and via != service:
            raise FailedPrecondition(
                "SUBMIT_VIA_SERVICE",
                f"{tx.action_type.type_url} is submitted through {via}, not directly",
            )
        return tx

    async def submit(self, raw: bytes, *, service: str = "", fresh: bool = False) -> Receipt:
        """Submit one transaction; return its receipt once durable. Raises DomainError.

        ``service`` names the RPC submitting it (for actions only one RPC may submit).
        With ``fresh``, a transaction already in the log is refused (ALREADY_LOGGED) instead of
        answered with its original receipt: exactly one submission gets the new entry.
        """
        return await self.submit_checked(self.check(raw), service=service, fresh=fresh)

    async def submit_checked(
        self, tx: Transaction, *, service: str = "", fresh: bool = False
    ) -> Receipt:
        """``submit`` for a transaction the caller already passed through ``check``."""
        outcome = await self._enqueue(self._admit(tx, service))
        if fresh and outcome.duplicate_of_logged:
            raise AlreadyExists(
                "ALREADY_LOGGED",
                f"transaction {outcome.tx.tx_hash.hex()} is already entry {outcome.entry_index}; "
                "sign a new one",
                metadata={"entry_index": str(outcome.entry_index)},
            )
        return self._answer(outcome)

    def add_commit_listener(
        self, listener: Callable[[int, Sequence[executor.Outcome]], None]
    ) -> None:
        """Call ``listener(height, outcomes)`` on the event loop after each committed block."""
        self._listeners.append(listener)

    async def submit_many(self, raws: Sequence[bytes]) -> list[Receipt | DomainError]:
        """Submit many; each item gets a receipt or its own error."""
        if len(raws) >= DECODE_OFF_LOOP_MIN:
            loop = asyncio.get_running_loop()
            checked = await loop.run_in_executor(self._decoder, self.check_many, raws)
        else:
            checked = self.check_many(raws)
        slots: list[asyncio.Future[executor.Outcome] | DomainError] = []
        for item in checked:
            try:
                if isinstance(item, DomainError):
                    raise item
                slots.append(self._enqueue(self._admit(item, "")))
            except DomainError as exc:
                _TX_OUTCOMES.labels("rejected", exc.reason).inc()
                slots.append(exc)
        out: list[Receipt | DomainError] = []
        for slot in slots:
            if isinstance(slot, DomainError):
                out.append(slot)
                continue
            try:
                out.append(self._answer(await slot))
            except DomainError as exc:
                out.append(exc)
        return out

    def _answer(self, outcome: executor.Outcome) -> Receipt:
        if outcome.error is not None:
            raise outcome.error
        assert outcome.entry_index is not None
        receipt = outcome.receipt or self.receipt(outcome.original_tx_hash or outcome.tx.tx_hash)
        if receipt.result.status == ledger_pb2.TRANSACTION_STATUS_REFUSED:
            # Identical bytes get the original answer: here, the logged refusal.
            stored = receipt.result.error
            raise error_for_code(stored.code, stored.reason, stored.message, stored.metadata)
        return receipt

    async def _run(self) -> None:
        assert self._wakeup is not None and self._new_block is not None
        loop = asyncio.get_running_loop()
        while True:
            if not self._pending:
                if self._closing:
                    return
                self._wakeup.clear()
                await self._wakeup.wait()
                if not self._pending:
                    continue
                # Let concurrent submitters join this block.
                await asyncio.sleep(self.config.max_block_delay)
            batch = self._pending[: self._block_length()]
            del self._pending[: len(batch)]
            txs = [tx for tx, _ in batch]
            try:
                outcomes = await loop.run_in_executor(self._pool, self._commit_block, txs)
            except Exception as exc:
                log.exception("block commit failed; its transactions were not committed")
                error = Unavailable("COMMIT_FAILED", f"the block could not be committed: {exc}")
                for _, future in batch:
                    if not future.done():
                        future.set_exception(error)
                continue
            for (_, future), outcome in zip(batch, outcomes, strict=True):
                if not future.done():
                    future.set_result(outcome)
            await self._notify_committed(outcomes)

    def _block_length(self) -> int:
        """How many waiting transactions the next block takes: up to ``max_block_txs`` and
        ``max_block_bytes``, and always at least one."""
        limit, budget = self.config.max_block_txs, self.config.max_block_bytes
        count = 0
        for tx, _ in self._pending[:limit]:
            budget -= len(tx.raw)
            if budget < 0 and count:
                break
            count += 1
        return count

    def _commit_block(self, txs: list[Transaction]) -> list[executor.Outcome]:
        """Verify, execute and durably commit one block. Runs on the block-writer thread.

        The embedded driver of the block machine: the block time is the node's clock, and a
        block that logs nothing is not made (a replicated node commits every height)."""
        time_us = time.time_ns() // 1000 + failpoints.clock_offset_us()
        block = self.machine.finalize_block(txs, time_us)
        if block.head is not None:
            self.machine.commit(block)
        self._count(block.outcomes)
        return block.outcomes

    @staticmethod
    def _count(outcomes: Sequence[executor.Outcome]) -> None:
        # Counted per block, then one increment per label pair (a labelled increment takes a
        # lock and a dict lookup: ~1 µs per transaction when done one by one).
        counts: collections.Counter[tuple[str, str]] = collections.Counter()
        for outcome in outcomes:
            if outcome.error is None:
                counts["duplicate" if outcome.duplicate_of_logged else "accepted", ""] += 1
            elif outcome.entry_index is not None:
                counts["refused_logged", outcome.error.reason] += 1
            else:
                counts["rejected", outcome.error.reason] += 1
        for (status, reason), n in sorted(counts.items()):
            _TX_OUTCOMES.labels(status, reason).inc(n)

    async def wait_for_block(self, height: int) -> None:
        """Return once the head is at least ``height``."""
        assert self._new_block is not None
        async with self._new_block:
            await self._new_block.wait_for(lambda: self.head.height >= height or self._closing)

    # ----- reads -----------------------------------------------------------------------------

    def _record(self, txn: ReadTxn, tx_hash: bytes) -> TxRecord:
        if len(tx_hash) != 32:
            raise InvalidArgument(
                "TX_HASH_INVALID", f"tx_hash has {len(tx_hash)} bytes, want 32", field="tx_hash"
            )
        location = txn.tx_location(tx_hash)
        if location is None:
            raise NotFound(
                "TRANSACTION_NOT_FOUND", f"no logged transaction has hash {tx_hash.hex()}"
            )
        index, height = location
        raw = txn.entry(index)
        raw_header = txn.block_header(height)
        raw_result = txn.tx_result(tx_hash)
        if raw is None or raw_header is None or raw_result is None:
            raise DataCorruption(f"entry {index} is indexed but not stored")
        result = ledger_pb2.TransactionResult()
        result.ParseFromString(raw_result)
        return TxRecord(raw, index, height, header_time_us(decode_header(raw_header)), result)

    def transaction(self, tx_hash: bytes) -> TxRecord:
        """A logged transaction. Raises InvalidArgument or NotFound."""
        with self.store.read() as txn:
            return self._record(txn, tx_hash)

    def receipt(self, tx_hash: bytes, tree_size: int = 0) -> Receipt:
        """Receipt against the checkpoint of ``tree_size`` (0: latest; on a replicated node
        whose consensus proof of the entry's block is stored, that block's checkpoint, which
        the proof binds, and the proof with it). Raises DomainError."""
        with self.store.read() as txn:
            record = self._record(txn, tx_hash)
            proof, block_size = consensus_proof(txn, record.block_height)
            if proof is not None:
                tree_size = tree_size or block_size
                if tree_size != block_size:
                    proof = None  # it binds the block's checkpoint, not this one
            if tree_size == 0:
                tree_size = load_tree_size(txn)
            checkpoint = txn.checkpoint(tree_size)
            if checkpoint is None:
                raise NotFound(
                    "CHECKPOINT_NOT_FOUND",
                    f"no checkpoint at tree size {tree_size}; use 0 for the latest",
                )
            if record.entry_index >= tree_size:
                raise InvalidArgument(
                    "INDEX_OUT_OF_RANGE",
                    f"entry {record.entry_index} is not in the tree of size {tree_size}",
                    field="tree_size",
                )
            path = self._inclusion(txn, record.entry_index, tree_size)
        return Receipt(
            transaction=record.transaction,
            tx_hash=tx_hash,
            entry_index=record.entry_index,
            block_height=record.block_height,
            block_time_us=record.block_time_us,
            checkpoint=checkpoint,
            inclusion_proof=tuple(path),
            result=record.result,
            consensus_proof=proof,
        )

    @staticmethod
    def _inclusion(txn: ReadTxn, index: int, size: int) -> list[bytes]:
        plan = merkle.inclusion_proof_plan(index, size)
        return merkle.fold_groups([txn.nodes(group) for group in plan])

    def _check_size(self, size: int) -> int:
        current = self.head.size
        if size == 0:
            return current
        if size > current:
            raise OutOfRange("TREE_SIZE_TOO_LARGE", f"tree size {size} exceeds log size {current}")
        return size

    def inclusion_proof(self, index: int, tree_size: int) -> tuple[list[bytes], int]:
        """RFC 9162 inclusion proof from stored nodes. Raises DomainError."""
        size = self._check_size(tree_size)
        if index >= size:
            raise InvalidArgument(
                "INDEX_OUT_OF_RANGE", f"index {index} is not below tree size {size}", field="index"
            )
        with self.store.read() as txn:
            return self._inclusion(txn, index, size), size

    def consistency_proof(self, first: int, second: int) -> list[bytes]:
        """RFC 9162 consistency proof between two sizes. Raises DomainError."""
        if first > second:
            raise InvalidArgument(
                "SIZES_OUT_OF_ORDER",
                f"first_size {first} is larger than second_size {second}",
                field="first_size",
            )
        self._check_size(second)
        if second == 0:
            return []
        with self.store.read() as txn:
            plan = merkle.consistency_proof_plan(first, second)
            return merkle.fold_groups([txn.nodes(group) for group in plan])

    def checkpoint(self, tree_size: int = 0) -> bytes:
        if tree_size == 0:
            return self.head.checkpoint
        with self.store.read() as txn:
            note = txn.checkpoint(tree_size)
        if note is None:
            raise NotFound("CHECKPOINT_NOT_FOUND", f"no block ended at tree size {tree_size}")
        return note

    def entries(self, start: int, limit: int) -> list[bytes]:
        with self.store.read() as txn:
            return txn.entries(start, limit)

    def block(self, height: int) -> BlockRecord:
        with self.store.read() as txn:
            raw = txn.block_header(height)
            if raw is None:
                raise NotFound(
                    "BLOCK_NOT_FOUND", f"no block at height {height}; head is {self.head.height}"
                )
            header = decode_header(raw)
            entries = tuple(txn.entries(header.first_entry_index, header.entry_count))
            results = []
            for entry in entries:
                result = ledger_pb2.TransactionResult()
                result.ParseFromString(txn.tx_result(hashlib.sha256(entry).digest()) or b"")
                results.append(result)
            checkpoint = txn.checkpoint(header.log_size) or b""
        return BlockRecord(raw, hashlib.sha256(raw).digest(), entries, tuple(results), checkpoint)

    def domain_state(self, namespace: str, key: bytes) -> bytes | None:
        """Read one key of a domain's committed state (for its queries)."""
        with self.store.read() as txn:
            return txn.state(domain_state_prefix(namespace) + key)

    @contextmanager
    def state_snapshot(self) -> Iterator[tuple[Callable[[bytes], bytes | None], int]]:
        """A getter of full state keys over one consistent snapshot, and its block height."""
        with self.store.read() as txn:
            yield txn.state, int(decode_header(head_header(txn)[1]).height)

    @contextmanager
    def domain_snapshot(
        self, namespace: str
    ) -> Iterator[tuple[Callable[[bytes], bytes | None], int]]:
        """Like ``state_snapshot``, with keys relative to a domain's namespace."""
        prefix = domain_state_prefix(namespace)
        with self.state_snapshot() as (get, height):
            yield (lambda key: get(prefix + key)), height


def attach_receipts(head: Head, built: BuiltBlock, block_time: int, checkpoint: bytes) -> None:
    """Receipts for the block's new entries, straight from memory.

    Every node an inclusion proof of a new entry needs at the new size is either created by
    this block or one of the old frontier's subtrees (a left sibling entirely before the
    block), so no store read is needed.
    """
    proofs = block_inclusion_proofs(head.size, head.frontier, built.nodes, built.size)
    parsed: dict[bytes, ledger_pb2.TransactionResult] = {}  # most results are the same bytes
    height = head.height + 1
    encoder = ReceiptEncoder(height, block_time, checkpoint)
    for outcome in built.execution.outcomes:
        index = outcome.entry_index
        if index is None or outcome.duplicate_of_logged:
            continue
        raw_result = built.results[index - head.size]
        result = parsed.get(raw_result)
        if result is None:
            result = parsed[raw_result] = ledger_pb2.TransactionResult.FromString(raw_result)
        tx = outcome.tx
        proof = proofs[index - head.size]
        outcome.receipt = Receipt(
            tx.raw,
            tx.tx_hash,
            index,
            height,
            block_time,
            checkpoint,
            proof,
            result,
            encoder.encode(tx.raw, tx.tx_hash, index, proof, raw_result)
            if result.status == ledger_pb2.TRANSACTION_STATUS_ACCEPTED
            else b"",  # a refusal is answered with its error, never a receipt
        )


def block_inclusion_proofs(
    old_size: int,
    old_frontier: Sequence[bytes],
    nodes: Sequence[tuple[int, int, bytes]],
    size: int,
) -> list[tuple[bytes, ...]]:
    """RFC 9162 inclusion proofs at ``size`` of every entry in ``[old_size, size)``, in order.

    One walk down RFC 9162's recursion (PATH(m, D[a:b]) splits at the largest power of two
    below b - a) visits each subtree holding a new entry once, so a sibling shared by many
    entries is looked up or folded once instead of once per entry. Complete subtrees come from
    ``nodes`` (every complete node the block created) or ``old_frontier`` (a left sibling
    entirely before the block is always one of its subtrees); the incomplete right edge is
    folded with ``node_hash`` and remembered.
    """
    complete = {(level, index): digest for level, index, digest in nodes}
    complete.update(zip(merkle.range_nodes(0, old_size), old_frontier, strict=True))
    folded: dict[tuple[int, int], bytes] = {}

    def subtree(begin: int, end: int) -> bytes:
        n = end - begin
        if n & (n - 1) == 0:
            level = n.bit_length() - 1
            return complete[(level, begin >> level)]
        digest = folded.get((begin, end))
        if digest is None:
            k = 1 << ((n - 1).bit_length() - 1)
            digest = merkle.node_hash(subtree(begin, begin + k), subtree(begin + k, end))
            folded[(begin, end)] = digest
        return digest

    proofs: list[tuple[bytes, ...]] = []
    above: list[bytes] = []  # sibling hashes from the root down to the current subtree

    def walk(begin: int, end: int) -> None:
        n = end - begin
        if n == 1:
            proofs.append(tuple(reversed(above)))
            return
        k = 1 << ((n - 1).bit_length() - 1)
        if begin + k > old_size:  # the left half holds new entries
            above.append(subtree(begin + k, end))
            walk(begin, begin + k)
            above.pop()
        above.append(subtree(begin, begin + k))
        walk(begin + k, end)
        above.pop()

    if size > old_size:
        walk(0, size)
    return proofs


CONSENSUS_PROOF_PREFIX = b"consensus-proof/"  # node-local: u64 height -> SignedHeader of H+1


def consensus_proof(txn: ReadTxn, height: int) -> tuple[ledger_pb2.ConsensusProof | None, int]:
    """The stored consensus proof of block ``height`` (replicated nodes; None when there is
    none) and, with one, the log size after that block (the checkpoint the proof binds)."""
    raw = txn.local(CONSENSUS_PROOF_PREFIX + u64(height))
    if raw is None:
        return None, 0
    stored = txn.block_header(height)
    if stored is None:
        raise DataCorruption(f"block {height} is missing")
    header = decode_header(stored)
    proof = ledger_pb2.ConsensusProof(height=height, state_digest=header.state_digest)
    proof.signed_header.ParseFromString(raw)
    return proof, int(header.log_size)


def load_tree_size(txn: ReadTxn) -> int:
    """Log size as of this read transaction's snapshot."""
    return int(decode_header(head_header(txn)[1]).log_size)


def expired_nonce_keys(
    state_range: Callable[[bytes], Iterable[tuple[bytes, bytes]]], block_time_us: int
) -> list[bytes]:
    """Nonce-expiry index keys whose window closed before ``block_time_us``, oldest first,
    at most MAX_NONCE_PRUNE_PER_BLOCK (the rest go with later blocks). ``state_range(prefix)``
    yields committed state items in ascending key order."""
    prefix = executor.NONCE_EXPIRY_PREFIX
    out: list[bytes] = []
    for key, _ in state_range(prefix):
        expiry = int.from_bytes(key[len(prefix) : len(prefix) + 8], "big")
        if expiry >= block_time_us or len(out) >= executor.MAX_NONCE_PRUNE_PER_BLOCK:
            break
        out.append(key)
    return out


def verify_signatures(txs: Sequence[Transaction]) -> list[bool]:
    """True where all of a transaction's signatures verify: the verdict ``check_many``
    already reached, else one Rust batch over every signature of the others."""
    todo = [tx for tx in txs if tx.sig_ok is None]
    items = [
        (key, tx.signing_message(), sig)
        for tx in todo
        for key, sig in zip(tx.signers, tx.signatures, strict=True)
    ]
    flat = iter(ed25519.verify_batch(items) if items else ())
    out: list[bool] = []
    for tx in txs:
        if tx.sig_ok is None:
            # Every verdict of this transaction is consumed, so no short-circuit.
            verdicts = [next(flat) for _ in tx.signers]
            out.append(all(verdicts))
        else:
            out.append(tx.sig_ok)
    return out


@dataclass(frozen=True, slots=True)
class BuiltBlock:
    """A block computed but not yet written. ``header`` is None when nothing was logged."""

    execution: executor.BlockExecution
    writes: list[tuple[bytes, bytes | None]]
    results: list[bytes]  # encoded TransactionResult of each logged entry, in order
    header: bytes | None
    size: int
    root: bytes
    frontier: tuple[bytes, ...]
    nodes: list[tuple[int, int, bytes]]
    state_digest: bytes


def build_block(
    head: Head,
    txs: Sequence[Transaction],
    signature_ok: Sequence[bool],
    block_time_us: int,
    *,
    state: Callable[[bytes], bytes | None],
    expired: Sequence[bytes],
    lookup_logged: Callable[[bytes], int | None],
    empty_block: bool = False,
    prepare: bool = True,
) -> BuiltBlock:
    """Execute ``txs`` on ``head`` and compute everything the next block commits.

    Pure: the same head, transactions, signature results, time and state give the same bytes.
    Shared by the block writer and by replay in ``tabularium verify``. A block that logs
    nothing has no header (nothing to commit), unless ``empty_block``: a replicated node
    commits every height, so it makes a header with no entries (the nonce pruning its time
    allows is its only state change). ``prepare=False`` skips the domains' prepare hooks (the
    same outcome, more slowly).
    """
    execution = executor.execute_block(
        state,
        lookup_logged=lookup_logged,
        first_index=head.size,
        height=head.height + 1,
        block_time_us=block_time_us,
        txs=txs,
        signature_ok=signature_ok,
        expired_nonce_keys=expired,
        prepare=prepare,
    )
    logged = execution.logged
    if not logged and not empty_block:
        return BuiltBlock(
            execution, [], [], None, head.size, head.root, head.frontier, [], head.state_digest
        )
    overlay = execution.overlay
    assert overlay is not None
    # Results are part of the state digest as ``ledger/result/<index>`` writes; the block
    # writer stores them with the hash index, in the entry's one record, not as state keys.
    results = [encode_result(error) for error in execution.results]
    for offset, result in enumerate(results):
        overlay.put(executor.result_key(head.size + offset), result)
    writes = list(overlay.sorted_writes())
    nodes: list[tuple[int, int, bytes]] = []
    if not logged:  # an empty block: the log is unchanged
        frontier, root = list(head.frontier), head.root
    else:
        if all(tx.leaf_hash for tx in logged):  # hashed by check_many
            leaf_hashes = [tx.leaf_hash for tx in logged]
        else:
            leaf_hashes = merkle.leaf_hashes([tx.raw for tx in logged])
        frontier, nodes, root = merkle.append(head.size, list(head.frontier), leaf_hashes)
    size = head.size + len(logged)
    digest = next_state_digest(head.state_digest, writes_digest(iter(writes)))
    header = ledger_pb2.BlockHeader(
        height=head.height + 1,
        time=timestamp_us(block_time_us),
        previous_block_hash=head.block_hash,
        first_entry_index=head.size,
        entry_count=len(logged),
        log_root=root,
        log_size=size,
        state_digest=digest,
    ).SerializeToString(deterministic=True)
    return BuiltBlock(
        execution, writes, results, header, size, root, tuple(frontier), nodes, digest
    )
