"""A tax office on a real node: officers, enforcement, the appeal body, a bank, the exchange
system (SDI), taxpayers with their personal records in the vault, and signed reads."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import grpc
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf.message import Message

from tabularium import tax_xml
from tabularium.chain.tx import timestamp_us
from tabularium.identity.v1 import identity_pb2
from tabularium.ledger.v1 import ledger_pb2
from tabularium.tax.v1 import tax_pb2 as pb
from tabularium.tax.v1 import tax_pb2_grpc
from tabularium.txbuild import build_signed, key_possession
from tabularium.vault.v1 import vault_pb2
from tests.conftest import Chain, NodeProcess
from tests.integration.landregistry_world import Actor
from tests.integration.world import World

FAILED = grpc.StatusCode.FAILED_PRECONDITION
INVALID = grpc.StatusCode.INVALID_ARGUMENT
EXISTS = grpc.StatusCode.ALREADY_EXISTS
SERVICE = "/tabularium.tax.v1.TaxService/"
PEPPER = b"office secret for tax code commitments"
DAY = 86_400


def eur(minor: int) -> pb.Amount:
    return pb.Amount(minor_units=minor, currency="EUR")


def day(offset_days: int) -> str:
    """The UTC date ``offset_days`` from today."""
    return time.strftime("%Y-%m-%d", time.gmtime(time.time() + offset_days * DAY))


class TaxWorld(World):
    """The office "Entrate" with officers O1 and O2, enforcer E, appeal body A, bank B and the
    exchange system SDI; assessments above 1,000,000.00 EUR need two officers."""

    def __init__(self, chain: Chain, node: NodeProcess, *, notice_days: int = 60) -> None:
        super().__init__(chain, node)
        self.stub = tax_pb2_grpc.TaxServiceStub(node.channel())
        self.office = Actor("Entrate")
        root = chain.admin_key
        self.submit(
            identity_pb2.RegisterIdentity(
                kind=identity_pb2.IDENTITY_KIND_AGENCY,
                keys=[key_possession(self.office.key, self.office.did)],
                display_name="Entrate",
            ),
            root,
        )
        self.o1, self.o2, self.enforcer, self.appeal = (
            Actor("O1"),
            Actor("O2"),
            Actor("E"),
            Actor("A"),
        )
        for actor, role in (
            (self.o1, "officer"),
            (self.o2, "officer"),
            (self.enforcer, "enforcement"),
            (self.appeal, "appeal"),
        ):
            self.official(actor, role)
        self.bank = self.company("Banca", role="bank")
        self.bank2 = self.company("Banca Due", role="bank")
        self.sdi = self.company("SDI", role="sdi")
        self.submit(
            pb.ConfigureTaxOffice(
                office=self.office.did,
                currency="EUR",
                dual_control_above=eur(100_000_000),
                notice_period_days=notice_days,
                vat_rates=[
                    pb.VatRate(rate_centi_percent=2200, valid_from="2013-10-01"),
                    pb.VatRate(rate_centi_percent=1000, valid_from="1995-02-24"),
                    pb.VatRate(rate_centi_percent=500, valid_from="2016-01-01"),
                    pb.VatRate(rate_centi_percent=400, valid_from="1989-01-01"),
                    pb.VatRate(
                        rate_centi_percent=2100, valid_from="2011-09-17", valid_until="2013-10-01"
                    ),
                ],
            ),
            self.office.key,
        )
        self.personal: list[str] = []

    # ----- plumbing -----

    def read(self, method: str, request: Message, who: Actor) -> Any:
        return self.signed_read(self.stub, SERVICE, method, request, who)

    def official(self, actor: Actor, role: str) -> None:
        self.submit(
            identity_pb2.RegisterIdentity(
                kind=identity_pb2.IDENTITY_KIND_OFFICIAL,
                owner=self.office.did,
                keys=[key_possession(actor.key, actor.did)],
                display_name=actor.name,
            ),
            self.office.key,
        )
        self.submit(
            identity_pb2.GrantRole(organization=self.office.did, subject=actor.did, role=role),
            self.office.key,
        )

    def company(self, name: str, *, role: str = "") -> Actor:
        actor = Actor(name)
        self.submit(
            identity_pb2.RegisterIdentity(
                kind=identity_pb2.IDENTITY_KIND_COMPANY,
                keys=[key_possession(actor.key, actor.did)],
                display_name=name,
            ),
            self.chain.admin_key,
        )
        if role:
            self.submit(
                identity_pb2.GrantRole(organization=self.office.did, subject=actor.did, role=role),
                self.office.key,
            )
        return actor

    # ----- taxpayers -----

    def taxpayer(
        self, tax_code: str, name: str, address: str, *, holder: Actor | None = None
    ) -> bytes:
        """Register: personal record in the vault (office-owned), keyed commitment on the log."""
        self.personal += [tax_code, name, address]
        record = json.dumps({"tax_code": tax_code, "name": name, "address": address}).encode()
        document = self.vault_put(self.office, record)
        receipt = self.submit(
            pb.RegisterTaxpayer(
                office=self.office.did,
                tax_code_commitment=self.commitment(tax_code),
                personal_record=document,
                kind=pb.TAXPAYER_KIND_COMPANY if holder else pb.TAXPAYER_KIND_PERSON,
                holder=holder.did if holder else "",
            ),
            self.o1.key,
        )
        return self.account_of(receipt)

    @staticmethod
    def commitment(tax_code: str) -> bytes:
        return hmac.new(PEPPER, tax_code.strip().upper().encode(), hashlib.sha256).digest()

    @staticmethod
    def account_of(receipt: ledger_pb2.Receipt) -> bytes:
        from tabularium.domains.tax.rules import derive_id

        return derive_id(receipt.tx_hash, b"account")

    @staticmethod
    def liability_of(receipt: ledger_pb2.Receipt) -> bytes:
        from tabularium.domains.tax.rules import derive_id

        return derive_id(receipt.tx_hash, b"liability")

    def assess(
        self,
        account: bytes,
        principal: int,
        *,
        due: str | None = None,
        tax_type: str = "IRPEF",
        period: str = "2025",
        keys: tuple[Ed25519PrivateKey, ...] = (),
    ) -> bytes:
        receipt = self.submit(
            self.assess_action(account, principal, due=due, tax_type=tax_type, period=period),
            *(keys or (self.o1.key,)),
        )
        return self.liability_of(receipt)

    def assess_action(
        self,
        account: bytes,
        principal: int,
        *,
        due: str | None = None,
        tax_type: str = "IRPEF",
        period: str = "2025",
    ) -> pb.Assess:
        return pb.Assess(
            office=self.office.did,
            account=account,
            tax_type=tax_type,
            period=period,
            principal=eur(principal),
            due_date=due or day(-30),
            legal_basis="DPR600/73-ART36BIS",
            source_sha256=hashlib.sha256(f"return {account.hex()} {principal}".encode()).digest(),
            origin=pb.ASSESSMENT_ORIGIN_RETURN,
        )

    def payment(
        self,
        account: bytes,
        amount: int,
        key: str,
        *,
        reference: str = "",
        bank: Actor | None = None,
        end_to_end: str = "",
        pending: bool = False,
        value_date: str | None = None,
    ) -> pb.RecordPayment:
        return pb.RecordPayment(
            office=self.office.did,
            idempotency_key=key,
            account=account,
            amount=eur(amount),
            value_date=value_date or day(0),
            creditor_reference=reference,
            end_to_end_id=end_to_end or key,
            status=pb.PAYMENT_STATUS_PENDING if pending else pb.PAYMENT_STATUS_BOOKED,
        )

    def pay(self, account: bytes, amount: int, key: str, **kwargs: Any) -> ledger_pb2.Receipt:
        bank = kwargs.pop("bank", None) or self.bank
        return self.submit(self.payment(account, amount, key, **kwargs), bank.key)

    def account(
        self, account: bytes, who: Actor | None = None, **read: int
    ) -> pb.GetAccountResponse:
        return self.read(
            "GetAccount",
            pb.GetAccountRequest(account=account, read=pb.ReadOptions(**read)),
            who or self.o1,
        )

    def liabilities(
        self, account: bytes, who: Actor | None = None, **read: int
    ) -> pb.ListLiabilitiesResponse:
        return self.read(
            "ListLiabilities",
            pb.ListLiabilitiesRequest(account=account, read=pb.ReadOptions(**read)),
            who or self.o1,
        )

    def liability(self, account: bytes, liability: bytes) -> pb.Liability:
        for item in self.liabilities(account).liabilities:
            if item.liability_id == liability:
                return item
        raise AssertionError(f"no liability {liability.hex()}")

    # ----- enforcement -----

    def demand_action(
        self, account: bytes, liabilities: list[bytes], fees: int = 0
    ) -> pb.IssueDemand:
        return pb.IssueDemand(
            office=self.office.did,
            account=account,
            liabilities=liabilities,
            fees=eur(fees),
            notice_sha256=hashlib.sha256(b"cartella " + account).digest(),
        )

    def seizure_order(self, bank: Actor) -> tuple[bytes, bytes]:
        """The order naming the bank account: an office vault document granted to the bank."""
        iban = "IT60X0542811101000000123456"
        self.personal.append(iban)
        document = self.vault_put(self.office, json.dumps({"iban": iban}).encode())
        receipt = self.submit(
            vault_pb2.GrantAccess(
                owner=self.office.did,
                document_id=document,
                grantee=bank.did,
                permissions=[vault_pb2.PERMISSION_READ],
                expires_at=timestamp_us(time.time_ns() // 1000 + 30 * DAY * 1_000_000),
                purpose="seizure",
            ),
            self.office.key,
        )
        return document, hashlib.sha256(receipt.transaction).digest()[:16]

    # ----- invoices -----

    def invoice_file(self, invoices: list[dict[str, Any]]) -> bytes:
        return tax_xml.build_fatturapa(invoices)

    def clear(
        self, seller_holder: Actor, headers: list[pb.InvoiceHeader], xml: bytes
    ) -> pb.ClearInvoicesResponse:
        raw = self.clear_transaction(seller_holder, headers)
        return self.stub.ClearInvoices(
            pb.ClearInvoicesRequest(transaction=raw, xml=xml), timeout=30
        )

    def clear_transaction(self, seller_holder: Actor, headers: list[pb.InvoiceHeader]) -> bytes:
        return build_signed(
            self.chain.chain_id,
            pb.SubmitInvoices(office=self.office.did, invoices=headers),
            [seller_holder.key],
            now_us=time.time_ns() // 1000,
        )

    def headers_for(
        self, seller: bytes, buyer: bytes, xml: bytes, document: bytes
    ) -> list[pb.InvoiceHeader]:
        """Headers saying exactly what the file says."""
        digest = hashlib.sha256(xml).digest()
        out = []
        for found in tax_xml.parse_invoices(xml):
            out.append(
                pb.InvoiceHeader(
                    seller=seller,
                    buyer=buyer,
                    buyer_is_consumer=not buyer,
                    year=int(found.date[:4]),
                    number=found.number,
                    document_type=found.document_type,
                    date=found.date,
                    vat=[
                        pb.VatSummary(
                            rate_centi_percent=v.rate_centi_percent,
                            taxable=eur(v.taxable),
                            tax=eur(v.tax),
                            nature=v.nature,
                        )
                        for v in found.vat
                    ],
                    total=eur(found.total or 0),
                    cited_year=found.cited_year,
                    cited_number=found.cited_number,
                    xml_sha256=digest,
                    xml_document=document,
                )
            )
        return out
