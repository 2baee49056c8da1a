"""tabularium.vault.v1.VaultService, and the node's crypto-shredder."""

from __future__ import annotations

import asyncio
import hashlib
import heapq
import logging
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from tabularium import failpoints
from tabularium.api.context import Context
from tabularium.api.convert import vault as convert
from tabularium.api.convert.ledger import receipt_to_pb
from tabularium.api.interceptors.authentication import Auth, require_caller
from tabularium.chain import executor
from tabularium.chain.actions import domain_state_prefix
from tabularium.chain.identity import IdentityReader, reader_over
from tabularium.chain.ledger import Ledger, Receipt
from tabularium.chain.tx import Transaction
from tabularium.domains.vault import NAMESPACE, rules
from tabularium.domains.vault.model import (
    SALT_SIZE,
    AccessEvent,
    DocumentRecord,
    StoreDocument,
    VersionRecord,
    check_id,
    commitment,
    new_id,
)
from tabularium.errors import (
    AlreadyExists,
    DataCorruption,
    DomainError,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from tabularium.storage.vault import KeyRecord, Upload, VaultStore
from tabularium.vault.v1 import vault_pb2, vault_pb2_grpc

log = logging.getLogger("tabularium.vault")

SERVICE = "/tabularium.vault.v1.VaultService/"
PUT_DOCUMENT = convert.PUT_DOCUMENT_METHOD
AUTH = {
    SERVICE + "ReadDocument": Auth.REQUIRED,
    SERVICE + "ListAccessEvents": Auth.REQUIRED,
    SERVICE + "ListBreakGlassEvents": Auth.REQUIRED,
}
MAX_CHUNK_BYTES = 4 << 20
MAX_ACCESS_WINDOW_US = 300 * 1_000_000
MAX_EVENTS = 1000
REVIEWER_ROLES = ("admin", "reviewer")


class _View:
    """The vault state and identities at one committed snapshot."""

    def __init__(self, txn: Any) -> None:
        self._txn = txn
        self._prefix = domain_state_prefix(NAMESPACE)
        self.identities: IdentityReader = reader_over(txn.state)

    def get(self, key: bytes) -> bytes | None:
        value: bytes | None = self._txn.state(self._prefix + key)
        return value

    def put(self, key: bytes, value: bytes) -> None:
        raise AssertionError("read-only view")

    def delete(self, key: bytes) -> None:
        raise AssertionError("read-only view")

    def keys(self, prefix: bytes) -> Iterator[bytes]:
        for key, _ in self._txn.state_range(self._prefix + prefix):
            yield key[len(self._prefix) :]


def _document_id(value: bytes) -> bytes:
    check_id(value, "document_id")
    return value


async def commit_access(
    ledger: Ledger, tx: Transaction, caller_key: bytes, service: str = ""
) -> Receipt:
    """Commit a signed access transaction of the caller's, once: the record of a read, logged
    before anything is read. Short-lived (at most 300 s) and never reusable."""
    if caller_key not in tx.signers:
        raise PermissionDenied(
            "ACCESS_SIGNER_MISMATCH",
            "sign the request with the key that signed the access transaction",
        )
    if tx.not_after_us - tx.not_before_us > MAX_ACCESS_WINDOW_US:
        raise InvalidArgument(
            "ACCESS_WINDOW_TOO_LONG",
            "an access transaction is valid for at most 300 s",
            field="access_transaction",
        )
    try:
        return await ledger.submit_checked(tx, service=service, fresh=True)
    except AlreadyExists as exc:
        if exc.reason != "ALREADY_LOGGED":
            raise
        raise AlreadyExists(
            "ACCESS_ALREADY_USED",
            "this access transaction was already used; sign a new one for each read",
            metadata=dict(exc.metadata),
        ) from exc


async def open_for_reading(
    ledger: Ledger, vault: VaultStore, access_transaction: bytes
) -> tuple[Receipt, AccessEvent, VersionRecord, KeyRecord]:
    """Check and commit a signed AccessDocument (READ or EXPORT) by the caller; only once it is
    logged, find the version it reads and that version's content key. Every read through the
    node goes here, so every read is recorded first."""
    caller = require_caller()
    tx = ledger.check(access_transaction)
    action = tx.action
    if tx.action_type.type_url != convert.ACCESS_DOCUMENT:
        raise InvalidArgument(
            "NOT_ACCESS_DOCUMENT",
            f"access_transaction carries {tx.action_type.type_url}, want AccessDocument",
            field="access_transaction",
        )
    if action.permission not in ("read", "export"):
        raise InvalidArgument(
            "PERMISSION_INVALID",
            "ReadDocument records READ or EXPORT; submit annotations with SubmitTransaction",
            field="access_transaction",
        )
    receipt = await commit_access(ledger, tx, caller.public_key)
    # The access event is committed: only now is anything read.
    with ledger.store.read() as txn:
        view = _View(txn)
        raw_event = view.get(rules.event_key(receipt.entry_index))
        assert raw_event is not None, "a committed access has its event"
        event = AccessEvent.decode(raw_event)
        document = rules.load_document(view, event.document_id)
        version = rules.load_version(view, document, event.version)
    record = vault.key_record(document.document_id, version.tx_hash)
    if record is None:
        raise NotFound(
            "ERASED" if vault.shredded(document.document_id) else "CONTENT_MISSING",
            f"this node holds no content for version {version.version} of document "
            f"{document.document_id.hex()}",
        )
    return receipt, event, version, record


async def receive_upload(
    parts: AsyncIterator[Any], upload: Upload, last: str, what: str
) -> tuple[Any, bytes]:
    """Feed a client stream's chunks (field ``chunk``, at most 4 MiB each) into ``upload`` up to
    its closing message (field ``last``); return that message's field and the chunks' SHA-256."""
    hasher = hashlib.sha256()
    final: Any = None
    async for part in parts:
        if part.WhichOneof("part") == last:
            final = getattr(part, last)
            continue
        if final is not None:
            raise InvalidArgument(
                f"CHUNK_AFTER_{last.upper()}", f"the {what} comes last", field="chunk"
            )
        if len(part.chunk) > MAX_CHUNK_BYTES:
            raise InvalidArgument(
                "CHUNK_TOO_LARGE", f"chunks are at most {MAX_CHUNK_BYTES} bytes", field="chunk"
            )
        await asyncio.to_thread(_take, upload, hasher, part.chunk)
    if final is None:
        raise InvalidArgument(
            f"{last.upper()}_MISSING", f"the stream ended without the {what}", field=last
        )
    return final, hasher.digest()


async def keep_then_submit(
    ledger: Ledger,
    store: VaultStore,
    upload: Upload,
    tx: Transaction,
    slot: tuple[bytes, bytes, bytes],
    service: str,
) -> Receipt:
    """Store an upload's content durably (unless a retry stored it already) under ``slot``
    (document id, version key, salt), then submit ``tx``: an acknowledged transaction always
    has its content, and a refused one leaves none behind."""
    document_id, version_key, salt = slot
    kept = False
    if store.key_record(document_id, version_key) is None:
        await asyncio.to_thread(upload.seal)
        await asyncio.to_thread(upload.keep, version_key, document_id, salt)
        kept = True
        failpoints.check("vault-before-submit")
    # else: a retry of a stored upload; its first copy stays, the answer is the same.
    try:
        return await ledger.submit_checked(tx, service=service)
    except DomainError:
        if kept:
            await asyncio.to_thread(store.discard, document_id, version_key)
        raise


async def stream_segments(store: VaultStore, record: KeyRecord) -> AsyncIterator[bytes]:
    """A stored content's plaintext segments, each read and decrypted off the event loop."""
    segments = store.segments(record)
    while True:
        segment = await asyncio.to_thread(next, segments, None)
        if segment is None:
            return
        yield segment


class VaultServicer(vault_pb2_grpc.VaultServiceServicer):
    def __init__(self, ledger: Ledger, vault: VaultStore) -> None:
        self._ledger = ledger
        self._vault = vault

    @contextmanager
    def _view(self) -> Iterator[_View]:
        with self._ledger.store.read() as txn:
            yield _View(txn)

    # ----- store -------------------------------------------------------------------------------

    async def PutDocument(
        self, request_iterator: AsyncIterator[vault_pb2.PutDocumentRequest], context: Context
    ) -> vault_pb2.PutDocumentResponse:
        upload = await asyncio.to_thread(self._vault.upload)
        try:
            finish, digest = await receive_upload(
                request_iterator, upload, "finish", "finish message (signed transaction and salt)"
            )
            tx = self._ledger.check(finish.transaction)
            action = tx.action
            if not isinstance(action, StoreDocument):
                raise InvalidArgument(
                    "NOT_STORE_DOCUMENT",
                    f"finish.transaction carries {tx.action_type.type_url}, want StoreDocument",
                    field="finish.transaction",
                )
            salt = bytes(finish.salt)
            if len(salt) != SALT_SIZE:
                raise InvalidArgument(
                    "SALT_INVALID", f"salt has {len(salt)} bytes, want {SALT_SIZE}", field="salt"
                )
            if upload.size != action.size:
                raise InvalidArgument(
                    "SIZE_MISMATCH",
                    f"received {upload.size} bytes, the transaction says {action.size}",
                    field="finish.transaction",
                )
            if commitment(salt, digest) != action.commitment:
                raise InvalidArgument(
                    "CONTENT_MISMATCH",
                    "the content and salt received do not open the transaction's commitment",
                    field="finish.transaction",
                )
            document_id = action.document_id or new_id(tx.tx_hash)
            receipt = await keep_then_submit(
                self._ledger, self._vault, upload, tx, (document_id, tx.tx_hash, salt), PUT_DOCUMENT
            )
            return vault_pb2.PutDocumentResponse(
                document_id=document_id,
                version=action.previous_version + 1,
                receipt=receipt_to_pb(receipt),
            )
        finally:
            # A no-op once the upload is kept (its file moved in place).
            await asyncio.to_thread(upload.abort)

    # ----- read --------------------------------------------------------------------------------

    async def ReadDocument(
        self, request: vault_pb2.ReadDocumentRequest, context: Context
    ) -> AsyncIterator[vault_pb2.ReadDocumentResponse]:
        receipt, event, version, record = await open_for_reading(
            self._ledger, self._vault, request.access_transaction
        )
        salt = await asyncio.to_thread(self._vault.salt, record)
        yield vault_pb2.ReadDocumentResponse(
            header=vault_pb2.ReadHeader(
                access_receipt=receipt_to_pb(receipt),
                version=convert.version_to_pb(version),
                salt=salt if event.permission == "export" else b"",
            )
        )
        async for segment in stream_segments(self._vault, record):
            yield vault_pb2.ReadDocumentResponse(chunk=segment)

    # ----- queries -----------------------------------------------------------------------------

    async def GetDocumentHistory(
        self, request: vault_pb2.GetDocumentHistoryRequest, context: Context
    ) -> vault_pb2.GetDocumentHistoryResponse:
        document_id = _document_id(request.document_id)
        with self._view() as view:
            document = rules.load_document(view, document_id)
            versions = [
                rules.load_version(view, document, v) for v in range(1, document.latest_version + 1)
            ]
        return vault_pb2.GetDocumentHistoryResponse(
            document=convert.document_to_pb(document, self._vault.shredded(document_id)),
            versions=[convert.version_to_pb(v) for v in versions],
        )

    async def GetGrant(
        self, request: vault_pb2.GetGrantRequest, context: Context
    ) -> vault_pb2.GetGrantResponse:
        check_id(request.grant_id, "grant_id")
        with self._view() as view:
            chain = rules.grant_chain(view, rules.load_grant(view, request.grant_id))
        return vault_pb2.GetGrantResponse(chain=[convert.grant_to_pb(g) for g in chain])

    async def ListAccessEvents(
        self, request: vault_pb2.ListAccessEventsRequest, context: Context
    ) -> vault_pb2.ListAccessEventsResponse:
        caller = require_caller()
        if bool(request.subject) == bool(request.document_id):
            raise InvalidArgument(
                "QUERY_INVALID", "give exactly one of subject and document_id", field="subject"
            )
        limit = min(request.limit or MAX_EVENTS, MAX_EVENTS)
        with self._view() as view:
            if request.subject:
                if request.subject != caller.identity.did:
                    raise PermissionDenied(
                        "NOT_SUBJECT", "a data subject lists the accesses about itself only"
                    )
                prefix = rules.subject_events_prefix(request.subject)
            else:
                document = rules.load_document(view, _document_id(request.document_id))
                if caller.identity.did not in document.subjects:
                    _require_reviewer(view, caller.identity.did, document.owner)
                prefix = rules.document_events_prefix(document.document_id)
            events, more = _events(view, prefix, request.after_entry_index, limit)
        return vault_pb2.ListAccessEventsResponse(
            events=[convert.event_to_pb(e) for e in events], more=more
        )

    async def ListBreakGlassEvents(
        self, request: vault_pb2.ListBreakGlassEventsRequest, context: Context
    ) -> vault_pb2.ListBreakGlassEventsResponse:
        caller = require_caller()
        with self._view() as view:
            _require_reviewer(view, caller.identity.did, request.owner)
            prefix = (
                rules.break_glass_prefix(request.owner)
                if request.include_reviewed
                else rules.open_break_glass_prefix(request.owner)
            )
            events, _ = _events(view, prefix, 0, 1 << 62)
        return vault_pb2.ListBreakGlassEventsResponse(
            events=[convert.event_to_pb(e) for e in events]
        )

    async def VerifyDocumentCopy(
        self, request: vault_pb2.VerifyDocumentCopyRequest, context: Context
    ) -> vault_pb2.VerifyDocumentCopyResponse:
        document_id = _document_id(request.document_id)
        if len(request.sha256) != 32 or len(request.salt) != SALT_SIZE:
            raise InvalidArgument(
                "COPY_INVALID", "sha256 and salt are 32 bytes each", field="sha256"
            )
        with self._view() as view:
            document = rules.load_document(view, document_id)
            version = rules.load_version(view, document, request.version)
        response = vault_pb2.VerifyDocumentCopyResponse(
            matches=commitment(request.salt, request.sha256) == version.commitment,
            version=convert.version_to_pb(version),
            receipt=receipt_to_pb(self._ledger.receipt(version.tx_hash)),
        )
        if document.erasure is not None:
            response.erasure.CopyFrom(
                convert.erasure_to_pb(document.erasure, self._vault.shredded(document_id))
            )
        return response


def _take(upload: Upload, hasher: Any, chunk: bytes) -> None:
    hasher.update(chunk)
    upload.write(chunk)


def _require_reviewer(view: _View, did: str, owner: str) -> None:
    record = view.identities.identity(did)
    if record is None or not any(view.identities.holds(record, r, owner) for r in REVIEWER_ROLES):
        raise PermissionDenied(
            "NOT_REVIEWER", f"only holders of {list(REVIEWER_ROLES)} in {owner} may list this"
        )


def _events(view: _View, prefix: bytes, after: int, limit: int) -> tuple[list[AccessEvent], bool]:
    events: list[AccessEvent] = []
    for key in view.keys(prefix):
        entry = rules.entry_of(key)
        if entry <= after:
            continue
        if len(events) == limit:
            return events, True
        raw = view.get(rules.event_key(entry))
        if raw is None:
            raise DataCorruption(f"access index names entry {entry}, which has no event")
        events.append(AccessEvent.decode(raw))
    return events, False


class Shredder:
    """Destroys keys and ciphertext of erased and expired documents on this node.

    Runs after every committed block that erases or expires a document, or whose block time
    passes a document's retention date (known from an in-memory queue of retention dates, so
    other blocks cost nothing), and once at start-up (catching up after a crash, and removing
    content of uploads whose transaction never committed)."""

    def __init__(self, ledger: Ledger, vault: VaultStore) -> None:
        self._ledger = ledger
        self._vault = vault
        self._tasks: set[asyncio.Task[None]] = set()
        self._due: list[tuple[int, bytes]] = []  # heap of (retain_until µs, document id)

    def on_commit(self, height: int, outcomes: Sequence[executor.Outcome]) -> None:
        targets: list[bytes] = []
        for outcome in outcomes:
            if outcome.error is not None or outcome.duplicate_of_logged:
                continue
            url, action = outcome.tx.action_type.type_url, outcome.tx.action
            if url in (convert.ERASE_DOCUMENT, convert.EXPIRE_DOCUMENT):
                targets.append(action.document_id)
            elif url == convert.STORE_DOCUMENT and action.retain_until_us:
                heapq.heappush(self._due, (action.retain_until_us, new_id(outcome.tx.tx_hash)))
        now_us = self._ledger.head.time_us
        while self._due and self._due[0][0] <= now_us:
            targets.append(heapq.heappop(self._due)[1])
        if not targets:
            return
        task = asyncio.get_running_loop().create_task(
            asyncio.to_thread(self._shred, targets, now_us)
        )
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self) -> None:
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    def _shred(self, targets: list[bytes], now_us: int) -> None:
        for document_id in targets:
            count = self._vault.shred(document_id, now_us)
            if count:
                log.info(
                    "document shredded",
                    extra={"document_id": document_id.hex(), "versions": count},
                )

    def sweep(self) -> None:
        """At start-up: shred what should be, discard content no committed version names."""
        now_us = self._ledger.head.time_us
        due: list[bytes] = []
        orphans: list[tuple[bytes, bytes]] = []
        records = self._vault.key_records()
        with self._ledger.store.read() as txn:
            view = _View(txn)
            for record in records:
                raw = view.get(rules.document_key(record.document_id))
                document = None if raw is None else DocumentRecord.decode(raw)
                if document is None or not _names(view, document, record.tx_hash):
                    orphans.append((record.document_id, record.tx_hash))
                elif document.erasure is not None:
                    due.append(document.document_id)
            for key in view.keys(rules.RETENTION_PREFIX):
                until, document_id = int.from_bytes(key[4:12], "big"), key[12:]
                if until <= now_us:
                    due.append(document_id)
                else:
                    heapq.heappush(self._due, (until, document_id))
        for document_id, tx_hash in orphans:
            self._vault.discard(document_id, tx_hash)
            log.info("discarded uncommitted upload", extra={"tx": tx_hash.hex()})
        self._shred(due, now_us)


def _names(view: _View, document: DocumentRecord, tx_hash: bytes) -> bool:
    for number in range(document.latest_version, 0, -1):
        raw = view.get(rules.version_key(document.document_id, number))
        if raw is not None and VersionRecord.decode(raw).tx_hash == tx_hash:
            return True
    return False
