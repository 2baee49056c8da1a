"""tabularium.credentials.v1.CredentialsService: verification against the ledger, status lists,
the issuer registry, and the subject's view of who checked their credentials."""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import json
import struct
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium.api.context import Context
from tabularium.api.convert.credentials import PURPOSE_FROM_PB
from tabularium.api.interceptors.authentication import Auth, Caller, require_caller
from tabularium.chain.actions import domain_state_prefix
from tabularium.chain.identity import IdentityReader, reader_over
from tabularium.chain.ledger import Ledger
from tabularium.chain.tx import timestamp_us
from tabularium.credentials.v1 import credentials_pb2, credentials_pb2_grpc
from tabularium.crypto.didkey import did_key, verification_method
from tabularium.domains.credentials import NAMESPACE as CREDENTIALS
from tabularium.domains.credentials import rules
from tabularium.domains.credentials.model import (
    BASE_TYPE,
    CredentialRecord,
    DidDocumentRecord,
    decode_types,
)
from tabularium.errors import InvalidArgument, NotFound
from tabularium.vc.dataintegrity import add_proof
from tabularium.vc.did import Resolver
from tabularium.vc.model import as_list, parse_credential_json
from tabularium.vc.presentation import (
    PresentationVerdict,
    is_genuine,
    replayed,
    verify_presentation,
)
from tabularium.vc.statuslist import build_status_list_credential, set_indices
from tabularium.vc.verifier import (
    Check,
    CredentialChecks,
    Outcome,
    Verdict,
    VerdictStatus,
    decisive_status,
    verify_credential,
)

SERVICE = "/tabularium.credentials.v1.CredentialsService/"
AUTH = {
    SERVICE + "VerifyCredential": Auth.REQUIRED,
    SERVICE + "ListStatusQueries": Auth.REQUIRED,
    SERVICE + "VerifyPresentation": Auth.REQUIRED,
}
MAX_CREDENTIAL_BYTES = 64 * 1024
MAX_PRESENTATION_BYTES = 256 * 1024
MIN_CHALLENGE, MAX_CHALLENGE = 16, 256
QUERY_PREFIX = b"credentials/query/"
CHALLENGE_PREFIX = b"credentials/challenge/"
MAX_QUERIES_LISTED = 1000
_U64 = struct.Struct(">Q")

_STATUS_TO_PB = {
    VerdictStatus.VALID: credentials_pb2.VERIFICATION_STATUS_VALID,
    VerdictStatus.EXPIRED: credentials_pb2.VERIFICATION_STATUS_EXPIRED,
    VerdictStatus.NOT_YET_VALID: credentials_pb2.VERIFICATION_STATUS_NOT_YET_VALID,
    VerdictStatus.REVOKED: credentials_pb2.VERIFICATION_STATUS_REVOKED,
    VerdictStatus.SUSPENDED: credentials_pb2.VERIFICATION_STATUS_SUSPENDED,
    VerdictStatus.INVALID_PROOF: credentials_pb2.VERIFICATION_STATUS_INVALID_PROOF,
    VerdictStatus.UNTRUSTED_ISSUER: credentials_pb2.VERIFICATION_STATUS_UNTRUSTED_ISSUER,
    VerdictStatus.MALFORMED: credentials_pb2.VERIFICATION_STATUS_MALFORMED,
    VerdictStatus.ISSUER_NOT_BOUND: credentials_pb2.VERIFICATION_STATUS_ISSUER_NOT_BOUND,
    VerdictStatus.HOLDER_NOT_BOUND: credentials_pb2.VERIFICATION_STATUS_HOLDER_NOT_BOUND,
    VerdictStatus.HOLDER_NOT_SUBJECT: credentials_pb2.VERIFICATION_STATUS_HOLDER_NOT_SUBJECT,
    VerdictStatus.CHALLENGE_MISMATCH: credentials_pb2.VERIFICATION_STATUS_CHALLENGE_MISMATCH,
    VerdictStatus.DOMAIN_MISMATCH: credentials_pb2.VERIFICATION_STATUS_DOMAIN_MISMATCH,
    VerdictStatus.CHALLENGE_REPLAYED: credentials_pb2.VERIFICATION_STATUS_CHALLENGE_REPLAYED,
}
_OUTCOME_TO_PB = {
    Outcome.PASSED: credentials_pb2.CHECK_OUTCOME_PASSED,
    Outcome.FAILED: credentials_pb2.CHECK_OUTCOME_FAILED,
    Outcome.UNKNOWN: credentials_pb2.CHECK_OUTCOME_UNKNOWN,
    Outcome.SKIPPED: credentials_pb2.CHECK_OUTCOME_SKIPPED,
}


