"""The ledger's block machine behind the ABCI socket: protobuf requests in, plain calls to
:class:`tabularium.chain.ledger.BlockMachine` and its admission checks, protobuf answers out.

So far: Info and CheckTx (NEW and RECHECK). The block methods (InitChain, PrepareProposal,
ProcessProposal, FinalizeBlock, Commit) come with the replicated node; until then the base
class refuses them, which stops the node rather than answer wrongly.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import time
from collections.abc import Callable, Sequence

from tabularium.chain.actions import ActionRegistry
from tabularium.chain.executor import Admission
from tabularium.chain.ledger import BlockMachine
from tabularium.chain.tx import Transaction, decode_transactions
from tabularium.consensus.abci_server import Application
from tabularium.consensus.codes import CODESPACE, OK, code_of
from tabularium.consensus.v1 import abci_pb2 as abci
from tabularium.errors import DomainError

APP_VERSION = 1  # the application protocol version CometBFT records in each header


class LedgerAbciApp(Application):
    def __init__(
        self,
        machine: BlockMachine,
        actions: ActionRegistry,
        *,
        max_tx_bytes: int,
        clock_us: Callable[[], int] = lambda: time.time_ns() // 1000,
    ) -> None:
        self._machine = machine
        self._actions = actions
        self._max_tx_bytes = max_tx_bytes
        self._clock_us = clock_us
        self._admission_scope: contextlib.ExitStack | None = None
        self._admission: Admission | None = None

    def after_commit(self) -> None:
        """Forget the pending view: the next CheckTx reads the newly committed state."""
        if self._admission_scope is not None:
            self._admission_scope.close()
        self._admission_scope = self._admission = None

    def close(self) -> None:
        self.after_commit()

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

    async def check_txs(
        self, requests: Sequence[abci.RequestCheckTx]
    ) -> Sequence[abci.ResponseCheckTx]:
        """One native batch decodes and verifies the burst; then each transaction is checked
        against committed state plus the pending view, in order."""
        genesis = self._machine.genesis
        decoded = decode_transactions(
            [r.tx for r in requests],
            chain_id=genesis.chain_id,
            max_window_us=genesis.max_window_us,
            max_bytes=self._max_tx_bytes,
            actions=self._actions,
        )
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


def _sig_ok(tx: Transaction) -> bool:
    assert tx.sig_ok is not None  # decode_transactions verifies every signature
    return tx.sig_ok


def _check_response(error: DomainError | None) -> abci.ResponseCheckTx:
    if error is None:
        return abci.ResponseCheckTx(code=OK)
    return abci.ResponseCheckTx(
        code=code_of(error), log=error.reason, info=error.message, codespace=CODESPACE
    )
