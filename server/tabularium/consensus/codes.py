"""ABCI result codes: one stable table from our error classes to ``code`` (``codespace``
"tabularium", ``log`` = the error's reason).

The code is the gRPC status number of the DESIGN §6 class the error belongs to, so a client of
CometBFT's RPC and a gRPC client see the same class. ``ExecTxResult.code`` enters the next
block header's ``last_results_hash``, so renumbering ``errors.CODE_NUMBERS`` (the google.rpc.Code
numbers) would be a consensus change.
"""

from __future__ import annotations

from tabularium.errors import CODE_NUMBERS, DomainError

CODESPACE = "tabularium"
OK = 0


def code_of(error: DomainError) -> int:
    """The ABCI code of ``error`` (INTERNAL's for a class outside the table)."""
    return CODE_NUMBERS.get(error.code, CODE_NUMBERS["INTERNAL"])
