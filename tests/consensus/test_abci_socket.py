"""The ABCI socket server against a raw socket client and against CometBFT's own abci-cli."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest

from tabularium.consensus.abci_server import Application
from tabularium.consensus.framing import encode_frame, encode_varint
from tabularium.consensus.v1 import abci_pb2 as abci
from tests.consensus.harness import Running, abci_cli, frame, read


class Recorder(Application):
    """Answers Info and CheckTx, and records the CheckTx batches it was given."""

    def __init__(self) -> None:
        self.batches: list[list[bytes]] = []

    async def info(self, request: abci.RequestInfo) -> abci.ResponseInfo:
        return abci.ResponseInfo(
            data="recorder",
            version="t",
            app_version=1,
            last_block_height=7,
            last_block_app_hash=b"\x01" * 32,
        )

    async def check_txs(
        self, requests: Sequence[abci.RequestCheckTx]
    ) -> Sequence[abci.ResponseCheckTx]:
        self.batches.append([r.tx for r in requests])
        return [
            abci.ResponseCheckTx(code=0 if r.tx else 3, log="" if r.tx else "TX_MALFORMED")
            for r in requests
        ]


@pytest.fixture
def running() -> Iterator[Running]:
    r = Running(Recorder())
    yield r
    r.close()


def test_glued_requests_are_answered_in_order_with_one_checktx_batch(running: Running) -> None:
    requests = [
        abci.Request(echo=abci.RequestEcho(message="hi")),
        abci.Request(check_tx=abci.RequestCheckTx(tx=b"a")),
        abci.Request(check_tx=abci.RequestCheckTx(tx=b"")),
        abci.Request(check_tx=abci.RequestCheckTx(tx=b"c")),
        abci.Request(flush=abci.RequestFlush()),
        abci.Request(info=abci.RequestInfo(version="0.38.25")),
        abci.Request(list_snapshots=abci.RequestListSnapshots()),
        abci.Request(flush=abci.RequestFlush()),
    ]
    with running.connect() as s:
        stream = b"".join(frame(r) for r in requests)
        s.sendall(stream[:5])  # a frame cut in two, then the rest glued
        s.sendall(stream[5:])
        answers = read(s, len(requests))
    kinds = [a.WhichOneof("value") for a in answers]
    assert kinds == [r.WhichOneof("value") for r in requests]
    assert answers[0].echo.message == "hi"
    assert [a.check_tx.code for a in answers[1:4]] == [0, 3, 0]
    assert answers[2].check_tx.log == "TX_MALFORMED"
    assert answers[5].info.last_block_height == 7
    assert not answers[6].list_snapshots.snapshots
    assert running.app.batches == [[b"a", b"", b"c"]]
    assert running.fatal == []


@pytest.mark.parametrize(
    ("stream", "why"),
    [
        (b"\x80" * 11, "over 10 bytes"),
        (encode_varint((1 << 20) + 1), "cap"),
        (encode_frame(b"\xff\xff"), "undecodable"),
        (encode_frame(b"\xf2\x01\x00"), "unknown kind"),  # field 30, not an ABCI v0.38 method
        (encode_frame(b""), "unknown kind"),  # a Request with no method set
    ],
)
def test_a_stream_that_breaks_the_protocol_closes_and_is_reported(
    running: Running, stream: bytes, why: str
) -> None:
    with running.connect() as s:
        s.sendall(frame(abci.Request(echo=abci.RequestEcho(message="before"))) + stream)
        first = read(s, 1)
        assert first[0].echo.message == "before"
        assert s.recv(65536) == b"", "the server closes the connection"
    assert len(running.fatal) == 1 and why in running.fatal[0]


def test_cometbft_abci_cli_echo_and_info(running: Running) -> None:
    assert "hello tabularium" in abci_cli(running, "echo", "hello tabularium")
    info = abci_cli(running, "info")
    assert "recorder" in info
    check = abci_cli(running, "check_tx", "0x61")
    assert "code: OK" in check
    assert running.app.batches[-1] == [b"a"]
    assert running.fatal == []