def _check_pb(check: Check) -> credentials_pb2.Check:
    return credentials_pb2.Check(outcome=_OUTCOME_TO_PB[check.outcome], detail=check.detail)


def _credential_checks_pb(checks: CredentialChecks) -> credentials_pb2.CredentialChecks:
    return credentials_pb2.CredentialChecks(
        proof=_check_pb(checks.proof),
        issuer_binding=_check_pb(checks.issuer_binding),
        validity=_check_pb(checks.validity),
        status=_check_pb(checks.status),
        trust=_check_pb(checks.trust),
    )


def _verdict_pb(
    verdict: Verdict, record: CredentialRecord | None, height: int
) -> credentials_pb2.VerifyCredentialResponse:
    return credentials_pb2.VerifyCredentialResponse(
        status=_STATUS_TO_PB[verdict.status],
        reasons=list(verdict.reasons),
        credential_hash=verdict.credential_hash or b"",
        issuer=verdict.issuer or "",
        registered=record is not None,
        entry_index=record.entry_index if record is not None else 0,
        height=height,
        checks=_credential_checks_pb(verdict.checks),
        skipped=list(verdict.skipped),
        verification_method=verdict.verification_method or "",
        cryptosuite=verdict.cryptosuite or "",
    )


def _subject_ids(document: object) -> list[str]:
    if not isinstance(document, dict):
        return []
    return [
        s["id"]
        for s in as_list(document.get("credentialSubject"))
        if isinstance(s, dict) and isinstance(s.get("id"), str)
    ]


def status_list_url(origin: str, issuer: str, purpose: str) -> str:
    """Where this chain serves an issuer's status list (the statusListCredential URL issuers
    write into credentials; GetStatusList returns it)."""
    return f"https://{origin}/credentials/status/{issuer}/{purpose}"


