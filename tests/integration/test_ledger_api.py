"""The ledger core through the real server: receipts, proofs, reads, streams, health."""

from __future__ import annotations

import hashlib
import os
import threading

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from tabularium.chain.checkpoint import NoteVerifier, parse_checkpoint, verify_checkpoint
from tabularium.chain.receipt import verify_receipt
from tabularium.crypto import merkle
from tabularium.documents.v1 import documents_pb2
from tabularium.ledger.v1 import ledger_pb2
from tests.conftest import Chain, NodeProcess, submit


def _verifier(node: NodeProcess) -> NoteVerifier:
    info = node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=10)
    return NoteVerifier.parse(info.verifier_key)


def test_submit_returns_a_receipt_that_verifies_offline(chain: Chain, node: NodeProcess) -> None:
    digest = hashlib.sha256(b"land title 42").digest()
    raw = chain.notarize(digest, title="land title 42")
    receipt = submit(node, raw)
    assert receipt.transaction == raw
    assert receipt.tx_hash == hashlib.sha256(raw).digest()
    assert receipt.entry_index == 0
    assert receipt.block_height == 1
    assert receipt.result.status == ledger_pb2.TRANSACTION_STATUS_ACCEPTED
    info = node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=10)
    assert info.chain_id == "test-chain"
    assert info.origin == "tabularium.example/test-chain"
    verifier = NoteVerifier.parse(info.verifier_key)
    assert verifier.public_key == info.public_key
    checkpoint = verify_receipt(receipt, verifier, origin=info.origin)
    assert checkpoint.size == 1
    assert checkpoint.root == merkle.root([raw])


def test_reads_agree_with_the_receipt(chain: Chain, node: NodeProcess) -> None:
    raws = [chain.notarize(hashlib.sha256(bytes([i])).digest()) for i in range(5)]
    receipts = [submit(node, raw) for raw in raws]
    got = node.ledger.GetTransaction(
        ledger_pb2.GetTransactionRequest(tx_hash=receipts[2].tx_hash), timeout=10
    )
    assert got.transaction == raws[2]
    assert got.entry_index == 2
    assert got.block_height == receipts[2].block_height
    assert got.result.status == ledger_pb2.TRANSACTION_STATUS_ACCEPTED
    listed = node.ledger.ListEntries(ledger_pb2.ListEntriesRequest(start_index=1, page_size=3))
    assert list(listed.entries) == raws[1:4]
    assert listed.next_index == 4
    block = node.ledger.GetBlock(ledger_pb2.GetBlockRequest(height=receipts[4].block_height)).block
    header = ledger_pb2.BlockHeader.FromString(block.header)
    assert block.block_hash == hashlib.sha256(block.header).digest()
    assert header.log_size == 5 and header.log_root == merkle.root(raws)
    assert raws[4] in list(block.entries)
    # Blocks chain by hash.
    previous = node.ledger.GetBlock(ledger_pb2.GetBlockRequest(height=header.height - 1)).block
    assert header.previous_block_hash == previous.block_hash
    # Receipt against a later checkpoint, and proofs straight from the proof RPCs.
    later = node.ledger.GetReceipt(ledger_pb2.GetReceiptRequest(tx_hash=receipts[0].tx_hash))
    verify_receipt(later.receipt, _verifier(node))
    assert parse_checkpoint(later.receipt.checkpoint).size == 5
    proof = node.ledger.GetInclusionProof(ledger_pb2.GetInclusionProofRequest(index=3, tree_size=5))
    merkle.verify_inclusion(merkle.leaf_hash(raws[3]), 3, 5, list(proof.hashes), merkle.root(raws))
    for old in range(0, 6):
        consistency = node.ledger.GetConsistencyProof(
            ledger_pb2.GetConsistencyProofRequest(first_size=old, second_size=5)
        )
        assert list(consistency.hashes) == merkle.consistency_proof(raws, old)
    note = node.ledger.GetCheckpoint(ledger_pb2.GetCheckpointRequest(tree_size=0)).checkpoint
    assert verify_checkpoint(note, _verifier(node)).size == 5


def test_resubmitting_identical_bytes_returns_the_original_receipt(
    chain: Chain, node: NodeProcess
) -> None:
    raw = chain.notarize(os.urandom(32))
    first = submit(node, raw)
    again = submit(node, raw)
    assert again.entry_index == first.entry_index
    assert again.block_height == first.block_height
    info = node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest())
    assert info.tree_size == 1


