"""Differential tests: ``decode_transactions`` (native) against ``decode_transaction`` (upb).

Every input goes through both; they must agree on the decoded fields, or on the error's class,
reason, message and field. Hashes are compared with hashlib and signature verdicts with
``tabularium.crypto.ed25519.verify_batch``.
"""

from __future__ import annotations

import hashlib
import logging
import random
from collections.abc import Sequence
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf import any_pb2
from hypothesis import given, settings
from hypothesis import strategies as st

from tabularium.api.registry import build_actions
from tabularium.chain.tx import (
    Transaction,
    decode_transaction,
    decode_transactions,
    signing_message,
    timestamp_us,
)
from tabularium.crypto import ed25519, txcodec
from tabularium.documents.v1 import documents_pb2
from tabularium.errors import DomainError
from tabularium.ledger.v1 import transaction_pb2
from tabularium.txbuild import build_signed

CHAIN = "c-1"
WINDOW = 3600_000_000
MAX_BYTES = 1 << 16
ACTIONS = build_actions()
NOW = 1_800_000_000_000_000
KEYS = [Ed25519PrivateKey.from_private_bytes(bytes([i]) * 32) for i in range(1, 5)]
PKS = [k.public_key().public_bytes_raw() for k in KEYS]
REGISTER = documents_pb2.RegisterDocument(sha256=b"\x01" * 32)
REGISTER_URL = "type.googleapis.com/tabularium.documents.v1.RegisterDocument"
LIMITS = {url: t.max_bytes for url in ACTIONS.type_urls() if (t := ACTIONS.get(url)) is not None}

_FIELDS = (
    "raw",
    "tx_hash",
    "body",
    "chain_id",
    "nonce",
    "not_before_us",
    "not_after_us",
    "signers",
    "signatures",
    "action_type",
    "action",
    "memo",
)


def _python(raw: bytes, **policy: Any) -> Transaction | DomainError:
    try:
        return decode_transaction(raw, actions=ACTIONS, **policy)
    except DomainError as exc:
        return exc


def agree(raws: Sequence[bytes], **overrides: Any) -> list[Transaction | DomainError]:
    """Decodes ``raws`` both ways, asserts agreement, returns the native results."""
    policy: dict[str, Any] = {"chain_id": CHAIN, "max_window_us": WINDOW, "max_bytes": MAX_BYTES}
    policy.update(overrides)
    native = decode_transactions(raws, actions=ACTIONS, **policy)
    assert len(native) == len(raws)
    # The native verdicts themselves (decode_transactions re-decodes rejections in Python,
    # so its errors alone would agree even if the native checks were wrong).
    low = txcodec.decode_batch(
        raws,
        chain_id=policy["chain_id"],
        max_window_us=policy["max_window_us"],
        max_tx_bytes=policy["max_bytes"],
        ceiling=max(policy["max_bytes"], ACTIONS.largest_bytes),
        action_max_bytes=LIMITS,
    )
    for i, (raw, got, verdict) in enumerate(zip(raws, native, low, strict=True)):
        want = _python(raw, **policy)
        if isinstance(want, DomainError) and want.reason in txcodec.REJECTION_REASONS:
            assert isinstance(verdict, txcodec.Rejection), f"item {i}: native accepts {want!r}"
            assert verdict.reason == want.reason, f"item {i}: {verdict.reason} vs {want!r}"
        else:
            assert isinstance(verdict, txcodec.Decoded), f"item {i}: {verdict} vs {want!r}"
        if isinstance(want, DomainError):
            assert isinstance(got, DomainError), f"item {i}: native accepts, Python: {want!r}"
            assert type(got) is type(want), i
            assert (got.reason, got.message, got.field) == (want.reason, want.message, want.field)
            assert (got.metadata, got.violations) == (want.metadata, want.violations)
            assert type(got.__cause__) is type(want.__cause__), i
            continue
        assert isinstance(got, Transaction), f"item {i}: Python accepts, native: {got!r}"
        for name in _FIELDS:
            assert getattr(got, name) == getattr(want, name), f"item {i}: {name}"
        assert got.leaf_hash == hashlib.sha256(b"\x00" + raw).digest()
        assert got.tx_hash == hashlib.sha256(raw).digest()
        message = signing_message(want.body)
        verdicts = ed25519.verify_batch(
            [(k, message, s) for k, s in zip(want.signers, want.signatures, strict=True)]
        )
        assert got.sig_ok is all(verdicts), i
    return native


