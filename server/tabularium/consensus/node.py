"""``tabularium serve --consensus cometbft``: one agency's node, our process and CometBFT's, run
as a pair.

CometBFT kills itself when its app connection drops and never reconnects, so neither runs
alone: this opens the ABCI socket and the gRPC server, starts ``cometbft start`` as a child,
relays its JSON log into ours, and when either side ends stops the other and exits non-zero
with the reason. SIGTERM stops CometBFT first (no block is then half-way through the app),
then our side.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import logging
import re
import signal
import subprocess
from pathlib import Path
from typing import Any

from grpc_health.v1 import health_pb2

from tabularium.api.server import SERVICE_NAMES, Node
from tabularium.chain.ledger import decode_header
from tabularium.config import ServerConfig
from tabularium.consensus.abci_server import AbciServer
from tabularium.consensus.app import LedgerAbciApp
from tabularium.consensus.lightproof import (
    check_block_proof,
    network_validators,
    signed_header_from_rpc,
)
from tabularium.consensus.network import (
    BLOCK_MAX_BYTES,
    COMETBFT_VERSION,
    abci_socket,
    check_config,
    cometbft_home,
    rpc_address,
)
from tabularium.consensus.rpc import CometRpc
from tabularium.errors import DomainError, InvalidProof, Unavailable

log = logging.getLogger("tabularium.consensus")
cometbft_log = logging.getLogger("cometbft")

STATUS_POLL_SECONDS = 1.0
STOP_SECONDS = 30.0
LOG_LINE_LIMIT = 1 << 20
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "error": logging.ERROR}


class NodeFailed(Exception):
    """The pair cannot start or stopped on its own; the message says why."""


def check_binary(cometbft: Path) -> None:
    """``cometbft`` must be the pinned release: another ABCI version cannot talk to ours."""
    try:
        out = subprocess.run(
            [str(cometbft), "version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError) as exc:
        raise NodeFailed(
            f"cannot run {cometbft} ({exc}); install it with `make cometbft` "
            f"(CometBFT v{COMETBFT_VERSION})"
        ) from exc
    if out != COMETBFT_VERSION:
        raise NodeFailed(
            f"{cometbft} is CometBFT {out!r}; this node needs exactly {COMETBFT_VERSION} "
            "(`make cometbft` builds it)"
        )


_MISMATCH = re.compile(
    r"AppHash does not match AppHash after replay\. Got\s+([0-9A-F]*), expected ([0-9A-F]*)"
)


def app_hash_mismatch(output: str, height: int) -> str | None:
    """The reason to report when CometBFT stopped because our app hash is not the network's
    (its handshake panics with both), or None."""
    found = _MISMATCH.search(output)
    if found is None:
        return None
    ours, theirs = found.groups()
    return (
        f"app hash mismatch at height {height}: this node's store gives {ours.lower()}, "
        f"the network's state holds {theirs.lower()}; this node signs nothing more. Its "
        "store differs from the other agencies' (restore it from a good copy, or rebuild it)"
    )


def relay(line: bytes) -> str:
    """Log one line of CometBFT's JSON log as ours; return its message if it is an error."""
    try:
        entry: dict[str, Any] = json.loads(line)
        if not isinstance(entry, dict):
            raise ValueError
    except ValueError:
        text = line.decode(errors="replace").rstrip()
        cometbft_log.info(text)  # a panic's trace, say: kept as the reason if it ends the node
        return text
    message = str(entry.pop("_msg", entry.pop("msg", "")))
    level = _LEVELS.get(str(entry.pop("level", "info")), logging.INFO)
    entry.pop("_time", None)
    cometbft_log.log(level, message, extra={"cometbft": entry})
    return "" if level < logging.ERROR else f"{message} {json.dumps(entry, default=str)}"