def test_verify_document(chain: Chain, node: NodeProcess) -> None:
    digest = hashlib.sha256(b"diploma").digest()
    receipt = submit(node, chain.notarize(digest, title="diploma"))
    found = node.documents.VerifyDocument(documents_pb2.VerifyDocumentRequest(sha256=digest))
    assert found.registered and found.title == "diploma"
    assert found.entry_index == receipt.entry_index
    assert found.block_height == receipt.block_height
    assert found.registered_at == receipt.block_time
    verify_receipt(found.receipt, _verifier(node))
    missing = node.documents.VerifyDocument(documents_pb2.VerifyDocumentRequest(sha256=bytes(32)))
    assert not missing.registered


def test_submit_many_gives_each_item_its_own_result(chain: Chain, node: NodeProcess) -> None:
    good = [chain.notarize(os.urandom(32)) for _ in range(50)]
    batch = [*good[:25], b"\x00garbage", *good[25:], good[0]]
    response = node.ledger.SubmitTransactions(
        ledger_pb2.SubmitTransactionsRequest(transactions=batch), timeout=30
    )
    assert len(response.results) == 52
    bad = response.results[25]
    assert bad.HasField("error") and bad.error.reason == "TX_MALFORMED"
    assert bad.error.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    ok = [r for i, r in enumerate(response.results) if i != 25]
    assert all(r.HasField("receipt") for r in ok)
    assert sorted(r.receipt.entry_index for r in ok[:-1]) == list(range(50))
    assert ok[-1].receipt.entry_index == ok[0].receipt.entry_index  # duplicate of good[0]
    verifier = _verifier(node)
    for r in ok:
        verify_receipt(r.receipt, verifier)
        # Receipts built in memory at commit equal those rebuilt from storage later.
        size = parse_checkpoint(r.receipt.checkpoint).size
        stored = node.ledger.GetReceipt(
            ledger_pb2.GetReceiptRequest(tx_hash=r.receipt.tx_hash, tree_size=size)
        )
        assert stored.receipt == r.receipt


def test_concurrent_submitters_share_blocks(chain: Chain, node: NodeProcess) -> None:
    receipts: list[ledger_pb2.Receipt] = []
    lock = threading.Lock()
    raws = [chain.notarize(os.urandom(32)) for _ in range(64)]

    def worker(chunk: list[bytes]) -> None:
        for raw in chunk:
            receipt = submit(node, raw)
            with lock:
                receipts.append(receipt)

    threads = [threading.Thread(target=worker, args=(raws[i::16],)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.entry_index for r in receipts) == list(range(64))
    heights = {r.block_height for r in receipts}
    assert len(heights) < 64  # group commit put several transactions in one block
    info = node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest())
    assert info.tree_size == 64


def test_stream_blocks_replays_then_follows(chain: Chain, node: NodeProcess) -> None:
    submit(node, chain.notarize(os.urandom(32)))
    stream = node.ledger.StreamBlocks(ledger_pb2.StreamBlocksRequest(start_height=0), timeout=30)
    first = next(stream).block
    second = next(stream).block
    assert ledger_pb2.BlockHeader.FromString(first.header).height == 0
    assert ledger_pb2.BlockHeader.FromString(second.header).height == 1
    raw = chain.notarize(os.urandom(32))
    submit(node, raw)
    third = next(stream).block
    assert list(third.entries) == [raw]
    stream.cancel()


def test_health_and_reflection(node: NodeProcess) -> None:
    health = health_pb2_grpc.HealthStub(node.channel())
    for service in ("", "tabularium.ledger.v1.LedgerService"):
        status = health.Check(health_pb2.HealthCheckRequest(service=service)).status
        assert status == health_pb2.HealthCheckResponse.SERVING
    reflection = reflection_pb2_grpc.ServerReflectionStub(node.channel())
    responses = reflection.ServerReflectionInfo(
        iter([reflection_pb2.ServerReflectionRequest(list_services="")])
    )
    names = {s.name for s in next(responses).list_services_response.service}
    assert {
        "tabularium.ledger.v1.LedgerService",
        "tabularium.documents.v1.DocumentsService",
        "grpc.health.v1.Health",
    } <= names
