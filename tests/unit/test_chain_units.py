"""Chain building blocks on plain values: checkpoints, state digests, genesis, execution."""

from __future__ import annotations

import base64
import hashlib
import os

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium.api.registry import build_actions
from tabularium.chain.checkpoint import (
    NoteVerifier,
    key_hash,
    note_body,
    parse_checkpoint,
    sign_checkpoint,
    verify_checkpoint,
)
from tabularium.chain.genesis import Authority, Genesis, Policy
from tabularium.chain.state import Overlay, next_state_digest, writes_digest
from tabularium.documents.v1 import documents_pb2
from tabularium.errors import InvalidArgument, InvalidSignature
from tabularium.identity.v1 import identity_pb2
from tabularium.txbuild import build_signed


def test_checkpoint_note_layout_follows_c2sp() -> None:
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes_raw()
    root = hashlib.sha256(b"root").digest()
    note = sign_checkpoint(key, "example.org/log", "example.org/log", 12, root)
    text = note.decode()
    body, signatures = text.split("\n\n")
    assert body + "\n" == f"example.org/log\n12\n{base64.b64encode(root).decode()}\n"
    assert signatures.startswith("\u2014 example.org/log ")
    blob = base64.b64decode(signatures.split(" ")[2])
    # Key hash: SHA-256(name || 0x0A || 0x01 || key)[:4]; the rest is the Ed25519 signature.
    assert blob[:4] == hashlib.sha256(b"example.org/log\n\x01" + public).digest()[:4]
    assert blob[:4] == key_hash("example.org/log", public)
    key.public_key().verify(blob[4:], note_body("example.org/log", 12, root))
    verifier = NoteVerifier("example.org/log", public)
    assert NoteVerifier.parse(verifier.encode()) == verifier
    parsed = verify_checkpoint(note, verifier, origin="example.org/log")
    assert (parsed.size, parsed.root) == (12, root)


def test_checkpoint_with_a_non_ascii_origin_verifies() -> None:
    key = Ed25519PrivateKey.generate()
    verifier = NoteVerifier("k", key.public_key().public_bytes_raw())
    origin = "tabularium.example/registro-\u00e0\u00e8\u00ec\u00f2\u00f9"
    note = sign_checkpoint(key, "k", origin, 3, bytes(32))
    assert verify_checkpoint(note, verifier, origin=origin).origin == origin


def test_checkpoint_rejections() -> None:
    key = Ed25519PrivateKey.generate()
    verifier = NoteVerifier("k", key.public_key().public_bytes_raw())
    note = sign_checkpoint(key, "k", "origin", 3, bytes(32))
    with pytest.raises(InvalidArgument, match="origin"):
        verify_checkpoint(note, verifier, origin="other")
    forged = note.replace(b"\n3\n", b"\n4\n")
    with pytest.raises(InvalidSignature):
        verify_checkpoint(forged, verifier)
    other = NoteVerifier("k", Ed25519PrivateKey.generate().public_key().public_bytes_raw())
    with pytest.raises(InvalidSignature, match="no signature"):
        verify_checkpoint(note, other)
    for bad in (b"origin\n3\n", b"origin\nx\nAAAA\n\n", b"\xff", b"origin\n03\nAAAA\n\n"):
        with pytest.raises(InvalidArgument):
            parse_checkpoint(bad)
    with pytest.raises(InvalidArgument):
        NoteVerifier.parse("k+00000000+AQ==")


def test_state_digest_depends_on_every_write_and_not_on_insertion_order() -> None:
    a = Overlay(lambda _k: None)
    a.put(b"k1", b"v1")
    a.put(b"k2", b"v2")
    a.delete(b"k3")
    b = Overlay(lambda _k: None)
    b.delete(b"k3")
    b.put(b"k2", b"v2")
    b.put(b"k1", b"v1")
    digest_a = writes_digest(a.sorted_writes())
    assert digest_a == writes_digest(b.sorted_writes())
    b.put(b"k3", b"")  # an empty value is not a deletion
    assert writes_digest(b.sorted_writes()) != digest_a
    # Length prefixes keep (k, v) boundaries unambiguous.
    c = Overlay(lambda _k: None)
    c.put(b"k", b"1v1")
    d = Overlay(lambda _k: None)
    d.put(b"k1", b"v1")
    assert writes_digest(c.sorted_writes()) != writes_digest(d.sorted_writes())
    prev = bytes(32)
    assert (
        next_state_digest(prev, digest_a)
        == hashlib.sha256(b"tabularium/state/v1" + prev + digest_a).digest()
    )


def test_overlay_child_is_dropped_unless_merged() -> None:
    base = {b"a": b"1"}
    block = Overlay(base.get)
    child = block.child()
    child.put(b"a", b"2")
    assert block.get(b"a") == b"1" and child.get(b"a") == b"2"
    block.merge(child)
    assert block.get(b"a") == b"2"
    assert base == {b"a": b"1"}


def _genesis() -> Genesis:
    return Genesis(
        chain_id="c-1",
        genesis_time_us=1,
        checkpoint_key_name="c-1-node",
        checkpoint_public_key=bytes(32),
        authorities=(Authority("admin", os.urandom(32), ("admin",)),),
        policies=(Policy("type.googleapis.com/x.v1.Y", ("admin",)),),
    )


