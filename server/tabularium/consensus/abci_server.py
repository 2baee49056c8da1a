"""The ABCI 2.0 socket server CometBFT v0.38 talks to (``abci = "socket"``), on asyncio.

CometBFT opens four connections (consensus, mempool, query, snapshot) to one unix socket. On
each, answers leave in request order, each of the kind asked. ``Flush`` is answered once every
earlier answer is written and drained. CheckTx requests come in bursts closed by a Flush, so
the CheckTx requests buffered together go to the application as one batch (it can verify their
signatures in one native call).

CometBFT halts the node on ``Response.exception`` or on a broken connection, so neither is
used for ordinary trouble: the application turns bad transactions and queries into codes. A
stream that breaks the protocol (see :mod:`tabularium.consensus.framing`, an undecodable
``Request`` or one of a kind this version does not know) is another protocol version: the
connection is closed, its first bytes are logged, and ``on_fatal`` is called so the node can
shut down cleanly. So is an exception escaping the application.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from google.protobuf.message import DecodeError

from tabularium.consensus.framing import FrameDecoder, ProtocolViolation, encode_frame
from tabularium.consensus.v1 import abci_pb2 as abci

log = logging.getLogger("tabularium.consensus")

READ_CHUNK = 1 << 16
# Request kinds answered by the method of the same name on the application.
_KINDS = (
    "echo",
    "info",
    "init_chain",
    "query",
    "commit",
    "list_snapshots",
    "offer_snapshot",
    "load_snapshot_chunk",
    "apply_snapshot_chunk",
    "prepare_proposal",
    "process_proposal",
    "extend_vote",
    "verify_vote_extension",
    "finalize_block",
)


class Application:
    """What the socket server calls: one coroutine per request kind, protobuf in and out, plus
    ``check_txs`` for a burst of CheckTx. The defaults answer what this node never uses (state
    sync off, vote extensions off); the rest must be provided by a subclass."""

    async def echo(self, request: abci.RequestEcho) -> abci.ResponseEcho:
        return abci.ResponseEcho(message=request.message)

    async def info(self, request: abci.RequestInfo) -> abci.ResponseInfo:
        raise NotImplementedError

    async def init_chain(self, request: abci.RequestInitChain) -> abci.ResponseInitChain:
        raise NotImplementedError

    async def query(self, request: abci.RequestQuery) -> abci.ResponseQuery:
        return abci.ResponseQuery(code=1, log=f"no query path {request.path!r}")

    async def check_txs(
        self, requests: Sequence[abci.RequestCheckTx]
    ) -> Sequence[abci.ResponseCheckTx]:
        raise NotImplementedError

    async def commit(self, request: abci.RequestCommit) -> abci.ResponseCommit:
        raise NotImplementedError

    async def list_snapshots(
        self, request: abci.RequestListSnapshots
    ) -> abci.ResponseListSnapshots:
        return abci.ResponseListSnapshots()  # state sync is off: no snapshots

    async def offer_snapshot(
        self, request: abci.RequestOfferSnapshot
    ) -> abci.ResponseOfferSnapshot:
        return abci.ResponseOfferSnapshot(result=abci.ResponseOfferSnapshot.RESULT_REJECT)

    async def load_snapshot_chunk(
        self, request: abci.RequestLoadSnapshotChunk
    ) -> abci.ResponseLoadSnapshotChunk:
        return abci.ResponseLoadSnapshotChunk()

    async def apply_snapshot_chunk(
        self, request: abci.RequestApplySnapshotChunk
    ) -> abci.ResponseApplySnapshotChunk:
        return abci.ResponseApplySnapshotChunk(
            result=abci.ResponseApplySnapshotChunk.RESULT_REJECT_SNAPSHOT
        )

    async def prepare_proposal(
        self, request: abci.RequestPrepareProposal
    ) -> abci.ResponsePrepareProposal:
        raise NotImplementedError

    async def process_proposal(
        self, request: abci.RequestProcessProposal
    ) -> abci.ResponseProcessProposal:
        raise NotImplementedError

    async def extend_vote(self, request: abci.RequestExtendVote) -> abci.ResponseExtendVote:
        return abci.ResponseExtendVote()  # vote extensions are off

    async def verify_vote_extension(
        self, request: abci.RequestVerifyVoteExtension
    ) -> abci.ResponseVerifyVoteExtension:
        # Extensions are off, so the only acceptable one is empty.
        status = (
            abci.ResponseVerifyVoteExtension.VERIFY_STATUS_ACCEPT
            if not request.vote_extension
            else abci.ResponseVerifyVoteExtension.VERIFY_STATUS_REJECT
        )
        return abci.ResponseVerifyVoteExtension(status=status)

    async def finalize_block(
        self, request: abci.RequestFinalizeBlock
    ) -> abci.ResponseFinalizeBlock:
        raise NotImplementedError


class AbciServer:
    """Serves ``app`` on the unix socket ``path`` until :meth:`close`."""

    def __init__(
        self,
        app: Application,
        path: Path,
        *,
        max_frame_bytes: int,
        on_fatal: Callable[[str], None] = lambda reason: None,
    ) -> None:
        # A unix socket path has at most 107 bytes (sun_path): say so rather than fail obscurely.
        if len(os.fsencode(path)) > 107:
            raise ValueError(f"ABCI socket path is over 107 bytes: {path}")
        self._app = app
        self._path = path
        self._max_frame = max_frame_bytes
        self._on_fatal = on_fatal
        self._server: asyncio.AbstractServer | None = None
        self._connections: set[asyncio.Task[None]] = set()

    @property
    def address(self) -> str:
        """The address CometBFT's ``proxy_app`` takes."""
        return f"unix://{self._path}"

    async def start(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._path.unlink()  # a socket left by an earlier run
        self._server = await asyncio.start_unix_server(self._accept, path=str(self._path))

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        for task in list(self._connections):
            task.cancel()
        for task in list(self._connections):
            with contextlib.suppress(asyncio.CancelledError):
                await task
        with contextlib.suppress(FileNotFoundError):
            self._path.unlink()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        try:
            await self._serve(reader, writer)
        finally:
            self._connections.discard(task)
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        decoder = FrameDecoder(self._max_frame)
        try:
            while data := await reader.read(READ_CHUNK):
                frames = decoder.feed(data)
                requests: list[abci.Request] = []
                try:
                    for frame in frames:
                        requests.append(_decode(frame, data))
                finally:
                    # Whatever came before a bad frame is answered before the connection closes.
                    await self._answer(requests, writer)
                    await writer.drain()
                if decoder.error is not None:
                    raise decoder.error
        except ProtocolViolation as exc:
            log.error("ABCI protocol violation; closing the connection", extra={"detail": str(exc)})
            self._on_fatal(f"ABCI protocol violation: {exc}")
        except ConnectionError:
            log.info("ABCI connection lost")
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("the application failed on an ABCI request; stopping")
            self._on_fatal(f"the application failed on an ABCI request: {exc!r}")

    async def _answer(self, requests: Sequence[abci.Request], writer: asyncio.StreamWriter) -> None:
        """Answer ``requests`` in order; consecutive CheckTx requests as one batch."""
        i = 0
        while i < len(requests):
            kind = requests[i].WhichOneof("value")
            if kind == "check_tx":
                j = i
                while j < len(requests) and requests[j].WhichOneof("value") == "check_tx":
                    j += 1
                batch = [r.check_tx for r in requests[i:j]]
                answers = await self._app.check_txs(batch)
                if len(answers) != len(batch):
                    raise RuntimeError(f"check_txs answered {len(answers)} of {len(batch)}")
                for answer in answers:
                    _send(writer, abci.Response(check_tx=answer))
                i = j
                continue
            if kind == "flush":
                await writer.drain()
                _send(writer, abci.Response(flush=abci.ResponseFlush()))
                await writer.drain()
            else:
                assert kind in _KINDS, kind  # _decode admits no other kind
                method: Any = getattr(self._app, kind)
                answer = await method(getattr(requests[i], kind))
                response = abci.Response()
                getattr(response, kind).CopyFrom(answer)
                _send(writer, response)
            i += 1


def _send(writer: asyncio.StreamWriter, response: abci.Response) -> None:
    writer.write(encode_frame(response.SerializeToString()))


def _decode(frame: bytes, context: bytes) -> abci.Request:
    try:
        request = abci.Request.FromString(frame)
    except DecodeError as exc:
        raise ProtocolViolation(f"undecodable ABCI Request: {exc}", frame or context) from exc
    kind = request.WhichOneof("value")
    if kind is None or (kind not in _KINDS and kind not in ("flush", "check_tx")):
        raise ProtocolViolation("ABCI request of an unknown kind", frame or context)
    return request
