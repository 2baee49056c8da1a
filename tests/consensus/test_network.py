"""Four agencies replicated by CometBFT, each a real node pair on 127.0.0.1: submit on one,
read and verify on another; one validator down and back; two down, then one back."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator

import grpc
import pytest

from tabularium.chain.checkpoint import NoteVerifier, parse_checkpoint
from tabularium.chain.receipt import verify_receipt
from tabularium.documents.v1 import documents_pb2
from tabularium.ledger.v1 import ledger_pb2
from tabularium.txbuild import build_signed
from tests.consensus.netfixture import Network
from tests.helpers import flip_signature

COMMIT_WAIT = 6.0
pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def net() -> Iterator[Network]:
    network = Network(4, commit_wait=COMMIT_WAIT)
    try:
        network.start_all()
        network.wait("two blocks on every node", lambda: min(map(network.height, range(4))) >= 2)
        yield network
    finally:
        network.close()


def _tx(net: Network, agency: int = 0, title: str = "replicated") -> bytes:
    return build_signed(
        net.chain_id,
        documents_pb2.RegisterDocument(sha256=os.urandom(32), title=title),
        [net.admins[agency]],
        now_us=time.time_ns() // 1000,
    )


def _submit(net: Network, i: int, raw: bytes) -> ledger_pb2.Receipt:
    answer = net.node(i).ledger.SubmitTransaction(
        ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=COMMIT_WAIT + 20
    )
    return answer.receipt


def _verifier(net: Network, i: int) -> NoteVerifier:
    info = net.node(i).ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=10)
    return NoteVerifier.parse(info.verifier_key)


def _header(net: Network, i: int, height: int) -> bytes:
    block = net.node(i).ledger.GetBlock(ledger_pb2.GetBlockRequest(height=height), timeout=10)
    return bytes(block.block.header)


def _our_height(net: Network, i: int) -> int:
    return int(net.node(i).ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=10).height)


def _same_blocks(net: Network, a: int, b: int, upto: int) -> None:
    for height in range(upto + 1):
        assert _header(net, a, height) == _header(net, b, height), f"block {height} differs"


def test_submitted_on_one_agency_read_and_verified_on_another(net: Network) -> None:
    raw = _tx(net)
    receipt = _submit(net, 0, raw)
    tx_hash = hashlib.sha256(raw).digest()
    assert receipt.tx_hash == tx_hash
    checkpoint_a = verify_receipt(receipt, _verifier(net, 0))

    # Agency D has it too, from its own store, under its own checkpoint key.
    d = net.node(3)
    got = d.ledger.GetTransaction(ledger_pb2.GetTransactionRequest(tx_hash=tx_hash), timeout=10)
    assert got.transaction == raw and got.entry_index == receipt.entry_index
    theirs = d.ledger.GetReceipt(
        ledger_pb2.GetReceiptRequest(tx_hash=tx_hash, tree_size=checkpoint_a.size), timeout=10
    ).receipt
    verifier_d = _verifier(net, 3)
    assert verifier_d.public_key != _verifier(net, 0).public_key
    checkpoint_d = verify_receipt(theirs, verifier_d)
    # One log: at one size, A's and D's checkpoints have the same body; only signatures differ.
    assert parse_checkpoint(theirs.checkpoint).body == parse_checkpoint(receipt.checkpoint).body
    assert theirs.checkpoint != receipt.checkpoint
    assert checkpoint_d.root == checkpoint_a.root
    with pytest.raises(Exception, match="signature"):
        verify_receipt(theirs, _verifier(net, 0))

    # Every block header is the same on all four nodes.
    net.wait("agency 4 at agency 1's height", lambda: _our_height(net, 3) >= _our_height(net, 0))
    upto = _our_height(net, 0)
    for other in (1, 2, 3):
        _same_blocks(net, 0, other, upto)

    # The same bytes again, on another node: the original answer, no new entry.
    again = _submit(net, 2, raw)
    assert again.entry_index == receipt.entry_index


def test_bad_transactions_get_their_embedded_errors_and_blocks_go_on(net: Network) -> None:
    a = net.node(0)
    before = net.height(0)
    cases = {
        "garbage": (b"\xff\xfe", grpc.StatusCode.INVALID_ARGUMENT),
        "bad signature": (flip_signature(_tx(net)), grpc.StatusCode.UNAUTHENTICATED),
    }
    for name, (raw, code) in cases.items():
        with pytest.raises(grpc.RpcError) as info:
            a.ledger.SubmitTransaction(
                ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=20
            )
        assert info.value.code() == code, (name, info.value.details())
    net.wait("blocks keep coming", lambda: net.height(0) >= before + 3)
    assert _submit(net, 0, _tx(net)).entry_index > 0


def test_one_validator_down_the_rest_go_on_and_it_catches_up(net: Network) -> None:
    assert net.stop(3) == 0
    start = net.height(0)
    receipt = _submit(net, 1, _tx(net, 1, "while D is down"))
    net.wait("three more blocks", lambda: net.height(0) >= start + 3)
    net.start(3)
    target = _our_height(net, 0)
    net.wait("D caught up", lambda: _our_height(net, 3) >= target)
    _same_blocks(net, 0, 3, target)
    got = net.node(3).ledger.GetTransaction(
        ledger_pb2.GetTransactionRequest(tx_hash=receipt.tx_hash), timeout=10
    )
    assert got.entry_index == receipt.entry_index


def test_two_validators_down_nothing_commits_then_one_back_and_it_resumes(
    net: Network,
) -> None:
    assert net.stop(2) == 0
    assert net.stop(3) == 0
    time.sleep(1.0)  # a round in progress may still finish
    stalled = _our_height(net, 0)
    raw = _tx(net, 0, "waits for two thirds")
    with pytest.raises(grpc.RpcError) as info:
        _submit(net, 0, raw)
    assert info.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED, info.value.details()
    assert "resend" in (info.value.details() or "")
    assert _our_height(net, 0) == stalled  # 2 of 4 validators: no block
    assert net.node(1).ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=10).height == (
        stalled
    )  # reads still work

    net.start(2)
    net.wait("blocks again", lambda: _our_height(net, 0) > stalled + 1)
    # The timed-out transaction stayed in the mempools and commits; resending answers it.
    receipt = _submit(net, 0, raw)
    assert receipt.tx_hash == hashlib.sha256(raw).digest()
    net.start(3)
    target = _our_height(net, 0)
    net.wait("D caught up", lambda: _our_height(net, 3) >= target)
    _same_blocks(net, 0, 3, target)
