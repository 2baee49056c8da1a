"""Tabularium client: build, sign and submit transactions; verify receipts offline.

    from tabularium_client import Client, LogKey, load_private_key, verify_receipt

    key = load_private_key("admin.key")
    with Client("127.0.0.1:50051") as client:
        receipt = client.notarize(key, hashlib.sha256(data).digest(), title="contract")
    verify_receipt(receipt, LogKey.parse(pinned_verifier_key))   # no server needed

Generated protobuf and gRPC stubs are in ``tabularium_client.pb`` (``pb.ledger.v1.ledger_pb2``,
``pb.documents.v1.documents_pb2``, ...).
"""

from tabularium_client.checkpoint import Checkpoint, LogKey, parse_checkpoint, verify_checkpoint
from tabularium_client.client import Client, RetryPolicy
from tabularium_client.errors import ClientError, RpcFailed, VerificationError
from tabularium_client.keys import load_private_key, public_key_bytes
from tabularium_client.tx import (
    CheckedTransaction,
    build_body,
    build_signed,
    register_document,
    sign,
    signing_message,
    tx_hash,
    verify_transaction,
)
from tabularium_client.verify import (
    receipt_from_json,
    receipt_to_json,
    verify_consistency,
    verify_receipt,
)

__all__ = [
    "CheckedTransaction",
    "Checkpoint",
    "Client",
    "ClientError",
    "LogKey",
    "RetryPolicy",
    "RpcFailed",
    "VerificationError",
    "build_body",
    "build_signed",
    "load_private_key",
    "parse_checkpoint",
    "public_key_bytes",
    "receipt_from_json",
    "receipt_to_json",
    "register_document",
    "sign",
    "signing_message",
    "tx_hash",
    "verify_checkpoint",
    "verify_consistency",
    "verify_receipt",
    "verify_transaction",
]
