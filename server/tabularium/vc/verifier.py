"""The offline credential verifier: one verdict, the result of each check, and what it skipped.

:func:`verify_credential` runs, without any network access:

1. structure (:func:`~tabularium.vc.model.validate_credential`, and a proof must
   be present) → ``MALFORMED``, and nothing else is checked;
2. **proof**: the Data Integrity proof (``eddsa-jcs-2022`` or ``eddsa-rdfc-2022``, purpose
   ``assertionMethod``, :func:`~tabularium.vc.dataintegrity.verify_proof`) → ``INVALID_PROOF``
   only when the signature or the proof's form is wrong;
3. **issuer binding**: that the issuer controls the verification method and that its DID
   document authorizes it for ``assertionMethod`` (:class:`~tabularium.vc.did.Resolver`:
   the issuer's own ``did:key``, a pinned or registered DID document, a pinned mapping of an
   HTTPS issuer id to a DID; or ``key_controlled_by``, which the server answers from the
   issuer identity's keys in ledger state) → ``ISSUER_NOT_BOUND`` when it is unknown (also
   when the method cannot be resolved, so the proof could not be checked) or wrong;
4. **trust**, when ``trusted`` is given → ``UNTRUSTED_ISSUER``;
5. **status**, for each ``BitstringStatusListEntry`` with purpose ``revocation`` or
   ``suspension`` whose list is in ``status_lists`` (keyed by ``statusListCredential`` URL):
   the list credential must be well formed (``MALFORMED``), carry a valid proof
   (``INVALID_PROOF``) by a key bound to its issuer (``ISSUER_NOT_BOUND``), be issued by the
   credential's issuer or by an issuer ``status_list_issuers`` allows (``UNTRUSTED_ISSUER``),
   have the entry's purpose, and hold at least 131,072 entries; then a set bit → ``REVOKED`` /
   ``SUSPENDED``. A list outside its own validity period is not used (noted in ``skipped``);
6. **validity** period against ``now`` → ``EXPIRED`` / ``NOT_YET_VALID``.

Each check has its own :class:`Check` in :attr:`Verdict.checks` (passed, failed, unknown or
skipped, with a detail). Every failed check adds a reason; the verdict's status is the first
failed one in the order of :data:`PRECEDENCE`, else ``VALID``. Status is only checked when the
proof is valid. ``skipped`` names what could not be checked (no trust function, no status
list, an unsupported status type or purpose), so ``VALID`` means "valid as far as checked".
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import StrEnum
from typing import Any

from tabularium.crypto.didkey import DID_KEY_PREFIX, public_key_from_did_key
from tabularium.errors import InvalidArgument
from tabularium.vc.contexts import is_bundled
from tabularium.vc.dataintegrity import (
    ASSERTION_METHOD,
    RDFC_CRYPTOSUITE,
    ProofResult,
    verify_proof,
)
from tabularium.vc.did import Resolver
from tabularium.vc.model import (
    as_list,
    credential_hash,
    credential_types,
    issuer_id,
    parse_datetime,
    validate_credential,
)
from tabularium.vc.statuslist import (
    STATUS_LIST,
    STATUS_LIST_CREDENTIAL,
    STATUS_LIST_ENTRY,
    STATUS_PURPOSES,
    decode_status_list,
    read_status,
)

__all__ = [
    "Check",
    "CredentialChecks",
    "KeyControlledBy",
    "Outcome",
    "StatusListIssuers",
    "TrustedIssuer",
    "Verdict",
    "VerdictStatus",
    "issuer_controls_verification_method",
    "verify_credential",
]

TrustedIssuer = Callable[[str, Sequence[str]], bool]
"""``trusted(issuer_id, credential_types)``: may this issuer issue credentials of these types?"""
KeyControlledBy = Callable[[str, bytes], bool | None]
"""``key_controlled_by(party_id, public_key)``: does this Ed25519 key belong to the issuer (or
holder)? None when the callable does not know the party, so the resolver's DID documents and
bindings decide."""
StatusListIssuers = Callable[[str, str], bool]
"""``status_list_issuers(credential_issuer, list_issuer)``: may ``list_issuer`` publish status
for credentials of ``credential_issuer``? Without it they must be the same."""


class VerdictStatus(StrEnum):
    VALID = "VALID"
    EXPIRED = "EXPIRED"
    NOT_YET_VALID = "NOT_YET_VALID"
    REVOKED = "REVOKED"
    SUSPENDED = "SUSPENDED"
    INVALID_PROOF = "INVALID_PROOF"
    UNTRUSTED_ISSUER = "UNTRUSTED_ISSUER"
    MALFORMED = "MALFORMED"
    ISSUER_NOT_BOUND = "ISSUER_NOT_BOUND"
    """The proof verifies (or could not be checked for want of the key), but it is not known
    that the issuer controls the signing key: pin the issuer's DID document or binding."""
    # Presentations only (tabularium.vc.presentation):
    HOLDER_NOT_BOUND = "HOLDER_NOT_BOUND"
    HOLDER_NOT_SUBJECT = "HOLDER_NOT_SUBJECT"
    CHALLENGE_MISMATCH = "CHALLENGE_MISMATCH"
    DOMAIN_MISMATCH = "DOMAIN_MISMATCH"
    CHALLENGE_REPLAYED = "CHALLENGE_REPLAYED"


