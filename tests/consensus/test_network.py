"""Four agencies replicated by CometBFT, each a real node pair on 127.0.0.1: submit on one,
read and verify on another; one validator down and back; two down, then one back."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import grpc
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf import json_format

from tabularium.chain.checkpoint import NoteVerifier, parse_checkpoint
from tabularium.chain.genesis import Genesis
from tabularium.chain.receipt import verify_receipt
from tabularium.chain.tx import timestamp_us as _ts
from tabularium.consensus.lightproof import verify_network_receipt
from tabularium.consensus.network import NetworkFile
from tabularium.consensus.v1 import types_pb2
from tabularium.documents.v1 import documents_pb2
from tabularium.errors import InvalidProof
from tabularium.ledger.v1 import ledger_pb2, transaction_pb2
from tabularium.txbuild import build_signed, sign
from tests.conftest import run_cli
from tests.consensus.netfixture import Network
from tests.helpers import expect_error, flip_signature
from tests.integration.test_errors import (
    _MALFORMED,
    _MALFORMED_IDS,
    INVALID,
    _body,
    _sign_body,
)

COMMIT_WAIT = 6.0
FAILED = grpc.StatusCode.FAILED_PRECONDITION
UNAUTHENTICATED = grpc.StatusCode.UNAUTHENTICATED
pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def net() -> Iterator[Network]:
    network = Network(4, commit_wait=COMMIT_WAIT)
    try:
        network.start_all()
        network.wait("two blocks on every node", lambda: min(map(network.height, range(4))) >= 2)
        network.wait("every node in step", lambda: not any(map(_catching_up(network), range(4))))
        yield network
    finally:
        network.close()


def _catching_up(net: Network) -> Callable[[int], bool]:
    def check(i: int) -> bool:
        request = ledger_pb2.GetConsensusInfoRequest()
        return bool(net.node(i).ledger.GetConsensusInfo(request, timeout=10).catching_up)

    return check


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


def _top(net: Network) -> int:
    """The highest height among the running nodes (each answers at its own commit, so a
    receipt from one may be a block ahead of another)."""
    running = [i for i, n in enumerate(net.nodes) if n and n.proc and n.proc.poll() is None]
    return max(_our_height(net, i) for i in running)


def _same_blocks(net: Network, a: int, b: int, upto: int) -> None:
    """Blocks 0..upto (or as far as both have) are byte-identical on agencies a and b."""
    upto = min(upto, _our_height(net, a), _our_height(net, b))
    for height in range(upto + 1):
        assert _header(net, a, height) == _header(net, b, height), f"block {height} differs"


def test_submitted_on_one_agency_read_and_verified_on_another(net: Network) -> None:
    raw = _tx(net)
    receipt = _submit(net, 0, raw)
    tx_hash = hashlib.sha256(raw).digest()
    assert receipt.tx_hash == tx_hash
    checkpoint_a = verify_receipt(receipt, _verifier(net, 0))

    # Agency D has it too (once D has committed that block: A answered at A's commit), from its
    # own store, under its own checkpoint key.
    d = net.node(3)
    request = ledger_pb2.GetTransactionRequest(tx_hash=tx_hash)
    net.wait("the entry on agency 4", lambda: bool(d.ledger.GetTransaction(request, timeout=10)))
    got = d.ledger.GetTransaction(request, timeout=10)
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
        net.wait(
            f"agency {other + 1} at {upto}", lambda other=other: _our_height(net, other) >= upto
        )  # type: ignore[misc]
        _same_blocks(net, 0, other, upto)

    # The same bytes again, on another node: the original answer, no new entry.
    again = _submit(net, 2, raw)
    assert again.entry_index == receipt.entry_index


class _Agency:
    """What the embedded error tests' transaction builders read from a Chain."""

    def __init__(self, net: Network) -> None:
        self.chain_id = net.chain_id
        self.admin_key = net.admins[0]


