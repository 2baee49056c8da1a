#!/usr/bin/env bash
# Generate the client's own stubs from proto/ into OUT (default: src/tabularium_client/pb).
#
# The server owns the import package `tabularium`, so the stubs the server's generator writes
# (`tabularium.ledger.v1.ledger_pb2`, ...) are moved under `tabularium_client.pb` and every
# Python module reference to them is rewritten (imports, type annotations, the module names
# passed to the protobuf builder). Proto package names, type URLs and RPC paths are untouched:
# on the wire the client speaks exactly `tabularium.ledger.v1`. Same pinned grpcio-tools and
# mypy-protobuf as the server, so the output is reproducible.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$here/src/tabularium_client/pb}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$root/scripts/gen_protos.sh" "$tmp/gen" >/dev/null
rm -rf "$out"
mkdir -p "$out"
cp -R "$tmp/gen/tabularium/." "$out/"
"$root/.venv/bin/python" "$here/scripts/rewrite_imports.py" "$out"
