"""The client against a live node: submit, notarize, receipts, proofs, refusals, retries."""

from __future__ import annotations

import hashlib
import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import grpc
import pytest
from conftest import Chain, Node, server_cli
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium_client import (
    Client,
    LogKey,
    RetryPolicy,
    RpcFailed,
    VerificationError,
    build_signed,
    load_private_key,
    register_document,
    tx_hash,
    verify_checkpoint,
    verify_consistency,
    verify_receipt,
    verify_transaction,
)


def digest() -> bytes:
    return hashlib.sha256(os.urandom(32)).digest()


def test_notarize_returns_a_receipt_that_verifies_offline(
    client: Client, chain: Chain, admin_key: Ed25519PrivateKey
) -> None:
    sha = digest()
    receipt = client.notarize(admin_key, sha, title="contract")
    checkpoint = verify_receipt(receipt, chain.log_key, origin=chain.origin)
    assert checkpoint.size == receipt.entry_index + 1
    verify_transaction(receipt.transaction)
    found = client.verify_document(sha)
    assert found.registered and found.title == "contract"
    assert found.entry_index == receipt.entry_index
    # The node's own answer about its key matches the key pinned from `init`.
    assert client.log_key_from_server() == chain.log_key


def test_identical_bytes_are_idempotent(client: Client, admin_key: Ed25519PrivateKey) -> None:
    raw = build_signed(client.chain_id, register_document(digest()), admin_key)
    first = client.submit(raw)
    again = client.submit(raw)
    assert again.entry_index == first.entry_index
    assert again.tx_hash == first.tx_hash == tx_hash(raw)


def test_submit_many_gives_one_result_per_item(
    client: Client, chain: Chain, admin_key: Ed25519PrivateKey
) -> None:
    sha = digest()
    raws = [
        build_signed(client.chain_id, register_document(sha, title=f"copy {i}"), admin_key)
        for i in range(2)
    ] + [build_signed(client.chain_id, register_document(digest()), admin_key)]
    results = client.submit_many(raws)
    assert len(results) == 3
    first, duplicate, other = results
    assert not isinstance(first, RpcFailed) and not isinstance(other, RpcFailed)
    verify_receipt(other, chain.log_key)
    # The second registration of the same digest is refused and the refusal logged.
    assert isinstance(duplicate, RpcFailed)
    assert duplicate.code == grpc.StatusCode.ALREADY_EXISTS
    assert duplicate.reason == "DOCUMENT_ALREADY_REGISTERED"
    assert duplicate.entry_index is not None and duplicate.entry_index > first.entry_index


def test_a_refusal_carries_code_reason_and_entry_index(
    client: Client, admin_key: Ed25519PrivateKey
) -> None:
    sha = digest()
    client.notarize(admin_key, sha)
    with pytest.raises(RpcFailed) as caught:
        client.notarize(admin_key, sha)
    assert caught.value.code == grpc.StatusCode.ALREADY_EXISTS
    assert caught.value.reason == "DOCUMENT_ALREADY_REGISTERED"
    assert caught.value.entry_index is not None


def test_an_unknown_key_is_refused_before_the_log(client: Client) -> None:
    with pytest.raises(RpcFailed) as caught:
        client.notarize(Ed25519PrivateKey.generate(), digest())
    assert caught.value.code == grpc.StatusCode.PERMISSION_DENIED
    assert caught.value.reason == "UNKNOWN_SIGNER"
    assert caught.value.entry_index is None


def test_a_tampered_transaction_is_refused_with_bad_signature(
    client: Client, admin_key: Ed25519PrivateKey
) -> None:
    raw = bytearray(build_signed(client.chain_id, register_document(digest()), admin_key))
    raw[-1] ^= 1  # last byte of the last signature
    with pytest.raises(VerificationError):
        verify_transaction(bytes(raw))
    with pytest.raises(RpcFailed) as caught:
        client.submit(bytes(raw))
    assert caught.value.code == grpc.StatusCode.UNAUTHENTICATED
    assert caught.value.reason == "BAD_SIGNATURE"


