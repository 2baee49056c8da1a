"""A medicines market on a real node: the competent authority (also the accredited issuer of
trading-partner credentials) with an inspector, a marketing authorisation holder that
manufactures, a wholesaler and two pharmacies, each with registered premises."""

from __future__ import annotations

import hashlib
import os
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import grpc
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium import gs1
from tabularium.credentials.v1 import credentials_pb2
from tabularium.domains.pharma.identifiers import gs1_check_digit
from tabularium.identity.v1 import identity_pb2
from tabularium.pharma.v1 import pharma_pb2 as pb
from tabularium.pharma.v1 import pharma_pb2_grpc
from tests.conftest import Chain, NodeProcess
from tests.integration.landregistry_world import Actor
from tests.integration.world import World

FAILED = grpc.StatusCode.FAILED_PRECONDITION
INVALID = grpc.StatusCode.INVALID_ARGUMENT
EXISTS = grpc.StatusCode.ALREADY_EXISTS
DENIED = grpc.StatusCode.PERMISSION_DENIED
NOT_FOUND = grpc.StatusCode.NOT_FOUND
SERVICE = "/tabularium.pharma.v1.PharmaService/"
GTIN = "09506000134352"
# Three years from now, so the tests keep passing as the calendar moves.
EXPIRY = time.strftime("%y%m%d", time.gmtime(time.time() + 3 * 365 * 86_400))
OTHER_EXPIRY = time.strftime("%y%m%d", time.gmtime(time.time() + 2 * 365 * 86_400))
SUPPLIED = pb.DECOMMISSION_REASON_SUPPLIED


def gln(n: int) -> str:
    body = f"{n:012d}"
    return body + str(gs1_check_digit(body))


@contextmanager
def clocked_node(chain: Chain, tmp_path: Path) -> Iterator[tuple[NodeProcess, Path]]:
    """A node whose block clock the test can move (TABULARIUM_CLOCK_OFFSET_FILE)."""
    clock = tmp_path / "clock"
    clock.write_text("0")
    previous = os.environ.get("TABULARIUM_CLOCK_OFFSET_FILE")
    os.environ["TABULARIUM_CLOCK_OFFSET_FILE"] = str(clock)
    try:
        process = NodeProcess(chain.data_dir).start()
    finally:
        if previous is None:
            del os.environ["TABULARIUM_CLOCK_OFFSET_FILE"]
        else:
            os.environ["TABULARIUM_CLOCK_OFFSET_FILE"] = previous
    try:
        yield process, clock
    finally:
        if process.proc is not None and process.proc.poll() is None:
            process.terminate()


class Partner:
    def __init__(self, actor: Actor, site: str) -> None:
        self.actor, self.site = actor, site

    @property
    def did(self) -> str:
        return self.actor.did

    @property
    def key(self) -> Ed25519PrivateKey:
        return self.actor.key


