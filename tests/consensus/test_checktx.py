"""CheckTx through the ABCI socket on a real store: what may enter a replicated node's mempool.

Only the checks whose failure leaves no log entry run (size, decode, chain id, window,
signatures, known signer, replay); each refusal is a stable code with its reason in ``log``.
A rule-breaking but attributable transaction is admitted: it must reach a block as evidence.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium.api.registry import build_actions
from tabularium.chain.apphash import app_hash
from tabularium.chain.tx import Transaction, decode_transactions
from tabularium.consensus.app import LedgerAbciApp
from tabularium.consensus.v1 import abci_pb2 as abci
from tabularium.crypto.didkey import did_key
from tabularium.documents.v1 import documents_pb2
from tabularium.errors import DomainError
from tabularium.identity.v1 import identity_pb2
from tabularium.txbuild import build_signed
from tests.consensus.harness import Running, abci_cli, frame, read
from tests.helpers import MachineNode, flip_signature

CHAIN = "checktx-test"


class Node(MachineNode):
    def __init__(self, root: Path) -> None:
        super().__init__(root, CHAIN)
        self.now = time.time_ns() // 1000
        self.app = LedgerAbciApp(
            self.machine, build_actions(), max_tx_bytes=1 << 16, clock_us=lambda: self.now
        )

    def app_decode(self, raw: bytes) -> Transaction:
        tx = self.machine_decode([raw])[0]
        assert isinstance(tx, Transaction), tx
        return tx

    def machine_decode(self, raws: list[bytes]) -> list[Transaction | DomainError]:
        genesis = self.machine.genesis
        return decode_transactions(
            raws,
            chain_id=genesis.chain_id,
            max_window_us=genesis.max_window_us,
            max_bytes=1 << 16,
            actions=build_actions(),
        )

    def doc(self, key: Ed25519PrivateKey | None = None, *, valid_from_us: int = 0) -> bytes:
        return build_signed(
            CHAIN,
            documents_pb2.RegisterDocument(sha256=os.urandom(32), title="c"),
            [key or self.admin],
            now_us=valid_from_us or self.now,
        )


@pytest.fixture
def node(tmp_path: Path) -> Iterator[tuple[Node, Running]]:
    n = Node(tmp_path)
    running = Running(n.app)
    yield n, running
    running.close()
    n.app.close()
    n.store.close()


def _check(running: Running, *txs: bytes, recheck: bool = False) -> list[abci.ResponseCheckTx]:
    kind = abci.CHECK_TX_TYPE_RECHECK if recheck else abci.CHECK_TX_TYPE_NEW
    requests = [abci.Request(check_tx=abci.RequestCheckTx(tx=t, type=kind)) for t in txs]
    requests.append(abci.Request(flush=abci.RequestFlush()))
    with running.connect() as s:
        s.sendall(b"".join(frame(r) for r in requests))  # one burst, closed by a Flush
        answers = read(s, len(requests))
    assert answers[-1].WhichOneof("value") == "flush"
    return [a.check_tx for a in answers[:-1]]


def test_each_refusal_gets_its_stable_code_and_reason(node: tuple[Node, Running]) -> None:
    n, running = node
    good = n.doc()
    outsider = Ed25519PrivateKey.generate()
    # Attributable but forbidden (an unregistered identity may not grant roles): admitted.
    forbidden = build_signed(
        CHAIN,
        identity_pb2.GrantRole(
            subject=did_key(outsider.public_key().public_bytes_raw()),
            organization=did_key(Ed25519PrivateKey.generate().public_key().public_bytes_raw()),
            role="clerk",
        ),
        [n.admin],
        now_us=n.now,
    )
    txs = [
        good,
        good,  # the same (signer, nonce) again in one burst: replay
        b"\xff\xff\xff",
        flip_signature(n.doc()),
        n.doc(outsider),
        build_signed(
            "other-chain", documents_pb2.RegisterDocument(sha256=bytes(32)), [n.admin], now_us=n.now
        ),
        n.doc(valid_from_us=n.now + 600_000_000),
        forbidden,
    ]
    got = [(r.code, r.log) for r in _check(running, *txs)]
    assert got == [
        (0, ""),
        (6, "NONCE_REUSED"),
        (3, "TX_MALFORMED"),
        (16, "BAD_SIGNATURE"),
        (7, "UNKNOWN_SIGNER"),
        (3, "WRONG_CHAIN_ID"),
        (9, "WINDOW_NOT_OPEN"),
        (0, ""),
    ]
    # ...and a block does refuse it, with an entry: it is evidence, not mempool noise.
    tx = n.app_decode(forbidden)
    outcome = n.machine.finalize_block([tx], n.now).outcomes[0]
    assert outcome.error is not None and outcome.entry_index is not None
    refused = _check(running, b"\x00")[0]
    assert refused.codespace == "tabularium" and refused.info  # a message a person can act on


def test_the_pending_view_lasts_until_the_next_commit(node: tuple[Node, Running]) -> None:
    n, running = node
    raw = n.doc()
    assert _check(running, raw)[0].code == 0
    assert _check(running, raw)[0].log == "NONCE_REUSED"  # a later burst, same view
    n.app.after_commit()  # nothing was committed, so the nonce is free again
    assert _check(running, raw, recheck=True)[0].code == 0
    assert _check(running, raw, recheck=True)[0].log == "NONCE_REUSED"
    n.app.after_commit()
    n.now += 7200_000_000  # two hours later: its window has closed
    assert _check(running, raw, recheck=True)[0].log == "WINDOW_CLOSED"


def test_info_and_check_tx_through_cometbft_abci_cli(node: tuple[Node, Running]) -> None:
    n, running = node
    head = n.machine.head
    assert "tabularium" in abci_cli(running, "info")
    with running.connect() as s:
        s.sendall(frame(abci.Request(info=abci.RequestInfo(version="0.38.25"))))
        info = read(s, 1)[0].info
    assert info.last_block_height == head.height and info.app_version == 1
    assert info.last_block_app_hash == app_hash(head.height, head.root, head.state_digest)
    assert "code: OK" in abci_cli(running, "check_tx", "0x" + n.doc().hex())
    garbage = abci_cli(running, "check_tx", "0xffff")
    assert "TX_MALFORMED" in garbage, garbage
