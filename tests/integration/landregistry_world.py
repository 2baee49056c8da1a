"""A land registry office on a real node: its registrars (two of them must co-sign office
actions), citizens, a bank, and helpers that register deeds and submit land actions."""

from __future__ import annotations

import hashlib
import os
import time
from fractions import Fraction

import grpc
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf.message import Message

from tabularium.api.convert.identity import type_url
from tabularium.crypto.didkey import did_key
from tabularium.documents.v1 import documents_pb2
from tabularium.identity.v1 import identity_pb2
from tabularium.landregistry.v1 import landregistry_pb2 as pb
from tabularium.landregistry.v1 import landregistry_pb2_grpc
from tabularium.ledger.v1 import ledger_pb2
from tabularium.txbuild import build_signed, key_possession
from tests.conftest import Chain, NodeProcess
from tests.helpers import error_info, expect_error

FAILED = grpc.StatusCode.FAILED_PRECONDITION
OFFICE_ACTIONS = (
    pb.RegisterParty,
    pb.RegisterGroupParty,
    pb.RegisterParcel,
    pb.SubdivideParcel,
    pb.MergeParcels,
    pb.ApproveTransfer,
    pb.ResolveFreeze,
    pb.RegisterRestriction,
    pb.ReleaseRestriction,
)


class Actor:
    def __init__(self, name: str) -> None:
        self.name = name
        self.key = Ed25519PrivateKey.generate()
        self.did = did_key(self.key.public_key().public_bytes_raw())


def rect(x0: float, y0: float, x1: float, y1: float) -> str:
    pts = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
    coords = ",".join(f"[{x:.7f},{y:.7f}]" for x, y in pts)
    return '{"type":"Polygon","coordinates":[[' + coords + "]]}"


def share(fraction: Fraction | str) -> pb.Share:
    value = Fraction(fraction)
    return pb.Share(numerator=value.numerator, denominator=value.denominator)


