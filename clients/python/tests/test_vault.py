"""The vault through the client: the commitment and signed requests against
tests/vectors/vault, and a streamed put, grant and logged read against a live node."""

from __future__ import annotations

import hashlib
import json
import time

import grpc
from conftest import REPO, Chain, Node
from google.protobuf import timestamp_pb2

from tabularium_client import did_key, load_private_key, sign_request, tx
from tabularium_client.client import Client
from tabularium_client.pb.vault.v1 import vault_pb2
from tabularium_client.vault import commitment, put_document, read_document

VECTORS = REPO / "tests" / "vectors" / "vault"


def test_commitment_and_signed_request_vectors() -> None:
    data = json.loads((VECTORS / "vectors.json").read_text())
    for case in data["commitments"]["cases"]:
        salt = bytes.fromhex(case["salt_hex"])
        digest = bytes.fromhex(case["content_sha256_hex"])
        assert commitment(salt, digest).hex() == case["commitment_hex"]
    for case in data["signed_requests"]["cases"]:
        key = load_private_key(VECTORS / case["key_file"])
        metadata = sign_request(
            key,
            case["method"],
            bytes.fromhex(case["request_hex"]),
            time_ms=case["time_ms"],
            nonce=bytes.fromhex(case["nonce_hex"]),
        )
        assert dict(metadata) == case["metadata"]


def test_put_grant_and_read(node: Node, chain: Chain) -> None:
    key = load_private_key(chain.admin_key_path)
    owner = did_key(key.public_key().public_bytes_raw())
    content = [hashlib.sha256(bytes([i])).digest() * 40_000 for i in range(3)]  # ~3.8 MB
    with Client(node.address) as client, grpc.insecure_channel(node.address) as channel:
        chain_id = client.chain_id
        stored = put_document(channel, chain_id, key, content, owner=owner, media_type="a/b")
        assert stored.size == sum(len(c) for c in content)
        expires = timestamp_pb2.Timestamp(seconds=int(time.time()) + 600)
        grant = vault_pb2.GrantAccess(
            owner=owner,
            document_id=stored.document_id,
            grantee=owner,
            permissions=[vault_pb2.PERMISSION_READ, vault_pb2.PERMISSION_EXPORT],
            expires_at=expires,
            purpose="client test",
        )
        receipt = client.submit(tx.build_signed(chain_id, grant, key))
        grant_id = hashlib.sha256(receipt.transaction).digest()[:16]
        read = read_document(
            channel,
            chain_id,
            key,
            stored.document_id,
            grant_id=grant_id,
            purpose="client test",
            export=True,
        )
        assert b"".join(read.chunks) == b"".join(content)
        assert read.header.salt == stored.salt
        assert read.header.access_receipt.entry_index > receipt.entry_index