def _reasons(results: Sequence[Transaction | DomainError]) -> list[str]:
    return [r.reason if isinstance(r, DomainError) else "OK" for r in results]


# --- hand-built protobuf -------------------------------------------------------------------


def _varint(v: int) -> bytes:
    v &= (1 << 64) - 1
    out = bytearray()
    while v >= 0x80:
        out.append(v & 0x7F | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def ld(field: int, payload: bytes) -> bytes:
    return _varint(field << 3 | 2) + _varint(len(payload)) + payload


def vi(field: int, value: int) -> bytes:
    return _varint(field << 3) + _varint(value)


def ts(seconds: int, nanos: int = 0) -> bytes:
    return vi(1, seconds) + (vi(2, nanos) if nanos else b"")


def any_(url: str = REGISTER_URL, value: bytes | None = None) -> bytes:
    return ld(1, url.encode()) + ld(2, REGISTER.SerializeToString() if value is None else value)


def body(
    *,
    chain_id: bytes = CHAIN.encode(),
    nonce: bytes = b"\x07" * 16,
    not_before: bytes | None = ts(NOW // 1_000_000),
    not_after: bytes | None = ts(NOW // 1_000_000 + 600),
    signers: Sequence[bytes] = PKS[:1],
    action: bytes | None = None,
    with_action: bool = True,
    memo: bytes = b"",
    extra: bytes = b"",
) -> bytes:
    out = ld(1, chain_id) + ld(2, nonce)
    if not_before is not None:
        out += ld(3, not_before)
    if not_after is not None:
        out += ld(4, not_after)
    out += b"".join(ld(5, s) for s in signers)
    if with_action:
        out += ld(6, any_() if action is None else action)
    if memo:
        out += ld(7, memo)
    return out + extra


def signed(
    body_bytes: bytes,
    keys: Sequence[Ed25519PrivateKey] | None = None,
    *,
    sigs: Sequence[tuple[bytes, bytes]] | None = None,
    extra: bytes = b"",
) -> bytes:
    """A SignedTransaction over ``body_bytes`` by ``keys`` (default: the first), or with the
    given (key, signature) pairs."""
    message = signing_message(body_bytes)
    if sigs is None:
        keys = KEYS[:1] if keys is None else keys
        sigs = [(k.public_key().public_bytes_raw(), k.sign(message)) for k in keys]
    return ld(1, body_bytes) + b"".join(ld(2, ld(1, k) + ld(2, s)) for k, s in sigs) + extra


def valid(memo: str = "", keys: Sequence[Ed25519PrivateKey] = KEYS[:1]) -> bytes:
    return build_signed(CHAIN, REGISTER, keys, now_us=NOW, memo=memo, nonce=b"\x05" * 16)


# --- tests ---------------------------------------------------------------------------------


def test_valid_transactions_agree() -> None:
    raws = [valid(), valid("h\u00e9llo \U0001f600", KEYS[:3]), valid(keys=KEYS)]
    assert _reasons(agree(raws)) == ["OK"] * 3
    assert all(r.sig_ok for r in agree(raws) if isinstance(r, Transaction))


def test_empty_batch() -> None:
    assert (
        decode_transactions(
            [], chain_id=CHAIN, max_window_us=WINDOW, max_bytes=MAX_BYTES, actions=ACTIONS
        )
        == []
    )


def test_every_static_check_failure_agrees() -> None:
    key = KEYS[0]
    pk = PKS[0]
    sig = key.sign(signing_message(body()))
    cases = {
        "TX_MALFORMED": [b"\xff", b"", ld(2, b"")],
        "BODY_MALFORMED": [signed(b"\xff"), signed(ld(1, b"\xff"))],
        "WRONG_CHAIN_ID": [signed(body(chain_id=b"c-2")), signed(body(chain_id=b""))],
        "NONCE_INVALID": [signed(body(nonce=b"n" * 15)), signed(body(nonce=b"n" * 33))],
        "WINDOW_MISSING": [signed(body(not_before=None)), signed(body(not_after=None))],
        "WINDOW_INVALID": [signed(body(not_before=ts(10), not_after=ts(9, 999_999_999)))],
        "WINDOW_TOO_LONG": [signed(body(not_before=ts(0), not_after=ts(3601)))],
        "SIGNERS_MISSING": [signed(body(signers=[]))],
        "SIGNER_INVALID": [signed(body(signers=[pk, pk[:31]]))],
        "SIGNER_DUPLICATED": [signed(body(signers=[pk, PKS[1], pk]))],
        "SIGNATURE_MALFORMED": [
            signed(body(), sigs=[(pk[:31], sig)]),
            signed(body(), sigs=[(pk, sig + b"\x00")]),
        ],
        "SIGNER_NOT_LISTED": [signed(body(), sigs=[(PKS[1], sig)])],
        "SIGNATURE_DUPLICATED": [signed(body(), sigs=[(pk, sig), (pk, sig)])],
        "SIGNATURE_MISSING": [signed(body(signers=PKS[:3]), KEYS[:1]), signed(body(), sigs=[])],
        "MEMO_TOO_LONG": [signed(body(memo="\u00e9".encode() * 129))],
        "ACTION_MISSING": [signed(body(with_action=False))],
        "UNKNOWN_ACTION_TYPE": [signed(body(action=any_("type.googleapis.com/x.Y")))],
        "ACTION_INVALID": [signed(body(action=any_(value=b"\xff\xff")))],
    }
    for reason, raws in cases.items():
        assert _reasons(agree(raws)) == [reason] * len(raws), reason
    # A memo of exactly 256 bytes is fine; an empty Any is present (and unknown).
    assert _reasons(agree([signed(body(memo=b"m" * 256))])) == ["OK"]
    assert _reasons(agree([signed(body(action=b""))])) == ["UNKNOWN_ACTION_TYPE"]


def test_size_limits_agree() -> None:
    raw = valid()
    assert _reasons(agree([raw], max_bytes=len(raw))) == ["OK"]
    # Above the node limit but below the bulk ceiling: the action's own limit applies.
    assert _reasons(agree([raw], max_bytes=len(raw) - 1)) == ["TX_TOO_LARGE"]
    assert ACTIONS.largest_bytes > 0
    huge = signed(body(memo=b"m" * (ACTIONS.largest_bytes + 1)))
    assert _reasons(agree([huge])) == ["TX_TOO_LARGE"]
    unknown = signed(body(action=any_("type.googleapis.com/x.Y"), memo=b"m" * 300))
    assert _reasons(agree([unknown], max_bytes=200)) == ["TX_TOO_LARGE"]


def test_bad_signatures_decode_with_sig_ok_false() -> None:
    b = body(signers=PKS[:2])
    message = signing_message(b)
    good = [(PKS[0], KEYS[0].sign(message)), (PKS[1], KEYS[1].sign(message))]
    flipped = bytes([good[1][1][0] ^ 1]) + good[1][1][1:]
    raws = [
        signed(b, sigs=good),
        signed(b, sigs=[good[0], (PKS[1], flipped)]),
        signed(b, sigs=[good[1], good[0]]),  # any order; aligned with signers on output
        signed(b, sigs=[good[0], (PKS[1], b"\xff" * 64)]),  # s >= l
        signed(b, sigs=[good[0], (PKS[1], good[0][1])]),
    ]
    results = agree(raws)
    assert [r.sig_ok for r in results if isinstance(r, Transaction)] == [
        True,
        False,
        True,
        False,
        False,
    ]


def test_every_truncation_agrees() -> None:
    raw = valid(keys=KEYS[:2])
    results = agree([raw[:n] for n in range(len(raw) + 1)])
    assert _reasons(results)[-1] == "OK"
    assert "OK" not in _reasons(results)[:-1]
    # Truncating the body inside a well-formed SignedTransaction.
    b = body()
    agree([signed(b[:n]) for n in range(len(b))])


def test_bit_flips_agree() -> None:
    raw = valid(keys=KEYS[:2])
    flips = [
        raw[:i] + bytes([raw[i] ^ (1 << bit)]) + raw[i + 1 :]
        for i in range(len(raw))
        for bit in range(8)
    ]
    reasons = _reasons(agree(flips))
    assert len(set(reasons)) > 5


def test_duplicated_unknown_and_mistyped_fields_agree() -> None:
    b = body()
    raws = [
        # Last one wins: chain_id, nonce, memo, body.
        signed(ld(1, b"other") + b),
        signed(b + ld(2, b"\x01" * 20)),
        signed(b + ld(7, b"first") + ld(7, b"second")),
        ld(1, b"junk") + signed(b),
        # Unknown fields of every wire type, at both levels and inside submessages.
        signed(b + vi(99, 5) + b"\xa1\x06" + bytes(8) + ld(100, b"\xff") + b"\xa5\x06" + bytes(4)),
        signed(b, extra=vi(3, 1) + ld(9, b"x") + b"\x9b\x06\x08\x01\x9c\x06"),
        signed(b + ld(3, ts(NOW // 1_000_000) + vi(7, 1))),
        signed(b + ld(6, any_() + vi(3, 1))),
        # Known numbers with another wire type are unknown fields.
        signed(b + vi(1, 3) + vi(5, 1) + vi(6, 1)),
        signed(b + ld(3, ld(1, b"x") + ts(NOW // 1_000_000))),
        # Field 0, end groups, wire types 6/7 and unterminated groups are errors.
        signed(b + b"\x00\x00"),
        signed(b + b"\x0c"),
        signed(b + b"\x0e"),
        signed(b + b"\x0f"),
        signed(b + b"\x9b\x06"),
        signed(b + b"\x9b\x06\x00\x00\x9c\x06"),
        signed(b + b"\x9b\x06\xa4\x06"),
        signed(b, extra=b"\x00\x00"),
        # Over-long varints and tags.
        signed(b + b"\xc8" + b"\x80" * 8 + b"\x00\x01"),
        signed(b + b"\xc8\x80\x80\x80\x80\x00\x01"),
        signed(b + b"\xc8\x80\x80\x80\x00\x01"),
        signed(b + vi(99, 0)[:1] + b"\xff" * 9 + b"\x7f"),
        signed(b + vi(99, 0)[:1] + b"\xff" * 10 + b"\x01"),
        # Invalid UTF-8 in strings (known) and in unknown length-delimited fields (skipped).
        signed(body(chain_id=b"c-\xff")),
        signed(body(memo=b"\xed\xa0\x80")),
        signed(body(action=any_("type.googleapis.com/\xc0\x80"))),
        signed(ld(1, b"\xff") + b),
    ]
    agree(raws)


def test_merged_submessages_agree() -> None:
    s = NOW // 1_000_000
    raws = [
        # not_before given in two parts; not_after with sub-µs nanos; Any in two parts.
        signed(body(not_before=ts(s), extra=ld(3, vi(2, 999)))),
        signed(body(not_after=ts(s + 1, 999_999_999))),
        signed(
            body(
                action=ld(1, REGISTER_URL.encode()),
                extra=ld(6, ld(2, REGISTER.SerializeToString())),
            )
        ),
        signed(body(extra=ld(6, ld(1, b"type.googleapis.com/x.Y")))),
        signed(body(extra=ld(4, b""))),
        # Negative nanos and seconds: floor division like Python.
        signed(body(not_before=ts(s, -1), not_after=ts(s, -1001))),
        signed(body(not_before=ts(-5, -1), not_after=ts(-5, 2_000_000_000))),
        signed(body(not_before=ts(s, 1 << 40), not_after=ts(s + 600))),
        signed(body(not_before=ts(-(1 << 63)), not_after=ts((1 << 63) - 1))),
        signed(body(not_before=ts(s), not_after=ts(s + 3600))),
        signed(body(not_before=ts(s), not_after=ts(s + 3600, 1000))),
        # Microseconds beyond 64 bits.
        signed(body(not_before=ts(1 << 62), not_after=ts((1 << 62) + 1))),
        signed(body(not_before=ts(-(1 << 63), -(1 << 31)), not_after=ts(-(1 << 63)))),
    ]
    assert _reasons(agree(raws)).count("OK") >= 8
    # Windows and sizes beyond the extension's integer types are clamped exactly.
    huge = [signed(body(not_before=ts(-(1 << 63)), not_after=ts((1 << 63) - 1)))]
    assert _reasons(agree(huge, max_window_us=1 << 200)) == ["OK"]
    assert _reasons(agree(huge, max_window_us=-(1 << 200))) == ["WINDOW_TOO_LONG"]
    assert _reasons(agree(huge, max_bytes=1 << 70, max_window_us=1 << 90)) == ["OK"]
    assert _reasons(agree(huge, max_bytes=-(1 << 70))) == ["TX_TOO_LARGE"]


def test_many_signers_use_the_same_rules() -> None:
    keys = [Ed25519PrivateKey.from_private_bytes(bytes([i + 10]) * 32) for i in range(40)]
    pks = [k.public_key().public_bytes_raw() for k in keys]
    b = body(signers=pks)
    raws = [
        signed(b, keys),
        signed(b, keys[::-1]),
        signed(b, keys[:-1]),
        signed(b, keys + keys[:1]),
        signed(body(signers=[*pks, pks[20]]), keys),
    ]
    assert _reasons(agree(raws)) == [
        "OK",
        "OK",
        "SIGNATURE_MISSING",
        "SIGNATURE_DUPLICATED",
        "SIGNER_DUPLICATED",
    ]


def test_large_mixed_batch_agrees() -> None:
    rng = random.Random(7)
    base = [valid(keys=KEYS[: 1 + i % 3]) for i in range(20)]
    raws = []
    for i in range(300):
        raw = bytearray(base[i % 20])
        if i % 5 == 0:
            raw[rng.randrange(len(raw))] ^= 1 << rng.randrange(8)
        raws.append(bytes(raw))
    agree(raws)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_agree(data: bytes) -> None:
    agree([data, signed(data), signed(body(extra=data)), ld(1, data)])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 400), st.integers(0, 255)), min_size=1, max_size=6))
def test_random_byte_edits_of_a_valid_transaction_agree(edits: list[tuple[int, int]]) -> None:
    raw = bytearray(valid(keys=KEYS[:2]))
    b = bytearray(body(signers=PKS[:2], memo=b"memo"))
    for position, value in edits:
        raw[position % len(raw)] = value
        b[position % len(b)] = value
    agree([bytes(raw), signed(bytes(b), KEYS[:2])])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 12), st.integers(0, 5), st.binary(max_size=20)), max_size=12)
)
def test_random_fields_agree(fields: list[tuple[int, int, bytes]]) -> None:
    extra = b""
    for number, wire_type, payload in fields:
        if wire_type == 2:
            extra += ld(number, payload)
        elif wire_type == 0:
            extra += vi(number, int.from_bytes(payload[:9] or b"\x00", "little"))
        else:
            extra += _varint(number << 3 | wire_type) + payload[:8]
    agree([signed(body(extra=extra)), signed(body(), extra=extra), signed(extra)])


def test_python_wins_on_disagreement(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    raw = valid()
    real = txcodec.decode_batch

    def reject_all(raws: Sequence[bytes], **kw: Any) -> list[txcodec.Decoded | txcodec.Rejection]:
        return [txcodec.Rejection(1) for _ in real(raws, **kw)]

    monkeypatch.setattr(txcodec, "decode_batch", reject_all)
    with caplog.at_level(logging.WARNING):
        (got,) = decode_transactions(
            [raw], chain_id=CHAIN, max_window_us=WINDOW, max_bytes=MAX_BYTES, actions=ACTIONS
        )
    assert isinstance(got, Transaction)
    assert got.sig_ok is True and got.leaf_hash == hashlib.sha256(b"\x00" + raw).digest()
    assert "TX_MALFORMED" in caplog.text


def test_an_unregistered_type_from_the_native_checks_falls_back_to_python(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real = txcodec.decode_batch

    def rename(raws: Sequence[bytes], **kw: Any) -> list[txcodec.Decoded | txcodec.Rejection]:
        return [
            d._replace(type_url="x") if isinstance(d, txcodec.Decoded) else d
            for d in real(raws, **kw)
        ]

    monkeypatch.setattr(txcodec, "decode_batch", rename)
    with caplog.at_level(logging.WARNING):
        (got,) = decode_transactions(
            [valid()], chain_id=CHAIN, max_window_us=WINDOW, max_bytes=MAX_BYTES, actions=ACTIONS
        )
    assert isinstance(got, Transaction) and got.action_type.type_url == REGISTER_URL
    assert "accepted" in caplog.text


def test_rejection_reasons_are_the_static_checks_in_order() -> None:
    # The order of decode_transaction's checks (its docstring lists the same reasons).
    assert txcodec.REJECTION_REASONS == (
        "TX_TOO_LARGE",
        "TX_MALFORMED",
        "BODY_MALFORMED",
        "WRONG_CHAIN_ID",
        "NONCE_INVALID",
        "WINDOW_MISSING",
        "WINDOW_INVALID",
        "WINDOW_TOO_LONG",
        "SIGNERS_MISSING",
        "SIGNER_INVALID",
        "SIGNER_DUPLICATED",
        "SIGNATURE_MALFORMED",
        "SIGNER_NOT_LISTED",
        "SIGNATURE_DUPLICATED",
        "SIGNATURE_MISSING",
        "MEMO_TOO_LONG",
        "ACTION_MISSING",
        "UNKNOWN_ACTION_TYPE",
    )
    assert txcodec.Rejection(17).reason == "UNKNOWN_ACTION_TYPE"


def test_protobuf_built_transactions_agree() -> None:
    packed = any_pb2.Any()
    packed.Pack(REGISTER)
    b = transaction_pb2.TransactionBody(
        chain_id=CHAIN,
        nonce=b"\x01" * 32,
        not_before=timestamp_us(NOW),
        not_after=timestamp_us(NOW + WINDOW),
        signers=PKS[:2],
        action=packed,
    ).SerializeToString()
    assert _reasons(agree([signed(b, KEYS[:2])])) == ["OK"]


def test_nesting_limits_agree() -> None:
    def groups(n: int) -> bytes:
        return b"\x9b\x06" * n + b"\x9c\x06" * n

    raws = []
    for n in (1, 98, 99, 100, 101, 102):
        b = body(extra=groups(n))
        raws += [
            signed(b),
            signed(body(), extra=groups(n)),
            signed(body(extra=ld(3, groups(n)))),
            signed(body(extra=ld(6, groups(n)))),
            ld(1, body()) + ld(2, groups(n)),
        ]
    reasons = _reasons(agree(raws))
    assert "OK" in reasons and "BODY_MALFORMED" in reasons


def test_a_chain_id_that_is_not_utf8_matches_nothing() -> None:
    assert _reasons(agree([valid()], chain_id="c-\ud800")) == ["WRONG_CHAIN_ID"]
    assert _reasons(agree([valid()], chain_id="c-1\x00")) == ["WRONG_CHAIN_ID"]
