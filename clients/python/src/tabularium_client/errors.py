"""Errors raised by the client. Verification failures carry a category shared by all clients."""

from __future__ import annotations

from collections.abc import Mapping

import grpc

# Verification categories, spelled as in tests/vectors/clients/README.md ("want_err").
VERIFIER_KEY_INVALID = "VERIFIER_KEY_INVALID"
TX_HASH_MISMATCH = "TX_HASH_MISMATCH"
CHECKPOINT_MALFORMED = "CHECKPOINT_MALFORMED"
CHECKPOINT_WRONG_ORIGIN = "CHECKPOINT_WRONG_ORIGIN"
BAD_CHECKPOINT_SIGNATURE = "BAD_CHECKPOINT_SIGNATURE"
INCLUSION_PROOF_INVALID = "INCLUSION_PROOF_INVALID"
CONSISTENCY_PROOF_INVALID = "CONSISTENCY_PROOF_INVALID"
TX_MALFORMED = "TX_MALFORMED"
SIGNATURE_MALFORMED = "SIGNATURE_MALFORMED"
SIGNER_NOT_LISTED = "SIGNER_NOT_LISTED"
SIGNATURE_DUPLICATED = "SIGNATURE_DUPLICATED"
SIGNATURE_MISSING = "SIGNATURE_MISSING"
BAD_SIGNATURE = "BAD_SIGNATURE"


class ClientError(Exception):
    """Base class of every error the client raises on purpose."""


class VerificationError(ClientError):
    """Offline verification failed. ``category`` names the step (e.g. INCLUSION_PROOF_INVALID)."""

    def __init__(self, category: str, message: str) -> None:
        super().__init__(f"{category}: {message}")
        self.category = category
        self.message = message


class RpcFailed(ClientError):
    """A call failed with a gRPC status; ``reason`` and ``metadata`` come from its ErrorInfo.

    For a transaction that was logged as a refusal (not authorized, or a domain rule),
    ``entry_index`` is the refusal's position in the log.
    """

    def __init__(
        self,
        code: grpc.StatusCode,
        message: str,
        reason: str = "",
        metadata: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(f"{code.name} {reason or '-'}: {message}")
        self.code = code
        self.message = message
        self.reason = reason
        self.metadata: dict[str, str] = dict(metadata or {})

    @property
    def entry_index(self) -> int | None:
        value = self.metadata.get("entry_index")
        return int(value) if value is not None else None
