"""The client's stubs (tabularium_client.pb) and the server's (tabularium.ledger.v1, ...) describe
the same proto files. Loading both into one process must not break the protobuf descriptor pool,
in either order (the repository's test process imports the server package)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import SERVER_PYTHON

CHECK = """
import importlib, sys
server = "tabularium.documents.v1.documents_pb2"
client = "tabularium_client.pb.documents.v1.documents_pb2"
first, second = (server, client) if sys.argv[1] == "server-first" else (client, server)
a = importlib.import_module(first)
importlib.import_module(first + "_grpc")
b = importlib.import_module(second)
importlib.import_module(second + "_grpc")
msg = a.RegisterDocument(sha256=bytes(32), title="t")
assert b.RegisterDocument.FromString(msg.SerializeToString()) == msg
assert a.RegisterDocument.DESCRIPTOR.full_name == b.RegisterDocument.DESCRIPTOR.full_name
print("ok")
"""


@pytest.mark.parametrize("order", ["server-first", "client-first"])
def test_server_and_client_stubs_load_in_one_process(order: str) -> None:
    done = subprocess.run(
        [SERVER_PYTHON, "-c", CHECK, order], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_client_does_not_import_the_server_package() -> None:
    code = (
        "import sys, tabularium_client, tabularium_client.cli; print('tabularium' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr
