"""The offline credential verifier: one verdict, with reasons and the checks it skipped.

:func:`verify_credential` runs, without any network access:

1. structure (:func:`~tabularium.vc.model.validate_credential`, and a proof must
   be present) → ``MALFORMED``, and nothing else is checked;
2. the ``eddsa-jcs-2022`` proof (:func:`~tabularium.vc.dataintegrity.verify_proof`,
   purpose ``assertionMethod``) and that the signing key belongs to the issuer →
   ``INVALID_PROOF``. Without ``key_controlled_by`` the key must be the issuer's own
   ``did:key``; with it, that function decides (the server checks the issuer identity's
   keys in ledger state);
3. issuer trust, when ``trusted`` is given → ``UNTRUSTED_ISSUER``;
4. status, for each ``BitstringStatusListEntry`` with purpose ``revocation`` or
   ``suspension`` whose list is in ``status_lists`` (keyed by ``statusListCredential`` URL):
   the list credential must be well formed (``MALFORMED``), carry a valid proof by a key of
   its issuer (``INVALID_PROOF``), be issued by the credential's issuer or by an issuer
   ``status_list_issuers`` allows (``UNTRUSTED_ISSUER``), have the entry's purpose, and hold
   at least 131,072 entries; then a set bit → ``REVOKED`` / ``SUSPENDED``. A list outside
   its own validity period is not used (noted in ``skipped``);
5. the validity period against ``now`` → ``EXPIRED`` / ``NOT_YET_VALID``.

Every failed check adds a reason; the verdict's status is the first failed one in the
order ``MALFORMED``, ``INVALID_PROOF``, ``UNTRUSTED_ISSUER``, ``REVOKED``, ``SUSPENDED``,
``EXPIRED``, ``NOT_YET_VALID``, else ``VALID``. Status is only checked when the proof is
valid. ``skipped`` names what could not be checked (no trust function, no status list, an
unsupported status type or purpose), so ``VALID`` means "valid as far as checked".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from tabularium.crypto.didkey import DID_KEY_PREFIX, public_key_from_did_key
from tabularium.errors import InvalidArgument
from tabularium.vc.contexts import is_bundled
from tabularium.vc.dataintegrity import ProofResult, verify_proof
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
    "KeyControlledBy",
    "StatusListIssuers",
    "TrustedIssuer",
    "Verdict",
    "VerdictStatus",
    "issuer_controls_verification_method",
    "verify_credential",
]

TrustedIssuer = Callable[[str, Sequence[str]], bool]
"""``trusted(issuer_id, credential_types)``: may this issuer issue credentials of these types?"""
KeyControlledBy = Callable[[str, bytes], bool]
"""``key_controlled_by(issuer_id, public_key)``: did this Ed25519 key belong to the issuer?"""
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


_PRECEDENCE = (
    VerdictStatus.MALFORMED,
    VerdictStatus.INVALID_PROOF,
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
    credential is canonicalizable.
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

    @property
    def ok(self) -> bool:
        return self.status is VerdictStatus.VALID


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


def _key_binding_problem(
    issuer: str, proof: ProofResult, key_controlled_by: KeyControlledBy | None
) -> str | None:
    vm = proof.verification_method or ""
    if key_controlled_by is not None:
        assert proof.public_key is not None  # set on every successful proof
        if key_controlled_by(issuer, proof.public_key):
            return None
        return f"the proof's key {vm} is not a key of issuer {issuer}"
    if issuer_controls_verification_method(issuer, vm):
        return None
    if issuer.startswith(DID_KEY_PREFIX):
        return f"the proof's key {vm} is not the issuer's did:key {issuer}"
    return (
        f"cannot tell offline whether issuer {issuer} controls {vm}: without "
        "key_controlled_by only a did:key issuer signing with its own key is accepted"
    )


@dataclass
class _Run:
    now: datetime
    issuer: str
    status_lists: Mapping[str, Any] | None
    status_list_issuers: StatusListIssuers | None
    key_controlled_by: KeyControlledBy | None
    problems: dict[VerdictStatus, list[str]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    lists: dict[str, tuple[bytes, list[str]] | None] = field(default_factory=dict)

    def fail(self, status: VerdictStatus, reason: str) -> None:
        self.problems.setdefault(status, []).append(reason)

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
        proof = verify_proof(doc, now=self.now)
        if not proof.ok:
            self.fail(VerdictStatus.INVALID_PROOF, f"{where}: proof: {proof.reason}")
            return None
        binding = _key_binding_problem(list_issuer, proof, self.key_controlled_by)
        if binding is not None:
            self.fail(VerdictStatus.INVALID_PROOF, f"{where}: {binding}")
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
) -> Verdict:
    """Verify a secured VC 2.0 credential offline; see the module docstring for the checks.

    ``now`` must be aware. ``status_lists`` maps ``statusListCredential`` URLs to secured
    ``BitstringStatusListCredential`` documents (as JSON values). The callables are called
    only with values read from well-formed, proof-checked documents.

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

    run = _Run(now, issuer, status_lists, status_list_issuers, key_controlled_by)
    for ctx in credential["@context"]:
        if isinstance(ctx, str) and not is_bundled(ctx):
            run.skipped.append(
                f"@context {ctx} is not bundled (not needed: eddsa-jcs-2022 does no JSON-LD "
                "processing)"
            )

    proof = verify_proof(credential, now=now)
    if not proof.ok:
        run.fail(VerdictStatus.INVALID_PROOF, f"proof: {proof.reason}")
    else:
        binding = _key_binding_problem(issuer, proof, key_controlled_by)
        if binding is not None:
            run.fail(VerdictStatus.INVALID_PROOF, binding)

    if trusted is None:
        run.skipped.append("issuer trust not checked: no trust list given")
    elif not trusted(issuer, types):
        run.fail(
            VerdictStatus.UNTRUSTED_ISSUER,
            f"issuer {issuer} is not trusted to issue {', '.join(types)}",
        )

    if VerdictStatus.INVALID_PROOF in run.problems:
        if "credentialStatus" in credential:
            run.skipped.append("status not checked: the credential's proof is invalid")
    else:
        run.check_status(credential)

    if "validFrom" in credential and now < parse_datetime(credential["validFrom"]):
        run.fail(VerdictStatus.NOT_YET_VALID, f"not valid before {credential['validFrom']}")
    if "validUntil" in credential and now > parse_datetime(credential["validUntil"]):
        run.fail(VerdictStatus.EXPIRED, f"expired at {credential['validUntil']}")

    status = next((s for s in _PRECEDENCE if s in run.problems), VerdictStatus.VALID)
    all_reasons = [r for s in _PRECEDENCE for r in run.problems.get(s, [])]
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
    )
