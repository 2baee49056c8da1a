"""Fault injection for tests of failure paths (in the spirit of etcd's gofail).

Off unless the environment variable TABULARIUM_FAILPOINTS_FILE names a file; while that file
lists a failpoint's name (one per line), ``check(name)`` raises OSError there. The file is
read at each check, so a test can switch a failpoint on and off in a running node.

Failpoints: ``block-commit`` (before a block's durable write: the block, and every
transaction in it, fails with UNAVAILABLE COMMIT_FAILED); ``vault-before-submit`` (after an
upload's content is stored, before its transaction is submitted: stands for a crash there).

Crash points (``crash(name)``: the process ends at once with status 86, as under ``kill -9``:
no cleanup, no answer): ``abci-after-finalize`` (a replicated node executed FinalizeBlock but
has not answered it), ``abci-after-commit`` (Commit's LMDB write is durable, the answer to
CometBFT not sent).

Clock: while the file named by TABULARIUM_CLOCK_OFFSET_FILE holds an integer, block times are
the wall clock plus that many seconds (never earlier than the last block's), so tests of rules
measured in days of block time run without waiting. Off unless the variable is set.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "TABULARIUM_FAILPOINTS_FILE"
CLOCK_ENV = "TABULARIUM_CLOCK_OFFSET_FILE"


def check(name: str) -> None:
    if _active(name):
        raise OSError(f"failpoint {name} is active ({ENV}={os.environ.get(ENV)})")


CRASH_STATUS = 86


def _active(name: str) -> bool:
    path = os.environ.get(ENV)
    if not path:
        return False
    try:
        return name in Path(path).read_text().split()
    except FileNotFoundError:
        return False


def crash(name: str) -> None:
    """End the process at once, like ``kill -9``, while the failpoint ``name`` is active."""
    if _active(name):
        os._exit(CRASH_STATUS)


def clock_offset_us() -> int:
    """The test clock offset in microseconds (0 unless TABULARIUM_CLOCK_OFFSET_FILE is set)."""
    path = os.environ.get(CLOCK_ENV)
    if not path:
        return 0
    try:
        text = Path(path).read_text().strip()
    except FileNotFoundError:
        return 0
    return int(text) * 1_000_000 if text else 0
