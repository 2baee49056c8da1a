"""Framing of the ABCI socket protocol (CometBFT v0.38): each message is an unsigned LEB128
varint of its length, then that many bytes of an encoded ``Request`` or ``Response``.

One read from the socket may hold several frames, or part of one; :class:`FrameDecoder` takes
bytes as they come and hands back whole frames. Anything that breaks the protocol (a length
varint over 10 bytes or over 64 bits, a frame over the cap) raises :class:`ProtocolViolation`:
the peer speaks another protocol version, or is not CometBFT, and the connection must close.
"""

from __future__ import annotations

from tabularium.chain.receipt import varint

MAX_VARINT_BYTES = 10
_U64 = (1 << 64) - 1


class ProtocolViolation(Exception):
    """The byte stream is not ABCI v0.38 framing; ``head`` holds its first bytes, for the log."""

    def __init__(self, message: str, head: bytes) -> None:
        super().__init__(f"{message} (stream starts {head[:32].hex()})")
        self.head = head[:32]


def encode_varint(value: int) -> bytes:
    """The unsigned LEB128 varint of ``value`` (0 to 2^64 - 1), as protobuf writes it."""
    if not 0 <= value <= _U64:
        raise ValueError(f"varint out of range: {value}")
    return varint(value)


def encode_frame(message: bytes) -> bytes:
    """``message`` with its length prefix."""
    return encode_varint(len(message)) + message


class FrameDecoder:
    """Whole frames out of a byte stream fed in arbitrary pieces."""

    def __init__(self, max_frame_bytes: int) -> None:
        self._max = max_frame_bytes
        self._buffer = bytearray()
        self._seen = b""  # the stream's first bytes, for ProtocolViolation
        # A violation found after some whole frames: those are returned first.
        self.error: ProtocolViolation | None = None

    def feed(self, data: bytes) -> list[bytes]:
        """Append ``data``; return every frame now complete, in order."""
        if len(self._seen) < 32:
            self._seen += data[: 32 - len(self._seen)]
        self._buffer += data
        if self.error is not None:
            raise self.error
        frames: list[bytes] = []
        start = 0
        buffer = self._buffer
        while True:
            try:
                length, body = self._length(buffer, start)
            except ProtocolViolation as exc:
                if not frames:
                    raise
                # Hand back the frames before it; the next feed (or ``error``) reports it.
                self.error = exc
                break
            if length is None or len(buffer) - body < length:
                break
            frames.append(bytes(buffer[body : body + length]))
            start = body + length
        del buffer[:start]
        return frames

    @property
    def pending(self) -> int:
        """Bytes held for a frame not complete yet."""
        return len(self._buffer)

    def _length(self, buffer: bytearray, start: int) -> tuple[int | None, int]:
        """The frame length at ``start`` and where its body begins; None if incomplete."""
        value = shift = 0
        for i in range(start, min(len(buffer), start + MAX_VARINT_BYTES)):
            byte = buffer[i]
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                if value > _U64:
                    raise ProtocolViolation("frame length over 64 bits", self._seen)
                if value > self._max:
                    raise ProtocolViolation(
                        f"frame of {value} bytes is over the {self._max}-byte cap", self._seen
                    )
                return value, i + 1
            shift += 7
        if len(buffer) - start >= MAX_VARINT_BYTES:
            raise ProtocolViolation("frame length varint over 10 bytes", self._seen)
        return None, start