class Outcome(StrEnum):
    PASSED = "PASSED"
    FAILED = "FAILED"
    UNKNOWN = "UNKNOWN"
    """Could not be decided with what the verifier has (e.g. no DID document for a did:web)."""
    SKIPPED = "SKIPPED"
    """Not asked for or nothing to check (no trust list; no status entry)."""


@dataclass(frozen=True)
class Check:
    outcome: Outcome
    detail: str = ""

    @property
    def passed(self) -> bool:
        return self.outcome is Outcome.PASSED


def checks_json(checks: object) -> dict[str, dict[str, str]]:
    """A dataclass of Checks as ``{name: {"outcome", "detail"}}``, in field order."""
    return {
        f.name: {"outcome": c.outcome.value, "detail": c.detail}
        for f in fields(checks)  # type: ignore[arg-type]
        if isinstance(c := getattr(checks, f.name), Check)
    }


@dataclass(frozen=True)
class CredentialChecks:
    """The separate findings behind a credential verdict."""

    proof: Check
    issuer_binding: Check
    validity: Check
    status: Check
    trust: Check

    def as_json(self) -> dict[str, dict[str, str]]:
        return checks_json(self)


_NOT_RUN = Check(Outcome.SKIPPED, "not checked: the credential is malformed")
MALFORMED_CHECKS = CredentialChecks(_NOT_RUN, _NOT_RUN, _NOT_RUN, _NOT_RUN, _NOT_RUN)

# Failed checks in the order that decides a verdict's status (the first one found wins).
PRECEDENCE = (
    VerdictStatus.MALFORMED,
    VerdictStatus.INVALID_PROOF,
    VerdictStatus.ISSUER_NOT_BOUND,
    VerdictStatus.UNTRUSTED_ISSUER,
    VerdictStatus.REVOKED,
    VerdictStatus.SUSPENDED,
    VerdictStatus.EXPIRED,
    VerdictStatus.NOT_YET_VALID,
)


@dataclass(frozen=True)
class Verdict:
    """What :func:`verify_credential` found.

    ``reasons`` explain every failed check (empty when ``VALID``); ``skipped`` lists checks
    that were not made. ``issuer``, ``types``, ``verification_method``, ``public_key`` (the
    32-byte key the proof was checked with) and ``proof_created`` are filled as far as they
    could be read, so a caller can check the key against its own records.
    ``credential_hash`` is :func:`~tabularium.vc.model.credential_hash` when the
    credential is canonicalizable. ``checks`` holds each check's own result.
    """

    status: VerdictStatus
    reasons: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    issuer: str | None = None
    types: tuple[str, ...] = ()
    verification_method: str | None = None
    public_key: bytes | None = None
    proof_created: str | None = None
    credential_hash: bytes | None = None
    checks: CredentialChecks = MALFORMED_CHECKS
    cryptosuite: str | None = None

    @property
    def ok(self) -> bool:
        return self.status is VerdictStatus.VALID

    def as_json(self) -> dict[str, Any]:
        """The verdict as the CLI prints it (and the clients' vectors record it)."""
        return {
            "status": self.status.value,
            "reasons": list(self.reasons),
            "skipped": list(self.skipped),
            "checks": self.checks.as_json(),
            "issuer": self.issuer,
            "types": list(self.types),
            "verification_method": self.verification_method,
            "cryptosuite": self.cryptosuite,
            "credential_hash": self.credential_hash.hex() if self.credential_hash else None,
        }


def decisive_status(found: Collection[VerdictStatus]) -> VerdictStatus:
    """The status of a verdict whose failed checks are ``found`` (VALID if none failed)."""
    return next((s for s in PRECEDENCE if s in found), VerdictStatus.VALID)


