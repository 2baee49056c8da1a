"""tabularium.credentials.v1.CredentialsService: verification against the ledger, status lists,
the issuer registry, and the subject's view of who checked their credentials."""

from __future__ import annotations

import asyncio
import json
import struct
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

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
from tabularium.domains.credentials.model import BASE_TYPE, CredentialRecord, decode_types
from tabularium.errors import InvalidArgument, NotFound
from tabularium.vc.dataintegrity import add_proof
from tabularium.vc.model import as_list, parse_credential_json
from tabularium.vc.statuslist import build_status_list_credential, set_indices
from tabularium.vc.verifier import Verdict, VerdictStatus, decisive_status, verify_credential

SERVICE = "/tabularium.credentials.v1.CredentialsService/"
AUTH = {
    SERVICE + "VerifyCredential": Auth.REQUIRED,
    SERVICE + "ListStatusQueries": Auth.REQUIRED,
}
MAX_CREDENTIAL_BYTES = 64 * 1024
QUERY_PREFIX = b"credentials/query/"
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
}


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
            verdict, record = self._verify(document, get)
        response = credentials_pb2.VerifyCredentialResponse(
            status=_STATUS_TO_PB[verdict.status],
            reasons=list(verdict.reasons),
            credential_hash=verdict.credential_hash or b"",
            issuer=verdict.issuer or "",
            registered=record is not None,
            entry_index=record.entry_index if record is not None else 0,
            height=height,
        )
        subjects = [
            s["id"]
            for s in as_list(document.get("credentialSubject"))
            if isinstance(s, dict) and isinstance(s.get("id"), str)
        ]
        if subjects:
            await asyncio.to_thread(self._record_query, caller, subjects, response)
        return response

    def _verify(
        self, document: dict[str, object], get: Callable[[bytes], bytes | None]
    ) -> tuple[Verdict, CredentialRecord | None]:
        identities = reader_over(get)
        prefix = domain_state_prefix(CREDENTIALS)

        def credential_state(key: bytes) -> bytes | None:
            value: bytes | None = get(prefix + key)
            return value

        def trusted(issuer: str, types: Sequence[str]) -> bool:
            accredited = set(decode_types(credential_state(rules.accreditation_key(issuer))))
            return set(types) - {BASE_TYPE} <= accredited

        def key_controlled_by(issuer: str, public_key: bytes) -> bool:
            return identities.did_of_key(public_key) == issuer

        verdict = verify_credential(
            document,
            now=datetime.now(UTC),
            trusted=trusted,
            key_controlled_by=key_controlled_by,
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
        if not found:
            return verdict, record
        status = decisive_status({verdict.status, *(s for s, _ in found)})
        reasons = (*verdict.reasons, *(r for _, r in found))
        skipped = tuple(s for s in verdict.skipped if "status" not in s)
        return (
            Verdict(
                status=status,
                reasons=reasons,
                skipped=skipped,
                issuer=verdict.issuer,
                types=verdict.types,
                verification_method=verdict.verification_method,
                public_key=verdict.public_key,
                proof_created=verdict.proof_created,
                credential_hash=verdict.credential_hash,
            ),
            record,
        )

    def _record_query(
        self,
        caller: Caller,
        subjects: list[str],
        response: credentials_pb2.VerifyCredentialResponse,
    ) -> None:
        now_us = time.time_ns() // 1000
        value = json.dumps(
            {
                "verifier": caller.identity.did,
                "time_us": now_us,
                "credential_hash": response.credential_hash.hex(),
                "issuer": response.issuer,
                "status": int(response.status),
            },
            sort_keys=True,
        ).encode()
        with self._ledger.store.write() as txn:
            for subject in sorted(set(subjects)):
                key = (
                    QUERY_PREFIX
                    + subject.encode()
                    + b"\x00"
                    + _U64.pack(now_us)
                    + caller.public_key[:8]
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

    async def GetIssuer(
        self, request: credentials_pb2.GetIssuerRequest, context: Context
    ) -> credentials_pb2.GetIssuerResponse:
        raw = self._ledger.domain_state(CREDENTIALS, rules.accreditation_key(request.issuer))
        return credentials_pb2.GetIssuerResponse(
            issuer=request.issuer, credential_types=sorted(decode_types(raw))
        )


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
                    VerdictStatus.INVALID_PROOF,
                    f"the signing key was revoked at block {key.revoked_height}, before the "
                    f"credential was registered at block {record.block_height}",
                )
            )
    return found
