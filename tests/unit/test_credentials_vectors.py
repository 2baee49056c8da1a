"""eddsa-jcs-2022 against the published W3C vc-di-eddsa test vectors (tests/vectors/vc-di-eddsa)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tabularium.crypto.didkey import base58btc_decode, did_key
from tabularium.vc import VerdictStatus, add_proof, verify_credential, verify_proof
from tabularium.vc.dataintegrity import hash_data
from tabularium.vc.did import Resolver
from tabularium.vc.model import canonicalize
from tabularium.vc.verifier import Outcome

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "vc-di-eddsa"
JCS = VECTORS / "eddsa-jcs-2022"
NOW = datetime(2024, 6, 1, tzinfo=UTC)


def _text(name: str) -> str:
    return (JCS / name).read_text().strip()


def _json(path: Path) -> Any:
    return json.loads(path.read_text())


SIGNED_BYTES = (JCS / "signedJCS.json").read_bytes()
SIGNED = json.loads(SIGNED_BYTES)
UNSIGNED = _json(VECTORS / "unsigned.json")
PROOF_CONFIG = _json(JCS / "proofConfigJCS.json")
KEY_PAIR = _json(VECTORS / "keyPair.json")


def _key_pair() -> tuple[bytes, bytes]:
    """(seed, public key) from the Multikey encodings (0x8026 ed25519-priv, 0xed01 ed25519-pub)."""
    priv = base58btc_decode(KEY_PAIR["privateKeyMultibase"][1:])
    pub = base58btc_decode(KEY_PAIR["publicKeyMultibase"][1:])
    assert priv[:2] == b"\x80\x26" and pub[:2] == b"\xed\x01"
    return priv[2:], pub[2:]


SEED, PUBLIC = _key_pair()
VM = SIGNED["proof"]["verificationMethod"]
ISSUER = "https://vc.example/issuers/5678"


def test_key_pair_is_consistent() -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.from_private_bytes(SEED)
    assert key.public_key().public_bytes_raw() == PUBLIC
    assert f"{did_key(PUBLIC)}#{KEY_PAIR['publicKeyMultibase']}" == VM


def test_intermediate_values() -> None:
    """Every step of vc-di-eddsa §3.3 gives the published intermediate value."""
    canon_doc = canonicalize(UNSIGNED)
    assert canon_doc.decode() == _text("canonDocJCS.txt")
    assert hashlib.sha256(canon_doc).hexdigest() == _text("docHashJCS.txt")
    canon_proof = canonicalize(PROOF_CONFIG)
    assert canon_proof.decode() == _text("proofCanonJCS.txt")
    assert hashlib.sha256(canon_proof).hexdigest() == _text("proofHashJCS.txt")
    assert hash_data(UNSIGNED, PROOF_CONFIG).hex() == _text("combinedHashJCS.txt")
    signature = base58btc_decode(_text("sigBTC58JCS.txt")[1:])
    assert signature.hex() == _text("sigHexJCS.txt")
    assert SIGNED["proof"]["proofValue"] == _text("sigBTC58JCS.txt")


def test_signer_reproduces_published_proof() -> None:
    secured = add_proof(UNSIGNED, SEED, verification_method=VM, created=PROOF_CONFIG["created"])
    assert secured == SIGNED
    assert secured["proof"]["proofValue"] == _text("sigBTC58JCS.txt")
    # The same with a datetime: formatted as the published created.
    again = add_proof(
        UNSIGNED,
        SEED,
        verification_method=VM,
        created=datetime(2023, 2, 24, 23, 36, 38, tzinfo=UTC),
    )
    assert again == SIGNED
    assert list(secured["proof"]) == list(SIGNED["proof"])  # same key order as published


def test_verifier_accepts_published_credential() -> None:
    result = verify_proof(SIGNED, now=NOW)
    assert result.ok, result.reason
    assert result.public_key == PUBLIC
    assert result.verification_method == VM
    assert result.created == "2023-02-24T23:36:38Z"


def test_full_verifier_on_published_credential() -> None:
    """The issuer is an https URL: the proof verifies, but offline nothing says the issuer
    controls the did:key that signed, until a binding is pinned."""
    verdict = verify_credential(SIGNED, now=NOW)
    assert verdict.status is VerdictStatus.ISSUER_NOT_BOUND
    assert verdict.checks.proof.outcome is Outcome.PASSED
    assert verdict.checks.issuer_binding.outcome is Outcome.UNKNOWN
    assert "--bind https://vc.example/issuers/5678=did:key:z6Mkr" in verdict.reasons[0]
    assert verdict.checks.validity.outcome is Outcome.PASSED
    assert verdict.checks.status.outcome is Outcome.SKIPPED
    assert verdict.checks.trust.outcome is Outcome.SKIPPED

    pinned = Resolver.pinned([], {ISSUER: did_key(PUBLIC)})
    verdict = verify_credential(SIGNED, now=NOW, resolver=pinned)
    assert verdict.status is VerdictStatus.VALID, verdict.reasons
    assert verdict.checks.issuer_binding.outcome is Outcome.PASSED
    assert "pinned mapping" in verdict.checks.issuer_binding.detail
    assert verdict.public_key == PUBLIC
    assert verdict.credential_hash == hashlib.sha256(canonicalize(SIGNED)).digest()
    assert "issuer trust not checked: no trust list given" in verdict.skipped
    # The binding may also name the one verification method.
    assert verify_credential(SIGNED, now=NOW, resolver=Resolver.pinned([], {ISSUER: VM})).ok
    # A binding to another DID is a binding failure, still not an invalid proof.
    other = Resolver.pinned([], {ISSUER: "did:web:vc.example"})
    assert verify_credential(SIGNED, now=NOW, resolver=other).status is (
        VerdictStatus.ISSUER_NOT_BOUND
    )

    def owns(issuer: str, key: bytes) -> bool:
        return issuer == ISSUER and key == PUBLIC

    verdict = verify_credential(SIGNED, now=NOW, key_controlled_by=owns)
    assert verdict.status is VerdictStatus.VALID, verdict.reasons
    trusted = verify_credential(
        SIGNED, now=NOW, resolver=pinned, trusted=lambda i, t: "AlumniCredential" in t
    )
    assert trusted.status is VerdictStatus.VALID and not trusted.skipped
    assert trusted.checks.trust.outcome is Outcome.PASSED


def test_tampered_published_credential_is_invalid_proof_even_when_bound() -> None:
    pinned = Resolver.pinned([], {ISSUER: did_key(PUBLIC)})
    changed = json.loads(SIGNED_BYTES.replace(b"The School of Examples", b"The School of Exampled"))
    verdict = verify_credential(changed, now=NOW, resolver=pinned)
    assert verdict.status is VerdictStatus.INVALID_PROOF
    assert verdict.checks.proof.outcome is Outcome.FAILED
    unbound = verify_credential(changed, now=NOW)
    assert unbound.status is VerdictStatus.INVALID_PROOF  # a broken proof outranks the binding


def _mutate(data: bytes, position: int) -> bytes:
    """Change one byte to the next letter/digit of its class (keeps the JSON string valid)."""
    c = chr(data[position])
    for lo, hi in (("a", "z"), ("A", "Z"), ("0", "9")):
        if lo <= c <= hi:
            nxt = chr(ord(lo) + (ord(c) - ord(lo) + 1) % (ord(hi) - ord(lo) + 1))
            return data[:position] + nxt.encode() + data[position + 1 :]
    raise AssertionError(f"byte {position} ({c!r}) is not alphanumeric")


def _position(needle: str, offset: int, *, last: bool = False) -> int:
    find = SIGNED_BYTES.rindex if last else SIGNED_BYTES.index
    return find(needle.encode()) + offset


NAMED_POSITIONS = {
    "proofValue-first-digit": _position('"proofValue": "z2', len('"proofValue": "z')),
    "proofValue-middle": _position('"proofValue": "z', 60),
    "proofValue-last": _position('51aX"', 3),
    "proofValue-multibase-prefix": _position('"proofValue": "z', len('"proofValue": "')),
    "claim-alumniOf": _position("The School of Examples", 4),
    "claim-subject-id": _position("did:example:abcdefgh", 12),
    "issuer": _position("https://vc.example/issuers/5678", 27),
    "validFrom": _position('"validFrom": "2023', len('"validFrom": "2023-0')),
    "type": _position('"AlumniCredential"', 1),
    "proof-created-second": _position('"created": "2023-02-24T23:36:38Z"', 30),
    "proof-created-year": _position('"created": "2023', 15),
    "vm-did-part": _position('"verificationMethod": "did:key:z6Mkr', 40),
    "vm-fragment": _position("#z6MkrJVnaZ", 20),
    "proof-purpose": _position('"assertionMethod"', 3),
    "proof-cryptosuite": _position('"eddsa-jcs-2022"', 3),
    "proof-context": _position('"https://www.w3.org/ns/credentials/examples/v2"', 20, last=True),
    "document-context": _position('"https://www.w3.org/ns/credentials/examples/v2"', 20),
}


@pytest.mark.parametrize("position", NAMED_POSITIONS.values(), ids=NAMED_POSITIONS.keys())
def test_one_changed_byte_is_rejected(position: int) -> None:
    changed = json.loads(_mutate(SIGNED_BYTES, position))
    assert changed != SIGNED
    result = verify_proof(changed, now=NOW)
    assert not result.ok
    assert result.reason


def test_every_one_byte_change_of_a_value_is_rejected() -> None:
    """Each alphanumeric byte of the file, changed, either breaks the JSON or is caught."""
    caught = 0
    for position, byte in enumerate(SIGNED_BYTES):
        if not chr(byte).isascii() or not chr(byte).isalnum():
            continue
        try:
            changed = json.loads(_mutate(SIGNED_BYTES, position))
        except json.JSONDecodeError:
            continue
        assert changed != SIGNED
        assert not verify_proof(changed).ok, f"change at byte {position} was accepted"
        caught += 1
    assert caught > 700  # 734 alphanumeric bytes in string values and keys


def test_key_order_and_whitespace_do_not_matter() -> None:
    """JCS: a re-serialized credential with keys reversed still verifies, with the same hash."""

    def reverse(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: reverse(value[k]) for k in reversed(list(value))}
        if isinstance(value, list):
            return [reverse(v) for v in value]
        return value

    shuffled = json.loads(json.dumps(reverse(SIGNED), indent=7))
    assert list(shuffled) != list(SIGNED)
    assert verify_proof(shuffled).ok
    assert canonicalize(shuffled) == canonicalize(SIGNED)
