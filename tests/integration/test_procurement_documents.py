"""Bid documents through a real node: sealed on the bidder's machine, uploaded with the bid
through UploadBid (size and SHA-256 checked against the logged bid), kept off the log, and
released after the opening to committee members only, each download logged first."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
import rfc8785

from tabularium import procurement_client
from tabularium.api.convert.procurement import sealed_to_pb
from tabularium.crypto import sealedbid as sb
from tabularium.ledger.v1 import ledger_pb2
from tabularium.procurement.v1 import procurement_pb2 as pb
from tests.conftest import Chain
from tests.helpers import error_info, expect_error
from tests.integration.landregistry_world import Actor
from tests.integration.pharma_world import clocked_node
from tests.integration.procurement_world import (
    DAY,
    DENIED,
    EXISTS,
    FAILED,
    INVALID,
    NOT_FOUND,
    ProcurementWorld,
)

OCID = "ocds-213czf-000-00007"
SECRET = b"Offerta tecnica riservata: metodo di posa brevettato n. 4471-QX. " * 20000


@pytest.fixture
def world(chain: Chain, tmp_path: Path) -> Iterator[ProcurementWorld]:
    with clocked_node(chain, tmp_path) as (node, clock):
        yield ProcurementWorld(chain, node, clock)


def _sealed(
    world: ProcurementWorld, bidder: Actor, price: int, documents: bytes | None
) -> tuple[pb.SubmitBid, bytes]:
    joint = world.tender(OCID).joint_key
    plain = rfc8785.dumps({"figures": {"price": price}})
    sealed, ciphertext = sb.seal_bid(OCID, "1", bidder.did, joint, plain, documents)
    action = pb.SubmitBid(ocid=OCID, lot="1", bidder=bidder.did, bid=sealed_to_pb(sealed))
    return action, ciphertext


def _upload(world: ProcurementWorld, raw: bytes, ciphertext: bytes) -> ledger_pb2.Receipt:
    channel = world.node.channel()
    return procurement_client.upload_bid(channel, raw, ciphertext, timeout=60).receipt


def _access(world: ProcurementWorld, key: Any, bidder: Actor) -> bytes:
    return procurement_client.access_transaction(
        world.chain.chain_id, key, OCID, "1", bidder.did, at_us=world.now_us()
    )


def _download(
    world: ProcurementWorld, who: Actor, bidder: Actor
) -> tuple[pb.BidDocumentsHeader, bytes]:
    access = _access(world, who.key, bidder)
    header, chunks = procurement_client.bid_documents(
        world.node.channel(), who.key, access, timeout=60
    )
    return header, b"".join(chunks)


def _download_error(
    world: ProcurementWorld, who: Actor, bidder: Actor, code: grpc.StatusCode, reason: str
) -> grpc.RpcError:
    return expect_error(lambda: _download(world, who, bidder), code, reason)


def test_documents_upload_checked_kept_off_log_and_released_to_members(
    world: ProcurementWorld,
) -> None:
    world.publish(OCID)
    members = world.ceremony(OCID)
    alfa, beta, gamma = world.bidders
    action, ciphertext = _sealed(world, alfa, 1_100_000_00, SECRET)
    assert len(ciphertext) > procurement_client.CHUNK_BYTES  # streamed in two chunks
    raw = world.sign(action, alfa.key)
    before = world.bids(OCID)

    # A bid with documents cannot skip the upload.
    expect_error(
        lambda: world.node.ledger.SubmitTransaction(
            ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=60
        ),
        FAILED,
        "SUBMIT_VIA_SERVICE",
    )
    # Wrong bytes, wrong size, nothing sent: refused, nothing logged, no bid.
    tampered = bytearray(ciphertext)
    tampered[1000] ^= 1
    expect_error(lambda: _upload(world, raw, bytes(tampered)), INVALID, "CIPHERTEXT_MISMATCH")
    expect_error(lambda: _upload(world, raw, ciphertext[:-1]), INVALID, "SIZE_MISMATCH")
    expect_error(lambda: _upload(world, raw, b""), INVALID, "SIZE_MISMATCH")
    # A bid without documents goes through SubmitTransaction, not UploadBid.
    plain_bid, _ = _sealed(world, beta, 1_000_000_00, None)
    expect_error(
        lambda: _upload(world, world.sign(plain_bid, beta.key), b""), INVALID, "NO_DOCUMENTS"
    )
    expect_error(
        lambda: world.node.ledger.GetTransaction(
            ledger_pb2.GetTransactionRequest(tx_hash=hashlib.sha256(raw).digest()), timeout=10
        ),
        NOT_FOUND,
        None,
    )
    assert world.bids(OCID) == before
    # A bid the rules refuse leaves no documents behind (a rival's bidder field).
    stolen = pb.SubmitBid()
    stolen.CopyFrom(action)
    stolen.bidder = gamma.did
    expect_error(
        lambda: _upload(world, world.sign(stolen, gamma.key), ciphertext), INVALID, "INVALID_PROOF"
    )
    store = world.chain.data_dir / "procurement" / "blobs"
    assert list(store.glob("*.bin")) == []

    receipt = _upload(world, raw, ciphertext)
    # A retry of the same upload answers with the same receipt and keeps one copy.
    assert _upload(world, raw, ciphertext).entry_index == receipt.entry_index
    assert len(list(store.glob("*.bin"))) == 1
    world.submit(plain_bid, beta.key)
    bids = {b.bidder: b for b in world.bids(OCID, "1")}
    assert bids[alfa.did].entry_index == receipt.entry_index
    assert bids[alfa.did].sealed.documents_sha256 == hashlib.sha256(ciphertext).digest()
    assert bids[alfa.did].sealed.documents_size == len(ciphertext)
    # Neither the documents nor their ciphertext is in any node file (encrypted again at rest).
    files = world.store_bytes()
    assert b"brevettato" not in files
    assert ciphertext[:64] not in files

    # Before the opening: nobody, member or not, gets the documents; refusals are logged.
    exc = _download_error(world, members[0].actor, alfa, FAILED, "NOT_OPENED")
    assert int(error_info(exc).metadata["entry_index"]) > receipt.entry_index
    world.advance(36 * DAY)
    for member in members[:3]:
        world.submit(world.open_action(OCID, member), member.actor.key)
    assert all(b.status == pb.BID_STATUS_OPENED for b in world.bids(OCID))

    # A bidder, the buyer's officer: not members.
    _download_error(world, beta, alfa, DENIED, "NOT_COMMITTEE_MEMBER")
    _download_error(world, world.officer, alfa, DENIED, "NOT_COMMITTEE_MEMBER")
    # Beta's bid has no documents; Gamma has no bid.
    _download_error(world, members[1].actor, beta, NOT_FOUND, "NO_DOCUMENTS")
    _download_error(world, members[1].actor, gamma, NOT_FOUND, "BID_NOT_FOUND")

    # A member downloads: logged first, then the ciphertext, which the data key opens.
    header, got = _download(world, members[3].actor, alfa)
    assert got == ciphertext
    assert hashlib.sha256(got).digest() == header.documents_sha256
    assert header.documents_size == len(got)
    plain = sb.decrypt_part(header.data_key, OCID, "1", alfa.did, sb.DOCUMENTS, got)
    assert plain == SECRET
    access = header.access_receipt
    entry = world.node.ledger.GetTransaction(
        ledger_pb2.GetTransactionRequest(tx_hash=access.tx_hash), timeout=10
    )
    assert entry.entry_index == access.entry_index
    assert not entry.result.HasField("error")
    header2, _ = _download(world, members[0].actor, alfa)
    alfa_bid = {b.bidder: b for b in world.bids(OCID, "1")}[alfa.did]
    assert [(d.member, d.entry_index) for d in alfa_bid.document_downloads] == [
        (4, access.entry_index),
        (1, header2.access_receipt.entry_index),
    ]

    # An access transaction serves one download; it is signed by the caller; it is submitted
    # through GetBidDocuments only.
    member = members[2].actor
    access_raw = _access(world, member.key, alfa)
    procurement_client.bid_documents(world.node.channel(), member.key, access_raw, timeout=60)
    expect_error(
        lambda: procurement_client.bid_documents(
            world.node.channel(), member.key, access_raw, timeout=60
        ),
        EXISTS,
        "ACCESS_ALREADY_USED",
    )
    fresh = _access(world, member.key, alfa)
    expect_error(
        lambda: procurement_client.bid_documents(
            world.node.channel(), members[1].actor.key, fresh, timeout=60
        ),
        DENIED,
        "ACCESS_SIGNER_MISMATCH",
    )
    expect_error(
        lambda: world.node.ledger.SubmitTransaction(
            ledger_pb2.SubmitTransactionRequest(transaction=fresh), timeout=60
        ),
        FAILED,
        "SUBMIT_VIA_SERVICE",
    )
    wrong_kind = world.sign(pb.WithdrawBid(ocid=OCID, lot="1", bidder=alfa.did), member.key)
    expect_error(
        lambda: procurement_client.bid_documents(
            world.node.channel(), member.key, wrong_kind, timeout=60
        ),
        INVALID,
        "NOT_ACCESS_BID_DOCUMENTS",
    )
    # Unsigned request: authentication required.
    expect_error(
        lambda: list(
            world.stub.GetBidDocuments(
                pb.GetBidDocumentsRequest(access_transaction=fresh), timeout=60
            )
        ),
        grpc.StatusCode.UNAUTHENTICATED,
        None,
    )
    # The documents' plaintext never reached the node, even after the opening.
    assert b"brevettato" not in world.store_bytes()

    # OCDS: the bid names its documents by hash; each download is a release.
    from tests.reference import ocds_schema

    package = json.loads(
        world.stub.GetReleasePackage(
            pb.GetReleasePackageRequest(ocid=OCID), timeout=10
        ).package_json
    )
    ocds_schema.validate_release_package(package)
    compiled, _ = ocds_schema.merge(package["releases"])
    bid = next(b for b in compiled["bids"]["details"] if b["tenderers"][0]["id"] == alfa.did)
    assert [d["id"] for d in bid["documents"]] == [hashlib.sha256(ciphertext).hexdigest()]
    downloads = [
        r["tabularium"]["documentDownload"]
        for r in package["releases"]
        if "documentDownload" in r["tabularium"]
    ]
    assert [d["member"] for d in downloads] == [4, 1, 3]
