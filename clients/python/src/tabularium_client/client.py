"""A gRPC client for one Tabularium node: submit signed transactions, read receipts and proofs.

Every call has a deadline. Calls that fail with UNAVAILABLE (node restarting, connection lost,
shutting down) are retried with exponential backoff and jitter: for reads that is harmless, and
for submits it is safe because the node answers identical transaction bytes with the original
receipt and writes nothing.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, TypeVar

import grpc
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf.message import Message
from google.rpc import error_details_pb2, status_pb2

from tabularium_client import tx
from tabularium_client.checkpoint import Checkpoint, LogKey, verify_checkpoint
from tabularium_client.errors import RpcFailed
from tabularium_client.pb.documents.v1 import documents_pb2, documents_pb2_grpc
from tabularium_client.pb.landregistry.v1 import landregistry_pb2, landregistry_pb2_grpc
from tabularium_client.pb.ledger.v1 import ledger_pb2, ledger_pb2_grpc
from tabularium_client.pb.pharma.v1 import pharma_pb2, pharma_pb2_grpc
from tabularium_client.verify import verify_consistency

T = TypeVar("T")

DEFAULT_TIMEOUT = 10.0
"""Deadline of a read, seconds."""
DEFAULT_SUBMIT_TIMEOUT = 30.0
"""Deadline of a submit, seconds: the node answers after the block is durably committed."""
CHANNEL_OPTIONS: tuple[tuple[str, Any], ...] = (
    # Reconnect soon after a node comes back, so retries do not fail fast for seconds.
    ("grpc.initial_reconnect_backoff_ms", 200),
    ("grpc.min_reconnect_backoff_ms", 200),
    ("grpc.max_reconnect_backoff_ms", 2000),
    ("grpc.max_receive_message_length", 64 << 20),
)
_STATUS_DETAILS_KEY = "grpc-status-details-bin"


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Retry UNAVAILABLE up to ``attempts`` calls in total, sleeping ``initial_backoff`` seconds
    after the first failure, multiplied by ``multiplier`` each time up to ``max_backoff``, each
    sleep drawn uniformly from [backoff/2, backoff] (jitter)."""

    attempts: int = 5
    initial_backoff: float = 0.2
    max_backoff: float = 3.0
    multiplier: float = 2.0

    def delays(self) -> list[float]:
        """The nominal sleeps between attempts (before jitter)."""
        out, delay = [], self.initial_backoff
        for _ in range(self.attempts - 1):
            out.append(min(delay, self.max_backoff))
            delay *= self.multiplier
        return out


def rpc_failed(exc: grpc.RpcError) -> RpcFailed:
    """Turn a failed call into RpcFailed with the ErrorInfo reason and metadata, if any."""
    call: Any = exc
    code: grpc.StatusCode = call.code()
    message: str = call.details() or ""
    for key, value in call.trailing_metadata() or ():
        if key != _STATUS_DETAILS_KEY:
            continue
        status = status_pb2.Status.FromString(value)
        for detail in status.details:
            if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
                info = error_details_pb2.ErrorInfo()
                detail.Unpack(info)
                return RpcFailed(code, message, info.reason, dict(info.metadata))
    return RpcFailed(code, message)


