"""Verifiable presentations (VC Data Model 2.0 §4.13) for KYC reuse: made for one verifier, now.

A holder shows credentials to a verifier by wrapping them in a presentation and signing it
with a Data Integrity proof of purpose ``authentication`` carrying the verifier's
``challenge`` (a fresh nonce the verifier chose) and ``domain`` (the verifier's identity).
:func:`verify_presentation` checks, offline:

1. structure: ``@context`` starts with the VC 2.0 base context, ``type`` includes
   ``VerifiablePresentation``, a ``holder`` (URL or object with ``id``), one or more embedded
   secured credentials in ``verifiableCredential``, a proof → ``MALFORMED``;
2. **proof**: the presentation's proof (``eddsa-jcs-2022`` or ``eddsa-rdfc-2022``) →
   ``INVALID_PROOF``;
3. **holder binding**: the holder controls the proof's key and may use it for
   ``authentication`` (same rules as the issuer binding of credentials) → ``HOLDER_NOT_BOUND``;
4. **domain** is the verifier's → ``DOMAIN_MISMATCH`` (made for someone else);
   **challenge** equals the verifier's → ``CHALLENGE_MISMATCH``; the challenge was not used
   before (when the caller keeps track, as the server does) → ``CHALLENGE_REPLAYED``;
5. **holder is subject**: the holder is a ``credentialSubject.id`` of every credential →
   ``HOLDER_NOT_SUBJECT``;
6. each credential, with :func:`tabularium.vc.verifier.verify_credential` or the caller's own
   credential check (the server adds ledger registration, accreditation and status).

The status is the first failed presentation check in that order, else the first credential
status in the credential order (:data:`tabularium.vc.verifier.PRECEDENCE`), else ``VALID``.

Left out: enveloped credentials (``EnvelopedVerifiableCredential``, VC-JOSE/COSE and SD-JWT),
selective disclosure (``ecdsa-sd-2023``/BBS: a presentation shows whole credentials),
presentations without a holder, and proof sets.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium.crypto.didkey import verification_method as did_key_method
from tabularium.errors import InvalidArgument
from tabularium.vc.contexts import CREDENTIALS_V2
from tabularium.vc.dataintegrity import AUTHENTICATION, CRYPTOSUITE, add_proof, verify_proof
from tabularium.vc.did import Resolver
from tabularium.vc.model import CREDENTIAL_MALFORMED, as_list, is_url
from tabularium.vc.verifier import (
    PRECEDENCE,
    Check,
    KeyControlledBy,
    Outcome,
    Verdict,
    VerdictStatus,
    binding_check,
    checks_json,
    verify_credential,
)

__all__ = [
    "PRESENTATION_PRECEDENCE",
    "PRESENTATION_TYPE",
    "PresentationChecks",
    "PresentationVerdict",
    "build_presentation",
    "holder_id",
    "is_genuine",
    "present",
    "replayed",
    "validate_presentation",
    "verify_presentation",
]

PRESENTATION_TYPE = "VerifiablePresentation"
MAX_CREDENTIALS = 16
PRESENTATION_PRECEDENCE = (
    VerdictStatus.MALFORMED,
    VerdictStatus.INVALID_PROOF,
    VerdictStatus.HOLDER_NOT_BOUND,
    VerdictStatus.DOMAIN_MISMATCH,
    VerdictStatus.CHALLENGE_MISMATCH,
    VerdictStatus.CHALLENGE_REPLAYED,
    VerdictStatus.HOLDER_NOT_SUBJECT,
)
"""Failed presentation checks in the order that decides the status (before credentials')."""


@dataclass(frozen=True)
class PresentationChecks:
    proof: Check
    holder_binding: Check
    challenge: Check
    domain: Check
    holder_is_subject: Check

    def as_json(self) -> dict[str, dict[str, str]]:
        return checks_json(self)


_SKIP = Check(Outcome.SKIPPED, "not checked: the presentation is malformed")
_MALFORMED_CHECKS = PresentationChecks(_SKIP, _SKIP, _SKIP, _SKIP, _SKIP)


@dataclass(frozen=True)
class PresentationVerdict:
    """What :func:`verify_presentation` found; ``credentials`` has one verdict per credential."""

    status: VerdictStatus
    reasons: tuple[str, ...] = ()
    holder: str | None = None
    checks: PresentationChecks = _MALFORMED_CHECKS
    credentials: tuple[Verdict, ...] = ()
    challenge: str | None = None
    domain: tuple[str, ...] = ()
    verification_method: str | None = None
    problems: tuple[tuple[VerdictStatus, str], ...] = ()
    """The failed presentation checks (not the credentials'), as (status, reason)."""

    @property
    def ok(self) -> bool:
        return self.status is VerdictStatus.VALID

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.status.value,
            "reasons": list(self.reasons),
            "holder": self.holder,
            "checks": self.checks.as_json(),
            "verification_method": self.verification_method,
            "credentials": [v.as_json() for v in self.credentials],
        }


