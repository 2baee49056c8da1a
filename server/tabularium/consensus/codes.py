"""ABCI result codes: one stable table from our error classes to ``code`` (``codespace``
"tabularium", ``log`` = the error's reason).

The code is the gRPC status number of the DESIGN §6 class the error belongs to, so a client of
CometBFT's RPC and a gRPC client see the same class. ``ExecTxResult.code`` enters the next
block header's ``last_results_hash``, so renumbering is a consensus change: never edit a row.
"""

from __future__ import annotations

from tabularium.errors import DomainError

CODESPACE = "tabularium"
OK = 0
# The gRPC status numbers (grpc/status.proto), fixed here so this table does not move if a
# library changes.
CODES: dict[str, int] = {
    "CANCELLED": 1,
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
    "UNAUTHENTICATED": 16,
}


def code_of(error: DomainError) -> int:
    """The ABCI code of ``error`` (INTERNAL's for a class outside the table)."""
    return CODES.get(error.code, CODES["INTERNAL"])
