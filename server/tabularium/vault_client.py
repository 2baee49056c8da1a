"""Client side of the document vault: streamed uploads and logged reads over gRPC.

Used by `tabularium doc ...` and by tests; it holds no server code. Content is streamed in
``CHUNK_BYTES`` pieces and hashed on the way, so files of any size use constant memory; the
signed StoreDocument transaction (which commits to the content) is sent last.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import grpc
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium import rpcauth
from tabularium.chain.tx import timestamp_us
from tabularium.domains.vault.model import commitment
from tabularium.txbuild import build_signed
from tabularium.vault.v1 import vault_pb2, vault_pb2_grpc

CHUNK_BYTES = 1 << 20
ACCESS_WINDOW_SECONDS = 120
READ_METHOD = "/tabularium.vault.v1.VaultService/ReadDocument"
LIST_EVENTS_METHOD = "/tabularium.vault.v1.VaultService/ListAccessEvents"
LIST_BREAK_GLASS_METHOD = "/tabularium.vault.v1.VaultService/ListBreakGlassEvents"
PERMISSIONS = {
    "read": vault_pb2.PERMISSION_READ,
    "annotate": vault_pb2.PERMISSION_ANNOTATE,
    "share": vault_pb2.PERMISSION_SHARE,
    "export": vault_pb2.PERMISSION_EXPORT,
}


@dataclass(frozen=True, slots=True)
class Stored:
    response: vault_pb2.PutDocumentResponse
    salt: bytes
    sha256: bytes


def now_us() -> int:
    return time.time_ns() // 1000


def put_document(
    channel: grpc.Channel,
    chain_id: str,
    keys: list[Ed25519PrivateKey],
    chunks: Iterable[bytes],
    *,
    owner: str,
    media_type: str,
    document_id: bytes = b"",
    previous_version: int = 0,
    folder: str = "",
    subjects: Iterable[str] = (),
    retain_until_us: int = 0,
    timeout: float | None = None,
    progress: Callable[[int], None] | None = None,
) -> Stored:
    """Stream ``chunks`` to PutDocument; the transaction is built once the last chunk is
    sent (its commitment needs the content's hash). Raises grpc.RpcError."""
    salt = os.urandom(32)
    hasher = hashlib.sha256()
    size = 0

    def requests() -> Iterator[vault_pb2.PutDocumentRequest]:
        nonlocal size
        for chunk in _rechunk(chunks):
            hasher.update(chunk)
            size += len(chunk)
            if progress is not None:
                progress(len(chunk))
            yield vault_pb2.PutDocumentRequest(chunk=chunk)
        action = vault_pb2.StoreDocument(
            owner=owner,
            document_id=document_id,
            previous_version=previous_version,
            commitment=commitment(salt, hasher.digest()),
            size=size,
            media_type=media_type,
            folder=folder,
            subjects=list(subjects),
        )
        if retain_until_us:
            action.retain_until.CopyFrom(timestamp_us(retain_until_us))
        raw = build_signed(chain_id, action, keys, now_us=now_us())
        yield vault_pb2.PutDocumentRequest(
            finish=vault_pb2.PutDocumentFinish(transaction=raw, salt=salt)
        )

    response = vault_pb2_grpc.VaultServiceStub(channel).PutDocument(requests(), timeout=timeout)
    return Stored(response, salt, hasher.digest())


def _rechunk(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Pieces of at most CHUNK_BYTES."""
    for chunk in chunks:
        for start in range(0, len(chunk), CHUNK_BYTES):
            yield chunk[start : start + CHUNK_BYTES]


def file_chunks(path: str | os.PathLike[str]) -> Iterator[bytes]:
    with open(path, "rb") as source:
        while chunk := source.read(CHUNK_BYTES):
            yield chunk


def access_transaction(
    chain_id: str,
    key: Ed25519PrivateKey,
    document_id: bytes,
    *,
    purpose: str,
    grant_id: bytes = b"",
    version: int = 0,
    permission: str = "read",
    justification: str = "",
    annotation_sha256: bytes = b"",
) -> bytes:
    return build_signed(
        chain_id,
        vault_pb2.AccessDocument(
            document_id=document_id,
            version=version,
            permission=PERMISSIONS[permission],
            grant_id=grant_id,
            purpose=purpose,
            break_glass_justification=justification,
            annotation_sha256=annotation_sha256,
        ),
        [key],
        now_us=now_us(),
        window_seconds=ACCESS_WINDOW_SECONDS,
    )


def read_document(
    channel: grpc.Channel,
    chain_id: str,
    key: Ed25519PrivateKey,
    document_id: bytes,
    *,
    purpose: str,
    grant_id: bytes = b"",
    version: int = 0,
    export: bool = False,
    justification: str = "",
    timeout: float | None = None,
) -> tuple[vault_pb2.ReadHeader, Iterator[bytes]]:
    """Log the access and open the content: the header (access receipt, version, salt on
    export), then an iterator of plaintext chunks. Raises grpc.RpcError before any byte if
    the access is refused or cannot be logged."""
    raw = access_transaction(
        chain_id,
        key,
        document_id,
        purpose=purpose,
        grant_id=grant_id,
        version=version,
        permission="export" if export else "read",
        justification=justification,
    )
    request = vault_pb2.ReadDocumentRequest(access_transaction=raw)
    stream = vault_pb2_grpc.VaultServiceStub(channel).ReadDocument(
        request,
        metadata=tuple(rpcauth.sign_request(key, READ_METHOD, request.SerializeToString())),
        timeout=timeout,
    )
    return split_header(stream, "ReadDocument")


def split_header(stream: Iterable[Any], method: str) -> tuple[Any, Iterator[bytes]]:
    """A download stream's leading header message, and an iterator of the chunks after it."""
    parts = iter(stream)
    first = next(parts)
    if first.WhichOneof("part") != "header":
        raise ValueError(f"{method} did not start with a header")
    return first.header, (part.chunk for part in parts)


def list_access_events(
    channel: grpc.Channel,
    key: Ed25519PrivateKey,
    *,
    subject: str = "",
    document_id: bytes = b"",
    timeout: float | None = None,
) -> list[vault_pb2.AccessEvent]:
    """Every access event about ``subject`` (or of ``document_id``), following pages."""
    stub = vault_pb2_grpc.VaultServiceStub(channel)
    events: list[vault_pb2.AccessEvent] = []
    after = 0
    while True:
        request = vault_pb2.ListAccessEventsRequest(
            subject=subject, document_id=document_id, after_entry_index=after
        )
        response = stub.ListAccessEvents(
            request,
            metadata=tuple(
                rpcauth.sign_request(key, LIST_EVENTS_METHOD, request.SerializeToString())
            ),
            timeout=timeout,
        )
        events.extend(response.events)
        if not response.more or not response.events:
            return events
        after = response.events[-1].entry_index


def list_break_glass(
    channel: grpc.Channel,
    key: Ed25519PrivateKey,
    owner: str,
    *,
    include_reviewed: bool = False,
    timeout: float | None = None,
) -> list[vault_pb2.AccessEvent]:
    request = vault_pb2.ListBreakGlassEventsRequest(owner=owner, include_reviewed=include_reviewed)
    response = vault_pb2_grpc.VaultServiceStub(channel).ListBreakGlassEvents(
        request,
        metadata=tuple(
            rpcauth.sign_request(key, LIST_BREAK_GLASS_METHOD, request.SerializeToString())
        ),
        timeout=timeout,
    )
    return list(response.events)
