"""eddsa-rdfc-2022 against the published W3C vc-di-eddsa vectors (RDFC-1.0 through PyLD, with
the bundled contexts only)."""

from __future__ import annotations

import copy
import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tabularium.crypto.didkey import base58btc_decode, did_key
from tabularium.errors import InvalidArgument
from tabularium.vc import VerdictStatus, add_proof, verify_credential, verify_proof
from tabularium.vc.dataintegrity import RDFC_CRYPTOSUITE, hash_data
from tabularium.vc.did import Resolver
from tabularium.vc.rdfc import canonical_nquads
from tabularium.vc.verifier import Outcome

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "vc-di-eddsa"
RDFC = VECTORS / "eddsa-rdfc-2022"
NOW = datetime(2024, 6, 1, tzinfo=UTC)
ISSUER = "https://vc.example/issuers/5678"


def _text(name: str) -> str:
    return (RDFC / name).read_text().strip()


def _json(path: Path) -> Any:
    return json.loads(path.read_text())


SIGNED = _json(RDFC / "signedDataInt.json")
UNSIGNED = _json(VECTORS / "unsigned.json")
PROOF_CONFIG = _json(RDFC / "proofConfigDataInt.json")
KEY_PAIR = _json(VECTORS / "keyPair.json")
SEED = base58btc_decode(KEY_PAIR["privateKeyMultibase"][1:])[2:]
PUBLIC = base58btc_decode(KEY_PAIR["publicKeyMultibase"][1:])[2:]
PINNED = Resolver.pinned([], {ISSUER: did_key(PUBLIC)})


def test_intermediate_values() -> None:
    """Each step of vc-di-eddsa §3.2 gives the published intermediate value."""
    doc = canonical_nquads(UNSIGNED)
    assert doc.strip() == _text("canonDocDataInt.txt")
    assert hashlib.sha256(doc.encode()).hexdigest() == _text("docHashDataInt.txt")
    proof = canonical_nquads(PROOF_CONFIG)
    assert proof.strip() == _text("proofCanonDataInt.txt")
    assert hashlib.sha256(proof.encode()).hexdigest() == _text("proofHashDataInt.txt")
    combined = hash_data(UNSIGNED, PROOF_CONFIG, RDFC_CRYPTOSUITE)
    assert combined.hex() == _text("combinedHashDataInt.txt")
    assert base58btc_decode(_text("sigBTC58DataInt.txt")[1:]).hex() == _text("sigHexDataInt.txt")


def test_signer_reproduces_published_proof() -> None:
    secured = add_proof(
        UNSIGNED,
        SEED,
        verification_method=SIGNED["proof"]["verificationMethod"],
        created=PROOF_CONFIG["created"],
        cryptosuite=RDFC_CRYPTOSUITE,
    )
    assert secured["proof"]["proofValue"] == SIGNED["proof"]["proofValue"]


def test_published_credential_is_valid_with_the_binding_pinned() -> None:
    assert verify_proof(SIGNED).ok
    verdict = verify_credential(SIGNED, now=NOW, resolver=PINNED)
    assert verdict.status is VerdictStatus.VALID, verdict.reasons
    assert verdict.cryptosuite == RDFC_CRYPTOSUITE
    unbound = verify_credential(SIGNED, now=NOW)
    assert unbound.status is VerdictStatus.ISSUER_NOT_BOUND
    assert unbound.checks.proof.outcome is Outcome.PASSED


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["credentialSubject"].__setitem__("alumniOf", "The School of Exampled"),
        lambda d: d.__setitem__("issuer", "https://vc.example/issuers/5679"),
        lambda d: d.__setitem__("validFrom", "2023-01-01T00:00:01Z"),
        lambda d: d["proof"].__setitem__("created", "2023-02-24T23:36:39Z"),
        lambda d: d.__setitem__("undefinedTerm", "still signed: @vocab covers it"),
        lambda d: d["type"].append("OtherCredential"),
    ],
    ids=["claim", "issuer", "validFrom", "proof-created", "added-undefined-term", "type"],
)
def test_tampered_copies_are_invalid_proof(change: Any) -> None:
    tampered = copy.deepcopy(SIGNED)
    change(tampered)
    verdict = verify_credential(tampered, now=NOW, resolver=PINNED)
    assert verdict.status is VerdictStatus.INVALID_PROOF, verdict.reasons


def test_json_ld_syntax_changes_that_keep_the_graph_still_verify() -> None:
    """RDFC secures the graph: key order and a single type given as a string do not matter."""
    shuffled = json.loads(json.dumps({k: SIGNED[k] for k in reversed(list(SIGNED))}))
    assert verify_proof(shuffled).ok


def test_contexts_are_never_fetched() -> None:
    document = dict(UNSIGNED, **{"@context": [*UNSIGNED["@context"], "https://example.org/ctx"]})
    with pytest.raises(InvalidArgument, match="not bundled"):
        canonical_nquads(document)
    secured = copy.deepcopy(SIGNED)
    secured["@context"].append("https://evil.example/ctx")
    result = verify_proof(secured)
    assert not result.ok and "not bundled" in result.reason
