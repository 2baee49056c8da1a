"""Pharma: decommission scans and batch traces through a real node primed with many packs.

* Priming: ``packs`` pack keys (HMAC-SHA-256 under the product key, as a scanner would compute
  them) uploaded by the manufacturer in UploadBatch transactions of 100,000 (one batch number
  per upload, plus one batch of ``trace`` packs to trace), timed: packs/s. The packs to be scanned
  are then shipped to a pharmacy and received there (Ship/Receive of 100,000 packs each, with
  the transaction information in the vault), timed too.
* Scans: DecommissionPack with reason SUPPLIED at the pharmacy (the ordinary dispense path:
  partner, premises, pack, batch and status checks), presigned, sent with
  ``PharmaService.SubmitScans`` in batches of 1,000 and 10,000, one call in flight; against
  notarising documents (RegisterDocument, :mod:`benchmarks.load.presign`) with
  ``LedgerService.SubmitTransactions`` at the same batch sizes in the same run:
  ``scan_vs_notarize_<batch>``. Latency is per call (p50/p99 per batch), with client signing
  time and the server's CPU per 1,000 transactions beside it.
* Trace: ``TraceBatch`` over the ``trace``-pack batch, every page of 10,000 (signed reads by the
  holder), against reading the same pack records straight from the node's LMDB state database
  opened read-only (the batch's ``bpacks`` range, then each ``pack/`` record in key order):
  ``trace_vs_raw``; a contiguous range of as many ``pack/`` records is reported beside it.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import grpc
import lmdb
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf.message import Message

from benchmarks.common import (
    best_of,
    latency_summary,
    proc_cpu_seconds,
    progress,
    repeats_for,
)
from benchmarks.load.presign import signed_documents
from tabularium import gs1, rpcauth
from tabularium.chain.actions import domain_state_prefix
from tabularium.chain.tx import timestamp_us
from tabularium.credentials.v1 import credentials_pb2
from tabularium.crypto.didkey import did_key
from tabularium.domains.pharma import rules
from tabularium.domains.pharma.identifiers import gs1_check_digit
from tabularium.domains.pharma.model import KEY_SIZE, BatchRecord
from tabularium.identity.v1 import identity_pb2
from tabularium.keys import load_private_key
from tabularium.ledger.v1 import ledger_pb2, ledger_pb2_grpc
from tabularium.pharma.v1 import pharma_pb2 as pb
from tabularium.pharma.v1 import pharma_pb2_grpc
from tabularium.txbuild import build_signed, key_possession
from tabularium.vault.v1 import vault_pb2
from tabularium.vault_client import put_document
from tests.conftest import NodeProcess, run_cli

BATCH_SIZES = (1000, 10_000)
UPLOAD = 100_000
PAGE = 10_000
GTIN = "09506000134352"
EXPIRY = time.strftime("%y%m%d", time.gmtime(time.time() + 3 * 365 * 86_400))
TRACE_BATCH = "TRACE"
CREDENTIAL_TYPE = "PharmaTradingPartner"
TRACE_METHOD = "/tabularium.pharma.v1.PharmaService/TraceBatch"
REASON = "SUPPLIED at a pharmacy (packs shipped maker -> pharmacy and received first)"
OPTIONS = [
    ("grpc.max_send_message_length", 256 << 20),
    ("grpc.max_receive_message_length", 256 << 20),
]
PROGRESS_EVERY = 5


def _gln(n: int) -> str:
    body = f"{n:012d}"
    return body + str(gs1_check_digit(body))


class _Party:
    def __init__(self, site: int) -> None:
        self.key = Ed25519PrivateKey.generate()
        self.did = did_key(self.key.public_key().public_bytes_raw())
        self.site = _gln(site)


class _Market:
    """A competent authority (also the accredited issuer of partner credentials), a holder that
    manufactures, and a pharmacy, each authorised with a registered credential and premises."""

    def __init__(self, node: NodeProcess, data_dir: Path) -> None:
        self.node = node
        self.channel = grpc.insecure_channel(node.address, options=OPTIONS)
        self.ledger = ledger_pb2_grpc.LedgerServiceStub(self.channel)
        self.pharma = pharma_pb2_grpc.PharmaServiceStub(self.channel)
        self.chain_id = self.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=10).chain_id
        self.root = load_private_key(data_dir / "keys" / "admin.key")
        self.product_key = secrets.token_bytes(32)
        self.authority, self.maker, self.pharmacy = _Party(0), _Party(1), _Party(3)
        self._status_index = 0
        self.batch_of: dict[bytes, str] = {}

    def sign(self, action: Message, *keys: Ed25519PrivateKey) -> bytes:
        return build_signed(
            self.chain_id, action, keys, now_us=time.time_ns() // 1000, window_seconds=3600
        )

    def submit_raw(self, raw: bytes) -> ledger_pb2.Receipt:
        request = ledger_pb2.SubmitTransactionRequest(transaction=raw)
        return self.ledger.SubmitTransaction(request, timeout=600).receipt

    def submit(self, action: Message, *keys: Ed25519PrivateKey) -> ledger_pb2.Receipt:
        return self.submit_raw(self.sign(action, *keys))

    def vault_put(self, owner: _Party, content: bytes, media_type: str) -> bytes:
        stored = put_document(
            self.channel,
            self.chain_id,
            [owner.key],
            [content],
            owner=owner.did,
            media_type=media_type,
            timeout=60,
        )
        return bytes(stored.response.document_id)

    def set_up(self) -> None:
        for party, kind in (
            (self.authority, identity_pb2.IDENTITY_KIND_AGENCY),
            (self.maker, identity_pb2.IDENTITY_KIND_COMPANY),
            (self.pharmacy, identity_pb2.IDENTITY_KIND_COMPANY),
        ):
            self.submit(
                identity_pb2.RegisterIdentity(
                    kind=kind, keys=[key_possession(party.key, party.did)]
                ),
                self.root,
            )
        self.submit(
            credentials_pb2.AccreditIssuer(
                issuer=self.authority.did, credential_types=[CREDENTIAL_TYPE]
            ),
            self.root,
        )
        self.submit(pb.ConfigureMarket(authority=self.authority.did), self.authority.key)
        self._partner(self.maker, [pb.PARTNER_ROLE_HOLDER, pb.PARTNER_ROLE_MANUFACTURER], 45, 9)
        self._partner(self.pharmacy, [pb.PARTNER_ROLE_DISPENSER], 41, 12)
        document = self.vault_put(self.maker, self.product_key, "application/octet-stream")
        self.submit(
            pb.RegisterProduct(
                holder=self.maker.did,
                gtin=GTIN,
                key_document=document,
                key_sha256=hashlib.sha256(self.product_key).digest(),
            ),
            self.maker.key,
        )

    def _partner(self, party: _Party, roles: list[Any], lat: int, lon: int) -> None:
        credential = secrets.token_bytes(32)
        self._status_index += 1
        self.submit(
            credentials_pb2.RegisterCredential(
                credential_hash=credential,
                issuer=self.authority.did,
                credential_types=[CREDENTIAL_TYPE],
                status_index=self._status_index,
            ),
            self.authority.key,
        )
        self.submit(
            pb.AuthorizeTradingPartner(
                issuer=self.authority.did,
                partner=party.did,
                roles=roles,
                credential_hash=credential,
            ),
            self.authority.key,
        )
        self.submit(
            pb.RegisterSite(
                organisation=party.did,
                gln=party.site,
                latitude_microdeg=lat * 1_000_000,
                longitude_microdeg=lon * 1_000_000,
            ),
            party.key,
        )

    def keys(self, prefix: str, start: int, count: int) -> list[bytes]:
        return [
            gs1.pack_key(self.product_key, GTIN, f"{prefix}{n:08d}")
            for n in range(start, start + count)
        ]

    def upload_action(self, batch: str, keys: list[bytes]) -> pb.UploadBatch:
        return pb.UploadBatch(
            manufacturer=self.maker.did,
            gtin=GTIN,
            batch=batch,
            expiry=EXPIRY,
            pack_keys=b"".join(keys),
            site_gln=self.maker.site,
        )

    def transfer(self, keys: list[bytes]) -> None:
        """Ship ``keys`` from the maker to the pharmacy and receive them there."""
        shipment = secrets.token_bytes(16)
        content = f"TI/TS maker -> pharmacy {shipment.hex()}".encode()
        document = self.vault_put(self.maker, content, "text/plain")
        receipt = self.submit(
            vault_pb2.GrantAccess(
                owner=self.maker.did,
                document_id=document,
                grantee=self.pharmacy.did,
                permissions=[vault_pb2.PERMISSION_READ],
                expires_at=timestamp_us(time.time_ns() // 1000 + 30 * 86_400_000_000),
                purpose="DSCSA TI/TS",
            ),
            self.maker.key,
        )
        digest = hashlib.sha256(content).digest()
        self.submit(
            pb.Ship(
                organisation=self.maker.did,
                receiver=self.pharmacy.did,
                shipment_id=shipment,
                unit_keys=b"".join(keys),
                ti_document=document,
                ti_sha256=digest,
                ti_grant=hashlib.sha256(receipt.transaction).digest()[:16],
            ),
            self.maker.key,
        )
        self.submit(
            pb.Receive(
                organisation=self.pharmacy.did,
                shipment_id=shipment,
                ti_sha256=digest,
                site_gln=self.pharmacy.site,
            ),
            self.pharmacy.key,
        )

    def decommission(self, key: bytes) -> bytes:
        action = pb.DecommissionPack(
            organisation=self.pharmacy.did,
            site_gln=self.pharmacy.site,
            pack=pb.ScannedPack(pack_key=key, gtin=GTIN, batch=self.batch_of[key], expiry=EXPIRY),
            reason=pb.DECOMMISSION_REASON_SUPPLIED,
        )
        return self.sign(action, self.pharmacy.key)


# ----- priming ---------------------------------------------------------------------------------


def _uploads(packs: int, trace: int, upload: int) -> Iterator[tuple[str, int, int]]:
    """(batch number, first serial, pack count) of every upload: the trace batch first, then
    one batch per upload of filler packs (the scanned ones among them)."""
    for start in range(0, trace, upload):
        yield TRACE_BATCH, start, min(upload, trace - start)
    filler = packs - trace
    for n, start in enumerate(range(0, filler, upload)):
        yield f"P{n:05d}", 0, min(upload, filler - start)


def _prime(
    market: _Market, packs: int, trace: int, scans: int, upload: int
) -> tuple[dict[str, Any], list[bytes]]:
    """Upload ``packs`` packs; the keys of the first ``scans`` filler packs."""
    scan_keys: list[bytes] = []
    pid = _pid(market.node)
    cpu0, started = proc_cpu_seconds(pid), time.perf_counter()
    done, derive_s = 0, 0.0
    pending: Future[ledger_pb2.Receipt] | None = None
    uploads = list(_uploads(packs, trace, upload))
    with ThreadPoolExecutor(1) as pool:
        for n, (batch, first, count) in enumerate(uploads):
            t0 = time.perf_counter()
            keys = market.keys(batch, first, count)
            if batch != TRACE_BATCH and len(scan_keys) < scans:
                taken = keys[: scans - len(scan_keys)]
                scan_keys += taken
                market.batch_of.update((k, batch) for k in taken)
            raw = market.sign(market.upload_action(batch, keys), market.maker.key)
            derive_s += time.perf_counter() - t0
            if pending is not None:
                pending.result()
            pending = pool.submit(market.submit_raw, raw)
            done += count
            if n % PROGRESS_EVERY == PROGRESS_EVERY - 1:
                elapsed = time.perf_counter() - started
                progress(
                    f"pharma: uploading {done:,.0f}/{packs:,} packs ({done / elapsed:,.0f} packs/s)"
                )
        if pending is not None:
            pending.result()
    seconds = time.perf_counter() - started
    priming: dict[str, Any] = {
        "packs": packs,
        "uploads": len(uploads),
        "packs_per_upload": upload,
        "seconds": round(seconds, 3),
        "packs_per_s": packs / seconds,
        "server_cpu_s": round(proc_cpu_seconds(pid) - cpu0, 3),
        "client_key_derivation_and_signing_s": round(derive_s, 3),
    }
    progress(f"pharma: {packs:,} packs uploaded in {seconds:,.1f} s ({packs / seconds:,.0f}/s)")
    cpu0, started = proc_cpu_seconds(pid), time.perf_counter()
    for start in range(0, len(scan_keys), upload):
        market.transfer(scan_keys[start : start + upload])
    seconds = time.perf_counter() - started
    priming["transfer"] = {
        "packs": len(scan_keys),
        "shipments": -(-len(scan_keys) // upload),
        "seconds": round(seconds, 3),
        "packs_per_s": len(scan_keys) / seconds,
        "server_cpu_s": round(proc_cpu_seconds(pid) - cpu0, 3),
    }
    progress(f"pharma: {len(scan_keys):,} packs shipped to the pharmacy in {seconds:,.1f} s")
    return priming, scan_keys


def _pid(node: NodeProcess) -> int:
    assert node.proc is not None
    return node.proc.pid


# ----- scans against notarisation ----------------------------------------------------------------


async def _batches(
    address: str, batches: Sequence[list[bytes]], scans: bool
) -> tuple[float, list[float]]:
    """Send each batch in turn (one call in flight); total seconds and per-call latencies.
    Raises on the first refused item."""
    latencies: list[float] = []
    async with grpc.aio.insecure_channel(address, options=OPTIONS) as channel:
        ledger: Any = ledger_pb2_grpc.LedgerServiceStub(channel)  # aio stubs: awaitable calls
        pharma: Any = pharma_pb2_grpc.PharmaServiceStub(channel)
        await ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest())
        started = time.perf_counter()
        for raws in batches:
            t0 = time.perf_counter()
            if scans:
                response = await pharma.SubmitScans(
                    pb.SubmitScansRequest(transactions=raws), timeout=600
                )
                refused = [r for r in response.results if r.code != "OK"]
                if refused:
                    raise RuntimeError(f"{len(refused)} scans refused, first: {refused[0]}")
            else:
                answer = await ledger.SubmitTransactions(
                    ledger_pb2.SubmitTransactionsRequest(transactions=raws), timeout=600
                )
                if not all(r.HasField("receipt") for r in answer.results):
                    raise RuntimeError("a notarisation of the batch was refused")
            latencies.append(time.perf_counter() - t0)
        return time.perf_counter() - started, latencies


def _phase(market: _Market, batches: list[list[bytes]], scans: bool) -> dict[str, Any]:
    pid = _pid(market.node)
    cpu0 = proc_cpu_seconds(pid)
    seconds, latencies = asyncio.run(_batches(market.node.address, batches, scans))
    count = sum(len(b) for b in batches)
    return {
        "tx_per_s": count / seconds,
        "latency_per_batch": latency_summary(latencies),
        "server_cpu_s_per_1000": round((proc_cpu_seconds(pid) - cpu0) / count * 1000, 4),
    }


def _scan_vs_notarize(
    market: _Market, keys: list[bytes], sizes: Sequence[int], batches: int
) -> list[dict[str, Any]]:
    rows = []
    position = 0
    for size in sizes:
        count = size * batches
        mine = keys[position : position + count]
        position += count
        progress(f"pharma: {batches} SubmitScans of {size:,} decommissions, then notarisation")
        t0 = time.perf_counter()
        scans = [market.decommission(k) for k in mine]
        sign_scan_s = time.perf_counter() - t0
        scan = _phase(market, [scans[i : i + size] for i in range(0, count, size)], scans=True)
        t0 = time.perf_counter()
        docs = signed_documents(market.chain_id, market.root, count)
        sign_doc_s = time.perf_counter() - t0
        notarize = _phase(market, [docs[i : i + size] for i in range(0, count, size)], scans=False)
        rows.append(
            {
                "batch": size,
                "batches": batches,
                "transactions": count,
                "scan": {**scan, "client_sign_us_per_tx": round(sign_scan_s / count * 1e6, 2)},
                "notarize": {
                    **notarize,
                    "client_sign_us_per_tx": round(sign_doc_s / count * 1e6, 2),
                },
                "scan_vs_notarize": scan["tx_per_s"] / notarize["tx_per_s"],
            }
        )
    return rows


# ----- trace against raw LMDB --------------------------------------------------------------------


def _trace_all(market: _Market, page: int, page_s: list[float]) -> tuple[int, int]:
    """Every page of the trace batch (each page's seconds appended to ``page_s``); (packs,
    pages)."""
    after, packs, pages = b"", 0, 0
    while True:
        request = pb.TraceBatchRequest(gtin=GTIN, batch=TRACE_BATCH, after=after, page_size=page)
        metadata = rpcauth.sign_request(market.maker.key, TRACE_METHOD, request.SerializeToString())
        t0 = time.perf_counter()
        response = market.pharma.TraceBatch(request, metadata=tuple(metadata), timeout=600)
        page_s.append(time.perf_counter() - t0)
        packs += len(response.packs)
        pages += 1
        if not response.next_after:
            return packs, pages
        after = response.next_after


def _raw_reads(store_dir: Path, count: int) -> dict[str, float]:
    """The trace batch's pack records read straight from LMDB (read-only, beside the running
    node): its ``bpacks`` range then each ``pack/`` record in key order; and a contiguous range
    of ``count`` ``pack/`` records. Records per second, best of a few rounds."""
    prefix = domain_state_prefix("pharma")
    env = lmdb.open(
        str(store_dir), readonly=True, lock=True, max_dbs=16, subdir=True, map_size=64 << 30
    )
    try:
        state = env.open_db(b"state", create=False)
        with env.begin(db=state) as txn:
            raw = txn.get(prefix + rules.batch_key(GTIN, TRACE_BATCH))
        assert raw is not None, "the trace batch is in the state database"
        batch_id = BatchRecord.decode(raw).batch_id
        packs_prefix = prefix + rules.batch_packs_prefix(batch_id)
        pack_prefix = prefix + rules.pack_key(b"")
        found = [0, 0]

        def same_keys() -> None:
            with env.begin(db=state) as txn:
                cursor = txn.cursor()
                keys: list[bytes] = []
                if cursor.set_range(packs_prefix):
                    for key, blob in cursor:
                        if not key.startswith(packs_prefix):
                            break
                        keys += [blob[i : i + KEY_SIZE] for i in range(0, len(blob), KEY_SIZE)]
                keys.sort()
                n = 0
                for key in keys:
                    if cursor.set_key(pack_prefix + key):
                        n += len(cursor.value()) > 0
                found[0] = n

        def contiguous() -> None:
            with env.begin(db=state) as txn:
                cursor = txn.cursor()
                n = 0
                if cursor.set_range(pack_prefix):
                    for key, value in cursor:
                        if n == count or not key.startswith(pack_prefix):
                            break
                        n += len(value) > 0
                found[1] = n

        repeat = repeats_for(count, 1_000_000)
        same_s = best_of(same_keys, repeat)
        range_s = best_of(contiguous, repeat)
    finally:
        env.close()
    if found != [count, count]:
        raise RuntimeError(f"raw reads found {found} records, want {count}")
    return {"raw_same_keys_per_s": count / same_s, "raw_range_per_s": count / range_s}


def _trace(market: _Market, store_dir: Path, trace: int, page: int) -> dict[str, Any]:
    progress(f"pharma: TraceBatch over {trace:,} packs, pages of {page:,}")
    pid = _pid(market.node)
    cpu0 = proc_cpu_seconds(pid)
    result: list[tuple[int, int]] = []
    page_s: list[float] = []
    seconds = best_of(lambda: result.append(_trace_all(market, page, page_s)), 2)
    packs, pages = result[-1]
    last = page_s[-pages:]
    if packs != trace:
        raise RuntimeError(f"TraceBatch returned {packs} packs, want {trace}")
    server_cpu = (proc_cpu_seconds(pid) - cpu0) / len(result)
    return {
        "packs": packs,
        "page_size": page,
        "pages": pages,
        "seconds": round(seconds, 3),
        "packs_per_s": packs / seconds,
        "server_cpu_s": round(server_cpu, 3),
        "first_page_ms": round(last[0] * 1000, 3),
        "last_page_ms": round(last[-1] * 1000, 3),
        **_raw_reads(store_dir, trace),
    }


# ----- the section -------------------------------------------------------------------------------


def run(
    packs: int,
    trace: int = 100_000,
    batch_sizes: Sequence[int] = BATCH_SIZES,
    batches: int = 10,
    *,
    upload: int = UPLOAD,
    page: int = PAGE,
) -> dict[str, Any]:
    scans = sum(batch_sizes) * batches
    if packs < trace + scans:
        progress(f"pharma: {packs:,} packs cannot hold {trace:,} traced + {scans:,} scanned")
        packs = trace + scans
    with tempfile.TemporaryDirectory(prefix="tabularium-bench-pharma-") as tmp:
        data_dir = Path(tmp) / "data"
        run_cli("init", "--data-dir", str(data_dir), "--chain-id", "bench")
        node = NodeProcess(data_dir).start()
        try:
            market = _Market(node, data_dir)
            market.set_up()
            progress(f"pharma: priming {packs:,} packs in uploads of {upload:,}")
            priming, keys = _prime(market, packs, trace, scans, upload)
            rows = _scan_vs_notarize(market, keys, batch_sizes, batches)
            traced = _trace(market, data_dir / "ledger", trace, page)
            disk = sum(f.stat().st_size for f in (data_dir / "ledger").glob("*.mdb"))
            priming["ledger_file_bytes"] = disk
            market.channel.close()
        finally:
            node.terminate()
    ratios = {f"scan_vs_notarize_{r['batch']}": r["scan_vs_notarize"] for r in rows}
    ratios["trace_vs_raw"] = traced["packs_per_s"] / traced["raw_same_keys_per_s"]
    ratios["trace_vs_raw_range"] = traced["packs_per_s"] / traced["raw_range_per_s"]
    return {
        "decommission": REASON,
        "priming": priming,
        "scans": rows,
        "trace": traced,
        "ratios": ratios,
    }