def holder_id(presentation: Mapping[str, Any]) -> str | None:
    holder = presentation.get("holder")
    if isinstance(holder, Mapping):
        holder = holder.get("id")
    return holder if isinstance(holder, str) else None


def build_presentation(
    credentials: Sequence[Mapping[str, Any]],
    *,
    holder: str,
    presentation_id: str | None = None,
) -> dict[str, Any]:
    """An unsigned presentation of secured ``credentials`` by ``holder`` (copies them)."""
    presentation: dict[str, Any] = {"@context": [CREDENTIALS_V2]}
    if presentation_id is not None:
        presentation["id"] = presentation_id
    presentation["type"] = [PRESENTATION_TYPE]
    presentation["holder"] = holder
    presentation["verifiableCredential"] = [copy.deepcopy(dict(c)) for c in credentials]
    return presentation


def present(
    credentials: Sequence[Mapping[str, Any]],
    key: Ed25519PrivateKey | bytes,
    *,
    holder: str,
    challenge: str,
    domain: str,
    created: datetime | str,
    verification_method: str | None = None,
    expires: datetime | str | None = None,
    cryptosuite: str = CRYPTOSUITE,
) -> dict[str, Any]:
    """A presentation of ``credentials`` signed by the holder's ``key`` for one verifier.

    ``verification_method`` defaults to the key's ``did:key`` method. ``challenge`` and
    ``domain`` are the verifier's nonce and identity.

    Raises:
        tabularium.errors.InvalidArgument: ``CREDENTIAL_MALFORMED`` (empty challenge or
            domain, no credentials), ``KEY_MISMATCH`` (see :func:`add_proof`).
    """
    if not challenge or not domain:
        raise InvalidArgument(CREDENTIAL_MALFORMED, "a presentation needs a challenge and a domain")
    if not credentials:
        raise InvalidArgument(CREDENTIAL_MALFORMED, "a presentation needs at least one credential")
    private = (
        key if isinstance(key, Ed25519PrivateKey) else Ed25519PrivateKey.from_private_bytes(key)
    )
    vm = verification_method or did_key_method(private.public_key().public_bytes_raw())
    return add_proof(
        build_presentation(credentials, holder=holder),
        private,
        verification_method=vm,
        created=created,
        proof_purpose=AUTHENTICATION,
        challenge=challenge,
        domain=domain,
        expires=expires,
        cryptosuite=cryptosuite,
    )