def _bad_transactions(net: Network) -> list[tuple[str, bytes, grpc.StatusCode, str]]:
    agency = _Agency(net)
    cases = [
        (name, mutate(agency), code, reason)
        for name, (mutate, code, reason) in zip(_MALFORMED_IDS, _MALFORMED, strict=True)
    ]
    now = time.time_ns() // 1000
    future = _body(agency, not_before=_ts(now + 600_000_000), not_after=_ts(now + 900_000_000))
    stale = _body(agency, not_before=_ts(now - 7000_000_000), not_after=_ts(now - 3600_000_000))
    logged = _submit(net, 0, _tx(net))
    replay = _body(agency)
    replay.nonce = transaction_pb2.TransactionBody.FromString(
        transaction_pb2.SignedTransaction.FromString(logged.transaction).body
    ).nonce
    outsider = Ed25519PrivateKey.generate()
    stranger = _body(agency, signers=[outsider.public_key().public_bytes_raw()])
    unsigned = transaction_pb2.SignedTransaction.FromString(_tx(net))
    del unsigned.signatures[:]
    cases += [
        ("truncated", _tx(net)[:-9], INVALID, "TX_MALFORMED"),
        ("bad signature", flip_signature(_tx(net)), UNAUTHENTICATED, "BAD_SIGNATURE"),
        ("missing signature", unsigned.SerializeToString(), INVALID, "SIGNATURE_MISSING"),
        ("unknown key", sign(stranger.SerializeToString(), [outsider]),
         grpc.StatusCode.PERMISSION_DENIED, "UNKNOWN_SIGNER"),
        ("window not open", _sign_body(agency, future), FAILED, "WINDOW_NOT_OPEN"),
        ("window closed", _sign_body(agency, stale), FAILED, "WINDOW_CLOSED"),
        ("replayed nonce", _sign_body(agency, replay), grpc.StatusCode.ALREADY_EXISTS,
         "NONCE_REUSED"),
    ]  # fmt: skip
    return cases


def test_each_bad_transaction_gets_its_code_through_grpc_and_cometbft_and_blocks_go_on(
    net: Network,
) -> None:
    before = _our_height(net, 0)
    for name, raw, code, reason in _bad_transactions(net):
        # gRPC on agency 1: the code and ErrorInfo reason an embedded node gives.
        expect_error(
            lambda raw=raw: net.node(0).ledger.SubmitTransaction(  # type: ignore[misc]
                ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=20
            ),
            code,
            reason,
        )
        # CometBFT's RPC on agency 2: CheckTx's code is that class's number, log the reason.
        answer = net.rpc(1, f"broadcast_tx_sync?tx=0x{raw.hex()}")
        assert (answer["code"], answer["log"], answer["codespace"]) == (
            code.value[0],
            reason,
            "tabularium",
        ), name
    oversized = _tx(net, 0, "x" * (70 * 1024))
    expect_error(
        lambda: net.node(0).ledger.SubmitTransaction(
            ledger_pb2.SubmitTransactionRequest(transaction=oversized), timeout=20
        ),
        grpc.StatusCode.RESOURCE_EXHAUSTED,
        "TX_TOO_LARGE",
    )
    net.wait("blocks keep coming", lambda: _our_height(net, 0) >= before + 3)
    assert _submit(net, 1, _tx(net, 1)).entry_index > 0


def test_a_batch_goes_to_cometbft_in_json_rpc_batches_and_every_item_commits(
    net: Network,
) -> None:
    raws = [_tx(net, k % 4, f"batched {k}") for k in range(600)]  # over one RPC batch of 500
    raws.insert(300, b"\xff\xff")  # one bad item keeps its own error
    response = net.node(1).ledger.SubmitTransactions(
        ledger_pb2.SubmitTransactionsRequest(transactions=raws), timeout=120
    )
    bad = response.results.pop(300)
    assert bad.error.reason == "TX_MALFORMED"
    assert all(r.HasField("receipt") for r in response.results)
    indexes = sorted(r.receipt.entry_index for r in response.results)
    assert len(set(indexes)) == 600


def test_one_validator_down_the_rest_go_on_and_it_catches_up(net: Network) -> None:
    assert net.stop(3) == 0
    start = net.height(0)
    receipt = _submit(net, 1, _tx(net, 1, "while D is down"))
    net.wait("three more blocks", lambda: net.height(0) >= start + 3)
    net.start(3)
    target = _top(net)
    net.wait("D caught up", lambda: _our_height(net, 3) >= target)
    net.wait("D in step", lambda: not _catching_up(net)(3))
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
    target = _top(net)
    net.wait("D caught up", lambda: _our_height(net, 3) >= target)
    _same_blocks(net, 0, 3, target)


def _genesis(net: Network) -> Genesis:
    return NetworkFile.decode(net.genesis_file.read_bytes()).genesis


def _with_proof(net: Network, i: int, tx_hash: bytes) -> ledger_pb2.Receipt:
    got: list[ledger_pb2.Receipt] = []

    def stored() -> bool:
        receipt = (
            net.node(i)
            .ledger.GetReceipt(ledger_pb2.GetReceiptRequest(tx_hash=tx_hash), timeout=10)
            .receipt
        )
        got[:] = [receipt]
        return receipt.HasField("consensus_proof")

    net.wait(f"agency {i + 1}'s consensus proof", stored)
    return got[0]


