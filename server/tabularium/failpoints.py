"""Fault injection for tests of failure paths (in the spirit of etcd's gofail).

Off unless the environment variable TABULARIUM_FAILPOINTS_FILE names a file; while that file
lists a failpoint's name (one per line), ``check(name)`` raises OSError there. The file is
read at each check, so a test can switch a failpoint on and off in a running node.

Failpoints: ``block-commit`` (before a block's durable write: the block, and every
transaction in it, fails with UNAVAILABLE COMMIT_FAILED); ``vault-before-submit`` (after an
upload's content is stored, before its transaction is submitted: stands for a crash there).
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "TABULARIUM_FAILPOINTS_FILE"


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
