"""tabularium.identity.v1.IdentityService."""

from __future__ import annotations

from tabularium.api.context import Context
from tabularium.api.convert.identity import event_to_pb, identity_to_pb
from tabularium.api.interceptors.authentication import Auth, current_caller, require_caller
from tabularium.chain.identity import NAMESPACE, IdentityReader, IdentityRecord
from tabularium.chain.ledger import Ledger
from tabularium.errors import InvalidArgument, NotFound, OutOfRange, PermissionDenied
from tabularium.identity.v1 import identity_pb2, identity_pb2_grpc

SERVICE = "/tabularium.identity.v1.IdentityService/"
AUTH = {
    SERVICE + "ResolveIdentity": Auth.OPTIONAL,
    SERVICE + "GetIdentityHistory": Auth.OPTIONAL,
}
# Roles in the root organisation that may resolve any citizen.
CITIZEN_READERS = ("admin", "registrar")


class IdentityServicer(identity_pb2_grpc.IdentityServiceServicer):
    def __init__(self, ledger: Ledger) -> None:
        self._ledger = ledger

    async def ResolveIdentity(
        self, request: identity_pb2.ResolveIdentityRequest, context: Context
    ) -> identity_pb2.ResolveIdentityResponse:
        with self._ledger.domain_snapshot(NAMESPACE) as (get, head):
            reader = IdentityReader(get)
            record = _find(reader, request.did)
            height = request.at_height or head
            if height > head:
                raise OutOfRange(
                    "HEIGHT_IN_FUTURE", f"height {height} is beyond the latest block {head}"
                )
            _check_may_read(reader, record)
            as_of = reader.at_height(record.did, height)
            if as_of is None:
                raise NotFound(
                    "IDENTITY_NOT_FOUND",
                    f"{record.did} was registered at block {record.registered_height}, "
                    f"after {height}",
                )
        return identity_pb2.ResolveIdentityResponse(identity=identity_to_pb(as_of), height=height)

    async def GetIdentityHistory(
        self, request: identity_pb2.GetIdentityHistoryRequest, context: Context
    ) -> identity_pb2.GetIdentityHistoryResponse:
        with self._ledger.domain_snapshot(NAMESPACE) as (get, _):
            reader = IdentityReader(get)
            record = _find(reader, request.did)
            _check_may_read(reader, record)
            events = []
            for version in range(1, record.version + 1):
                event = reader.history(record.did, version)
                assert event is not None
                events.append(event_to_pb(event))
        return identity_pb2.GetIdentityHistoryResponse(events=events)

    async def GetPolicy(
        self, request: identity_pb2.GetPolicyRequest, context: Context
    ) -> identity_pb2.GetPolicyResponse:
        with self._ledger.domain_snapshot(NAMESPACE) as (get, _):
            reader = IdentityReader(get)
            found = reader.policy(request.action_type_url, request.organization or reader.root())
        if found is None:
            raise NotFound(
                "POLICY_NOT_FOUND",
                f"no policy governs {request.action_type_url!r}: nobody may submit it",
                field="action_type_url",
            )
        policy, scope = found
        return identity_pb2.GetPolicyResponse(
            action_type_url=request.action_type_url,
            organization=scope,
            roles=sorted(policy.roles),
            threshold=policy.threshold,
        )


def _find(reader: IdentityReader, did: str) -> IdentityRecord:
    if not did.startswith("did:key:"):
        raise InvalidArgument("DID_INVALID", f"{did!r} is not a did:key identifier", field="did")
    record = reader.resolve(did)
    if record is None:
        raise NotFound("IDENTITY_NOT_FOUND", f"no identity holds or held {did}", field="did")
    return record


def _check_may_read(reader: IdentityReader, record: IdentityRecord) -> None:
    """Citizens are private: only the citizen and the root's admins and registrars see them."""
    if record.kind != "citizen":
        return
    caller = current_caller() or require_caller()
    root = reader.root()
    me = caller.identity
    if me.did == record.did or me.did == root:
        return
    if any(me.has_role(root, role) for role in CITIZEN_READERS):
        return
    raise PermissionDenied(
        "PRIVATE_IDENTITY",
        f"{me.did} may not resolve citizen {record.did}: only the citizen and the root "
        "organisation's admins and registrars may",
    )
