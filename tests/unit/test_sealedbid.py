"""Sealed bids end to end in process: a 3-of-5 committee's ceremony, a bid sealed to its joint
key, any three members' partial decryptions open it, two cannot, and the bid's proof binds the
bidder, the lot and every field (a copied capsule fails)."""

from __future__ import annotations

import itertools
from dataclasses import replace

from tabularium.crypto import sealedbid as sb
from tabularium.crypto import threshold as th
from tests.reference import threshold_ref as ref

OCID = "ocds-unit-1"
MEMBERS = [f"did:example:m{i}" for i in range(1, 6)]
QUORUM = 3


def _committee() -> tuple[bytes, dict[int, bytes], list[list[bytes]]]:
    secrets = [sb.member_keygen(OCID, i, QUORUM) for i in range(1, 6)]
    keys = [s.public_key for s in secrets]
    dealings = [sb.deal(s, MEMBERS, QUORUM, keys) for s in secrets]
    commitments = [list(d.commitments) for d in dealings]
    shares = {}
    for s in secrets:
        received = []
        for dealer, dealing in enumerate(dealings, start=1):
            if dealer == s.index:
                continue
            sealed = dict(dealing.shares)[s.index]
            value = sb.open_share(s, MEMBERS, QUORUM, dealer, sealed, commitments[dealer - 1])
            assert value is not None
            received.append(value)
        shares[s.index] = sb.joint_secret_share(th.share(s.coefficients, s.index), received)
    return th.joint_share_commitment(commitments, 0), shares, commitments


def test_any_quorum_opens_a_bid_and_fewer_cannot() -> None:
    joint, shares, commitments = _committee()
    # The joint key is the sum of the dealers' constant commitments (the reference's addition).
    total = commitments[0][0]
    for c in commitments[1:]:
        total = ref.add(total, c[0])
    assert joint == total
    plain = b'{"figures":{"price":123}}'
    bid, documents = sb.seal_bid(OCID, "1", "did:example:alfa", joint, plain, b"offer.pdf")
    assert sb.verify_bid(OCID, "1", "did:example:alfa", joint, bid)
    for group in itertools.combinations(range(1, 6), QUORUM):
        parts = []
        for j in group:
            proof = sb.partial_decrypt(
                OCID, joint, j, shares[j], "1", "did:example:alfa", bid.alpha
            )
            key = th.joint_share_commitment(commitments, j)
            statement = th.ChaumPedersenProof(key, bid.alpha, proof.result, proof.c, proof.v)
            context = sb.open_context(OCID, "1", "did:example:alfa", j)
            assert th.chaum_pedersen_verify(sb.tender_key(OCID, joint), statement, context)
            parts.append((j, proof.result))
        data_key = sb.unwrap_data_key(
            OCID, "1", "did:example:alfa", joint, th.combine(parts, QUORUM), bid
        )
        assert data_key is not None
        assert sb.decrypt_part(data_key, OCID, "1", "did:example:alfa", "structured",
                               bid.structured) == plain  # fmt: skip
        assert sb.decrypt_part(data_key, OCID, "1", "did:example:alfa", "documents",
                               documents) == b"offer.pdf"  # fmt: skip
    # Two members' parts, with a third "part" forged from one of them, open nothing.
    two = [(j, ref.mul(int.from_bytes(shares[j], "little"), bid.alpha)) for j in (1, 2)]
    forged = th.combine([*two, (3, two[0][1])], QUORUM)
    assert sb.unwrap_data_key(OCID, "1", "did:example:alfa", joint, forged, bid) is None


def test_the_proof_binds_bidder_lot_and_contents() -> None:
    joint, _, _ = _committee()
    bid, _ = sb.seal_bid(OCID, "1", "did:example:alfa", joint, b"{}")
    assert not sb.verify_bid(OCID, "1", "did:example:beta", joint, bid)
    assert not sb.verify_bid(OCID, "2", "did:example:alfa", joint, bid)
    assert not sb.verify_bid("ocds-unit-2", "1", "did:example:alfa", joint, bid)
    assert not sb.verify_bid(OCID, "1", "did:example:alfa", joint, replace(bid, structured=b"x"))
    assert not sb.verify_bid(OCID, "1", "did:example:alfa", joint, replace(bid, documents_size=1))
