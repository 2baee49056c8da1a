"""The server's signed-request and commitment code against tests/vectors/vault (which every
client library checks itself against too), and an independent recomputation of each case."""

from __future__ import annotations

import hashlib
import json
import struct
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from tabularium import rpcauth
from tabularium.domains.vault.model import commitment
from tabularium.keys import load_private_key

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "vault"
DATA = json.loads((VECTORS / "vectors.json").read_text())


def test_signed_requests() -> None:
    cases = DATA["signed_requests"]["cases"]
    assert len(cases) == 3
    for case in cases:
        key = load_private_key(VECTORS / case["key_file"])
        request = bytes.fromhex(case["request_hex"])
        nonce = bytes.fromhex(case["nonce_hex"])
        expected = (
            b"tabularium/rpc/v1\x00"
            + case["method"].encode()
            + b"\x00"
            + hashlib.sha256(request).digest()
            + struct.pack(">Q", case["time_ms"])
            + nonce
        )
        assert expected.hex() == case["signed_message_hex"]
        assert rpcauth.signing_message(case["method"], request, case["time_ms"], nonce) == expected
        metadata = dict(
            rpcauth.sign_request(key, case["method"], request, time_ms=case["time_ms"], nonce=nonce)
        )
        assert metadata == case["metadata"]
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(metadata["tabularium-auth-key"])).verify(
            bytes.fromhex(metadata["tabularium-auth-signature"]), expected
        )


def test_commitments() -> None:
    cases = DATA["commitments"]["cases"]
    assert len(cases) == 3
    for case in cases:
        content = (
            bytes.fromhex(case["content_hex"])
            if case["content_hex"] is not None
            else bytes(range(256)) * 4096
        )
        assert len(content) == case["content_size"]
        digest = hashlib.sha256(content).digest()
        assert digest.hex() == case["content_sha256_hex"]
        salt = bytes.fromhex(case["salt_hex"])
        recomputed = hashlib.sha256(b"tabularium/vault/commitment/v1\x00" + salt + digest)
        assert recomputed.hexdigest() == case["commitment_hex"]
        assert commitment(salt, digest).hex() == case["commitment_hex"]