class ReplicatedNode:
    """The pair, assembled; :meth:`run` serves until SIGTERM/SIGINT or a failure."""

    def __init__(self, config: ServerConfig, cometbft: Path, commit_wait_seconds: float) -> None:
        check_binary(cometbft)
        self._cometbft = cometbft
        settings = check_config(config.data_dir, config.max_tx_bytes)
        self.node = Node(config)
        ledger = self.node.ledger
        if not ledger.genesis.replicated:
            raise NodeFailed(
                f"{config.data_dir} holds an embedded chain; serve it without --consensus"
            )
        self.rpc = CometRpc(
            *rpc_address(settings),
            max_body_bytes=int(settings.get("rpc", {}).get("max_body_bytes", 1_000_000)),
            max_batch=int(settings.get("rpc", {}).get("max_request_batch_size", 10)),
        )
        ledger.replicate(self._broadcast, commit_wait_seconds)
        self.app = LedgerAbciApp(
            ledger.machine,
            ledger.actions,
            max_tx_bytes=config.max_tx_bytes,
            on_commit=ledger.block_committed,
        )
        self._failure: asyncio.Future[str] | None = None
        self.abci = AbciServer(
            self.app,
            abci_socket(config.data_dir),
            max_frame_bytes=BLOCK_MAX_BYTES + (1 << 20),
            on_fatal=self._fail,
        )
        self.home = cometbft_home(config.data_dir)
        self.node.ledger.catching_up = True  # until CometBFT's status says otherwise
        self._last_error = ""
        self._raw_tail: collections.deque[str] = collections.deque(maxlen=64)  # a panic's text

    def _fail(self, reason: str) -> None:
        if self._failure is not None and not self._failure.done():
            self._failure.set_result(reason)

    async def _broadcast(self, raw: bytes) -> None:
        if self.node.ledger.catching_up:
            raise Unavailable(
                "CATCHING_UP", "this node is catching up with the network; retry shortly"
            )
        await self.rpc.broadcast(raw)

    async def _relay(self, stream: asyncio.StreamReader) -> None:
        # Read to the end whatever comes: a child blocked on a full pipe would stop consensus.
        while True:
            try:
                line = await stream.readline()
            except ValueError:  # a line over the limit: pass it on in pieces
                line = await stream.read(LOG_LINE_LIMIT)
            if not line:
                return
            message = relay(line)
            if message and not line.startswith(b"{"):
                self._raw_tail.append(message)
            self._last_error = message or self._last_error

    async def _poll_status(self) -> None:
        health = self.node.health
        serving = None
        while True:
            try:
                status = await self.rpc.status()
                catching_up = bool(status["sync_info"]["catching_up"])
            except (DomainError, KeyError, TypeError):
                catching_up = True
            self.node.ledger.catching_up = catching_up
            if serving != (not catching_up):
                serving = not catching_up
                state = (
                    health_pb2.HealthCheckResponse.SERVING
                    if serving
                    else health_pb2.HealthCheckResponse.NOT_SERVING
                )
                for name in ("", *SERVICE_NAMES):
                    await health.set(name, state)
                log.info("consensus", extra={"catching_up": catching_up})
            await asyncio.sleep(STATUS_POLL_SECONDS)

    async def _fetch_proofs(self) -> None:
        """Store each block's consensus proof: once block H+1 is committed here, CometBFT's
        commit for header H+1 (whose app hash is block H's) is fetched from its RPC, outside
        any ABCI call, checked against the genesis validators, and kept node-locally. Runs
        behind the head; after a restart or catch-up it fills in from the first missing one."""
        ledger = self.node.ledger
        genesis = ledger.genesis
        validators = network_validators(genesis)
        height = await asyncio.to_thread(ledger.next_unproven_height)
        while True:
            if height + 1 > ledger.head.height:
                await ledger.wait_for_block(height + 1)
                if ledger.head.height < height + 1:
                    return  # shutting down
                continue
            try:
                result = await self.rpc.commit(height + 1)
                signed = signed_header_from_rpc(result["signed_header"])
                with ledger.store.read() as txn:
                    raw = txn.block_header(height)
                assert raw is not None
                header = decode_header(raw)
                check_block_proof(
                    height,
                    header.log_root,
                    header.state_digest,
                    signed,
                    validators,
                    genesis.chain_id,
                )
            except (DomainError, KeyError, TypeError, ValueError) as exc:
                if isinstance(exc, InvalidProof):
                    log.error(
                        "CometBFT's commit does not prove our block: not stored",
                        extra={"height": height, "error": str(exc)},
                    )
                await asyncio.sleep(STATUS_POLL_SECONDS)
                continue
            await asyncio.to_thread(
                ledger.store_consensus_proof, height, signed.SerializeToString()
            )
            ledger.consensus_proof_stored(height)
            height += 1

    async def run(self) -> int:
        """Serve until a signal (0) or until either side fails (1, reason logged)."""
        loop = asyncio.get_running_loop()
        self._failure = loop.create_future()
        stopping = asyncio.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stopping.set)
        await self.abci.start()
        await self.node.start()
        proc = await asyncio.create_subprocess_exec(
            str(self._cometbft),
            "start",
            "--home",
            str(self.home),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            limit=LOG_LINE_LIMIT,
        )
        assert proc.stdout is not None
        relay_task = asyncio.create_task(self._relay(proc.stdout), name="cometbft-log")
        poll_task = asyncio.create_task(self._poll_status(), name="cometbft-status")
        proof_task = asyncio.create_task(self._fetch_proofs(), name="consensus-proofs")
        log.info("cometbft started", extra={"pid": proc.pid, "home": str(self.home)})
        exited = asyncio.create_task(proc.wait())
        signalled = asyncio.create_task(stopping.wait())
        waiters: set[asyncio.Future[Any]] = {exited, signalled, self._failure}
        await asyncio.wait(waiters, return_when="FIRST_COMPLETED")
        code, reason = 0, "signal"
        if self._failure.done():
            code, reason = 1, self._failure.result()
        elif exited.done():
            code = 1
            await relay_task  # the last of its output
            reason = app_hash_mismatch("\n".join(self._raw_tail), self.node.ledger.head.height) or (
                f"cometbft exited with status {proc.returncode}: {self._last_error}"
            )
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(proc.wait(), STOP_SECONDS)
            except TimeoutError:
                proc.kill()
                await proc.wait()
        for task in (relay_task, poll_task, proof_task, signalled):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.abci.close()
        self.app.close()
        await self.rpc.close()
        await self.node.stop()
        if code:
            log.error("node stopped", extra={"reason": reason})
        else:
            log.info("node stopped", extra={"reason": reason})
        return code


async def serve_replicated(config: ServerConfig, cometbft: Path, commit_wait: float) -> int:
    return await ReplicatedNode(config, cometbft, commit_wait).run()
