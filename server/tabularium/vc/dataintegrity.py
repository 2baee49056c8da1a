"""Data Integrity proofs with the ``eddsa-jcs-2022`` and ``eddsa-rdfc-2022`` cryptosuites
(W3C vc-di-eddsa v1.0).

Creating a proof (vc-di-eddsa §3.3.1 "Create Proof (eddsa-jcs-2022)")::

    proofConfig = proof options + {"@context": document["@context"]}   (when present)
    hashData    = SHA-256(JCS(proofConfig)) || SHA-256(JCS(document without proof))
    proofValue  = "z" + base58btc(Ed25519-sign(private key, hashData))

Verifying (Data Integrity §4.4 "Verify Proof" + vc-di-eddsa §3.3.2): the proof must be one
object with ``type`` ``DataIntegrityProof``, ``cryptosuite`` ``eddsa-jcs-2022``,
``verificationMethod``, ``proofPurpose`` equal to the expected purpose, a valid ``created``
if present, not past ``expires``, matching ``domain``/``challenge`` when the caller asks,
and a ``proofValue`` that is base58btc multibase of 64 bytes. When the proof has an
``@context``, the document's ``@context`` must start with it, and the document is hashed
with the proof's ``@context`` in place of its own (as the spec says: contexts appended after
signing are therefore not covered by the proof). Signatures are checked with
:func:`tabularium.crypto.ed25519.verify` (ZIP-215 rules, the ledger's own verifier; it agrees
with RFC 8032 on every honestly made signature).

``eddsa-rdfc-2022`` (§3.2) is the same with RDFC-1.0 canonical N-Quads
(:func:`tabularium.vc.rdfc.canonical_nquads`, bundled contexts only) in place of JCS, and
the proof configuration always carrying the document's ``@context``.

Verification methods are resolved offline by a :class:`tabularium.vc.did.Resolver`
(``did:key`` by itself; other DIDs from pinned or ledger-registered DID documents). This
module checks the proof's mathematics only: whether the method's controller is the issuer,
and whether its document authorizes it for the proof purpose, are the caller's questions
(:attr:`ProofResult.method` carries what it needs to answer them). A method that cannot be
resolved gives ``ok`` false with ``unresolved`` true: the proof is then not known to be
wrong, only impossible to check.

Left out: proof sets and proof chains (``proof`` as a list, ``previousProof``).
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium.crypto import ed25519
from tabularium.crypto.didkey import (
    DID_KEY_PREFIX,
    base58btc_decode,
    base58btc_encode,
    public_key_from_did_key,
)
from tabularium.errors import InvalidArgument, InvalidSignature
from tabularium.vc.did import ResolvedMethod, Resolver
from tabularium.vc.model import (
    CREDENTIAL_MALFORMED,
    as_list,
    canonicalize,
    format_datetime,
    parse_datetime,
)

__all__ = [
    "ASSERTION_METHOD",
    "AUTHENTICATION",
    "CRYPTOSUITE",
    "CRYPTOSUITES",
    "PROOF_TYPE",
    "RDFC_CRYPTOSUITE",
    "ProofResult",
    "add_proof",
    "hash_data",
    "verify_proof",
]

CRYPTOSUITE = "eddsa-jcs-2022"
RDFC_CRYPTOSUITE = "eddsa-rdfc-2022"
CRYPTOSUITES = (CRYPTOSUITE, RDFC_CRYPTOSUITE)
PROOF_TYPE = "DataIntegrityProof"
ASSERTION_METHOD = "assertionMethod"
AUTHENTICATION = "authentication"
_DID_KEY_ONLY = Resolver()
SIGNATURE_SIZE = 64


@dataclass(frozen=True)
class ProofResult:
    """The outcome of :func:`verify_proof`.

    ``ok``: the signature verifies. ``reason`` says why ``ok`` is false (empty when true);
    ``unresolved`` is true when that is only because the verification method could not be
    resolved (the proof could not be checked). ``verification_method``, ``method`` (key,
    controller, authorized purposes) and ``public_key`` are filled as far as they could be
    read and resolved, also on failure.
    """

    ok: bool
    reason: str = ""
    verification_method: str | None = None
    public_key: bytes | None = None
    created: str | None = None
    proof_purpose: str | None = None
    cryptosuite: str | None = None
    method: ResolvedMethod | None = None
    unresolved: bool = False


def hash_data(
    unsecured_document: Mapping[str, Any],
    proof_config: Mapping[str, Any],
    cryptosuite: str = CRYPTOSUITE,
) -> bytes:
    """Return ``SHA-256(C(proof_config)) || SHA-256(C(unsecured_document))`` (64 bytes).

    ``C`` is JCS for ``eddsa-jcs-2022`` and RDFC-1.0 N-Quads for ``eddsa-rdfc-2022``.

    Raises:
        tabularium.errors.InvalidArgument: reason ``CREDENTIAL_MALFORMED``, not canonicalizable.
    """
    if cryptosuite == RDFC_CRYPTOSUITE:
        from tabularium.vc.rdfc import canonical_nquads  # PyLD loads only when needed

        return (
            hashlib.sha256(canonical_nquads(proof_config).encode()).digest()
            + hashlib.sha256(canonical_nquads(unsecured_document).encode()).digest()
        )
    return (
        hashlib.sha256(canonicalize(proof_config)).digest()
        + hashlib.sha256(canonicalize(unsecured_document)).digest()
    )


def _time_text(value: datetime | str, name: str) -> str:
    if isinstance(value, datetime):
        return format_datetime(value)
    try:
        parse_datetime(value, require_timezone=False)
    except ValueError as exc:
        raise InvalidArgument(CREDENTIAL_MALFORMED, f"{name}: {exc}") from None
    return value


def add_proof(
    document: Mapping[str, Any],
    private_key: Ed25519PrivateKey | bytes,
    *,
    verification_method: str,
    created: datetime | str,
    proof_purpose: str = ASSERTION_METHOD,
    expires: datetime | str | None = None,
    domain: str | Sequence[str] | None = None,
    challenge: str | None = None,
    proof_id: str | None = None,
    cryptosuite: str = CRYPTOSUITE,
) -> dict[str, Any]:
    """Return a copy of ``document`` secured with an ``eddsa-jcs-2022`` proof (or
    ``eddsa-rdfc-2022`` when ``cryptosuite`` says so).

    ``private_key`` is an Ed25519 private key or its 32-byte seed. ``created`` (and
    ``expires``) is an aware ``datetime`` (written in UTC, e.g. ``2023-02-24T23:36:38Z``) or
    an XML Schema ``dateTime`` string used as is. The proof gets the document's
    ``@context`` when it has one (vc-di-eddsa create-proof step 2). Ed25519 is
    deterministic: the same inputs give the same ``proofValue``.

    Raises:
        tabularium.errors.InvalidArgument: reason ``CREDENTIAL_MALFORMED``: the document
            already has a proof (proof sets are not supported), is not canonicalizable, or a
            time is not a ``dateTime``; reason ``KEY_MISMATCH``: ``verification_method`` is a
            ``did:key`` of another key; ``DID_INVALID``: it is a malformed ``did:key``.
        ValueError: a ``datetime`` is naive, or a seed is not 32 bytes.
    """
    if "proof" in document:
        raise InvalidArgument(
            CREDENTIAL_MALFORMED, "document already has a proof; proof sets are not supported"
        )
    key = (
        private_key
        if isinstance(private_key, Ed25519PrivateKey)
        else Ed25519PrivateKey.from_private_bytes(private_key)
    )
    if verification_method.startswith(DID_KEY_PREFIX):
        public = key.public_key().public_bytes_raw()
        if public_key_from_did_key(verification_method) != public:
            raise InvalidArgument(
                "KEY_MISMATCH",
                f"verification method {verification_method} is not the private key's did:key",
            )
    if cryptosuite not in CRYPTOSUITES:
        raise ValueError(f"cryptosuite {cryptosuite!r} is not one of {CRYPTOSUITES}")
    proof: dict[str, Any] = {
        "type": PROOF_TYPE,
        "cryptosuite": cryptosuite,
        "created": _time_text(created, "created"),
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }
    if expires is not None:
        proof["expires"] = _time_text(expires, "expires")
    if domain is not None:
        proof["domain"] = domain if isinstance(domain, str) else list(domain)
    if challenge is not None:
        proof["challenge"] = challenge
    if proof_id is not None:
        proof["id"] = proof_id
    secured = copy.deepcopy(dict(document))  # shares nothing with the caller's document
    if "@context" in secured:
        proof["@context"] = copy.deepcopy(secured["@context"])
    signature = key.sign(hash_data(secured, proof, cryptosuite))
    proof["proofValue"] = "z" + base58btc_encode(signature)
    secured["proof"] = proof
    return secured


def _fail(reason: str, proof: Mapping[str, Any] | None = None, **known: Any) -> ProofResult:
    vm = proof.get("verificationMethod") if proof is not None else None
    created = proof.get("created") if proof is not None else None
    purpose = proof.get("proofPurpose") if proof is not None else None
    suite = proof.get("cryptosuite") if proof is not None else None
    return ProofResult(
        ok=False,
        reason=reason,
        cryptosuite=suite if isinstance(suite, str) else None,
        verification_method=vm if isinstance(vm, str) else None,
        created=created if isinstance(created, str) else None,
        proof_purpose=purpose if isinstance(purpose, str) else None,
        **known,
    )


def verify_proof(
    document: object,
    *,
    expected_proof_purpose: str = ASSERTION_METHOD,
    now: datetime | None = None,
    domain: str | Sequence[str] | None = None,
    challenge: str | None = None,
    resolver: Resolver | None = None,
) -> ProofResult:
    """Verify the Data Integrity proof (``eddsa-jcs-2022`` or ``eddsa-rdfc-2022``) of a
    secured document, offline.

    ``now`` (aware) enables the ``expires`` check; ``domain`` and ``challenge``, when given,
    must match the proof's (callers that need to tell those failures apart compare the
    proof's fields themselves first). ``resolver`` resolves the verification method (default:
    ``did:key`` only). Never raises on bad input: every problem is a failed result whose
    ``reason`` says what is wrong.
    """
    if not isinstance(document, Mapping):
        return _fail(f"document is {type(document).__name__}, want a JSON object")
    proof = document.get("proof")
    if proof is None:
        return _fail("document has no proof")
    if isinstance(proof, list):
        return _fail("proof sets and chains (a list of proofs) are not supported")
    if not isinstance(proof, Mapping):
        return _fail(f"proof is {type(proof).__name__}, want a JSON object")
    for name in ("type", "verificationMethod", "proofPurpose", "proofValue"):
        if not isinstance(proof.get(name), str):
            return _fail(f"proof.{name} is missing or not a string", proof)
    if proof["type"] != PROOF_TYPE:
        return _fail(f"proof.type is {proof['type']!r}, want {PROOF_TYPE!r}", proof)
    suite = proof.get("cryptosuite")
    if suite not in CRYPTOSUITES:
        return _fail(
            f"proof.cryptosuite is {suite!r}, want one of {', '.join(CRYPTOSUITES)}", proof
        )
    if proof["proofPurpose"] != expected_proof_purpose:
        return _fail(
            f"proof.proofPurpose is {proof['proofPurpose']!r}, want {expected_proof_purpose!r}",
            proof,
        )
    if "previousProof" in proof:
        return _fail("proof chains (previousProof) are not supported", proof)
    if domain is not None:
        want = {domain} if isinstance(domain, str) else set(domain)
        got = as_list(proof.get("domain"))
        if not all(isinstance(d, str) for d in got) or set(got) != want:
            return _fail(f"proof.domain is {proof.get('domain')!r}, want {domain!r}", proof)
    if challenge is not None and proof.get("challenge") != challenge:
        return _fail(f"proof.challenge is {proof.get('challenge')!r}, want {challenge!r}", proof)
    for name in ("created", "expires"):
        if name in proof:
            try:
                when = parse_datetime(proof[name], require_timezone=False)
            except ValueError as exc:
                return _fail(f"proof.{name}: {exc}", proof)
            if name == "expires" and now is not None and now >= when:
                return _fail(f"proof expired at {proof[name]}", proof)

    value = proof["proofValue"]
    if not value.startswith("z"):
        return _fail("proof.proofValue is not multibase base58btc (want a 'z' prefix)", proof)
    try:
        signature = base58btc_decode(value[1:])
    except ValueError as exc:
        return _fail(f"proof.proofValue: {exc}", proof)
    if len(signature) != SIGNATURE_SIZE:
        return _fail(
            f"proof.proofValue decodes to {len(signature)} bytes, want {SIGNATURE_SIZE}", proof
        )

    vm = proof["verificationMethod"]
    try:
        method = (resolver or _DID_KEY_ONLY).resolve(vm)
    except InvalidArgument as exc:
        return _fail(exc.message, proof, unresolved=exc.reason != "DID_INVALID")
    known = {"public_key": method.public_key, "method": method}

    unsecured = {k: v for k, v in document.items() if k != "proof"}
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    if "@context" in options:
        proof_ctx = as_list(options["@context"])
        doc_ctx = as_list(document.get("@context"))
        if doc_ctx[: len(proof_ctx)] != proof_ctx:
            return _fail(
                "document @context does not start with the proof's @context", proof, **known
            )
        unsecured["@context"] = options["@context"]
    elif suite == RDFC_CRYPTOSUITE and "@context" in document:
        options["@context"] = document["@context"]  # vc-di-eddsa §3.2.6 step 2
    try:
        data = hash_data(unsecured, options, suite)
    except InvalidArgument as exc:
        return _fail(exc.message, proof, **known)
    try:
        ed25519.verify(method.public_key, data, signature)
    except InvalidSignature:
        return _fail(
            f"signature does not verify under {vm} (document or proof changed, or wrong key)",
            proof,
            **known,
        )
    return ProofResult(
        ok=True,
        verification_method=vm,
        public_key=method.public_key,
        created=proof.get("created"),
        proof_purpose=proof["proofPurpose"],
        cryptosuite=suite,
        method=method,
    )
