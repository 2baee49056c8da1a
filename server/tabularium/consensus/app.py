"""The ledger's block machine behind the ABCI socket: protobuf requests in, plain calls to
:class:`tabularium.chain.ledger.BlockMachine` and its admission checks, protobuf answers out.

Info, InitChain (``app_state`` must be this store's genesis, and the validators exactly its
agencies'), Query (CometBFT's
peer filter), CheckTx (NEW and RECHECK), PrepareProposal, ProcessProposal, FinalizeBlock and
Commit.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.metadata
import logging
import struct
import time
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

from tabularium import failpoints
from tabularium.chain.actions import ActionRegistry
from tabularium.chain.executor import Admission, Outcome
from tabularium.chain.genesis import Genesis
from tabularium.chain.ledger import BlockMachine, FinalizedBlock
from tabularium.chain.tx import Transaction, decode_transactions, us_from_timestamp
from tabularium.consensus.abci_server import Application
from tabularium.consensus.codes import CODESPACE, OK, code_of
from tabularium.consensus.framing import encode_varint
from tabularium.consensus.network import NetworkGenesisError, check_validators
from tabularium.consensus.v1 import abci_pb2 as abci
from tabularium.errors import CODE_NUMBERS, DomainError

log = logging.getLogger("tabularium.consensus")
APP_VERSION = 1  # the application protocol version CometBFT records in each header
_ENTRY = struct.Struct(">Q")  # ExecTxResult.data of a logged transaction: its entry index


class LedgerAbciApp(Application):
    def __init__(
        self,
        machine: BlockMachine,
        actions: ActionRegistry,
        *,
        max_tx_bytes: int,
        clock_us: Callable[[], int] = lambda: time.time_ns() // 1000,
        on_commit: Callable[[Sequence[Outcome]], Awaitable[None]] | None = None,
    ) -> None:
        self._machine = machine
        self._on_commit = on_commit  # the gRPC side's waiting submitters and listeners
        self._actions = actions
        self._max_tx_bytes = max_tx_bytes
        self._clock_us = clock_us
        self._admission_scope: contextlib.ExitStack | None = None
        self._admission: Admission | None = None
        # Blocks execute and commit off the event loop, so CheckTx and gRPC go on meanwhile.
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="abci-block")
        self._finalized: FinalizedBlock | None = None
        # The peer filter admits only the agencies' nodes.
        self._node_ids = frozenset(a.node_id for a in machine.genesis.agencies)
        self._agency_by_address = {a.validator_address: a.name for a in machine.genesis.agencies}
        # ProcessProposal's decoding, by block hash, for FinalizeBlock of the same block.
        self._proposals: dict[bytes, list[Transaction | DomainError]] = {}

    def after_commit(self) -> None:
        """Forget the pending view: the next CheckTx reads the newly committed state."""
        if self._admission_scope is not None:
            self._admission_scope.close()
        self._admission_scope = self._admission = None

    def close(self) -> None:
        self.after_commit()
        self._pool.shutdown(wait=True)

    def _decode(self, raws: Sequence[bytes]) -> list[Transaction | DomainError]:
        genesis = self._machine.genesis
        return decode_transactions(
            raws,
            chain_id=genesis.chain_id,
            max_window_us=genesis.max_window_us,
            max_bytes=self._max_tx_bytes,
            actions=self._actions,
        )

    def _current_admission(self) -> Admission:
        if self._admission is None:
            scope = contextlib.ExitStack()
            self._admission = scope.enter_context(self._machine.admission())
            self._admission_scope = scope
        return self._admission

    async def info(self, request: abci.RequestInfo) -> abci.ResponseInfo:
        height, app_hash = self._machine.info()
        return abci.ResponseInfo(
            data="tabularium",
            version=importlib.metadata.version("tabularium"),
            app_version=APP_VERSION,
            last_block_height=height,
            last_block_app_hash=app_hash,
        )

    async def init_chain(self, request: abci.RequestInitChain) -> abci.ResponseInitChain:
        """Check CometBFT's genesis against ours; nothing is written (our genesis block, height
        0, is already in the store). A mismatch stops the node: it cannot join this network."""
        genesis = self._machine.genesis
        if request.chain_id != genesis.chain_id:
            raise NetworkGenesisError(
                f"CometBFT's chain id is {request.chain_id!r}, this store's is {genesis.chain_id!r}"
            )
        height, app_hash = self._machine.info()
        if request.initial_height != height + 1:
            raise NetworkGenesisError(
                f"CometBFT starts at height {request.initial_height}; this store's next is "
                f"{height + 1}"
            )
        try:
            theirs = Genesis.decode(request.app_state_bytes)
        except DomainError as exc:
            raise NetworkGenesisError(f"CometBFT's app_state: {exc.message}") from exc
        if theirs.encode() != genesis.encode():
            raise NetworkGenesisError(
                f"CometBFT's app_state is another genesis (SHA-256 {theirs.hash().hex()}) "
                f"than this store's ({genesis.hash().hex()})"
            )
        if not genesis.replicated:
            raise NetworkGenesisError("this store's genesis names no agencies: it is embedded")
        check_validators(genesis.agencies, request.validators)
        return abci.ResponseInitChain(app_hash=app_hash)

    async def query(self, request: abci.RequestQuery) -> abci.ResponseQuery:
        """CometBFT's peer filter (``filter_peers = true``): ``/p2p/filter/id/<node id>`` is
        admitted (code 0) only for an agency's node; addresses are not filtered (an agency may
        move). Any other path is refused with a code: reads go through gRPC."""
        prefix_id, prefix_addr = "/p2p/filter/id/", "/p2p/filter/addr/"
        if request.path.startswith(prefix_addr):
            return abci.ResponseQuery(code=OK)
        if request.path.startswith(prefix_id):
            node_id = request.path[len(prefix_id) :].lower()
            if node_id in self._node_ids:
                return abci.ResponseQuery(code=OK)
            return abci.ResponseQuery(
                code=CODE_NUMBERS["PERMISSION_DENIED"],
                log="PEER_NOT_AN_AGENCY",
                info=f"node {node_id} belongs to no agency of this network's genesis",
                codespace=CODESPACE,
            )
        return abci.ResponseQuery(
            code=CODE_NUMBERS["NOT_FOUND"],
            log="QUERY_PATH_UNKNOWN",
            info=f"no ABCI query path {request.path!r}; read through the gRPC API",
            codespace=CODESPACE,
        )

    async def check_txs(
        self, requests: Sequence[abci.RequestCheckTx]
    ) -> Sequence[abci.ResponseCheckTx]:
        """One native batch decodes and verifies the burst; then each transaction is checked
        against committed state plus the pending view, in order."""
        decoded = self._decode([r.tx for r in requests])
        admission = self._current_admission()
        now = self._clock_us()
        out: list[abci.ResponseCheckTx] = []
        for request, item in zip(requests, decoded, strict=True):
            error: DomainError | None
            if isinstance(item, DomainError):
                error = item
            elif request.type == abci.CHECK_TX_TYPE_RECHECK:
                error = admission.recheck(item, now)
            else:
                error = admission.check(item, _sig_ok(item), now)
            out.append(_check_response(error))
        return out

    async def prepare_proposal(
        self, request: abci.RequestPrepareProposal
    ) -> abci.ResponsePrepareProposal:
        """The mempool's order, less what fails the static checks or repeats, within
        ``max_tx_bytes`` (counted as CometBFT does: each transaction's bytes in ``Data``,
        tag and length included). Never adds a transaction."""
        decoded = self._decode(list(request.txs))
        seen: set[bytes] = set()
        budget = request.max_tx_bytes
        out: list[bytes] = []
        for raw, item in zip(request.txs, decoded, strict=True):
            if not _well_formed(item) or raw in seen:
                continue
            size = 1 + len(encode_varint(len(raw))) + len(raw)
            if size > budget:
                continue  # a smaller one later may still fit
            budget -= size
            seen.add(raw)
            out.append(raw)
        return abci.ResponsePrepareProposal(txs=out)

    async def process_proposal(
        self, request: abci.RequestProcessProposal
    ) -> abci.ResponseProcessProposal:
        """Stateless and total: REJECT only what no honest proposer sends (a transaction
        that does not decode, is over the size limit, has a bad signature, or comes twice)."""
        decoded = self._decode(list(request.txs))
        honest = len(set(request.txs)) == len(request.txs) and all(map(_well_formed, decoded))
        status = abci.ResponseProcessProposal
        if not honest:
            return status(status=status.PROPOSAL_STATUS_REJECT)
        self._proposals = {request.hash: decoded}  # only the latest proposal can be decided
        return status(status=status.PROPOSAL_STATUS_ACCEPT)

    async def finalize_block(
        self, request: abci.RequestFinalizeBlock
    ) -> abci.ResponseFinalizeBlock:
        """Execute the decided block at its height and time. Writes nothing: Commit does."""
        expected = self._machine.head.height + 1
        if request.height != expected:
            raise RuntimeError(
                f"FinalizeBlock for height {request.height}, but the next height is {expected}"
            )
        decoded = self._proposals.pop(request.hash, None)
        if decoded is None:  # this node did not process the proposal: decode and verify now
            decoded = self._decode(list(request.txs))
        self._proposals.clear()
        txs = [item for item in decoded if isinstance(item, Transaction)]
        time_us = us_from_timestamp(request.time)
        loop = asyncio.get_running_loop()
        block = await loop.run_in_executor(
            self._pool,
            lambda: self._machine.finalize_block(txs, time_us, empty_block=True),
        )
        self._finalized = block
        failpoints.crash("abci-after-finalize")
        executed = iter(block.outcomes)
        results = []
        for item in decoded:
            if isinstance(item, DomainError):
                results.append(_exec_result(item, None))
                continue
            outcome = next(executed)
            results.append(_exec_result(outcome.error, outcome.entry_index))
        return abci.ResponseFinalizeBlock(
            events=self._misbehavior_events(request), tx_results=results, app_hash=block.app_hash
        )

    def _misbehavior_events(self, request: abci.RequestFinalizeBlock) -> list[abci.Event]:
        """Evidence CometBFT put in the block (a validator's double vote, a light-client
        attack), as block events naming the agency (``/block_results`` keeps them) and a
        warning in the log. No state change: validator changes come later."""
        events = []
        for item in request.misbehavior:
            address = item.validator.address
            agency = self._agency_by_address.get(address, "")
            kind = abci.MisbehaviorType.Name(item.type).removeprefix("MISBEHAVIOR_TYPE_").lower()
            attributes = {
                "agency": agency or "unknown",
                "type": kind,
                "validator_address": address.hex(),
                "height": str(item.height),
                "time": item.time.ToJsonString(),
                "reported_at_height": str(request.height),
            }
            log.warning("validator misbehavior in block %d", request.height, extra=attributes)
            events.append(
                abci.Event(
                    type="misbehavior",
                    attributes=[
                        abci.EventAttribute(key=k, value=v, index=False)
                        for k, v in attributes.items()
                    ],
                )
            )
        return events

    async def commit(self, request: abci.RequestCommit) -> abci.ResponseCommit:
        """Make the finalized block durable (one LMDB write), then reset the mempool view."""
        block, self._finalized = self._finalized, None
        if block is None:
            raise RuntimeError("Commit without a FinalizeBlock before it")
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._pool, self._machine.commit, block)
        failpoints.crash("abci-after-commit")
        self.after_commit()
        if self._on_commit is not None:
            await self._on_commit(block.outcomes)
        return abci.ResponseCommit(retain_height=0)  # keep every block


def _exec_result(error: DomainError | None, entry_index: int | None) -> abci.ExecTxResult:
    """Code and data are deterministic (they enter the next header's last_results_hash);
    log and info carry the reason and message for people."""
    data = b"" if entry_index is None else _ENTRY.pack(entry_index)
    if error is None:
        return abci.ExecTxResult(code=OK, data=data)
    return abci.ExecTxResult(
        code=code_of(error), data=data, log=error.reason, info=error.message, codespace=CODESPACE
    )


def _well_formed(item: Transaction | DomainError) -> bool:
    """Decoded, statically valid and every signature verified: what an honest proposer sends."""
    return isinstance(item, Transaction) and item.sig_ok is True


def _sig_ok(tx: Transaction) -> bool:
    assert tx.sig_ok is not None  # decode_transactions verifies every signature
    return tx.sig_ok


def _check_response(error: DomainError | None) -> abci.ResponseCheckTx:
    if error is None:
        return abci.ResponseCheckTx(code=OK)
    return abci.ResponseCheckTx(
        code=code_of(error), log=error.reason, info=error.message, codespace=CODESPACE
    )
