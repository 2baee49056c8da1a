"""Error hierarchy shared by every layer of Tabularium.

This module imports nothing from the rest of the package. Each ``DomainError`` carries the
canonical gRPC status name it maps to and an UPPER_SNAKE_CASE ``reason``; only
``tabularium.api.status`` turns them into wire statuses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class TabulariumError(Exception):
    """Base class of every error raised on purpose by Tabularium."""


class InvalidProof(TabulariumError):
    """A Merkle inclusion or consistency proof does not verify. The message says why."""


class InvalidSignature(TabulariumError):
    """An Ed25519 signature does not verify under the given public key and message."""


class DomainError(TabulariumError):
    """A failure a user can cause, with the gRPC code and reason it maps to.

    ``code`` is the name of a ``grpc.StatusCode`` member (e.g. ``"INVALID_ARGUMENT"``), kept as a
    string so this module needs no gRPC import. ``metadata`` goes into ``ErrorInfo.metadata``;
    ``field`` names the offending request field for ``BadRequest`` details; ``violations``
    become ``PreconditionFailure`` details.
    """

    code = "INTERNAL"

    def __init__(
        self,
        reason: str,
        message: str,
        *,
        metadata: Mapping[str, str] | None = None,
        field: str | None = None,
        violations: Sequence[tuple[str, str, str]] = (),
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.metadata: dict[str, str] = dict(metadata or {})
        self.field = field
        # (type, subject, description) triples for a google.rpc.PreconditionFailure.
        self.violations: tuple[tuple[str, str, str], ...] = tuple(violations)

    def with_metadata(self, **extra: str) -> DomainError:
        """Return this error with more ``ErrorInfo`` metadata (e.g. the entry index)."""
        self.metadata.update(extra)
        return self


class InvalidArgument(DomainError):
    code = "INVALID_ARGUMENT"


class Unauthenticated(DomainError):
    code = "UNAUTHENTICATED"


class PermissionDenied(DomainError):
    code = "PERMISSION_DENIED"


class NotFound(DomainError):
    code = "NOT_FOUND"


class AlreadyExists(DomainError):
    code = "ALREADY_EXISTS"


class FailedPrecondition(DomainError):
    code = "FAILED_PRECONDITION"


class ResourceExhausted(DomainError):
    code = "RESOURCE_EXHAUSTED"


class Unavailable(DomainError):
    code = "UNAVAILABLE"


class DeadlineExceeded(DomainError):
    code = "DEADLINE_EXCEEDED"


class Internal(DomainError):
    """A bug, not a rule: e.g. a domain handler that raised something unexpected."""

    code = "INTERNAL"


class Replay(TabulariumError):
    """Raised by a handler whose action repeats an earlier one under an idempotency key (same
    key, same payload): not a refusal. The executor writes nothing, logs no entry and answers
    with the receipt of the original transaction ``tx_hash`` (entry ``entry_index``)."""

    def __init__(self, tx_hash: bytes, entry_index: int) -> None:
        super().__init__(f"repeats entry {entry_index}")
        self.tx_hash = tx_hash
        self.entry_index = entry_index


class DataCorruption(TabulariumError):
    """Stored data does not match what was committed (found by ``tabularium verify``)."""


class OutOfRange(DomainError):
    code = "OUT_OF_RANGE"


# google.rpc.Code numbers of the canonical status codes, so results can be stored without gRPC.
CODE_NUMBERS: dict[str, int] = {
    "OK": 0,
    "CANCELLED": 1,
    "UNKNOWN": 2,
    "INVALID_ARGUMENT": 3,
    "DEADLINE_EXCEEDED": 4,
    "NOT_FOUND": 5,
    "ALREADY_EXISTS": 6,
    "PERMISSION_DENIED": 7,
    "RESOURCE_EXHAUSTED": 8,
    "FAILED_PRECONDITION": 9,
    "ABORTED": 10,
    "OUT_OF_RANGE": 11,
    "UNIMPLEMENTED": 12,
    "INTERNAL": 13,
    "UNAVAILABLE": 14,
    "DATA_LOSS": 15,
    "UNAUTHENTICATED": 16,
}


def error_for_code(
    code: int, reason: str, message: str, metadata: Mapping[str, str] | None = None
) -> DomainError:
    """Rebuild a DomainError from a stored google.rpc.Code number, reason and message."""
    name = next((n for n, number in CODE_NUMBERS.items() if number == code), "INTERNAL")
    cls = next((c for c in _ALL_ERRORS if c.code == name), DomainError)
    return cls(reason, message, metadata=metadata)


_ALL_ERRORS: tuple[type[DomainError], ...] = (
    Internal,
    InvalidArgument,
    Unauthenticated,
    PermissionDenied,
    NotFound,
    AlreadyExists,
    FailedPrecondition,
    ResourceExhausted,
    Unavailable,
    DeadlineExceeded,
    OutOfRange,
)
