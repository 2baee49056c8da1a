"""What other domains' rules check of the vault: that a document exists, is owned by a given
organisation and is not erased, and that a grant lets a given party read it. Read-only: the
rules of other domains never write vault state."""

from __future__ import annotations

from tabularium.chain.actions import ActionContext, StateView
from tabularium.domains.vault import NAMESPACE
from tabularium.domains.vault import rules as vault_rules
from tabularium.errors import FailedPrecondition, InvalidArgument, NotFound

ID_SIZE = 16


class _ReadOnly:
    def __init__(self, ctx: ActionContext) -> None:
        self._ctx = ctx

    def get(self, key: bytes) -> bytes | None:
        return self._ctx.read_domain(NAMESPACE, key)

    def put(self, key: bytes, value: bytes) -> None:
        raise AssertionError("other domains' rules never write vault state")

    def delete(self, key: bytes) -> None:
        raise AssertionError("other domains' rules never write vault state")


def vault_view(ctx: ActionContext) -> StateView:
    """The vault's state as this transaction sees it, read-only."""
    return _ReadOnly(ctx)


def _id(value: bytes, field: str) -> None:
    if len(value) != ID_SIZE:
        raise InvalidArgument("BAD_ID", f"{field} must be a {ID_SIZE}-byte id", field=field)


def require_document(ctx: ActionContext, document: bytes, owner: str, field: str) -> None:
    """The vault document exists, is owned by ``owner`` and is not erased."""
    _id(document, field)
    try:
        record = vault_rules.load_document(vault_view(ctx), document)
    except NotFound:
        raise FailedPrecondition(
            "VAULT_DOCUMENT_MISSING",
            f"{field} {document.hex()} is not a vault document: store it with PutDocument first",
            metadata={"document": document.hex()},
        ) from None
    if record.owner != owner:
        raise FailedPrecondition(
            "VAULT_DOCUMENT_NOT_OWNED",
            f"vault document {document.hex()} belongs to {record.owner}, not {owner}",
            metadata={"document": document.hex()},
        )
    if record.erasure is not None:
        raise FailedPrecondition(
            "VAULT_DOCUMENT_ERASED", f"vault document {document.hex()} has been erased"
        )


def require_grant(
    ctx: ActionContext, grant_id: bytes, document: bytes, grantee: str, reason: str, field: str
) -> None:
    """``grant_id`` is a live vault grant letting ``grantee`` read ``document``; else
    FAILED_PRECONDITION ``reason``."""
    _id(grant_id, field)
    try:
        grant = vault_rules.load_grant(vault_view(ctx), grant_id)
    except NotFound:
        raise FailedPrecondition(reason, f"{field} is not a vault grant", field=field) from None
    if grant.document_id != document or grant.grantee != grantee or grant.revoked_at_height:
        raise FailedPrecondition(
            reason,
            f"grant {grant_id.hex()} does not let {grantee} read document {document.hex()}",
            field=field,
        )
