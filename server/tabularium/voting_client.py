"""What a guardian's tool and a voter's device compute for tabularium.voting.v1 (used by the
CLI and tests): the guardian's ceremony rounds, its checks of the shares it received, its
cosignatures and its partial decryptions of the tally; a voter's encrypted ballot.

A guardian's secrets (its round-1 key, its polynomial, its share z_i of the joint secret) stay
in its :class:`Guardian`; only proofs and sealed shares go to the node.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium.api.convert import voting as convert
from tabularium.chain.checkpoint import cosign, parse_checkpoint
from tabularium.crypto import ceremony as cer
from tabularium.crypto import threshold as th
from tabularium.crypto import voting as crypto
from tabularium.domains.voting.model import manifest, tally_context
from tabularium.voting.v1 import voting_pb2 as pb


def election_manifest(election: pb.Election) -> list[crypto.ContestSpec]:
    return manifest(convert.terms_from_pb(election.terms))


@dataclass
class Guardian:
    """Guardian ``index`` (from 1) of ``election_id``, on its own machine."""

    election_id: str
    index: int
    did: str
    secrets: cer.Secrets
    received: dict[int, bytes] = field(default_factory=dict)
    secret_share: bytes = b""

    @classmethod
    def keygen(cls, election: pb.Election, did: str) -> Guardian:
        guardians = list(election.terms.guardians)
        if did not in guardians:
            raise ValueError(f"{did} is not a guardian of election {election.election_id!r}")
        index = guardians.index(did) + 1
        return cls(election.election_id, index, did, cer.keygen(index, election.terms.quorum))

    def register(self, election: pb.Election) -> pb.RegisterGuardianKey:
        proof = cer.prove_key(election.ceremony_hash, self.secrets, self.did)
        return pb.RegisterGuardianKey(
            election_id=self.election_id,
            public_key=proof.public,
            proof=pb.Proof(c=proof.c, v=proof.v),
        )

    def deal(self, election: pb.Election) -> pb.DealGuardianShares:
        dealing = cer.deal(election.ceremony_hash, self.secrets, list(election.guardian_keys))
        return pb.DealGuardianShares(
            election_id=self.election_id,
            commitments=list(dealing.commitments),
            proofs=[pb.Proof(c=c, v=v) for c, v in dealing.proofs],
            shares=[
                pb.EncryptedShare(recipient=j, alpha=s.alpha, ciphertext=s.ciphertext, mac=s.mac)
                for j, s in dealing.shares
            ],
        )

    def check_shares(
        self, election: pb.Election, dealt: pb.GetCeremonyResponse
    ) -> pb.ConfirmGuardianKey | pb.ComplainGuardianShare:
        """Open every share dealt to this guardian: the confirmation of the joint key, or a
        complaint against the first dealer whose share is bad. Raises ValueError before every
        guardian has dealt, or if the shares do not make this guardian's public share key."""
        if (
            not all(c.commitments for c in election.commitments)
            or len(dealt.shares) != len(election.guardian_keys) - 1
        ):
            raise ValueError("every guardian deals before the shares are checked")
        for item in dealt.shares:
            sealed = th.HashedElGamal(item.share.alpha, item.share.ciphertext, item.share.mac)
            commitments = list(election.commitments[item.dealer - 1].commitments)
            value = cer.open_share(
                election.ceremony_hash, self.secrets, item.dealer, sealed, commitments
            )
            if value is None:
                proof = cer.prove_complaint(
                    election.ceremony_hash, self.secrets, item.dealer, sealed
                )
                return pb.ComplainGuardianShare(
                    election_id=self.election_id,
                    dealer=item.dealer,
                    shared=proof.result,
                    proof=pb.Proof(c=proof.c, v=proof.v),
                )
            self.received[item.dealer] = value
        own = th.share(list(self.secrets.coefficients), self.index)
        secret_share = cer.joint_secret_share(own, list(self.received.values()))
        if th.commitments([secret_share])[0] != election.share_keys[self.index - 1]:
            raise ValueError("the shares received do not make this guardian's public share key")
        self.secret_share = secret_share
        return pb.ConfirmGuardianKey(election_id=self.election_id, joint_key=election.joint_key)

    def tally_shares(self, election: pb.Election, tally: pb.GetTallyResponse) -> pb.PostTallyShare:
        """M = z_i*A for every tallied selection, each with its Chaum-Pedersen proof."""
        assert self.secret_share, "check the shares first (check_shares)"
        shares = []
        for cell in tally.selections:
            proof = th.chaum_pedersen_prove(
                election.extended_base_hash,
                self.secret_share,
                cell.alpha,
                th.random_scalar(),
                tally_context(self.index, cell.contest, cell.selection),
            )
            shares.append(
                pb.PartialDecryption(
                    contest=cell.contest,
                    selection=cell.selection,
                    share=proof.result,
                    proof=pb.Proof(c=proof.c, v=proof.v),
                )
            )
        return pb.PostTallyShare(election_id=self.election_id, shares=shares)

    def to_json(self) -> dict[str, Any]:
        return {
            "election_id": self.election_id,
            "index": self.index,
            "did": self.did,
            "key_secret": self.secrets.key_secret.hex(),
            "coefficients": [c.hex() for c in self.secrets.coefficients],
            "received": {str(d): v.hex() for d, v in self.received.items()},
            "secret_share": self.secret_share.hex(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Guardian:
        return cls(
            data["election_id"],
            data["index"],
            data["did"],
            cer.Secrets(
                data["index"],
                bytes.fromhex(data["key_secret"]),
                tuple(bytes.fromhex(c) for c in data["coefficients"]),
            ),
            {int(d): bytes.fromhex(v) for d, v in data["received"].items()},
            bytes.fromhex(data["secret_share"]),
        )


def cosign_checkpoint(
    election_id: str,
    key: Ed25519PrivateKey,
    note: bytes,
    phase: int,
    timestamp: int | None = None,
) -> pb.CosignCheckpoint:
    """A guardian's cosignature (C2SP cosignature/v1) on a checkpoint note it has checked."""
    body = parse_checkpoint(note).body
    when = int(time.time()) if timestamp is None else timestamp
    return pb.CosignCheckpoint(
        election_id=election_id,
        phase=phase,  # type: ignore[arg-type]
        cosignature=pb.Cosignature(
            checkpoint=note, timestamp=when, signature=cosign(key, body, when)
        ),
    )


@dataclass(frozen=True, slots=True)
class VoterBallot:
    """An encrypted ballot ready to sign, and what the voter keeps: the ballot nonce (revealed
    only to challenge) and the confirmation code."""

    action: pb.SubmitBallot
    nonce: bytes
    code: bytes


def encrypt(
    election: pb.Election,
    votes: list[list[int]],
    *,
    chaining: bytes | None = None,
    weight: int = 0,
    weight_proof: crypto.WeightProof | None = None,
    nonce: bytes | None = None,
) -> VoterBallot:
    """Encrypt ``votes`` (one row per contest) to the election's joint key, with every proof.
    ``chaining`` is the device's previous confirmation code (default: H_E, a first ballot)."""
    h_e = election.extended_base_hash
    link = chaining if chaining is not None else h_e
    secret = nonce if nonce is not None else crypto.ballot_nonce()
    ballot = crypto.encrypt_ballot(
        h_e, election.joint_key, election_manifest(election), votes, secret, link
    )
    action = convert.ballot_to_pb(election.election_id, ballot, link, weight, weight_proof)
    return VoterBallot(action, secret, ballot.code)