def test_genesis_round_trips_and_validates() -> None:
    genesis = _genesis()
    assert Genesis.decode(genesis.encode()) == genesis
    assert genesis.hash() == hashlib.sha256(genesis.encode()).digest()
    with pytest.raises(InvalidArgument, match="chain_id"):
        Genesis.decode(genesis.encode().replace(b'"c-1"', b'"bad id"'))
    with pytest.raises(InvalidArgument, match="not valid"):
        Genesis.decode(b"{}")


def test_execution_is_deterministic() -> None:
    """Two replicas executing the same transactions at the same block time write the same bytes."""
    from tabularium.chain.ledger import Head, build_block
    from tabularium.chain.tx import decode_transaction
    from tabularium.crypto import merkle

    admin = Ed25519PrivateKey.generate()
    genesis = Genesis(
        chain_id="c-1",
        genesis_time_us=0,
        checkpoint_key_name="n",
        checkpoint_public_key=bytes(32),
        authorities=(Authority("admin", admin.public_key().public_bytes_raw(), ("admin",)),),
        policies=(
            Policy("type.googleapis.com/tabularium.documents.v1.RegisterDocument", ("admin",)),
        ),
    )
    from tabularium.chain.executor import genesis_writes

    state = {k: v for k, v in genesis_writes(genesis).sorted_writes() if v is not None}
    actions = build_actions()
    now = 1_800_000_000_000_000
    raws = [
        build_signed(
            "c-1",
            documents_pb2.RegisterDocument(sha256=bytes([i % 3]) * 32),
            [admin],
            now_us=now,
        )
        for i in range(6)
    ]
    txs = [
        decode_transaction(
            r, chain_id="c-1", max_window_us=3600_000_000, max_bytes=1 << 16, actions=actions
        )
        for r in raws
    ]
    head = Head(0, 0, merkle.EMPTY_ROOT, (), bytes(32), bytes(32), now, b"")
    built = [
        build_block(
            head,
            txs,
            [True] * 6,
            now,
            state=state.get,
            expired=[],
            lookup_logged=lambda _h: None,
        )
        for _ in range(2)
    ]
    assert built[0].header == built[1].header
    assert built[0].writes == built[1].writes
    refused = [o.error.reason for o in built[0].execution.outcomes if o.error is not None]
    assert refused == ["DOCUMENT_ALREADY_REGISTERED"] * 3
    assert built[0].size == 6


def test_block_auth_cache_sees_a_policy_change_from_the_next_transaction() -> None:
    """Authorization is remembered within a block, and forgotten when identities change: a
    policy tightened mid-block refuses the same signer's next transaction in that block."""
    from tabularium.chain.executor import execute_block, genesis_writes
    from tabularium.chain.tx import decode_transaction

    root, clerk = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    register = "type.googleapis.com/tabularium.documents.v1.RegisterDocument"
    set_policy = "type.googleapis.com/tabularium.identity.v1.SetPolicy"
    genesis = Genesis(
        chain_id="c-1",
        genesis_time_us=0,
        checkpoint_key_name="n",
        checkpoint_public_key=bytes(32),
        authorities=(
            Authority("root", root.public_key().public_bytes_raw(), ("admin",)),
            Authority("clerk", clerk.public_key().public_bytes_raw(), ("clerk",)),
        ),
        policies=(Policy(register, ("clerk",)), Policy(set_policy, ("admin",))),
    )
    state = {k: v for k, v in genesis_writes(genesis).sorted_writes() if v is not None}
    actions = build_actions()
    now = 1_800_000_000_000_000

    def tx(action: object, key: Ed25519PrivateKey) -> object:
        raw = build_signed("c-1", action, [key], now_us=now)  # type: ignore[arg-type]
        return decode_transaction(
            raw, chain_id="c-1", max_window_us=3600_000_000, max_bytes=1 << 16, actions=actions
        )

    txs = [
        tx(documents_pb2.RegisterDocument(sha256=b"\x01" * 32), clerk),
        tx(documents_pb2.RegisterDocument(sha256=b"\x02" * 32), clerk),
        tx(identity_pb2.SetPolicy(action_type_url=register, roles=["auditor"], threshold=1), root),
        tx(documents_pb2.RegisterDocument(sha256=b"\x03" * 32), clerk),
    ]
    execution = execute_block(
        state.get,
        lookup_logged=lambda _h: None,
        first_index=0,
        height=1,
        block_time_us=now,
        txs=txs,  # type: ignore[arg-type]
        signature_ok=[True] * len(txs),
        expired_nonce_keys=[],
    )
    reasons = [o.error.reason if o.error else "OK" for o in execution.outcomes]
    assert reasons == ["OK", "OK", "OK", "NOT_AUTHORIZED"]
    assert [o.entry_index for o in execution.outcomes] == [0, 1, 2, 3]


def test_block_takes_waiting_transactions_up_to_its_count_and_byte_limits() -> None:
    from types import SimpleNamespace

    from tabularium.chain.ledger import Ledger, LedgerConfig

    def length(sizes: list[int], **limits: int) -> int:
        waiting = [(SimpleNamespace(raw=bytes(n)), None) for n in sizes]
        node = SimpleNamespace(config=LedgerConfig(**limits), _pending=waiting)
        return Ledger._block_length(node)  # type: ignore[arg-type]

    assert length([10] * 5, max_block_txs=3) == 3
    assert length([10] * 5, max_block_txs=10, max_block_bytes=35) == 3
    assert length([10] * 5, max_block_txs=10, max_block_bytes=30) == 3
    assert length([100, 10], max_block_bytes=50) == 1  # an oversized first one still goes alone
    assert length([10, 100, 10], max_block_bytes=50) == 1
    assert length([], max_block_txs=3) == 0
