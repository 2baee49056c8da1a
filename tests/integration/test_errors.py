"""Every bad input gets the right code and ErrorInfo reason, and the ledger stays intact."""

from __future__ import annotations

import hashlib
import os
import time

import grpc
import pytest
from google.protobuf import any_pb2

from tabularium.chain.tx import signing_message
from tabularium.chain.tx import timestamp_us as _ts
from tabularium.documents.v1 import documents_pb2
from tabularium.ledger.v1 import ledger_pb2, transaction_pb2
from tabularium.txbuild import build_body, sign
from tests.conftest import Chain, NodeProcess, submit
from tests.helpers import error_info, expect_error

INVALID = grpc.StatusCode.INVALID_ARGUMENT


def _size(node: NodeProcess) -> int:
    return int(node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest()).tree_size)


def _submit_call(node: NodeProcess, raw: bytes):  # type: ignore[no-untyped-def]
    return lambda: submit(node, raw)


def _body(chain: Chain, **overrides: object) -> transaction_pb2.TransactionBody:
    body = transaction_pb2.TransactionBody()
    body.ParseFromString(
        build_body(
            chain.chain_id,
            documents_pb2.RegisterDocument(sha256=os.urandom(32), title="t"),
            [chain.admin_key.public_key().public_bytes_raw()],
            now_us=time.time_ns() // 1000,
        )
    )
    for name, value in overrides.items():
        if isinstance(value, list):
            del getattr(body, name)[:]
            getattr(body, name).extend(value)
        elif hasattr(value, "CopyFrom"):
            getattr(body, name).CopyFrom(value)
        else:
            setattr(body, name, value)
    return body


def _sign_body(chain: Chain, body: transaction_pb2.TransactionBody) -> bytes:
    return sign(body.SerializeToString(), [chain.admin_key])