class Client:
    """A connection to one node. Use as a context manager, or call :meth:`close`.

    ``target`` is ``host:port``. Without ``credentials`` the channel is plaintext (a node on
    loopback or behind a TLS-terminating proxy); pass ``grpc.ssl_channel_credentials()`` for TLS.
    Failures raise :class:`RpcFailed` carrying the gRPC code and the ErrorInfo reason.
    """

    def __init__(
        self,
        target: str,
        *,
        credentials: grpc.ChannelCredentials | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        submit_timeout: float = DEFAULT_SUBMIT_TIMEOUT,
        retry: RetryPolicy | None = None,
        interceptors: Sequence[grpc.UnaryUnaryClientInterceptor[Any, Any]] = (),
    ) -> None:
        self.target = target
        self.timeout = timeout
        self.submit_timeout = submit_timeout
        self.retry = retry or RetryPolicy()
        if credentials is None:
            channel = grpc.insecure_channel(target, options=CHANNEL_OPTIONS)
        else:
            channel = grpc.secure_channel(target, credentials, options=CHANNEL_OPTIONS)
        self._channel = grpc.intercept_channel(channel, *interceptors)
        self._base_channel = channel
        self.ledger = ledger_pb2_grpc.LedgerServiceStub(self._channel)
        self.documents = documents_pb2_grpc.DocumentsServiceStub(self._channel)
        self.land = landregistry_pb2_grpc.LandRegistryServiceStub(self._channel)
        self.pharma = pharma_pb2_grpc.PharmaServiceStub(self._channel)
        self._info: ledger_pb2.GetLogInfoResponse | None = None

    def close(self) -> None:
        self._base_channel.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _call(self, method: Callable[..., T], request: Message, timeout: float) -> T:
        delays = self.retry.delays()
        for attempt in range(len(delays) + 1):
            try:
                return method(request, timeout=timeout)
            except grpc.RpcError as exc:
                failed = rpc_failed(exc)
                if failed.code != grpc.StatusCode.UNAVAILABLE or attempt == len(delays):
                    raise failed from exc
            delay = delays[attempt]
            time.sleep(random.uniform(delay / 2, delay))
        raise AssertionError("unreachable")

    # --- log information

    def log_info(self) -> ledger_pb2.GetLogInfoResponse:
        """Origin, key name and key, chain id, height and tree size (fresh on every call)."""
        self._info = self._call(
            self.ledger.GetLogInfo, ledger_pb2.GetLogInfoRequest(), self.timeout
        )
        return self._info

    @property
    def chain_id(self) -> str:
        """The node's chain id (asked once, then remembered)."""
        return (self._info or self.log_info()).chain_id

    def log_key_from_server(self) -> LogKey:
        """The checkpoint key the node says it signs with. A verifier pins this once, out of
        band (trust on first use); verifying against a key fetched each time proves nothing."""
        return LogKey.parse(self.log_info().verifier_key)

    # --- submitting

    def submit(self, transaction: bytes) -> ledger_pb2.Receipt:
        """Submit one signed transaction; return its receipt once its block is committed.

        Raises RpcFailed if the node refuses it (``reason`` says why; ``entry_index`` is set
        when the refusal itself was logged).
        """
        request = ledger_pb2.SubmitTransactionRequest(transaction=transaction)
        return self._call(self.ledger.SubmitTransaction, request, self.submit_timeout).receipt

    def submit_many(self, transactions: Sequence[bytes]) -> list[ledger_pb2.Receipt | RpcFailed]:
        """Submit many transactions in one call; one result per item, in order: its receipt,
        or an RpcFailed saying why it was refused. Raises RpcFailed if the call itself fails."""
        request = ledger_pb2.SubmitTransactionsRequest(transactions=list(transactions))
        response = self._call(self.ledger.SubmitTransactions, request, self.submit_timeout)
        results: list[ledger_pb2.Receipt | RpcFailed] = []
        for item in response.results:
            if item.HasField("receipt"):
                results.append(item.receipt)
            else:
                error = item.error
                results.append(
                    RpcFailed(
                        _STATUS_CODES.get(error.code, grpc.StatusCode.UNKNOWN),
                        error.message,
                        error.reason,
                        dict(error.metadata),
                    )
                )
        return results

    def submit_scans(self, transactions: Sequence[bytes]) -> list[pharma_pb2.ScanResult]:
        """Submit signed VerifyPack, DecommissionPack or UndoDecommission transactions through
        PharmaService.SubmitScans; one ScanResult per item, in order (a refusal is a result,
        with its code and reason, not an exception). Raises RpcFailed if the call fails."""
        request = pharma_pb2.SubmitScansRequest(transactions=list(transactions))
        response = self._call(self.pharma.SubmitScans, request, self.submit_timeout)
        return list(response.results)

    def notarize(
        self,
        keys: Ed25519PrivateKey | Sequence[Ed25519PrivateKey],
        sha256: bytes,
        *,
        title: str = "",
        memo: str = "",
    ) -> ledger_pb2.Receipt:
        """Register a document digest, signed by ``keys``; return the receipt."""
        raw = tx.build_signed(self.chain_id, tx.register_document(sha256, title), keys, memo=memo)
        return self.submit(raw)

    # --- reading

    def receipt(self, tx_hash: bytes, tree_size: int = 0) -> ledger_pb2.Receipt:
        """A receipt for a logged transaction against the checkpoint of ``tree_size``
        (0: the latest)."""
        request = ledger_pb2.GetReceiptRequest(tx_hash=tx_hash, tree_size=tree_size)
        return self._call(self.ledger.GetReceipt, request, self.timeout).receipt

    def checkpoint(self, tree_size: int = 0) -> bytes:
        """The signed checkpoint note of ``tree_size`` (0: the latest)."""
        request = ledger_pb2.GetCheckpointRequest(tree_size=tree_size)
        return self._call(self.ledger.GetCheckpoint, request, self.timeout).checkpoint

    def consistency_proof(self, first_size: int, second_size: int) -> list[bytes]:
        """The RFC 9162 consistency proof between two tree sizes."""
        request = ledger_pb2.GetConsistencyProofRequest(
            first_size=first_size, second_size=second_size
        )
        return list(self._call(self.ledger.GetConsistencyProof, request, self.timeout).hashes)

    def check_consistency(
        self, old: bytes | Checkpoint, new: bytes | Checkpoint, log_key: LogKey | str
    ) -> tuple[Checkpoint, Checkpoint]:
        """Fetch the proof between two checkpoints this client has seen and verify it offline
        (see :func:`tabularium_client.verify.verify_consistency`)."""
        key = log_key if isinstance(log_key, LogKey) else LogKey.parse(log_key)
        first = verify_checkpoint(old.note if isinstance(old, Checkpoint) else old, key)
        second = verify_checkpoint(new.note if isinstance(new, Checkpoint) else new, key)
        proof = self.consistency_proof(first.size, second.size)
        return verify_consistency(first, second, proof, key)

    def verify_document(self, sha256: bytes) -> documents_pb2.VerifyDocumentResponse:
        """Whether a digest is registered, when and where, with a receipt."""
        request = documents_pb2.VerifyDocumentRequest(sha256=sha256)
        return self._call(self.documents.VerifyDocument, request, self.timeout)

    def rights(self, parcel_id: str, *, at_height: int = 0) -> landregistry_pb2.GetRightsResponse:
        """The land rights, restrictions and responsibilities on a parcel in force at
        ``at_height`` (0: the latest block). Raises RpcFailed (NOT_FOUND PARCEL_NOT_FOUND)."""
        request = landregistry_pb2.GetRightsRequest(parcel_id=parcel_id, at_height=at_height)
        return self._call(self.land.GetRights, request, self.timeout)


_STATUS_CODES = {code.value[0]: code for code in grpc.StatusCode}