def test_consistency_between_two_checkpoints_seen(
    client: Client, chain: Chain, admin_key: Ed25519PrivateKey
) -> None:
    early = client.notarize(admin_key, digest())
    old = verify_checkpoint(client.checkpoint(), chain.log_key, origin=chain.origin)
    for _ in range(3):
        client.notarize(admin_key, digest())
    new = client.checkpoint()
    first, second = client.check_consistency(old, new, chain.log_key)
    assert first.size == old.size < second.size
    # A receipt against the older checkpoint verifies too, and proves against that root.
    receipt = client.receipt(early.tx_hash, tree_size=old.size)
    assert verify_receipt(receipt, chain.log_key).root == old.root


def test_a_history_rewrite_is_detected(
    client: Client, chain: Chain, admin_key: Ed25519PrivateKey
) -> None:
    client.notarize(admin_key, digest())
    old = client.checkpoint()
    client.notarize(admin_key, digest())
    new = client.checkpoint()
    old_cp = verify_checkpoint(old, chain.log_key)
    new_cp = verify_checkpoint(new, chain.log_key)
    proof = client.consistency_proof(old_cp.size, new_cp.size)
    forged = [bytes(32)] * len(proof) or [bytes(32)]
    verify_consistency(old, new, proof, chain.log_key)
    with pytest.raises(VerificationError) as caught:
        verify_consistency(old, new, forged, chain.log_key)
    assert caught.value.category == "CONSISTENCY_PROOF_INVALID"
    other = LogKey("py-client-node", Ed25519PrivateKey.generate().public_key().public_bytes_raw())
    with pytest.raises(VerificationError) as caught:
        verify_consistency(old, new, proof, other)
    assert caught.value.category == "BAD_CHECKPOINT_SIGNATURE"


class CountingInterceptor(grpc.UnaryUnaryClientInterceptor):  # type: ignore[misc]
    """Counts attempts and runs ``on_failure`` after each failed one (a real client-side hook,
    not a mock: the calls still go over the network)."""

    def __init__(self, on_failure: Callable[[int], None] = lambda n: None) -> None:
        self.attempts = 0
        self.on_failure = on_failure

    def intercept_unary_unary(self, continuation: Any, details: Any, request: Any) -> Any:
        self.attempts += 1
        outcome = continuation(details, request)
        if outcome.code() != grpc.StatusCode.OK:
            self.on_failure(self.attempts)
        return outcome


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unavailable_is_retried_with_the_same_bytes_until_the_node_is_up(
    tmp_path: Path, admin_key: Ed25519PrivateKey
) -> None:
    """Nothing listens on the port at first; after the first failed attempt a node starts
    there, and the retried submit of the same bytes succeeds."""
    data_dir = tmp_path / "data"
    server_cli("init", "--data-dir", str(data_dir), "--chain-id", "retry")
    key = load_private_key(data_dir / "keys" / "admin.key")
    port = free_port()
    started: list[Node] = []

    def start_node(attempt: int) -> None:
        if attempt == 1:
            started.append(Node(data_dir, port))

    counter = CountingInterceptor(start_node)
    policy = RetryPolicy(attempts=8, initial_backoff=0.1, max_backoff=1.0)
    try:
        with Client(f"127.0.0.1:{port}", retry=policy, interceptors=[counter]) as c:
            raw = build_signed("retry", register_document(digest()), key)
            receipt = c.submit(raw)
        assert counter.attempts >= 2
        assert receipt.tx_hash == tx_hash(raw)
    finally:
        for n in started:
            n.stop()


def test_unavailable_gives_up_after_the_policy_attempts(admin_key: Ed25519PrivateKey) -> None:
    counter = CountingInterceptor()
    policy = RetryPolicy(attempts=3, initial_backoff=0.01, max_backoff=0.02)
    raw = build_signed("any", register_document(digest()), admin_key)
    with (
        Client(f"127.0.0.1:{free_port()}", retry=policy, interceptors=[counter]) as c,
        pytest.raises(RpcFailed) as caught,
    ):
        c.submit(raw)
    assert caught.value.code == grpc.StatusCode.UNAVAILABLE
    assert counter.attempts == 3