_MALFORMED = [
    (lambda c: b"\xff\xff\xff", INVALID, "TX_MALFORMED"),
    (
        lambda c: transaction_pb2.SignedTransaction(body=b"").SerializeToString(),
        INVALID,
        "TX_MALFORMED",
    ),
    (
        lambda c: transaction_pb2.SignedTransaction(body=b"\xff\x01").SerializeToString(),
        INVALID,
        "BODY_MALFORMED",
    ),
    (lambda c: _sign_body(c, _body(c, chain_id="other-chain")), INVALID, "WRONG_CHAIN_ID"),
    (lambda c: _sign_body(c, _body(c, nonce=b"short")), INVALID, "NONCE_INVALID"),
    (
        lambda c: _sign_body(c, _body(c, not_after=_ts(time.time_ns() // 1000 + 7200_000_000))),
        INVALID,
        "WINDOW_TOO_LONG",
    ),
    (lambda c: _sign_body(c, _body(c, signers=[])), INVALID, "SIGNERS_MISSING"),
    (lambda c: _sign_body(c, _body(c, memo="x" * 300)), INVALID, "MEMO_TOO_LONG"),
]
_MALFORMED_IDS = [
    "garbage",
    "empty-body",
    "bad-body",
    "chain-id",
    "nonce",
    "window-too-long",
    "no-signers",
    "memo",
]


@pytest.mark.parametrize(("mutate", "code", "reason"), _MALFORMED, ids=_MALFORMED_IDS)
def test_malformed_transactions_are_refused_without_an_entry(
    chain: Chain,
    node: NodeProcess,
    mutate,
    code,
    reason,  # type: ignore[no-untyped-def]
) -> None:
    expect_error(_submit_call(node, mutate(chain)), code, reason)
    assert _size(node) == 0


def test_unknown_action_type(chain: Chain, node: NodeProcess) -> None:
    body = _body(chain)
    body.action.CopyFrom(any_pb2.Any(type_url="type.googleapis.com/evil.v1.Steal", value=b""))
    exc = expect_error(_submit_call(node, _sign_body(chain, body)), INVALID, "UNKNOWN_ACTION_TYPE")
    assert "tabularium.documents.v1" in exc.details()  # type: ignore[attr-defined]


def test_invalid_action_payload(chain: Chain, node: NodeProcess) -> None:
    body = _body(chain)
    body.action.Pack(documents_pb2.RegisterDocument(sha256=b"short"))
    expect_error(_submit_call(node, _sign_body(chain, body)), INVALID, "SHA256_INVALID")


def test_bad_signature(chain: Chain, node: NodeProcess) -> None:
    signed = transaction_pb2.SignedTransaction.FromString(chain.notarize(os.urandom(32)))
    sig = bytearray(signed.signatures[0].signature)
    sig[5] ^= 0x01
    signed.signatures[0].signature = bytes(sig)
    expect_error(
        _submit_call(node, signed.SerializeToString()),
        grpc.StatusCode.UNAUTHENTICATED,
        "BAD_SIGNATURE",
    )
    assert _size(node) == 0


def _bad_signature(chain: Chain) -> bytes:
    signed = transaction_pb2.SignedTransaction.FromString(chain.notarize(os.urandom(32)))
    sig = bytearray(signed.signatures[0].signature)
    sig[5] ^= 0x01
    signed.signatures[0].signature = bytes(sig)
    return signed.SerializeToString()


def test_a_batch_gives_each_bad_transaction_the_error_it_gets_alone(
    chain: Chain, node: NodeProcess
) -> None:
    """SubmitTransactions decodes, checks and verifies a batch natively, off the event loop;
    every refusal must be the one SubmitTransaction gives, and the good items still commit."""
    unknown = _body(chain)
    unknown.action.CopyFrom(any_pb2.Any(type_url="type.googleapis.com/evil.v1.Steal", value=b""))
    invalid = _body(chain)
    invalid.action.Pack(documents_pb2.RegisterDocument(sha256=b"short"))
    outsider = sign(_body(chain).SerializeToString(), [chain.admin_key, chain.outsider_key])
    bad = [
        *((mutate(chain), code, reason) for mutate, code, reason in _MALFORMED),
        (_bad_signature(chain), grpc.StatusCode.UNAUTHENTICATED, "BAD_SIGNATURE"),
        (_sign_body(chain, unknown), INVALID, "UNKNOWN_ACTION_TYPE"),
        (_sign_body(chain, invalid), INVALID, "SHA256_INVALID"),
        (outsider, INVALID, "SIGNER_NOT_LISTED"),
    ]
    good = [chain.notarize(os.urandom(32)) for _ in range(3 * len(bad))]
    batch: list[bytes] = []
    for i, (raw, _, _) in enumerate(bad):  # interleaved: good, bad, good, good, bad, ...
        batch += [good[3 * i], raw, good[3 * i + 1], good[3 * i + 2]]
    response = node.ledger.SubmitTransactions(
        ledger_pb2.SubmitTransactionsRequest(transactions=batch), timeout=30
    )
    assert len(response.results) == len(batch)
    for i, (raw, code, reason) in enumerate(bad):
        got = response.results[4 * i + 1]
        assert got.HasField("error"), reason
        assert (got.error.code, got.error.reason) == (code.value[0], reason)
        alone = expect_error(_submit_call(node, raw), code, reason)
        assert got.error.message == alone.details()  # type: ignore[attr-defined]
    receipts = [r.receipt for i, r in enumerate(response.results) if i % 4 != 1]
    assert [r.transaction for r in receipts] == good
    assert sorted(r.entry_index for r in receipts) == list(range(len(good)))
    assert _size(node) == len(good)


def test_missing_signature_and_unlisted_signer(chain: Chain, node: NodeProcess) -> None:
    body = _body(
        chain,
        signers=[
            chain.admin_key.public_key().public_bytes_raw(),
            chain.notary_key.public_key().public_bytes_raw(),
        ],
    )
    only_admin = sign(body.SerializeToString(), [chain.admin_key])
    expect_error(_submit_call(node, only_admin), INVALID, "SIGNATURE_MISSING")
    outsider = sign(_body(chain).SerializeToString(), [chain.admin_key, chain.outsider_key])
    expect_error(_submit_call(node, outsider), INVALID, "SIGNER_NOT_LISTED")
    signed = transaction_pb2.SignedTransaction.FromString(chain.notarize(os.urandom(32)))
    signed.signatures.append(signed.signatures[0])
    expect_error(_submit_call(node, signed.SerializeToString()), INVALID, "SIGNATURE_DUPLICATED")
    assert _size(node) == 0


def test_window_not_open_and_closed(chain: Chain, node: NodeProcess) -> None:
    now = time.time_ns() // 1000
    future = _body(chain, not_before=_ts(now + 600_000_000), not_after=_ts(now + 900_000_000))
    expect_error(
        _submit_call(node, _sign_body(chain, future)),
        grpc.StatusCode.FAILED_PRECONDITION,
        "WINDOW_NOT_OPEN",
    )
    past = _body(chain, not_before=_ts(now - 900_000_000), not_after=_ts(now - 600_000_000))
    expect_error(
        _submit_call(node, _sign_body(chain, past)),
        grpc.StatusCode.FAILED_PRECONDITION,
        "WINDOW_CLOSED",
    )
    assert _size(node) == 0


def test_reused_nonce_with_different_body(chain: Chain, node: NodeProcess) -> None:
    nonce = os.urandom(16)
    submit(node, chain.notarize(os.urandom(32), nonce=nonce))
    expect_error(
        _submit_call(node, chain.notarize(os.urandom(32), nonce=nonce)),
        grpc.StatusCode.ALREADY_EXISTS,
        "NONCE_REUSED",
    )
    assert _size(node) == 1


def test_unknown_signer_leaves_no_entry(chain: Chain, node: NodeProcess) -> None:
    raw = chain.notarize(os.urandom(32), key=chain.outsider_key)
    expect_error(_submit_call(node, raw), grpc.StatusCode.PERMISSION_DENIED, "UNKNOWN_SIGNER")
    assert _size(node) == 0


def test_unauthorized_key_is_logged_as_evidence_and_changes_nothing(
    chain: Chain, node: NodeProcess
) -> None:
    digest = os.urandom(32)
    raw = chain.notarize(digest, key=chain.observer_key)
    exc = expect_error(_submit_call(node, raw), grpc.StatusCode.PERMISSION_DENIED, "NOT_AUTHORIZED")
    info = error_info(exc)
    assert info.metadata["entry_index"] == "0"
    assert _size(node) == 1
    logged = node.ledger.GetTransaction(
        ledger_pb2.GetTransactionRequest(tx_hash=hashlib.sha256(raw).digest())
    )
    assert logged.result.status == ledger_pb2.TRANSACTION_STATUS_REFUSED
    assert logged.result.error.reason == "NOT_AUTHORIZED"
    found = node.documents.VerifyDocument(documents_pb2.VerifyDocumentRequest(sha256=digest))
    assert not found.registered
    # The notary role is allowed by the genesis policy.
    submit(node, chain.notarize(digest, key=chain.notary_key))
    assert node.documents.VerifyDocument(
        documents_pb2.VerifyDocumentRequest(sha256=digest)
    ).registered
    # Resubmitting the refused bytes answers with the same refusal and writes nothing.
    exc = expect_error(_submit_call(node, raw), grpc.StatusCode.PERMISSION_DENIED, "NOT_AUTHORIZED")
    assert error_info(exc).metadata["entry_index"] == "0"
    assert _size(node) == 2


def test_duplicate_document_is_refused_with_the_original_entry(
    chain: Chain, node: NodeProcess
) -> None:
    digest = os.urandom(32)
    first = submit(node, chain.notarize(digest))
    exc = expect_error(
        _submit_call(node, chain.notarize(digest)),
        grpc.StatusCode.ALREADY_EXISTS,
        "DOCUMENT_ALREADY_REGISTERED",
    )
    info = error_info(exc)
    assert info.metadata["original_entry_index"] == str(first.entry_index)
    assert info.metadata["entry_index"] == "1"  # the refusal itself is logged


def test_oversized_transaction_and_message(chain: Chain, node: NodeProcess) -> None:
    big = chain.notarize(os.urandom(32), memo="")  # valid, then padded past the limit
    padded = (
        big
        + transaction_pb2.SignedTransaction(
            signatures=[transaction_pb2.Signature(public_key=b"x" * 70_000)]
        ).SerializeToString()
    )
    expect_error(_submit_call(node, padded), grpc.StatusCode.RESOURCE_EXHAUSTED, "TX_TOO_LARGE")
    huge = b"\x00" * (17 * 1024 * 1024)
    with pytest.raises(grpc.RpcError) as caught:
        submit(node, huge)
    assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED  # type: ignore[attr-defined]
    assert _size(node) == 0


def test_read_errors(node: NodeProcess) -> None:
    expect_error(
        lambda: node.ledger.GetTransaction(ledger_pb2.GetTransactionRequest(tx_hash=b"abc")),
        INVALID,
        "TX_HASH_INVALID",
    )
    expect_error(
        lambda: node.ledger.GetTransaction(ledger_pb2.GetTransactionRequest(tx_hash=bytes(32))),
        grpc.StatusCode.NOT_FOUND,
        "TRANSACTION_NOT_FOUND",
    )
    expect_error(
        lambda: node.ledger.GetBlock(ledger_pb2.GetBlockRequest(height=99)),
        grpc.StatusCode.NOT_FOUND,
        "BLOCK_NOT_FOUND",
    )
    expect_error(
        lambda: node.ledger.GetInclusionProof(
            ledger_pb2.GetInclusionProofRequest(index=0, tree_size=5)
        ),
        grpc.StatusCode.OUT_OF_RANGE,
        "TREE_SIZE_TOO_LARGE",
    )
    expect_error(
        lambda: node.ledger.GetConsistencyProof(
            ledger_pb2.GetConsistencyProofRequest(first_size=2, second_size=1)
        ),
        INVALID,
        "SIZES_OUT_OF_ORDER",
    )
    expect_error(
        lambda: node.ledger.ListEntries(ledger_pb2.ListEntriesRequest(page_size=5000)),
        INVALID,
        "PAGE_SIZE_INVALID",
    )
    expect_error(
        lambda: node.ledger.GetCheckpoint(ledger_pb2.GetCheckpointRequest(tree_size=7)),
        grpc.StatusCode.NOT_FOUND,
        "CHECKPOINT_NOT_FOUND",
    )
    expect_error(
        lambda: node.ledger.SubmitTransactions(ledger_pb2.SubmitTransactionsRequest()),
        INVALID,
        "BATCH_SIZE_INVALID",
    )


def test_signature_over_the_wrong_context_is_refused(chain: Chain, node: NodeProcess) -> None:
    body = _body(chain).SerializeToString()
    assert signing_message(body) == b"tabularium/tx/v1\x00" + body
    raw = transaction_pb2.SignedTransaction(
        body=body,
        signatures=[
            transaction_pb2.Signature(
                public_key=chain.admin_key.public_key().public_bytes_raw(),
                signature=chain.admin_key.sign(body),  # no domain separation: must not verify
            )
        ],
    ).SerializeToString()
    expect_error(_submit_call(node, raw), grpc.StatusCode.UNAUTHENTICATED, "BAD_SIGNATURE")