def issuer_controls_verification_method(issuer: str, verification_method: str) -> bool:
    """Return whether ``verification_method`` is the key of ``issuer`` when it is a did:key.

    True only when ``issuer`` is a valid ``did:key`` and ``verification_method`` is that
    DID or one of its DID URLs (``did:key:z…#z…``). Any other issuer gives False: whether a
    ``did:web``, an ``https`` URL or a ledger identity controls a key cannot be told offline.
    """
    if not issuer.startswith(DID_KEY_PREFIX) or "#" in issuer:
        return False
    if verification_method.partition("#")[0] != issuer:
        return False
    try:
        public_key_from_did_key(issuer)
        public_key_from_did_key(verification_method)
    except InvalidArgument:
        return False
    return True


def binding_check(
    party: str,
    proof: ProofResult,
    purpose: str,
    resolver: Resolver,
    key_controlled_by: KeyControlledBy | None,
) -> Check:
    """Whether ``party`` (issuer or holder) controls the key that made ``proof``, for ``purpose``.

    FAILED when the key is known to be someone else's or not authorized for the purpose;
    UNKNOWN when nothing the verifier holds says who controls it.
    """
    method = proof.method
    if method is None:
        if proof.unresolved:
            return Check(Outcome.UNKNOWN, f"the proof could not be checked: {proof.reason}")
        return Check(Outcome.SKIPPED, "not checked: the proof is not readable")
    known = None if key_controlled_by is None else key_controlled_by(party, method.public_key)
    if known is True:
        return Check(Outcome.PASSED, f"{method.id} is a key of ledger identity {party}")
    bound, how = resolver.binding(party, method)
    if known is False:
        return Check(Outcome.FAILED, f"the proof's key {method.id} is not a usable key of {party}")
    if bound:
        if purpose not in method.purposes:
            return Check(
                Outcome.FAILED,
                f"the DID document of {method.controller} does not list {method.id} under "
                f"{purpose}",
            )
        return Check(Outcome.PASSED, how)
    if party.startswith(DID_KEY_PREFIX):
        return Check(Outcome.FAILED, f"the proof's key {how}")
    if party.startswith("did:"):
        return Check(
            Outcome.UNKNOWN,
            f"{how}, and no DID document of {party} says otherwise; pin it (--did-document) "
            "or register it on the ledger",
        )
    return Check(
        Outcome.UNKNOWN,
        f"cannot tell offline whether {party} controls {method.id}: no pinned mapping binds "
        f"it to a DID (--bind {party}={method.controller})",
    )


