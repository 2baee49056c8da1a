"""ABCI framing: varint length prefixes, streams cut anywhere, frames glued, bad lengths."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tabularium.consensus.framing import (
    FrameDecoder,
    ProtocolViolation,
    encode_frame,
    encode_varint,
)

messages = st.lists(st.binary(max_size=300), max_size=20)


def _leb128(value: int) -> bytes:
    """The reference: 7 bits per byte, low bits first, high bit = more."""
    out = []
    while True:
        out.append((value & 0x7F) | (0x80 if value > 0x7F else 0))
        value >>= 7
        if not out[-1] & 0x80:
            return bytes(out)


@given(st.integers(min_value=0, max_value=2**64 - 1))
def test_varint_is_leb128(value: int) -> None:
    assert encode_varint(value) == _leb128(value)


@settings(max_examples=300)
@given(messages, st.lists(st.integers(min_value=0, max_value=10_000), max_size=30))
def test_any_split_of_glued_frames_gives_the_frames_back(
    frames: list[bytes], cuts: list[int]
) -> None:
    stream = b"".join(encode_frame(m) for m in frames)
    points = sorted({c % (len(stream) + 1) for c in cuts} | {0, len(stream)})
    decoder = FrameDecoder(max_frame_bytes=1000)
    got: list[bytes] = []
    for a, b in itertools.pairwise(points):
        got += decoder.feed(stream[a:b])
    assert got == frames
    assert decoder.pending == 0


def test_a_stream_fed_one_byte_at_a_time() -> None:
    frames = [b"", b"a", bytes(200), b"xyz" * 50]
    stream = b"".join(encode_frame(m) for m in frames)
    decoder = FrameDecoder(max_frame_bytes=1000)
    got = [f for i in range(len(stream)) for f in decoder.feed(stream[i : i + 1])]
    assert got == frames


@pytest.mark.parametrize(
    ("stream", "why"),
    [
        (b"\x80" * 10 + b"\x01", "over 10 bytes"),
        (b"\xff" * 9 + b"\x7f", "over 64 bits"),
        (encode_varint(1001), "over the 1000-byte cap"),
    ],
)
def test_bad_lengths_are_protocol_violations(stream: bytes, why: str) -> None:
    with pytest.raises(ProtocolViolation, match=why) as caught:
        FrameDecoder(max_frame_bytes=1000).feed(stream)
    assert caught.value.head == stream[:32]


def test_a_long_varint_is_caught_before_it_ends() -> None:
    decoder = FrameDecoder(max_frame_bytes=1000)
    assert decoder.feed(b"\x80" * 9) == []  # could still be a valid 10-byte varint
    with pytest.raises(ProtocolViolation):
        decoder.feed(b"\x80")


def test_frames_before_a_bad_length_come_out_first() -> None:
    decoder = FrameDecoder(max_frame_bytes=1000)
    good = encode_frame(b"ok") + encode_frame(b"")
    assert decoder.feed(good + encode_varint(5000)) == [b"ok", b""]
    assert decoder.error is not None and "cap" in str(decoder.error)
    with pytest.raises(ProtocolViolation, match="cap"):
        decoder.feed(b"more")
