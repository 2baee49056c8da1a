"""The document vault from a client: streamed uploads and logged, signed reads.

``put_document`` streams content in chunks of at most 1 MiB, hashing on the way, and sends the
signed StoreDocument (which commits to the content) last. ``read_document`` signs an
AccessDocument with a short window, sends it to ReadDocument in a request signed by the same key,
and yields the plaintext once the node has committed the access event. Memory use is constant
in the document's size.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import grpc
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium_client import tx
from tabularium_client.auth import sign_request
from tabularium_client.errors import VerificationError
from tabularium_client.pb.vault.v1 import vault_pb2, vault_pb2_grpc

CHUNK_BYTES = 1 << 20
SALT_BYTES = 32
ACCESS_WINDOW_SECONDS = 120
COMMITMENT_CONTEXT = b"tabularium/vault/commitment/v1\x00"
READ_DOCUMENT = "/tabularium.vault.v1.VaultService/ReadDocument"


def commitment(salt: bytes, content_sha256: bytes) -> bytes:
    """SHA-256("tabularium/vault/commitment/v1" 0x00 salt SHA-256(content))."""
    return hashlib.sha256(COMMITMENT_CONTEXT + salt + content_sha256).digest()


@dataclass(frozen=True, slots=True)
class Stored:
    document_id: bytes
    version: int
    receipt: object
    salt: bytes
    sha256: bytes
    size: int


def put_document(
    channel: grpc.Channel,
    chain_id: str,
    key: Ed25519PrivateKey,
    chunks: Iterable[bytes],
    *,
    owner: str,
    media_type: str,
    folder: str = "",
    subjects: Iterable[str] = (),
    timeout: float = 3600.0,
) -> Stored:
    """Store a new document owned by ``owner``. Raises grpc.RpcError if the node refuses."""
    salt = os.urandom(SALT_BYTES)
    hasher = hashlib.sha256()
    size = 0

    def requests() -> Iterator[vault_pb2.PutDocumentRequest]:
        nonlocal size
        for chunk in chunks:
            for start in range(0, len(chunk), CHUNK_BYTES):
                piece = chunk[start : start + CHUNK_BYTES]
                hasher.update(piece)
                size += len(piece)
                yield vault_pb2.PutDocumentRequest(chunk=piece)
        action = vault_pb2.StoreDocument(
            owner=owner,
            commitment=commitment(salt, hasher.digest()),
            size=size,
            media_type=media_type,
            folder=folder,
            subjects=list(subjects),
        )
        raw = tx.build_signed(chain_id, action, key)
        yield vault_pb2.PutDocumentRequest(
            finish=vault_pb2.PutDocumentFinish(transaction=raw, salt=salt)
        )

    response = vault_pb2_grpc.VaultServiceStub(channel).PutDocument(requests(), timeout=timeout)
    return Stored(
        response.document_id, response.version, response.receipt, salt, hasher.digest(), size
    )


def file_chunks(path: str | os.PathLike[str]) -> Iterator[bytes]:
    with open(path, "rb") as source:
        while chunk := source.read(CHUNK_BYTES):
            yield chunk


@dataclass(frozen=True, slots=True)
class Read:
    header: vault_pb2.ReadHeader
    chunks: Iterator[bytes]


def read_document(
    channel: grpc.Channel,
    chain_id: str,
    key: Ed25519PrivateKey,
    document_id: bytes,
    *,
    grant_id: bytes,
    purpose: str,
    export: bool = False,
    timeout: float = 3600.0,
) -> Read:
    """Log an access and open the content. Raises grpc.RpcError before any byte when refused.

    The chunks check the total size against the logged version and, on export, the commitment
    (raising VerificationError after the last chunk if either fails)."""
    access = vault_pb2.AccessDocument(
        document_id=document_id,
        permission=vault_pb2.PERMISSION_EXPORT if export else vault_pb2.PERMISSION_READ,
        grant_id=grant_id,
        purpose=purpose,
    )
    raw = tx.build_signed(chain_id, access, key, window_seconds=ACCESS_WINDOW_SECONDS)
    request = vault_pb2.ReadDocumentRequest(access_transaction=raw)
    stream = vault_pb2_grpc.VaultServiceStub(channel).ReadDocument(
        request, metadata=tuple(sign_request(key, READ_DOCUMENT, request)), timeout=timeout
    )
    parts: Iterator[vault_pb2.ReadDocumentResponse] = iter(stream)
    first = next(parts)
    if first.WhichOneof("part") != "header":
        raise VerificationError("READ_MALFORMED", "ReadDocument did not start with a header")
    header = first.header

    def chunks() -> Iterator[bytes]:
        hasher = hashlib.sha256()
        size = 0
        for part in parts:
            hasher.update(part.chunk)
            size += len(part.chunk)
            yield part.chunk
        if size != header.version.size:
            raise VerificationError(
                "SIZE_MISMATCH", f"received {size} bytes, the log says {header.version.size}"
            )
        if export and commitment(header.salt, hasher.digest()) != header.version.commitment:
            raise VerificationError(
                "COMMITMENT_MISMATCH", "the content does not open the logged commitment"
            )

    return Read(header, chunks())
