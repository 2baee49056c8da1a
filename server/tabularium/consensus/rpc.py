"""The node's client of its own CometBFT's JSON-RPC (on 127.0.0.1): broadcast, status, commit.

Only ``broadcast_tx_sync`` submits (it returns after CheckTx; the answer to the submitter waits
for the local Commit of its block). Never ``broadcast_tx_commit``, and never from inside an ABCI
call: CometBFT would wait on the app while the app waits on CometBFT.
"""

from __future__ import annotations

import base64
import itertools
from typing import Any

import httpx

from tabularium.consensus.codes import CODESPACE
from tabularium.errors import ResourceExhausted, Unavailable, error_for_code


class CometRpc:
    def __init__(self, host: str, port: int, *, timeout: float = 10.0) -> None:
        self.url = f"http://{host}:{port}"
        self._client = httpx.AsyncClient(base_url=self.url, timeout=timeout)
        self._ids = itertools.count(1)

    async def close(self) -> None:
        await self._client.aclose()

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        """The ``result`` of one JSON-RPC call. Raises Unavailable when CometBFT does not
        answer, and RpcError for an error answer."""
        body = {"jsonrpc": "2.0", "id": next(self._ids), "method": method, "params": params}
        try:
            response = await self._client.post("/", json=body)
            doc = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise Unavailable(
                "CONSENSUS_UNAVAILABLE",
                f"this node's CometBFT RPC ({self.url}) did not answer {method}: {exc!r}; "
                "retry, or use another agency's node",
            ) from exc
        if "error" in doc:
            error = doc["error"]
            raise RpcError(method, str(error.get("message", "")), str(error.get("data", "")))
        result = doc.get("result")
        if not isinstance(result, dict):
            raise Unavailable("CONSENSUS_UNAVAILABLE", f"CometBFT's {method} answer has no result")
        return result

    async def broadcast(self, raw: bytes) -> None:
        """Hand ``raw`` to the mempool. Returns once CheckTx passed (or the transaction was
        already there); raises the DomainError of a refusal."""
        try:
            result = await self.call("broadcast_tx_sync", tx=base64.b64encode(raw).decode())
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
