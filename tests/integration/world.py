"""What every domain's test world does on a real node: sign and submit actions (at the node's
test clock), expect refusals logged as evidence, signed reads, vault documents and grants, and
a scan of every log entry."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Any

import grpc
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf.message import Message

from tabularium import rpcauth
from tabularium.chain.tx import timestamp_us
from tabularium.identity.v1 import identity_pb2
from tabularium.ledger.v1 import ledger_pb2
from tabularium.txbuild import build_signed, key_possession
from tabularium.vault.v1 import vault_pb2
from tabularium.vault_client import put_document
from tests.conftest import Chain, NodeProcess
from tests.helpers import error_info, expect_error
from tests.integration.landregistry_world import Actor

DAY = 86_400


def key_file(folder: Path, actor: Actor) -> str:
    """The actor's key as a PEM PKCS#8 file in ``folder`` (written once, mode 600), for the
    CLIs; its path."""
    path = folder / f"{actor.did.removeprefix('did:key:')}.pem"
    if not path.exists():
        path.write_bytes(
            actor.key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        path.chmod(0o600)
    return str(path)


class World:
    """Plumbing over one chain and node. ``clock_file``, when the node was started with
    TABULARIUM_CLOCK_OFFSET_FILE pointing at it, moves block time (``advance``)."""

    def __init__(self, chain: Chain, node: NodeProcess, clock_file: Path | None = None) -> None:
        self.chain, self.node = chain, node
        self.clock_file = clock_file
        self.offset_s = 0

    def now_us(self) -> int:
        """The node's block clock: the wall clock plus the test offset."""
        return time.time_ns() // 1000 + self.offset_s * 1_000_000

    def advance(self, seconds: int) -> None:
        assert self.clock_file is not None, "start the node with a clock file to move time"
        self.offset_s += seconds
        self.clock_file.write_text(str(self.offset_s))

    def sign(self, action: Message, *keys: Ed25519PrivateKey) -> bytes:
        return build_signed(self.chain.chain_id, action, keys, now_us=self.now_us())

    def submit(self, action: Message, *keys: Ed25519PrivateKey) -> ledger_pb2.Receipt:
        return self.node.ledger.SubmitTransaction(
            ledger_pb2.SubmitTransactionRequest(transaction=self.sign(action, *keys)), timeout=60
        ).receipt

    def refused(
        self,
        action: Message,
        keys: list[Ed25519PrivateKey],
        code: grpc.StatusCode,
        reason: str,
    ) -> grpc.RpcError:
        """Submit, expect the refusal; check the log holds it as evidence with its reason."""
        raw = self.sign(action, *keys)
        exc = expect_error(
            lambda: self.node.ledger.SubmitTransaction(
                ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=60
            ),
            code,
            reason,
        )
        index = int(error_info(exc).metadata["entry_index"])
        entry = self.node.ledger.GetTransaction(
            ledger_pb2.GetTransactionRequest(tx_hash=hashlib.sha256(raw).digest()), timeout=10
        )
        assert entry.entry_index == index
        assert entry.result.error.reason == reason
        return exc

    def signed_read(
        self, stub: Any, service: str, method: str, request: Message, who: Actor
    ) -> Any:
        metadata = rpcauth.sign_request(who.key, service + method, request.SerializeToString())
        return getattr(stub, method)(request, metadata=metadata, timeout=60)

    def register(
        self,
        name: str,
        kind: int = identity_pb2.IDENTITY_KIND_COMPANY,
        *,
        owner: Actor | None = None,
    ) -> Actor:
        """A new identity: an organisation registered by the root, or an official of
        ``owner`` registered by it."""
        actor = Actor(name)
        self.submit(
            identity_pb2.RegisterIdentity(
                kind=identity_pb2.IDENTITY_KIND_OFFICIAL if owner else kind,
                owner=owner.did if owner else "",
                keys=[key_possession(actor.key, actor.did)],
                display_name=name,
            ),
            owner.key if owner else self.chain.admin_key,
        )
        return actor

    def grant_role(self, organisation: Actor, subject: Actor, role: str) -> None:
        self.submit(
            identity_pb2.GrantRole(organization=organisation.did, subject=subject.did, role=role),
            organisation.key,
        )

    def vault_put(
        self, owner: Actor, content: bytes, media_type: str = "application/json"
    ) -> bytes:
        with grpc.insecure_channel(self.node.address) as channel:
            stored = put_document(
                channel,
                self.chain.chain_id,
                [owner.key],
                [content],
                owner=owner.did,
                media_type=media_type,
                timeout=60,
            )
        return bytes(stored.response.document_id)

    def vault_grant(
        self,
        owner: Actor,
        document: bytes,
        grantee: Actor,
        purpose: str,
        permissions: list[Any] | None = None,
    ) -> bytes:
        """Let ``grantee`` read (or ``permissions``) ``document`` for 30 days; the grant's id."""
        receipt = self.submit(
            vault_pb2.GrantAccess(
                owner=owner.did,
                document_id=document,
                grantee=grantee.did,
                permissions=permissions or [vault_pb2.PERMISSION_READ],
                expires_at=timestamp_us(self.now_us() + 30 * DAY * 1_000_000),
                purpose=purpose,
            ),
            owner.key,
        )
        return hashlib.sha256(receipt.transaction).digest()[:16]

    def log_entries(self) -> list[bytes]:
        """Every entry of the log, in order."""
        out: list[bytes] = []
        start = 0
        while True:
            page = self.node.ledger.ListEntries(
                ledger_pb2.ListEntriesRequest(start_index=start, page_size=1000), timeout=10
            )
            out += list(page.entries)
            if not page.entries:
                return out
            start = page.next_index
