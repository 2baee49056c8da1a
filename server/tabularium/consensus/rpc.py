"""The node's client of its own CometBFT's JSON-RPC (on 127.0.0.1): broadcast, status, commit.

Only ``broadcast_tx_sync`` submits (it returns after CheckTx; the answer to the submitter waits
for the local Commit of its block). Never ``broadcast_tx_commit``, and never from inside an ABCI
call: CometBFT would wait on the app while the app waits on CometBFT.
"""

from __future__ import annotations

import asyncio
import base64
import collections
import contextlib
import itertools
from typing import Any

import httpx

from tabularium.consensus.codes import CODESPACE
from tabularium.errors import ResourceExhausted, Unavailable, error_for_code

_Queued = tuple[dict[str, Any], "asyncio.Future[dict[str, Any]]"]


class CometRpc:
    """``broadcast`` coalesces: submissions that arrive while a broadcast request is in flight
    go together in the next one, as a JSON-RPC batch (one HTTP request, one
    ``broadcast_tx_sync`` each, answered each on its own) of at most ``max_body_bytes`` / 2
    and ``max_batch`` requests (CometBFT's ``rpc.max_request_batch_size``)."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        timeout: float = 10.0,
        max_body_bytes: int = 1_000_000,
        max_batch: int = 10,
    ) -> None:
        self.url = f"http://{host}:{port}"
        self._client = httpx.AsyncClient(base_url=self.url, timeout=timeout)
        self._ids = itertools.count(1)
        self._batch_bytes = max_body_bytes // 2
        self._max_batch = max_batch or 1 << 30  # CometBFT's rpc.max_request_batch_size; 0: none
        self._queue: collections.deque[_Queued] = collections.deque()
        self._sender: asyncio.Task[None] | None = None

    async def close(self) -> None:
        if self._sender is not None:
            self._sender.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sender
        await self._client.aclose()

    async def _post(self, body: object, what: str) -> Any:
        try:
            response = await self._client.post("/", json=body)
            return response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise Unavailable(
                "CONSENSUS_UNAVAILABLE",
                f"this node's CometBFT RPC ({self.url}) did not answer {what}: {exc!r}; "
                "retry, or use another agency's node",
            ) from exc

    async def _send_queued(self) -> None:
        while self._queue:
            batch: list[_Queued] = []
            size = 0
            while self._queue and (
                not batch or (size < self._batch_bytes and len(batch) < self._max_batch)
            ):
                request, future = self._queue.popleft()
                size += len(request["params"]["tx"]) + 96
                batch.append((request, future))
            try:
                docs = await self._post([r for r, _ in batch], "broadcast_tx_sync")
            except Unavailable as exc:
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            by_id = {d.get("id"): d for d in (docs if isinstance(docs, list) else [docs])}
            for request, future in batch:
                doc = by_id.get(request["id"])
                if future.done():
                    continue
                if doc is None:
                    future.set_exception(
                        Unavailable("CONSENSUS_UNAVAILABLE", "CometBFT's batch answer lacks one")
                    )
                else:
                    future.set_result(doc)

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        """The ``result`` of one JSON-RPC call. Raises Unavailable when CometBFT does not
        answer, and RpcError for an error answer."""
        body = {"jsonrpc": "2.0", "id": next(self._ids), "method": method, "params": params}
        return _result(method, await self._post(body, method))

    async def broadcast(self, raw: bytes) -> None:
        """Hand ``raw`` to the mempool. Returns once CheckTx passed (or the transaction was
        already there); raises the DomainError of a refusal."""
        request = {
            "jsonrpc": "2.0",
            "id": next(self._ids),
            "method": "broadcast_tx_sync",
            "params": {"tx": base64.b64encode(raw).decode()},
        }
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._queue.append((request, future))
        if self._sender is None or self._sender.done():
            self._sender = asyncio.create_task(self._send_queued(), name="cometbft-broadcast")
        try:
            result = _result("broadcast_tx_sync", await future)
        except RpcError as exc:
            if "tx already exists in cache" in exc.data:
                return  # sent before: its block will answer
            if "mempool is full" in exc.data or "still rechecking" in exc.data:
                raise ResourceExhausted(
                    "MEMPOOL_FULL", f"CometBFT's mempool is full ({exc.data}); retry with backoff"
                ) from exc
            raise Unavailable(
                "CONSENSUS_REFUSED", f"CometBFT refused the transaction: {exc.data or exc}"
            ) from exc
        code = int(result.get("code", 0))
        if code == 0:
            return
        reason = str(result.get("log", ""))
        if result.get("codespace") != CODESPACE or not reason:
            raise Unavailable(
                "CONSENSUS_REFUSED", f"CometBFT refused the transaction with code {code}: {reason}"
            )
        raise error_for_code(code, reason, f"refused by CheckTx on this node: {reason}", {})

    async def status(self) -> dict[str, Any]:
        return await self.call("status")

    async def commit(self, height: int) -> dict[str, Any]:
        return await self.call("commit", height=str(height))


class RpcError(Exception):
    def __init__(self, method: str, message: str, data: str) -> None:
        super().__init__(f"{method}: {message} {data}".strip())
        self.data = data


def _result(method: str, doc: Any) -> dict[str, Any]:
    """The ``result`` of a JSON-RPC answer; RpcError for an error answer."""
    if not isinstance(doc, dict):
        raise Unavailable("CONSENSUS_UNAVAILABLE", f"CometBFT's {method} answer is not an object")
    if "error" in doc:
        error = doc["error"]
        raise RpcError(method, str(error.get("message", "")), str(error.get("data", "")))
    result = doc.get("result")
    if not isinstance(result, dict):
        raise Unavailable("CONSENSUS_UNAVAILABLE", f"CometBFT's {method} answer has no result")
    return result
