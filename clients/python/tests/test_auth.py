"""Signed requests: the client's signer against a live node's authentication interceptor."""

from __future__ import annotations

import hashlib
import struct

import grpc
import pytest
from conftest import Node
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium_client import did_key, sign_request
from tabularium_client.auth import request_signing_message
from tabularium_client.pb.identity.v1 import identity_pb2, identity_pb2_grpc

RESOLVE = "/tabularium.identity.v1.IdentityService/ResolveIdentity"


def test_did_key_matches_the_did_method_key_vectors() -> None:
    # w3c-ccg/did-method-key test-vectors/ed25519-x25519.json (seed 00..00), as in the server's
    # tests/unit/test_didkey.py.
    key = Ed25519PrivateKey.from_private_bytes(bytes(32))
    assert did_key(key.public_key().public_bytes_raw()) == (
        "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"
    )


def test_the_signed_message_layout() -> None:
    nonce = bytes(range(16))
    message = request_signing_message(RESOLVE, b"abc", 1_700_000_000_123, nonce)
    assert message == (
        b"tabularium/rpc/v1\x00"
        + RESOLVE.encode()
        + b"\x00"
        + hashlib.sha256(b"abc").digest()
        + struct.pack(">Q", 1_700_000_000_123)
        + nonce
    )


def test_a_signed_request_is_accepted_and_a_tampered_one_refused(
    node: Node, admin_key: Ed25519PrivateKey
) -> None:
    did = did_key(admin_key.public_key().public_bytes_raw())
    request = identity_pb2.ResolveIdentityRequest(did=did)
    with grpc.insecure_channel(node.address) as channel:
        stub = identity_pb2_grpc.IdentityServiceStub(channel)
        answer = stub.ResolveIdentity(
            request, metadata=sign_request(admin_key, RESOLVE, request), timeout=10
        )
        assert answer.identity.did == did
        other = identity_pb2.ResolveIdentityRequest(did=did, at_height=1)
        with pytest.raises(grpc.RpcError) as caught:
            stub.ResolveIdentity(
                other, metadata=sign_request(admin_key, RESOLVE, request), timeout=10
            )
        assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED  # type: ignore[attr-defined]
