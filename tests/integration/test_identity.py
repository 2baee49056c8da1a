"""Identities, keys, roles and threshold policies through the real server (identity issue §1-3)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import grpc
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf import json_format
from google.protobuf.message import Message

from tabularium import rpcauth
from tabularium.crypto.didkey import did_key
from tabularium.identity.v1 import identity_pb2, identity_pb2_grpc
from tabularium.ledger.v1 import ledger_pb2
from tabularium.txbuild import build_signed, key_possession
from tests.conftest import Chain, NodeProcess, run_cli
from tests.helpers import error_info, expect_error

PERMISSION_DENIED = grpc.StatusCode.PERMISSION_DENIED
UNAUTHENTICATED = grpc.StatusCode.UNAUTHENTICATED
GRANT_ROLE = "type.googleapis.com/tabularium.identity.v1.GrantRole"
SET_POLICY = "type.googleapis.com/tabularium.identity.v1.SetPolicy"
RESOLVE = "/tabularium.identity.v1.IdentityService/ResolveIdentity"


def pub(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes_raw()


@dataclass
class Party:
    key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)

    @property
    def did(self) -> str:
        return did_key(pub(self.key))


class World:
    """Two agencies (land registry, tax office), their officials, and a citizen."""

    def __init__(self, chain: Chain, node: NodeProcess) -> None:
        self.chain = chain
        self.node = node
        self.identity = identity_pb2_grpc.IdentityServiceStub(node.channel())
        self.root = Party(chain.admin_key)
        self.land, self.tax = Party(), Party()
        self.land_1, self.land_2, self.tax_1 = Party(), Party(), Party()
        self.citizen = Party()

    def tx(self, action: Message, *signers: Ed25519PrivateKey) -> bytes:
        return build_signed(self.chain.chain_id, action, signers, now_us=time.time_ns() // 1000)

    def submit(self, action: Message, *signers: Ed25519PrivateKey) -> ledger_pb2.Receipt:
        raw = self.tx(action, *signers)
        response = self.node.ledger.SubmitTransaction(
            ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=30
        )
        return response.receipt

    def register(
        self,
        party: Party,
        kind: int,
        *,
        owner: str = "",
        name: str = "",
        by: Ed25519PrivateKey | None = None,
        commitment: bytes = b"",
    ) -> ledger_pb2.Receipt:
        action = identity_pb2.RegisterIdentity(
            kind=kind,
            keys=[key_possession(party.key, party.did)],
            owner=owner,
            display_name=name,
            attributes_commitment=commitment,
        )
        return self.submit(action, by or self.root.key)

    def grant(self, subject: Party, org: Party, role: str, *signers: Ed25519PrivateKey) -> None:
        self.submit(
            identity_pb2.GrantRole(subject=subject.did, organization=org.did, role=role),
            *(signers or (org.key,)),
        )

    def build(self) -> World:
        agency = identity_pb2.IDENTITY_KIND_AGENCY
        official = identity_pb2.IDENTITY_KIND_OFFICIAL
        self.register(self.land, agency, name="Land Registry")
        self.register(self.tax, agency, name="Tax Office")
        # An agency registers its own officials (it holds every role in itself).
        for person, org in ((self.land_1, self.land), (self.land_2, self.land)):
            self.register(person, official, owner=org.did, name="clerk", by=org.key)
        self.register(self.tax_1, official, owner=self.tax.did, name="inspector", by=self.tax.key)
        for person, org in (
            (self.land_1, self.land),
            (self.land_2, self.land),
            (self.tax_1, self.tax),
        ):
            self.grant(person, org, "official")
        self.register(self.citizen, identity_pb2.IDENTITY_KIND_CITIZEN, commitment=b"\x07" * 32)
        return self

    def resolve(
        self,
        did: str,
        *,
        at_height: int = 0,
        signer: Ed25519PrivateKey | None = None,
        metadata: list[tuple[str, str]] | None = None,
    ) -> identity_pb2.ResolveIdentityResponse:
        request = identity_pb2.ResolveIdentityRequest(did=did, at_height=at_height)
        if signer is not None:
            metadata = rpcauth.sign_request(signer, RESOLVE, request.SerializeToString())
        return self.identity.ResolveIdentity(request, metadata=metadata, timeout=10)


@pytest.fixture
def world(chain: Chain, node: NodeProcess) -> World:
    return World(chain, node).build()


def refused(
    world: World,
    action: Message,
    *signers: Ed25519PrivateKey,
    code: grpc.StatusCode = PERMISSION_DENIED,
    reason: str = "NOT_AUTHORIZED",
) -> int:
    """Submit, expect a logged refusal, return its entry index."""
    exc = expect_error(lambda: world.submit(action, *signers), code, reason)
    return int(error_info(exc).metadata["entry_index"])


def test_genesis_founds_the_root_organisation(world: World) -> None:
    root = world.resolve(world.root.did).identity
    assert root.kind == identity_pb2.IDENTITY_KIND_AGENCY
    assert [(r.organization, r.role) for r in root.roles] == [(world.root.did, "admin")]
    notary = world.resolve(did_key(pub(world.chain.notary_key))).identity
    assert notary.kind == identity_pb2.IDENTITY_KIND_OFFICIAL and notary.owner == world.root.did
    land_1 = world.resolve(world.land_1.did).identity
    assert land_1.owner == world.land.did and land_1.display_name == "clerk"
    assert [(r.organization, r.role) for r in land_1.roles] == [(world.land.did, "official")]


def test_threshold_policy_in_one_organisation(world: World) -> None:
    """Land registry: granting a role needs two of its officials. A single signer, a signer
    from the tax office, or two keys of one identity do not make two."""
    world.submit(
        identity_pb2.SetPolicy(
            action_type_url=GRANT_ROLE, organization=world.land.did, roles=["official"], threshold=2
        ),
        world.land.key,
    )
    grant = identity_pb2.GrantRole(
        subject=world.citizen.did, organization=world.land.did, role="surveyor"
    )
    index = refused(world, grant, world.land_1.key)  # missing co-signature
    logged = world.node.ledger.ListEntries(
        ledger_pb2.ListEntriesRequest(start_index=index, page_size=1), timeout=5
    )
    assert len(logged.entries) == 1, "a refusal by policy is logged as evidence"
    refused(world, grant, world.land_1.key, world.tax_1.key)  # a signer from another organisation
    second_key = Ed25519PrivateKey.generate()
    world.submit(
        identity_pb2.AddKey(did=world.land_1.did, key=key_possession(second_key, world.land_1.did)),
        world.land_1.key,
    )
    refused(world, grant, world.land_1.key, second_key)  # one identity, two keys: counts once
    world.submit(grant, world.land_1.key, world.land_2.key)
    roles = world.resolve(world.citizen.did, signer=world.citizen.key).identity.roles
    assert [(r.organization, r.role) for r in roles] == [(world.land.did, "surveyor")]
    # The tax office is not bound by the land registry's policy: its default still applies.
    world.grant(world.citizen, world.tax, "taxpayer-agent")


def test_role_withdrawn_in_an_earlier_block(world: World) -> None:
    world.submit(
        identity_pb2.SetPolicy(
            action_type_url=GRANT_ROLE, organization=world.land.did, roles=["official"], threshold=2
        ),
        world.land.key,
    )
    world.submit(
        identity_pb2.WithdrawRole(
            subject=world.land_2.did, organization=world.land.did, role="official"
        ),
        world.land.key,
    )
    grant = identity_pb2.GrantRole(subject=world.citizen.did, organization=world.land.did, role="x")
    refused(world, grant, world.land_1.key, world.land_2.key)
    history = world.identity.GetIdentityHistory(
        identity_pb2.GetIdentityHistoryRequest(did=world.land_2.did), timeout=5
    ).events
    assert [e.change for e in history] == ["registered", "role_granted", "role_withdrawn"]


def test_policy_change_needs_its_own_threshold(world: World) -> None:
    """After the land registry requires two admins to change its policies, one is not enough."""
    world.submit(
        identity_pb2.SetPolicy(
            action_type_url=SET_POLICY, organization=world.land.did, roles=["admin"], threshold=2
        ),
        world.land.key,
    )
    world.grant(world.land_1, world.land, "admin")
    change = identity_pb2.SetPolicy(
        action_type_url=GRANT_ROLE, organization=world.land.did, roles=["official"], threshold=3
    )
    refused(world, change, world.land.key)
    refused(world, change, world.land_2.key, world.land.key)  # land_2 is no admin
    world.submit(change, world.land.key, world.land_1.key)
    policy = world.identity.GetPolicy(
        identity_pb2.GetPolicyRequest(action_type_url=GRANT_ROLE, organization=world.land.did),
        timeout=5,
    )
    assert (policy.organization, list(policy.roles), policy.threshold) == (
        world.land.did,
        ["official"],
        3,
    )
    default = world.identity.GetPolicy(
        identity_pb2.GetPolicyRequest(action_type_url=GRANT_ROLE, organization=world.tax.did),
        timeout=5,
    )
    assert default.organization == "" and default.threshold == 1


def test_rotated_key_is_refused_from_the_next_block_and_old_receipts_stay_valid(
    world: World, chain: Chain
) -> None:
    old = world.land_1.key
    before = world.submit(
        identity_pb2.GrantRole(subject=world.citizen.did, organization=world.land.did, role="x"),
        world.land.key,
    )
    new = Ed25519PrivateKey.generate()
    rotated = world.submit(
        identity_pb2.RotateKey(
            did=world.land_1.did,
            old_public_key=pub(old),
            new_key=key_possession(new, world.land_1.did),
        ),
        old,
    )
    size_before = world.node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=5).tree_size
    grant = identity_pb2.GrantRole(subject=world.citizen.did, organization=world.land.did, role="y")
    expect_error(lambda: world.submit(grant, old), UNAUTHENTICATED, "KEY_REVOKED")
    after = world.node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=5).tree_size
    assert after == size_before, "a refused, unattributable transaction leaves no entry"
    # The new key acts for the same identity (land_1 is an official, not an admin: refused by
    # policy, but attributed and logged).
    refused(world, grant, new)
    # History at the height before the rotation still shows the old key active.
    at = world.resolve(world.land_1.did, at_height=rotated.block_height - 1).identity
    assert [(k.public_key, k.revoked) for k in at.keys] == [(pub(old), False)]
    now = world.resolve(world.land_1.did).identity
    assert [(k.public_key, k.revoked) for k in now.keys] == [(pub(old), True), (pub(new), False)]
    assert world.resolve(did_key(pub(old))).identity.did == world.land_1.did
    # A receipt for a transaction signed before the rotation still verifies offline.
    receipt_file = chain.data_dir.parent / "before.json"
    receipt_file.write_text(json_format.MessageToJson(before))
    log_key = chain.data_dir / "log-key.txt"
    status = world.node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=5)
    log_key.write_text(status.verifier_key)
    run_cli("receipt", "verify", str(receipt_file), "--log-key", str(log_key))


def test_suspended_identity_leaves_evidence(world: World) -> None:
    world.submit(
        identity_pb2.SetIdentityStatus(
            did=world.land_2.did, status=identity_pb2.IDENTITY_STATUS_SUSPENDED, reason="inquiry"
        ),
        world.land.key,
    )
    grant = identity_pb2.GrantRole(subject=world.citizen.did, organization=world.land.did, role="x")
    refused(world, grant, world.land_2.key, reason="IDENTITY_SUSPENDED")
    # Only a manager may change a status; an official of another agency may not.
    refused(
        world,
        identity_pb2.SetIdentityStatus(
            did=world.land_2.did, status=identity_pb2.IDENTITY_STATUS_ACTIVE
        ),
        world.tax_1.key,
        reason="NOT_AUTHORIZED",
    )


def test_registration_rules(world: World) -> None:
    stranger = Party()
    bad_proof = identity_pb2.RegisterIdentity(
        kind=identity_pb2.IDENTITY_KIND_COMPANY,
        keys=[identity_pb2.KeyPossession(public_key=pub(stranger.key), signature=b"\1" * 64)],
    )
    refused(
        world,
        bad_proof,
        world.root.key,
        code=grpc.StatusCode.INVALID_ARGUMENT,
        reason="POSSESSION_PROOF_INVALID",
    )
    reuse = identity_pb2.RegisterIdentity(
        kind=identity_pb2.IDENTITY_KIND_COMPANY,
        keys=[
            key_possession(stranger.key, stranger.did),
            key_possession(world.land_1.key, stranger.did),
        ],
    )
    refused(
        world,
        reuse,
        world.root.key,
        code=grpc.StatusCode.ALREADY_EXISTS,
        reason="KEY_ALREADY_REGISTERED",
    )
    # Personal data never reaches the log: refused before it is logged.
    named_citizen = identity_pb2.RegisterIdentity(
        kind=identity_pb2.IDENTITY_KIND_CITIZEN,
        keys=[key_possession(stranger.key, stranger.did)],
        display_name="Jane Roe",
    )
    expect_error(
        lambda: world.submit(named_citizen, world.root.key),
        grpc.StatusCode.INVALID_ARGUMENT,
        "PERSONAL_DATA_ON_LOG",
    )
    # A tax official may not register officials for the land registry.
    official = identity_pb2.RegisterIdentity(
        kind=identity_pb2.IDENTITY_KIND_OFFICIAL,
        keys=[key_possession(stranger.key, stranger.did)],
        owner=world.land.did,
    )
    refused(world, official, world.tax_1.key)


def test_private_identity_needs_a_signed_request(world: World) -> None:
    citizen = world.citizen
    expect_error(lambda: world.resolve(citizen.did), UNAUTHENTICATED, "AUTHENTICATION_REQUIRED")
    mine = world.resolve(citizen.did, signer=citizen.key).identity
    assert mine.kind == identity_pb2.IDENTITY_KIND_CITIZEN and mine.display_name == ""
    assert mine.attributes_commitment == b"\x07" * 32
    assert world.resolve(citizen.did, signer=world.root.key).identity.did == citizen.did
    expect_error(
        lambda: world.resolve(citizen.did, signer=world.land_1.key),
        PERMISSION_DENIED,
        "PRIVATE_IDENTITY",
    )
    # Agencies are public registers.
    assert world.resolve(world.land.did).identity.display_name == "Land Registry"

    request = identity_pb2.ResolveIdentityRequest(did=citizen.did).SerializeToString()
    stale = rpcauth.sign_request(
        citizen.key, RESOLVE, request, time_ms=time.time_ns() // 1_000_000 - 3_600_000
    )
    expect_error(
        lambda: world.resolve(citizen.did, metadata=stale), UNAUTHENTICATED, "STALE_REQUEST"
    )
    once = rpcauth.sign_request(citizen.key, RESOLVE, request)
    world.resolve(citizen.did, metadata=once)
    expect_error(lambda: world.resolve(citizen.did, metadata=once), UNAUTHENTICATED, "NONCE_REUSED")
    other_request = rpcauth.sign_request(
        citizen.key,
        RESOLVE,
        identity_pb2.ResolveIdentityRequest(did=world.land.did).SerializeToString(),
    )
    expect_error(
        lambda: world.resolve(citizen.did, metadata=other_request),
        UNAUTHENTICATED,
        "BAD_REQUEST_SIGNATURE",
    )
    unknown = rpcauth.sign_request(Ed25519PrivateKey.generate(), RESOLVE, request)
    expect_error(
        lambda: world.resolve(citizen.did, metadata=unknown), UNAUTHENTICATED, "UNKNOWN_KEY"
    )
    expect_error(
        lambda: world.resolve(citizen.did, metadata=once[:2]),
        UNAUTHENTICATED,
        "AUTH_METADATA_INCOMPLETE",
    )


def test_resolve_errors(world: World) -> None:
    expect_error(
        lambda: world.resolve("did:web:example.org"),
        grpc.StatusCode.INVALID_ARGUMENT,
        "DID_INVALID",
    )
    expect_error(
        lambda: world.resolve(Party().did), grpc.StatusCode.NOT_FOUND, "IDENTITY_NOT_FOUND"
    )
    expect_error(
        lambda: world.resolve(world.land.did, at_height=10**9),
        grpc.StatusCode.OUT_OF_RANGE,
        "HEIGHT_IN_FUTURE",
    )
    land = world.resolve(world.land.did).identity
    tax = world.resolve(world.tax.did).identity
    assert tax.registered_height > land.registered_height > 0
    expect_error(
        lambda: world.resolve(world.tax.did, at_height=land.registered_height),
        grpc.StatusCode.NOT_FOUND,
        "IDENTITY_NOT_FOUND",
    )


def test_the_log_verifies_after_identity_changes(world: World, chain: Chain) -> None:
    extra = Ed25519PrivateKey.generate()
    world.submit(
        identity_pb2.AddKey(did=world.tax_1.did, key=key_possession(extra, world.tax_1.did)),
        world.tax.key,
    )
    world.submit(
        identity_pb2.RevokeKey(did=world.tax_1.did, public_key=pub(world.tax_1.key), reason="lost"),
        world.tax.key,
    )
    expect_error(
        lambda: world.submit(
            identity_pb2.RevokeKey(did=world.tax_1.did, public_key=pub(extra)), world.tax.key
        ),
        grpc.StatusCode.FAILED_PRECONDITION,
        "LAST_KEY",
    )
    world.node.terminate()
    result = run_cli("verify", "--data-dir", str(chain.data_dir))
    assert result.returncode == 0