@dataclass
class _Run:
    now: datetime
    issuer: str
    status_lists: Mapping[str, Any] | None
    status_list_issuers: StatusListIssuers | None
    key_controlled_by: KeyControlledBy | None
    resolver: Resolver
    problems: dict[VerdictStatus, list[str]] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    lists: dict[str, tuple[bytes, list[str]] | None] = field(default_factory=dict)
    entries_checked: int = 0

    def fail(self, status: VerdictStatus, reason: str) -> None:
        self.problems.setdefault(status, []).append(reason)
        self.log.append(reason)

    def status_check(self, credential: Mapping[str, Any]) -> Check:
        """Run the status checks and sum them up as one Check."""
        if "credentialStatus" not in credential:
            return Check(Outcome.SKIPPED, "the credential has no credentialStatus")
        failed, noted = len(self.log), len(self.skipped)
        self.check_status(credential)
        if len(self.log) > failed:
            return Check(Outcome.FAILED, "; ".join(self.log[failed:]))
        if self.entries_checked:
            return Check(Outcome.PASSED, f"{self.entries_checked} status entries checked, none set")
        return Check(Outcome.SKIPPED, "; ".join(self.skipped[noted:]))

    def status_list(self, url: str) -> tuple[bytes, list[str]] | None:
        """Return (bitstring, purposes) of a usable list, or None (problem/skip recorded)."""
        if url not in self.lists:
            self.lists[url] = self._load_list(url)
        return self.lists[url]

    def _load_list(self, url: str) -> tuple[bytes, list[str]] | None:
        assert self.status_lists is not None
        doc = self.status_lists[url]
        where = f"status list {url}"
        reasons = validate_credential(doc)
        if not reasons:
            if STATUS_LIST_CREDENTIAL not in credential_types(doc):
                reasons.append(f"type does not include {STATUS_LIST_CREDENTIAL!r}")
            if "id" in doc and doc["id"] != url:
                reasons.append(f"id {doc['id']!r} is not the entry's statusListCredential")
            subject = doc["credentialSubject"]
            if not isinstance(subject, Mapping):
                reasons.append("credentialSubject must be one object")
            else:
                if STATUS_LIST not in as_list(subject.get("type")):
                    reasons.append(f"credentialSubject.type must be {STATUS_LIST!r}")
                if not isinstance(subject.get("encodedList"), str):
                    reasons.append("credentialSubject.encodedList is missing")
                purposes = as_list(subject.get("statusPurpose"))
                if not purposes or not all(isinstance(p, str) for p in purposes):
                    reasons.append("credentialSubject.statusPurpose is missing")
        if reasons:
            self.fail(VerdictStatus.MALFORMED, f"{where}: " + "; ".join(reasons))
            return None
        list_issuer = issuer_id(doc)
        assert list_issuer is not None  # validate_credential checked it
        proof = verify_proof(doc, now=self.now, resolver=self.resolver)
        if not proof.ok and not proof.unresolved:
            self.fail(VerdictStatus.INVALID_PROOF, f"{where}: proof: {proof.reason}")
            return None
        binding = binding_check(
            list_issuer, proof, ASSERTION_METHOD, self.resolver, self.key_controlled_by
        )
        if not binding.passed:
            self.fail(VerdictStatus.ISSUER_NOT_BOUND, f"{where}: {binding.detail}")
            return None
        if list_issuer != self.issuer and not (
            self.status_list_issuers is not None
            and self.status_list_issuers(self.issuer, list_issuer)
        ):
            self.fail(
                VerdictStatus.UNTRUSTED_ISSUER,
                f"{where} is issued by {list_issuer}, who may not publish status for "
                f"credentials of {self.issuer}",
            )
            return None
        window = _outside_validity(doc, self.now)
        if window is not None:
            self.skipped.append(f"status not checked with {where}: the list {window}")
            return None
        try:
            bits = decode_status_list(doc["credentialSubject"]["encodedList"])
        except InvalidArgument as exc:
            self.fail(VerdictStatus.MALFORMED, f"{where}: {exc.message}")
            return None
        return bits, as_list(doc["credentialSubject"]["statusPurpose"])

    def check_status(self, credential: Mapping[str, Any]) -> None:
        for entry in as_list(credential.get("credentialStatus")):
            types = as_list(entry.get("type"))
            if STATUS_LIST_ENTRY not in types:
                self.skipped.append(
                    f"status entry of type {types} not checked: only "
                    f"{STATUS_LIST_ENTRY} is supported"
                )
                continue
            purpose = entry["statusPurpose"]
            url = entry["statusListCredential"]
            if purpose not in STATUS_PURPOSES:
                self.skipped.append(f"status purpose {purpose!r} ({url}) is not interpreted")
                continue
            if self.status_lists is None:
                self.skipped.append(f"{purpose} status not checked: no status lists given")
                continue
            if url not in self.status_lists:
                self.skipped.append(f"{purpose} status not checked: no status list for {url}")
                continue
            usable = self.status_list(url)
            if usable is None:
                continue
            bits, purposes = usable
            if purpose not in purposes:
                self.fail(
                    VerdictStatus.MALFORMED,
                    f"status list {url} has purpose {purposes}, the entry wants {purpose!r}",
                )
                continue
            text = entry["statusListIndex"]
            if len(text) > 18:  # no list has 10**18 bits; keeps int() off huge strings
                self.fail(
                    VerdictStatus.MALFORMED,
                    f"status list {url}: status index {text[:24]}... is outside the list",
                )
                continue
            index = int(text)
            try:
                value = read_status(bits, index, entry.get("statusSize", 1))
            except InvalidArgument as exc:
                self.fail(VerdictStatus.MALFORMED, f"status list {url}: {exc.message}")
                continue
            self.entries_checked += 1
            if value:
                status = (
                    VerdictStatus.REVOKED if purpose == "revocation" else VerdictStatus.SUSPENDED
                )
                self.fail(status, f"{purpose} bit {index} is set in status list {url}")


def _outside_validity(doc: Mapping[str, Any], now: datetime) -> str | None:
    """Describe why ``now`` is outside ``doc``'s validity period, or None (dates pre-checked)."""
    if "validFrom" in doc and now < parse_datetime(doc["validFrom"]):
        return f"is not valid before {doc['validFrom']}"
    if "validUntil" in doc and now > parse_datetime(doc["validUntil"]):
        return f"expired at {doc['validUntil']}"
    return None


