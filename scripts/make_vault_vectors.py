"""Write tests/vectors/vault/vectors.json: signed-request and vault-commitment vectors.

Every client library checks itself against these (no server needed): the bytes a signed request
signs and its Ed25519 signature (deterministic) for fixed inputs, and the salted commitment of
fixed contents. Keys are the committed PEM files in tests/vectors/clients/keys/. Run from the
repository root with `.venv/bin/python scripts/make_vault_vectors.py`; the output is stable.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tabularium import rpcauth
from tabularium.domains.vault.model import commitment
from tabularium.keys import load_private_key
from tabularium.vault.v1 import vault_pb2

ROOT = Path(__file__).resolve().parents[1]
KEYS = ROOT / "tests" / "vectors" / "clients" / "keys"
OUT = ROOT / "tests" / "vectors" / "vault" / "vectors.json"


def main() -> None:
    key = load_private_key(KEYS / "admin.pem")
    requests = []
    for method, message, time_ms, nonce in (
        (
            "/tabularium.vault.v1.VaultService/ReadDocument",
            vault_pb2.ReadDocumentRequest(access_transaction=b"\x0a\x03abc"),
            1_790_000_000_123,
            bytes(range(16)),
        ),
        (
            "/tabularium.vault.v1.VaultService/ListAccessEvents",
            vault_pb2.ListAccessEventsRequest(subject="did:key:z6Mkexample", limit=10),
            1_790_000_000_000,
            bytes(range(100, 132)),
        ),
        ("/tabularium.identity.v1.IdentityService/ResolveIdentity", None, 0, bytes(16)),
    ):
        request = message.SerializeToString() if message is not None else b""
        signed = rpcauth.signing_message(method, request, time_ms, nonce)
        metadata = dict(rpcauth.sign_request(key, method, request, time_ms=time_ms, nonce=nonce))
        requests.append(
            {
                "key_file": "../clients/keys/admin.pem",
                "method": method,
                "request_hex": request.hex(),
                "time_ms": time_ms,
                "nonce_hex": nonce.hex(),
                "signed_message_hex": signed.hex(),
                "metadata": metadata,
            }
        )
    commitments = []
    for content, salt in (
        (b"", bytes(32)),
        (b"discharge letter", bytes(range(32))),
        (bytes(range(256)) * 4096, hashlib.sha256(b"salt").digest()),
    ):
        digest = hashlib.sha256(content).digest()
        commitments.append(
            {
                "content_sha256_hex": digest.hex(),
                "content_size": len(content),
                "content_hex": content.hex() if len(content) <= 64 else None,
                "content_rule": None if len(content) <= 64 else "bytes 0..255 repeated 4096 times",
                "salt_hex": salt.hex(),
                "commitment_hex": commitment(salt, digest).hex(),
            }
        )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "signed_requests": {
                    "rule": "Ed25519 over 'tabularium/rpc/v1' 0x00 method 0x00 "
                    "SHA-256(request bytes) u64be(time_ms) nonce; metadata values are hex "
                    "(key, nonce, signature) and decimal (time)",
                    "cases": requests,
                },
                "commitments": {
                    "rule": "SHA-256('tabularium/vault/commitment/v1' 0x00 salt SHA-256(content))",
                    "cases": commitments,
                },
            },
            indent=2,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
