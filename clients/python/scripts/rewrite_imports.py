"""Rewrite module references of generated stubs from `tabularium.<area>.v1` to
`tabularium_client.pb.<area>.v1` in every .py and .pyi file under the folder given.

Only Python module paths change: `from tabularium.X.v1 import` and dotted names ending in a
`_pb2` / `_pb2_grpc` module. Proto names (`tabularium.ledger.v1.Receipt`), RPC paths
(`/tabularium.ledger.v1.LedgerService/...`) and type URLs do not end in `_pb2`, so they stay.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PACKAGE = "tabularium_client.pb"
FROM_IMPORT = re.compile(r"^from tabularium\.(\w+)\.v1 import ", re.MULTILINE)
MODULE_PATH = re.compile(r"\btabularium\.(\w+)\.v1\.(\w+_pb2(?:_grpc)?)\b")
INIT = '"""Generated from proto/ by clients/python/scripts/gen_protos.sh (make protos)."""\n'


def rewrite(text: str) -> str:
    text = FROM_IMPORT.sub(rf"from {PACKAGE}.\1.v1 import ", text)
    return MODULE_PATH.sub(rf"{PACKAGE}.\1.v1.\2", text)


def main(root: Path) -> None:
    for path in sorted(root.rglob("*.py*")):
        if path.suffix in (".py", ".pyi"):
            path.write_text(rewrite(path.read_text()))
    (root / "__init__.py").write_text(INIT)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