class LandWorld:
    """The office "Cadastre" with registrars R1 and R2 (threshold 2 for office actions),
    citizens, a bank; cooling-off ``cooling_off`` seconds."""

    def __init__(self, chain: Chain, node: NodeProcess, *, cooling_off: int = 0) -> None:
        self.chain, self.node = chain, node
        self.stub = landregistry_pb2_grpc.LandRegistryServiceStub(node.channel())
        self.office = Actor("Cadastre")
        self.r1, self.r2, self.r3 = Actor("R1"), Actor("R2"), Actor("R3")
        root = chain.admin_key
        self.submit(
            identity_pb2.RegisterIdentity(
                kind=identity_pb2.IDENTITY_KIND_AGENCY,
                keys=[key_possession(self.office.key, self.office.did)],
                display_name="Cadastre",
            ),
            root,
        )
        for registrar in (self.r1, self.r2, self.r3):
            self.submit(
                identity_pb2.RegisterIdentity(
                    kind=identity_pb2.IDENTITY_KIND_OFFICIAL,
                    owner=self.office.did,
                    keys=[key_possession(registrar.key, registrar.did)],
                    display_name=registrar.name,
                ),
                self.office.key,
            )
            self.submit(
                identity_pb2.GrantRole(
                    organization=self.office.did, subject=registrar.did, role="registrar"
                ),
                self.office.key,
            )
        for action in OFFICE_ACTIONS:
            self.submit(
                identity_pb2.SetPolicy(
                    action_type_url=type_url(action),
                    organization=self.office.did,
                    roles=["registrar"],
                    threshold=2,
                ),
                self.office.key,
            )
        self.submit(
            pb.ConfigureOffice(
                office=self.office.did, cooling_off_seconds=cooling_off, proposal_ttl_seconds=3600
            ),
            self.office.key,
        )
        self.bank = Actor("Bank")
        self.submit(
            identity_pb2.RegisterIdentity(
                kind=identity_pb2.IDENTITY_KIND_COMPANY,
                keys=[key_possession(self.bank.key, self.bank.did)],
                display_name="Bank",
            ),
            root,
        )
        self.people: dict[str, Actor] = {}

    # ----- plumbing -----

    def submit(self, action: Message, *keys: Ed25519PrivateKey) -> ledger_pb2.Receipt:
        raw = build_signed(self.chain.chain_id, action, keys, now_us=time.time_ns() // 1000)
        return self.node.ledger.SubmitTransaction(
            ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=30
        ).receipt

    def refused(
        self, action: Message, keys: list[Ed25519PrivateKey], code: grpc.StatusCode, reason: str
    ) -> int:
        """Submit, expect the refusal, check it is in the log as evidence with its reason;
        returns the entry index it was logged at."""
        raw = build_signed(self.chain.chain_id, action, keys, now_us=time.time_ns() // 1000)
        exc = expect_error(
            lambda: self.node.ledger.SubmitTransaction(
                ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=30
            ),
            code,
            reason,
        )
        index = int(error_info(exc).metadata["entry_index"])
        logged = self.node.ledger.GetTransaction(
            ledger_pb2.GetTransactionRequest(tx_hash=hashlib.sha256(raw).digest()), timeout=10
        )
        assert logged.entry_index == index
        assert logged.result.status == ledger_pb2.TRANSACTION_STATUS_REFUSED
        assert logged.result.error.reason == reason
        return index

    def registrars(self) -> tuple[Ed25519PrivateKey, Ed25519PrivateKey]:
        return self.r1.key, self.r2.key

    def office_submit(self, action: Message) -> ledger_pb2.Receipt:
        return self.submit(action, *self.registrars())

    def deed(self, title: str = "deed") -> bytes:
        """Register a fresh signed deed in the documents domain; its SHA-256."""
        digest = hashlib.sha256(os.urandom(32) + title.encode()).digest()
        self.submit(
            documents_pb2.RegisterDocument(sha256=digest, title=title), self.chain.notary_key
        )
        return digest

    def person(self, name: str) -> Actor:
        actor = Actor(name)
        self.submit(
            identity_pb2.RegisterIdentity(
                kind=identity_pb2.IDENTITY_KIND_CITIZEN,
                keys=[key_possession(actor.key, actor.did)],
            ),
            self.chain.admin_key,
        )
        self.office_submit(
            pb.RegisterParty(
                office=self.office.did,
                party=actor.did,
                type=pb.PARTY_TYPE_NATURAL_PERSON,
                commitment=hashlib.sha256(b"salt" + name.encode()).digest(),
            )
        )
        self.people[name] = actor
        return actor

    def register_parcel(
        self, parcel_id: str, geometry: str, owners: dict[str, Fraction | str], level: int = 0
    ) -> ledger_pb2.Receipt:
        return self.office_submit(self.parcel_action(parcel_id, geometry, owners, level))

    def parcel_action(
        self, parcel_id: str, geometry: str, owners: dict[str, Fraction | str], level: int = 0
    ) -> pb.RegisterParcel:
        return pb.RegisterParcel(
            office=self.office.did,
            parcel_id=parcel_id,
            label=parcel_id,
            level=level,
            geometry=geometry,
            source_sha256=self.deed("legacy extract"),
            rights=[
                pb.InitialRight(type=pb.RIGHT_TYPE_OWNERSHIP, party=party, share=share(s))
                for party, s in owners.items()
            ],
        )

    def propose(
        self,
        parcel_id: str,
        out: dict[str, Fraction | str],
        into: dict[str, Fraction | str],
        signer: Ed25519PrivateKey,
        deed: bytes | None = None,
    ) -> tuple[bytes, bytes]:
        """(transfer id, deed hash)."""
        deed = deed or self.deed()
        receipt = self.submit(self.propose_action(parcel_id, out, into, deed), signer)
        return receipt.tx_hash[:16], deed

    @staticmethod
    def propose_action(
        parcel_id: str, out: dict[str, Fraction | str], into: dict[str, Fraction | str], deed: bytes
    ) -> pb.ProposeTransfer:
        return pb.ProposeTransfer(
            parcel_id=parcel_id,
            deed_sha256=deed,
            transferors=[pb.Portion(party=p, share=share(s)) for p, s in out.items()],
            transferees=[pb.Portion(party=p, share=share(s)) for p, s in into.items()],
        )

    def consent(self, transfer_id: bytes, deed: bytes, *keys: Ed25519PrivateKey) -> None:
        self.submit(pb.ConsentTransfer(transfer_id=transfer_id, deed_sha256=deed), *keys)

    def approve(self, transfer_id: bytes, deed: bytes) -> None:
        self.office_submit(
            pb.ApproveTransfer(office=self.office.did, transfer_id=transfer_id, deed_sha256=deed)
        )

    def finalize(self, transfer_id: bytes, key: Ed25519PrivateKey) -> ledger_pb2.Receipt:
        return self.submit(pb.FinalizeTransfer(transfer_id=transfer_id), key)

    def owners(self, parcel_id: str, **kwargs: object) -> dict[str, Fraction]:
        response = self.stub.GetRights(
            pb.GetRightsRequest(parcel_id=parcel_id, **kwargs),
            timeout=30,  # type: ignore[arg-type]
        )
        return {
            r.party: Fraction(r.share.numerator, r.share.denominator)
            for r in response.rights
            if r.right_type == pb.RIGHT_TYPE_OWNERSHIP
        }

    def head(self) -> int:
        info = self.node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=10)
        return int(info.height)