class CredentialsServicer(credentials_pb2_grpc.CredentialsServiceServicer):
    def __init__(self, ledger: Ledger, node_key: Ed25519PrivateKey) -> None:
        self._ledger = ledger
        self._node_key = node_key
        self._node_public = node_key.public_key().public_bytes_raw()

    async def VerifyCredential(
        self, request: credentials_pb2.VerifyCredentialRequest, context: Context
    ) -> credentials_pb2.VerifyCredentialResponse:
        caller = require_caller()
        if len(request.credential_json) > MAX_CREDENTIAL_BYTES:
            raise InvalidArgument(
                "CREDENTIAL_TOO_LARGE",
                f"credential_json exceeds {MAX_CREDENTIAL_BYTES} bytes",
                field="credential_json",
            )
        try:
            document = parse_credential_json(request.credential_json)
        except InvalidArgument as exc:
            return credentials_pb2.VerifyCredentialResponse(
                status=credentials_pb2.VERIFICATION_STATUS_MALFORMED, reasons=[exc.message]
            )
        with self._ledger.state_snapshot() as (get, height):
            verdict, record = self._verify(document, get, self._resolver(get))
        response = _verdict_pb(verdict, record, height)
        subjects = _subject_ids(document)
        if subjects:
            await asyncio.to_thread(
                self._record_query, caller, [(subjects, response)], presentation_domain=None
            )
        return response

    async def VerifyPresentation(
        self, request: credentials_pb2.VerifyPresentationRequest, context: Context
    ) -> credentials_pb2.VerifyPresentationResponse:
        caller = require_caller()
        if len(request.presentation_json) > MAX_PRESENTATION_BYTES:
            raise InvalidArgument(
                "PRESENTATION_TOO_LARGE",
                f"presentation_json exceeds {MAX_PRESENTATION_BYTES} bytes",
                field="presentation_json",
            )
        challenge = request.challenge
        if not (MIN_CHALLENGE <= len(challenge) <= MAX_CHALLENGE) or not challenge.isprintable():
            raise InvalidArgument(
                "CHALLENGE_INVALID",
                f"challenge must be {MIN_CHALLENGE} to {MAX_CHALLENGE} printable characters, "
                "fresh and unguessable for each request (e.g. 128 random bits, base64url)",
                field="challenge",
            )
        domain = request.domain or caller.identity.did
        if domain.startswith("did:") and domain != caller.identity.did:
            raise InvalidArgument(
                "DOMAIN_NOT_CALLERS",
                f"domain {domain} is a DID other than the caller's ({caller.identity.did}); a "
                "verifier may only check presentations made for itself",
                field="domain",
            )
        try:
            document = parse_credential_json(request.presentation_json)
        except InvalidArgument as exc:
            return credentials_pb2.VerifyPresentationResponse(
                status=credentials_pb2.VERIFICATION_STATUS_MALFORMED, reasons=[exc.message]
            )
        records: list[CredentialRecord | None] = []
        with self._ledger.state_snapshot() as (get, height):
            resolver = self._resolver(get)

            def verify_one(credential: Mapping[str, Any]) -> Verdict:
                verdict, record = self._verify(dict(credential), get, resolver)
                records.append(record)
                return verdict

            verdict = verify_presentation(
                document,
                challenge=challenge,
                domain=domain,
                now=datetime.now(UTC),
                resolver=resolver,
                key_controlled_by=self._key_controlled_by(reader_over(get)),
                verify_one=verify_one,
            )
        if is_genuine(verdict) and await asyncio.to_thread(self._use_challenge, challenge):
            verdict = replayed(verdict)
        response = self._presentation_pb(verdict, records, height)
        credentials = as_list(document.get("verifiableCredential"))
        queried = [
            (_subject_ids(c), r) for c, r in zip(credentials, response.credentials, strict=False)
        ]
        if any(subjects for subjects, _ in queried):
            await asyncio.to_thread(self._record_query, caller, queried, presentation_domain=domain)
        return response

    @staticmethod
    def _presentation_pb(
        verdict: PresentationVerdict, records: list[CredentialRecord | None], height: int
    ) -> credentials_pb2.VerifyPresentationResponse:
        checks = verdict.checks
        return credentials_pb2.VerifyPresentationResponse(
            status=_STATUS_TO_PB[verdict.status],
            reasons=list(verdict.reasons),
            holder=verdict.holder or "",
            checks=credentials_pb2.PresentationChecks(
                proof=_check_pb(checks.proof),
                holder_binding=_check_pb(checks.holder_binding),
                challenge=_check_pb(checks.challenge),
                domain=_check_pb(checks.domain),
                holder_is_subject=_check_pb(checks.holder_is_subject),
            ),
            credentials=[
                _verdict_pb(v, r, height) for v, r in zip(verdict.credentials, records, strict=True)
            ],
            height=height,
        )

    def _use_challenge(self, challenge: str) -> bool:
        """Record the challenge as used; True if it already was (a replay). Atomic: the store
        has one writer."""
        key = CHALLENGE_PREFIX + hashlib.sha256(challenge.encode()).digest()
        with self._ledger.store.write() as txn:
            if txn.local(key) is not None:
                return True
            txn.put_local(key, _U64.pack(time.time_ns() // 1000))
        return False

    def _resolver(self, get: Callable[[bytes], bytes | None]) -> Resolver:
        """DID documents registered on the ledger (RegisterDidDocument), read from ``get``."""
        prefix = domain_state_prefix(CREDENTIALS)

        def lookup(did: str) -> object | None:
            raw = get(prefix + rules.did_document_key(did))
            if raw is None:
                return None
            document: object = json.loads(DidDocumentRecord.decode(raw).document)
            return document

        return Resolver(lookup=lookup)

    @staticmethod
    def _key_controlled_by(identities: IdentityReader) -> Callable[[str, bytes], bool | None]:
        def key_controlled_by(party: str, public_key: bytes) -> bool | None:
            if identities.identity(party) is None:
                return None  # not a ledger identity: DID documents and did:key decide
            return identities.did_of_key(public_key) == party

        return key_controlled_by

    def _verify(
        self,
        document: dict[str, object],
        get: Callable[[bytes], bytes | None],
        resolver: Resolver,
    ) -> tuple[Verdict, CredentialRecord | None]:
        identities = reader_over(get)
        prefix = domain_state_prefix(CREDENTIALS)

        def credential_state(key: bytes) -> bytes | None:
            value: bytes | None = get(prefix + key)
            return value

        def trusted(issuer: str, types: Sequence[str]) -> bool:
            accountable = issuer
            raw = credential_state(rules.did_document_key(issuer))
            if raw is not None:  # a DID an accredited issuer registered speaks for it
                accountable = DidDocumentRecord.decode(raw).issuer
            accredited = set(decode_types(credential_state(rules.accreditation_key(accountable))))
            return set(types) - {BASE_TYPE} <= accredited

        verdict = verify_credential(
            document,
            now=datetime.now(UTC),
            trusted=trusted,
            key_controlled_by=self._key_controlled_by(identities),
            resolver=resolver,
        )
        if verdict.credential_hash is None:
            return verdict, None
        raw = credential_state(rules.credential_key(verdict.credential_hash))
        record = None if raw is None else CredentialRecord.decode(raw)
        found: list[tuple[VerdictStatus, str]] = []
        if record is None:
            found.append(
                (
                    VerdictStatus.UNTRUSTED_ISSUER,
                    "the credential is not registered on this ledger by its issuer",
                )
            )
        else:
            found.extend(_ledger_status(record, document, identities, verdict))
        if not found and record is not None:
            ledger_status = Check(
                Outcome.PASSED, "registered on this ledger; not revoked or suspended"
            )
            checks = verdict.checks
            if checks.proof.passed:
                checks = dataclasses.replace(checks, status=ledger_status)
            skipped = tuple(s for s in verdict.skipped if "status" not in s)
            return dataclasses.replace(verdict, checks=checks, skipped=skipped), record
        status = decisive_status({verdict.status, *(s for s, _ in found)})
        reasons = (*verdict.reasons, *(r for _, r in found))
        skipped = tuple(s for s in verdict.skipped if "status" not in s)
        checks = verdict.checks
        by_check: dict[str, list[str]] = {}
        for found_status, reason in found:
            by_check.setdefault(_CHECK_OF[found_status], []).append(reason)
        updated = {
            name: Check(Outcome.FAILED, "; ".join(reasons_of))
            for name, reasons_of in by_check.items()
        }
        if "status" not in updated and record is not None and checks.proof.passed:
            updated["status"] = Check(
                Outcome.PASSED, "registered on this ledger; not revoked or suspended"
            )
        return (
            dataclasses.replace(
                verdict,
                status=status,
                reasons=reasons,
                skipped=skipped,
                checks=dataclasses.replace(checks, **updated),
            ),
            record,
        )

    def _record_query(
        self,
        caller: Caller,
        queried: Sequence[tuple[list[str], credentials_pb2.VerifyCredentialResponse]],
        *,
        presentation_domain: str | None,
    ) -> None:
        now_us = time.time_ns() // 1000
        with self._ledger.store.write() as txn:
            for n, (subjects, response) in enumerate(queried):
                item: dict[str, object] = {
                    "verifier": caller.identity.did,
                    "time_us": now_us,
                    "credential_hash": response.credential_hash.hex(),
                    "issuer": response.issuer,
                    "status": int(response.status),
                }
                if presentation_domain is not None:
                    item["domain"] = presentation_domain
                value = json.dumps(item, sort_keys=True).encode()
                for subject in sorted(set(subjects)):
                    key = (
                        QUERY_PREFIX
                        + subject.encode()
                        + b"\x00"
                        + _U64.pack(now_us)
                        + caller.public_key[:8]
                        + bytes([n])
                    )
                    txn.put_local(key, value)

    async def ListStatusQueries(
        self, request: credentials_pb2.ListStatusQueriesRequest, context: Context
    ) -> credentials_pb2.ListStatusQueriesResponse:
        caller = require_caller()
        prefix = QUERY_PREFIX + caller.identity.did.encode() + b"\x00"
        with self._ledger.store.read() as txn:
            items = [json.loads(v) for _, v in txn.local_range(prefix)]
        items.reverse()
        return credentials_pb2.ListStatusQueriesResponse(
            queries=[
                credentials_pb2.StatusQuery(
                    verifier=item["verifier"],
                    time=timestamp_us(item["time_us"]),
                    credential_hash=bytes.fromhex(item["credential_hash"]),
                    issuer=item["issuer"],
                    status=item["status"],
                    presentation="domain" in item,
                    domain=item.get("domain", ""),
                )
                for item in items[:MAX_QUERIES_LISTED]
            ]
        )

    async def GetStatusList(
        self, request: credentials_pb2.GetStatusListRequest, context: Context
    ) -> credentials_pb2.GetStatusListResponse:
        purpose = PURPOSE_FROM_PB.get(request.purpose)
        if purpose is None:
            raise InvalidArgument("PURPOSE_INVALID", "purpose must be set", field="purpose")
        with self._ledger.state_snapshot() as (get, height):
            if reader_over(get).identity(request.issuer) is None:
                raise NotFound("ISSUER_UNKNOWN", f"no identity {request.issuer}", field="issuer")
            list_key = domain_state_prefix(CREDENTIALS) + rules.list_key(request.issuer, purpose)
            bitstring = get(list_key)
        indices = set_indices(bitstring) if bitstring is not None else []
        head = self._ledger.head
        issued = datetime.fromtimestamp(head.time_us / 1e6, UTC).replace(microsecond=0)
        document = build_status_list_credential(
            list_id=status_list_url(self._ledger.genesis.origin, request.issuer, purpose),
            issuer=did_key(self._node_public),
            purpose=purpose,
            indices=indices,
            valid_from=issued,
        )
        secured = add_proof(
            document,
            self._node_key,
            verification_method=verification_method(self._node_public),
            created=issued,
        )
        return credentials_pb2.GetStatusListResponse(
            credential_json=json.dumps(secured, sort_keys=True).encode(), height=height
        )

    async def GetDidDocument(
        self, request: credentials_pb2.GetDidDocumentRequest, context: Context
    ) -> credentials_pb2.GetDidDocumentResponse:
        raw = self._ledger.domain_state(CREDENTIALS, rules.did_document_key(request.did))
        if raw is None:
            raise NotFound(
                "DID_DOCUMENT_UNKNOWN",
                f"no DID document is registered for {request.did}",
                field="did",
            )
        record = DidDocumentRecord.decode(raw)
        return credentials_pb2.GetDidDocumentResponse(
            document_json=record.document, issuer=record.issuer, entry_index=record.entry_index
        )

    async def GetIssuer(
        self, request: credentials_pb2.GetIssuerRequest, context: Context
    ) -> credentials_pb2.GetIssuerResponse:
        raw = self._ledger.domain_state(CREDENTIALS, rules.accreditation_key(request.issuer))
        return credentials_pb2.GetIssuerResponse(
            issuer=request.issuer, credential_types=sorted(decode_types(raw))
        )


_CHECK_OF = {
    VerdictStatus.REVOKED: "status",
    VerdictStatus.SUSPENDED: "status",
    VerdictStatus.MALFORMED: "status",
    VerdictStatus.UNTRUSTED_ISSUER: "trust",
    VerdictStatus.ISSUER_NOT_BOUND: "issuer_binding",
}


def _ledger_status(
    record: CredentialRecord,
    document: dict[str, object],
    identities: IdentityReader,
    verdict: Verdict,
) -> list[tuple[VerdictStatus, str]]:
    """What the ledger adds to the offline checks: current status, and that the credential's
    status entries and signing key agree with its registration."""
    found: list[tuple[VerdictStatus, str]] = []
    if record.revoked:
        found.append((VerdictStatus.REVOKED, "the issuer revoked this credential"))
    if record.suspended:
        found.append((VerdictStatus.SUSPENDED, "the issuer suspended this credential"))
    for entry in as_list(document.get("credentialStatus")):
        if (
            isinstance(entry, dict)
            and "statusListIndex" in entry
            and str(entry["statusListIndex"]) != str(record.status_index)
        ):
            found.append(
                (
                    VerdictStatus.MALFORMED,
                    f"credentialStatus index {entry['statusListIndex']} differs from the "
                    f"registered index {record.status_index}",
                )
            )
    if verdict.public_key is not None and verdict.issuer:
        issuer = identities.identity(verdict.issuer)
        key = None if issuer is None else issuer.key(verdict.public_key)
        if (
            key is not None
            and key.revoked_height is not None
            and (key.revoked_height < record.block_height)
        ):
            found.append(
                (
                    VerdictStatus.ISSUER_NOT_BOUND,
                    f"the signing key was revoked at block {key.revoked_height}, before the "
                    f"credential was registered at block {record.block_height}",
                )
            )
    return found