def verify_credential(
    credential: object,
    *,
    now: datetime,
    trusted: TrustedIssuer | None = None,
    status_lists: Mapping[str, Any] | None = None,
    status_list_issuers: StatusListIssuers | None = None,
    key_controlled_by: KeyControlledBy | None = None,
    resolver: Resolver | None = None,
) -> Verdict:
    """Verify a secured VC 2.0 credential offline; see the module docstring for the checks.

    ``now`` must be aware. ``status_lists`` maps ``statusListCredential`` URLs to secured
    ``BitstringStatusListCredential`` documents (as JSON values). ``resolver`` holds pinned DID
    documents and bindings (default: ``did:key`` only). The callables are called only with
    values read from well-formed documents.

    Raises:
        ValueError: ``now`` is naive.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now is naive; give a time zone (e.g. datetime.now(UTC))")
    if not isinstance(credential, Mapping):
        return Verdict(
            VerdictStatus.MALFORMED,
            (f"credential is {type(credential).__name__}, want a JSON object",),
        )
    reasons = validate_credential(credential)
    if "proof" not in credential:
        reasons.append("credential has no proof (it is not secured)")
    try:
        digest: bytes | None = credential_hash(credential)
    except InvalidArgument:
        digest = None
    issuer = issuer_id(credential)
    types = credential_types(credential)
    if reasons:
        return Verdict(
            VerdictStatus.MALFORMED,
            tuple(reasons),
            issuer=issuer,
            types=types,
            credential_hash=digest,
        )
    assert issuer is not None  # validate_credential checked it
    resolver = resolver or Resolver()

    run = _Run(now, issuer, status_lists, status_list_issuers, key_controlled_by, resolver)
    proof = verify_proof(credential, now=now, resolver=resolver)
    for ctx in credential["@context"]:
        if isinstance(ctx, str) and not is_bundled(ctx) and proof.cryptosuite != RDFC_CRYPTOSUITE:
            run.skipped.append(
                f"@context {ctx} is not bundled (not needed: eddsa-jcs-2022 does no JSON-LD "
                "processing)"
            )
    if proof.ok:
        proof_check = Check(
            Outcome.PASSED, f"{proof.cryptosuite} signature by {proof.verification_method} verifies"
        )
    elif proof.unresolved:
        proof_check = Check(Outcome.UNKNOWN, proof.reason)
    else:
        proof_check = Check(Outcome.FAILED, proof.reason)
        run.fail(VerdictStatus.INVALID_PROOF, f"proof: {proof.reason}")
    binding = binding_check(issuer, proof, ASSERTION_METHOD, resolver, key_controlled_by)
    if binding.outcome in (Outcome.FAILED, Outcome.UNKNOWN):
        run.fail(VerdictStatus.ISSUER_NOT_BOUND, f"issuer binding: {binding.detail}")

    if trusted is None:
        trust = Check(Outcome.SKIPPED, "no trust list given")
        run.skipped.append("issuer trust not checked: no trust list given")
    elif not trusted(issuer, types):
        trust = Check(Outcome.FAILED, f"issuer {issuer} is not trusted to issue {', '.join(types)}")
        run.fail(VerdictStatus.UNTRUSTED_ISSUER, trust.detail)
    else:
        trust = Check(Outcome.PASSED, f"issuer {issuer} is trusted for {', '.join(types)}")

    if not proof.ok:
        status_check = Check(Outcome.SKIPPED, "not checked: the credential's proof is not verified")
        if "credentialStatus" in credential:
            run.skipped.append("status not checked: the credential's proof is not verified")
    else:
        status_check = run.status_check(credential)

    window: list[str] = []
    if "validFrom" in credential and now < parse_datetime(credential["validFrom"]):
        window.append(f"not valid before {credential['validFrom']}")
        run.fail(VerdictStatus.NOT_YET_VALID, window[-1])
    if "validUntil" in credential and now > parse_datetime(credential["validUntil"]):
        window.append(f"expired at {credential['validUntil']}")
        run.fail(VerdictStatus.EXPIRED, window[-1])
    validity = (
        Check(Outcome.FAILED, "; ".join(window))
        if window
        else Check(Outcome.PASSED, f"valid at {now.isoformat()}")
    )

    status = decisive_status(run.problems)
    all_reasons = [r for s in PRECEDENCE for r in run.problems.get(s, [])]
    return Verdict(
        status,
        tuple(all_reasons),
        tuple(run.skipped),
        issuer=issuer,
        types=types,
        verification_method=proof.verification_method,
        public_key=proof.public_key,
        proof_created=proof.created,
        credential_hash=digest,
        checks=CredentialChecks(proof_check, binding, validity, status_check, trust),
        cryptosuite=proof.cryptosuite,
    )