def test_receipts_carry_the_networks_signature_checked_against_genesis_alone(
    net: Network, tmp_path: Path
) -> None:
    raw = _tx(net, 0, "signed by the network")
    answer = net.node(0).ledger.SubmitTransaction(
        ledger_pb2.SubmitTransactionRequest(transaction=raw, wait_for_consensus_proof=True),
        timeout=COMMIT_WAIT + 20,
    )
    receipt = answer.receipt
    assert receipt.HasField("consensus_proof")
    proof = receipt.consensus_proof
    assert proof.height == receipt.block_height
    assert proof.signed_header.header.height == receipt.block_height + 1
    genesis = _genesis(net)
    verify_network_receipt(receipt, genesis)  # the genesis alone: no node key needed
    verify_network_receipt(receipt, genesis, _verifier(net, 0))
    # D's receipt, from D's store with D's own proof, verifies the same way.
    theirs = _with_proof(net, 3, receipt.tx_hash)
    verify_network_receipt(theirs, genesis, _verifier(net, 3))
    assert theirs.consensus_proof.signed_header.header == proof.signed_header.header

    def broken(change: Callable[[ledger_pb2.Receipt], object]) -> ledger_pb2.Receipt:
        copy = ledger_pb2.Receipt()
        copy.CopyFrom(receipt)
        change(copy)
        return copy

    def flip_sig(r: ledger_pb2.Receipt) -> None:
        sig = next(
            s
            for s in r.consensus_proof.signed_header.commit.signatures
            if s.block_id_flag == types_pb2.BLOCK_ID_FLAG_COMMIT
        )
        sig.signature = bytes([sig.signature[0] ^ 1]) + sig.signature[1:]

    def two_of_four(r: ledger_pb2.Receipt) -> None:
        sigs = r.consensus_proof.signed_header.commit.signatures
        signing = [s for s in sigs if s.block_id_flag == types_pb2.BLOCK_ID_FLAG_COMMIT]
        for s in signing[2:]:
            s.block_id_flag = types_pb2.BLOCK_ID_FLAG_ABSENT

    negatives: list[tuple[Callable[[ledger_pb2.Receipt], object], str]] = [
        (flip_sig, "does not verify"),
        (two_of_four, "not over 2/3"),
        (
            lambda r: setattr(
                r.consensus_proof.signed_header.header, "proposer_address", bytes(20)
            ),
            "does not hash",
        ),
        (lambda r: setattr(r.consensus_proof, "state_digest", bytes(32)), "app hash"),
        (lambda r: setattr(r.consensus_proof, "height", r.block_height + 1), "block"),
        (lambda r: r.ClearField("consensus_proof"), "no consensus proof"),
    ]
    for change, why in negatives:
        with pytest.raises(InvalidProof, match=why):
            verify_network_receipt(broken(change), genesis)

    # The same offline, from the command line.
    path = tmp_path / "receipt.json"
    path.write_text(json_format.MessageToJson(receipt))
    ok = run_cli("receipt", "verify", str(path), "--validators", str(net.genesis_file))
    assert json.loads(ok.stdout)["consensus_header"]["height"] == receipt.block_height + 1
    path.write_text(json_format.MessageToJson(broken(two_of_four)))
    bad = run_cli(
        "receipt", "verify", str(path), "--validators", str(net.genesis_file), check=False
    )
    assert bad.returncode == 1 and "2/3" in bad.stdout


def test_every_node_says_who_validates(net: Network) -> None:
    info = net.node(1).ledger.GetConsensusInfo(ledger_pb2.GetConsensusInfoRequest(), timeout=10)
    assert info.mode == "cometbft" and info.agency == "agency-2" and not info.catching_up
    genesis = _genesis(net)
    assert [v.agency for v in info.validators] == [a.name for a in genesis.agencies]
    assert [v.public_key for v in info.validators] == [
        a.validator_public_key for a in genesis.agencies
    ]
    assert {v.power for v in info.validators} == {10}
    assert info.validators[0].address == hashlib.sha256(info.validators[0].public_key).digest()[:20]
    assert info.height >= 1


def test_every_stopped_node_verifies_its_store_and_stored_proofs(net: Network) -> None:
    for i in range(net.count):
        assert net.stop(i) == 0, net.logs(i)
    reports = [json.loads(run_cli("verify", "--data-dir", str(d)).stdout) for d in net.data_dirs]
    assert all(r["ok"] and r["consensus_proofs"] >= 1 for r in reports), reports
    common = min(r["height"] for r in reports)
    assert common >= 5