class PharmaWorld(World):
    """Authority "AIFA" (inspector I), holder-manufacturer "Pharmaco" in Milan, wholesaler
    "Grossista" in Bologna, pharmacies "Farmacia" in Rome and "Farmacia Due" in Milan."""

    def __init__(
        self, chain: Chain, node: NodeProcess, clock_file: Path | None = None, **market: int
    ) -> None:
        super().__init__(chain, node, clock_file)
        self.stub = pharma_pb2_grpc.PharmaServiceStub(node.channel())
        self.authority = self.register("AIFA", identity_pb2.IDENTITY_KIND_AGENCY)
        self.inspector = self.register("Inspector", owner=self.authority)
        self.grant_role(self.authority, self.inspector, "inspector")
        self.submit(
            credentials_pb2.AccreditIssuer(
                issuer=self.authority.did, credential_types=["PharmaTradingPartner"]
            ),
            self.chain.admin_key,
        )
        self.submit(pb.ConfigureMarket(authority=self.authority.did, **market), self.authority.key)
        self._status_index = 0
        self.credentials: dict[str, int] = {}
        self.maker = self.partner(
            "Pharmaco",
            [pb.PARTNER_ROLE_HOLDER, pb.PARTNER_ROLE_MANUFACTURER],
            1,
            45_464_200,
            9_190_000,
        )
        self.wholesaler = self.partner(
            "Grossista", [pb.PARTNER_ROLE_WHOLESALER], 2, 44_494_900, 11_342_600
        )
        self.pharmacy = self.partner(
            "Farmacia", [pb.PARTNER_ROLE_DISPENSER], 3, 41_902_800, 12_496_400
        )
        self.pharmacy2 = self.partner(
            "Farmacia Due", [pb.PARTNER_ROLE_DISPENSER], 4, 45_470_000, 9_180_000
        )
        self.product_key = secrets.token_bytes(32)
        document = self.vault_put(self.maker.actor, self.product_key, "application/octet-stream")
        self.submit(
            pb.RegisterProduct(
                holder=self.maker.did,
                gtin=GTIN,
                key_document=document,
                key_sha256=hashlib.sha256(self.product_key).digest(),
            ),
            self.maker.key,
        )
        self.serials: list[str] = []

    # ----- parties -----

    def partner(
        self, name: str, roles: list[Any], site: int, lat: int, lon: int, *, authorise: bool = True
    ) -> Partner:
        actor = self.register(name)
        party = Partner(actor, gln(site))
        if authorise:
            self.authorise(actor, roles)
            self.submit(
                pb.RegisterSite(
                    organisation=actor.did,
                    gln=party.site,
                    latitude_microdeg=lat,
                    longitude_microdeg=lon,
                ),
                actor.key,
            )
        return party

    def authorise(self, actor: Actor, roles: list[Any]) -> bytes:
        credential = secrets.token_bytes(32)
        self._status_index += 1
        self.credentials[actor.did] = self._status_index
        self.submit(
            credentials_pb2.RegisterCredential(
                credential_hash=credential,
                issuer=self.authority.did,
                credential_types=["PharmaTradingPartner"],
                status_index=self._status_index,
            ),
            self.authority.key,
        )
        self.submit(
            pb.AuthorizeTradingPartner(
                issuer=self.authority.did,
                partner=actor.did,
                roles=roles,
                credential_hash=credential,
            ),
            self.authority.key,
        )
        return credential

    def revoke(self, actor: Actor) -> None:
        self.submit(
            credentials_pb2.SetCredentialStatus(
                issuer=self.authority.did,
                status_index=self.credentials[actor.did],
                purpose=credentials_pb2.STATUS_PURPOSE_REVOCATION,
                value=True,
            ),
            self.authority.key,
        )

    # ----- packs -----

    def key_of(self, serial: str, gtin: str = GTIN) -> bytes:
        return gs1.pack_key(self.product_key, gtin, serial)

    def upload(
        self, count: int, *, batch: str = "B1", expiry: str = EXPIRY, prefix: str = ""
    ) -> list[bytes]:
        """Upload ``count`` packs with fresh serials (in chunks of 100,000); their keys."""
        tag = secrets.token_hex(3).upper()
        serials = [f"{(prefix or batch)[:4]}{tag}{n:07d}" for n in range(count)]
        self.serials += serials
        keys = [self.key_of(s) for s in serials]
        for start in range(0, count, 100_000):
            self.submit(
                self.upload_action(keys[start : start + 100_000], batch, expiry), self.maker.key
            )
        return keys

    def upload_action(
        self, keys: list[bytes], batch: str = "B1", expiry: str = EXPIRY
    ) -> pb.UploadBatch:
        return pb.UploadBatch(
            manufacturer=self.maker.did,
            gtin=GTIN,
            batch=batch,
            expiry=expiry,
            pack_keys=b"".join(keys),
            site_gln=self.maker.site,
        )

    @staticmethod
    def scanned(key: bytes, batch: str = "B1", expiry: str = EXPIRY) -> pb.ScannedPack:
        return pb.ScannedPack(pack_key=key, gtin=GTIN, batch=batch, expiry=expiry)

    def verify(self, who: Partner, key: bytes, **scan: str) -> pb.ScanResult:
        action = pb.VerifyPack(
            organisation=who.did, site_gln=who.site, pack=self.scanned(key, **scan)
        )
        return self.scans([self.sign(action, who.key)])[0]

    def decommission_action(
        self, who: Partner, key: bytes, reason: Any = SUPPLIED, **scan: str
    ) -> pb.DecommissionPack:
        return pb.DecommissionPack(
            organisation=who.did, site_gln=who.site, pack=self.scanned(key, **scan), reason=reason
        )

    def decommission(self, who: Partner, key: bytes, reason: Any = SUPPLIED) -> pb.ScanResult:
        return self.scans([self.sign(self.decommission_action(who, key, reason), who.key)])[0]

    def undo_action(
        self, who: Partner, key: bytes, attested: bool = True, site: str = ""
    ) -> pb.UndoDecommission:
        return pb.UndoDecommission(
            organisation=who.did,
            site_gln=site or who.site,
            pack=self.scanned(key),
            not_supplied_to_public=attested,
        )

    def scans(self, raws: list[bytes]) -> list[pb.ScanResult]:
        return list(
            self.stub.SubmitScans(pb.SubmitScansRequest(transactions=raws), timeout=120).results
        )

    # ----- trading -----

    def ti(self, shipper: Partner, receiver: Partner) -> tuple[bytes, bytes, bytes]:
        """Transaction information and statement to the receiver: (document, sha256, grant)."""
        content = f"TI/TS {shipper.actor.name} -> {receiver.actor.name} {secrets.token_hex(4)}"
        document = self.vault_put(shipper.actor, content.encode(), "text/plain")
        grant = self.vault_grant(shipper.actor, document, receiver.actor, "DSCSA TI/TS")
        return document, hashlib.sha256(content.encode()).digest(), grant

    def ship_action(
        self, shipper: Partner, receiver: Partner, units: list[bytes], shipment: bytes
    ) -> tuple[pb.Ship, bytes]:
        document, digest, grant = self.ti(shipper, receiver)
        return (
            pb.Ship(
                organisation=shipper.did,
                receiver=receiver.did,
                shipment_id=shipment,
                unit_keys=b"".join(units),
                ti_document=document,
                ti_sha256=digest,
                ti_grant=grant,
            ),
            digest,
        )

    def transfer(self, shipper: Partner, receiver: Partner, units: list[bytes]) -> bytes:
        """Ship and receive; the shipment id."""
        shipment = secrets.token_bytes(16)
        action, digest = self.ship_action(shipper, receiver, units, shipment)
        self.submit(action, shipper.key)
        self.submit(
            pb.Receive(
                organisation=receiver.did,
                shipment_id=shipment,
                ti_sha256=digest,
                site_gln=receiver.site,
            ),
            receiver.key,
        )
        return shipment

    # ----- reads -----

    def read(self, method: str, request: Any, who: Actor) -> Any:
        return self.signed_read(self.stub, SERVICE, method, request, who)

    def pack(self, key: bytes, who: Actor | None = None) -> pb.GetPackResponse:
        response: pb.GetPackResponse = self.read(
            "GetPack", pb.GetPackRequest(pack_key=key), who or self.authority
        )
        return response

    def alerts(self, who: Actor | None = None, **request: Any) -> list[pb.Alert]:
        response = self.read("ListAlerts", pb.ListAlertsRequest(**request), who or self.authority)
        return list(response.alerts)