def validate_presentation(presentation: object) -> list[str]:
    """Structural problems of a presentation (empty when well formed)."""
    if not isinstance(presentation, Mapping):
        return [f"presentation is {type(presentation).__name__}, want a JSON object"]
    reasons: list[str] = []
    contexts = as_list(presentation.get("@context"))
    if not contexts or contexts[0] != CREDENTIALS_V2:
        first = contexts[0] if contexts else None
        reasons.append(f"first @context is {first!r}, want {CREDENTIALS_V2!r}")
    types = as_list(presentation.get("type"))
    if PRESENTATION_TYPE not in types:
        reasons.append(f"type must include {PRESENTATION_TYPE!r}")
    holder = holder_id(presentation)
    if holder is None:
        reasons.append("holder is missing: a presentation must say who presents it")
    elif not is_url(holder):
        reasons.append(f"holder {holder!r} is not a URL")
    credentials = as_list(presentation.get("verifiableCredential"))
    if not credentials:
        reasons.append("verifiableCredential is missing: nothing is presented")
    elif len(credentials) > MAX_CREDENTIALS:
        reasons.append(f"more than {MAX_CREDENTIALS} credentials in one presentation")
    for n, credential in enumerate(credentials):
        if not isinstance(credential, Mapping):
            reasons.append(f"verifiableCredential[{n}] is not an object")
        elif "EnvelopedVerifiableCredential" in as_list(credential.get("type")):
            reasons.append(
                f"verifiableCredential[{n}] is an EnvelopedVerifiableCredential; only embedded "
                "Data Integrity credentials are supported"
            )
    if "proof" not in presentation:
        reasons.append("presentation has no proof (it is not signed by the holder)")
    return reasons


def _subject_ids(credential: Mapping[str, Any]) -> list[str]:
    return [
        s["id"]
        for s in as_list(credential.get("credentialSubject"))
        if isinstance(s, Mapping) and isinstance(s.get("id"), str)
    ]


@dataclass
class _Found:
    problems: dict[VerdictStatus, list[str]] = field(default_factory=dict)

    def fail(self, status: VerdictStatus, reason: str) -> Check:
        self.problems.setdefault(status, []).append(reason)
        return Check(Outcome.FAILED, reason)


