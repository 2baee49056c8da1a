"""Fault injection for tests of failure paths (in the spirit of etcd's gofail).

Off unless the environment variable TABULARIUM_FAILPOINTS_FILE names a file; while that file
lists a failpoint's name (one per line), ``check(name)`` raises OSError there. The file is
read at each check, so a test can switch a failpoint on and off in a running node.

Failpoints: ``block-commit`` (before a block's durable write: the block, and every
transaction in it, fails with UNAVAILABLE COMMIT_FAILED); ``vault-before-submit`` (after an
upload's content is stored, before its transaction is submitted: stands for a crash there).

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
    path = os.environ.get(ENV)
    if not path:
        return
    try:
        active = Path(path).read_text().split()
    except FileNotFoundError:
        return
    if name in active:
        raise OSError(f"failpoint {name} is active ({ENV}={path})")


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
