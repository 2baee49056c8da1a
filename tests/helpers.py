"""Assertions on rich gRPC errors."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import grpc
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from tabularium.api.registry import default_policies
from tabularium.chain.genesis import Genesis
from tabularium.chain.ledger import BlockMachine, initialize_store
from tabularium.config import ServerConfig
from tabularium.consensus.network import AgencyCard, assemble
from tabularium.keys import load_private_key, public_bytes
from tabularium.ledger.v1 import transaction_pb2
from tabularium.storage import Store
from tests.conftest import run_cli


def error_info(exc: grpc.RpcError) -> error_details_pb2.ErrorInfo:
    status = rpc_status.from_call(exc)  # type: ignore[arg-type]
    assert status is not None, f"no rich status in {exc}"
    for detail in status.details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            return info
    raise AssertionError(f"no ErrorInfo in {status}")


def expect_error(
    call: Callable[[], Any], code: grpc.StatusCode, reason: str | None
) -> grpc.RpcError:
    """Run ``call``; assert it fails with ``code`` and (if given) ErrorInfo ``reason``."""
    with pytest.raises(grpc.RpcError) as caught:
        call()
    exc = caught.value
    assert exc.code() == code, f"got {exc.code()} {exc.details()}, want {code}"  # type: ignore[attr-defined]
    if reason is not None:
        info = error_info(exc)
        assert info.reason == reason, f"got reason {info.reason}: {exc.details()}"  # type: ignore[attr-defined]
        assert info.domain == "tabularium"
    return exc


class MachineNode:
    """A chain's store opened as a block machine (no server): for tests that drive
    FinalizeBlock, Commit and CheckTx directly. Made by ``tabularium init`` in ``root``, or with
    ``agencies``, the store of the first of that many agencies of a network (their validator
    keys in ``validator_keys``; node IDs ``00..0i``)."""

    def __init__(self, root: Path, chain_id: str, agencies: int = 0) -> None:
        data_dir = root / "data"
        config = ServerConfig(data_dir=data_dir)
        self.validator_keys: list[Ed25519PrivateKey] = []
        if not agencies:
            run_cli("init", "--data-dir", str(data_dir), "--chain-id", chain_id)
            self._open(data_dir)
            return
        checkpoint = [Ed25519PrivateKey.generate() for _ in range(agencies)]
        admins = [Ed25519PrivateKey.generate() for _ in range(agencies)]
        self.validator_keys = [Ed25519PrivateKey.generate() for _ in range(agencies)]
        cards = [
            AgencyCard(
                f"agency-{i}",
                public_bytes(self.validator_keys[i]),
                public_bytes(checkpoint[i]),
                public_bytes(admins[i]),
                f"{i:040x}",
                "127.0.0.1:26656",
            )
            for i in range(agencies)
        ]
        network = assemble(
            chain_id, cards, genesis_time_us=time.time_ns() // 1000, policies=default_policies()
        )
        store = Store(config.store_dir, map_size=1 << 30)
        initialize_store(store, network.genesis, checkpoint[0])
        store.close()
        for path, key in (
            (config.node_key_path, checkpoint[0]),
            (config.admin_key_path, admins[0]),
        ):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
        self._open(data_dir)

    @classmethod
    def open(cls, data_dir: Path) -> MachineNode:
        """The store of an existing node folder (``tabularium init`` or ``network join``)."""
        node = cls.__new__(cls)
        node.validator_keys = []
        node._open(data_dir)
        return node

    def _open(self, data_dir: Path) -> None:
        config = ServerConfig(data_dir=data_dir)
        self.data_dir = data_dir
        self.store = Store(config.store_dir, map_size=1 << 30)
        with self.store.read() as txn:
            raw = txn.meta("genesis")
            assert raw is not None
        self.genesis = Genesis.decode(raw)
        self.node_key = load_private_key(config.node_key_path)
        self.admin = load_private_key(config.admin_key_path)
        self.machine = BlockMachine(self.store, self.genesis, self.node_key)

    def new_machine(self) -> BlockMachine:
        """Another machine over the same store: what a restart reads back."""
        return BlockMachine(self.store, self.genesis, self.node_key)


def flip_signature(raw: bytes) -> bytes:
    """``raw`` (a SignedTransaction) with one bit of its first signature flipped."""
    signed = transaction_pb2.SignedTransaction.FromString(raw)
    sig = bytearray(signed.signatures[0].signature)
    sig[5] ^= 0x01
    signed.signatures[0].signature = bytes(sig)
    return signed.SerializeToString()