def verify_presentation(
    presentation: object,
    *,
    challenge: str,
    domain: str,
    now: datetime,
    resolver: Resolver | None = None,
    key_controlled_by: KeyControlledBy | None = None,
    challenge_used: Callable[[str], bool] | None = None,
    verify_one: Callable[[Mapping[str, Any]], Verdict] | None = None,
) -> PresentationVerdict:
    """Verify a presentation made for the verifier with ``challenge`` and ``domain``.

    ``verify_one`` checks each credential (default: :func:`verify_credential` with the same
    ``now``, ``resolver`` and ``key_controlled_by``, no trust list or status lists).
    ``challenge_used(challenge)`` says whether the challenge was seen before; without it,
    replays are the caller's to detect. See the module docstring for the checks.

    Raises:
        ValueError: ``now`` is naive, or ``challenge`` or ``domain`` is empty.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now is naive; give a time zone")
    if not challenge or not domain:
        raise ValueError("the verifier's challenge and domain are required")
    resolver = resolver or Resolver()
    reasons = validate_presentation(presentation)
    if reasons:
        holder = holder_id(presentation) if isinstance(presentation, Mapping) else None
        return PresentationVerdict(VerdictStatus.MALFORMED, tuple(reasons), holder=holder)
    assert isinstance(presentation, Mapping)
    holder = holder_id(presentation)
    assert holder is not None
    found = _Found()

    proof = verify_proof(
        presentation, expected_proof_purpose=AUTHENTICATION, now=now, resolver=resolver
    )
    if proof.ok:
        proof_check = Check(
            Outcome.PASSED,
            f"{proof.cryptosuite} signature by {proof.verification_method} verifies",
        )
    elif proof.unresolved:
        proof_check = Check(Outcome.UNKNOWN, proof.reason)
    else:
        proof_check = found.fail(VerdictStatus.INVALID_PROOF, f"presentation proof: {proof.reason}")
    binding = binding_check(holder, proof, AUTHENTICATION, resolver, key_controlled_by)
    if binding.outcome in (Outcome.FAILED, Outcome.UNKNOWN):
        found.fail(VerdictStatus.HOLDER_NOT_BOUND, f"holder binding: {binding.detail}")

    raw_proof = presentation["proof"] if isinstance(presentation["proof"], Mapping) else {}
    got_challenge = raw_proof.get("challenge")
    if got_challenge == challenge:
        challenge_check = Check(Outcome.PASSED, "the proof carries the verifier's challenge")
    else:
        challenge_check = found.fail(
            VerdictStatus.CHALLENGE_MISMATCH,
            f"the proof's challenge is {got_challenge!r}, not this verifier's {challenge!r}: "
            "the presentation was made for another request",
        )
    domains = as_list(raw_proof.get("domain"))
    if domain in domains:
        domain_check = Check(Outcome.PASSED, f"made for {domain}")
    else:
        domain_check = found.fail(
            VerdictStatus.DOMAIN_MISMATCH,
            f"the presentation was made for {raw_proof.get('domain')!r}, not {domain!r}",
        )
    credentials = as_list(presentation["verifiableCredential"])
    strangers = [
        n for n, credential in enumerate(credentials) if holder not in _subject_ids(credential)
    ]
    if strangers:
        subject_check = found.fail(
            VerdictStatus.HOLDER_NOT_SUBJECT,
            f"the holder {holder} is not the subject of credential(s) {strangers}: a "
            "presentation may only show the holder's own credentials",
        )
    else:
        subject_check = Check(
            Outcome.PASSED, f"{holder} is the subject of all {len(credentials)} credential(s)"
        )

    def default_verify(credential: Mapping[str, Any]) -> Verdict:
        return verify_credential(
            credential, now=now, resolver=resolver, key_controlled_by=key_controlled_by
        )

    verdicts = tuple((verify_one or default_verify)(c) for c in credentials)
    verdict = PresentationVerdict(
        _status(found.problems, verdicts),
        _reasons(found.problems, verdicts),
        holder=holder,
        checks=PresentationChecks(
            proof_check, binding, challenge_check, domain_check, subject_check
        ),
        credentials=verdicts,
        challenge=got_challenge if isinstance(got_challenge, str) else None,
        domain=tuple(d for d in domains if isinstance(d, str)),
        verification_method=proof.verification_method,
        problems=tuple((s, r) for s in PRESENTATION_PRECEDENCE for r in found.problems.get(s, [])),
    )
    if challenge_used is not None and is_genuine(verdict) and challenge_used(challenge):
        return replayed(verdict)
    return verdict


def _status(
    problems: Mapping[VerdictStatus, Sequence[str]], verdicts: Sequence[Verdict]
) -> VerdictStatus:
    first = next((s for s in PRESENTATION_PRECEDENCE if s in problems), None)
    if first is not None:
        return first
    return next(
        (s for s in PRECEDENCE if any(v.status is s for v in verdicts)), VerdictStatus.VALID
    )


def _reasons(
    problems: Mapping[VerdictStatus, Sequence[str]], verdicts: Sequence[Verdict]
) -> tuple[str, ...]:
    reasons = [r for s in PRESENTATION_PRECEDENCE for r in problems.get(s, [])]
    for n, verdict in enumerate(verdicts):
        reasons.extend(f"credential {n}: {r}" for r in verdict.reasons)
    return tuple(reasons)


def is_genuine(verdict: PresentationVerdict) -> bool:
    """Whether the presentation was really made by its holder for this verifier's request (its
    proof, holder binding, challenge and domain passed): only then may it use up the
    challenge, so that garbage cannot burn a verifier's challenge."""
    checks = verdict.checks
    return all(
        c.passed for c in (checks.proof, checks.holder_binding, checks.challenge, checks.domain)
    )


def replayed(verdict: PresentationVerdict) -> PresentationVerdict:
    """The verdict for a genuine presentation whose challenge had already been used."""
    reason = (
        f"challenge {verdict.challenge!r} was already used: this presentation is a replay; "
        "ask the holder for a new one with a fresh challenge"
    )
    problems: dict[VerdictStatus, list[str]] = {}
    for status, text in verdict.problems:
        problems.setdefault(status, []).append(text)
    problems.setdefault(VerdictStatus.CHALLENGE_REPLAYED, []).append(reason)
    return dataclasses.replace(
        verdict,
        status=_status(problems, verdict.credentials),
        reasons=_reasons(problems, verdict.credentials),
        checks=dataclasses.replace(verdict.checks, challenge=Check(Outcome.FAILED, reason)),
        problems=(*verdict.problems, (VerdictStatus.CHALLENGE_REPLAYED, reason)),
    )
