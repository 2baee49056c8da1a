#!/usr/bin/env bash
# Generate Python message, gRPC and type stubs from proto/ into OUT (default: server).
# Uses the pinned grpcio-tools and mypy-protobuf from .venv, so output is reproducible.
set -euo pipefail
out=${1:-server}
cd "$(dirname "$0")/.."
py=.venv/bin/python
mapfile -t files < <(cd proto && find tabularium -name '*.proto' | LC_ALL=C sort)
wkt=$($py -c 'import grpc_tools, os; print(os.path.join(os.path.dirname(grpc_tools.__file__), "_proto"))')
mkdir -p "$out"
$py -m grpc_tools.protoc -Iproto -I"$wkt" \
  --python_out="$out" --grpc_python_out="$out" \
  --plugin=protoc-gen-mypy=.venv/bin/protoc-gen-mypy --mypy_out=quiet:"$out" \
  --plugin=protoc-gen-mypy_grpc=.venv/bin/protoc-gen-mypy_grpc --mypy_grpc_out=quiet:"$out" \
  "${files[@]}"
# Make every generated directory a regular package.
for f in "${files[@]}"; do
  d=$(dirname "$f")
  while [ "$d" != "tabularium" ] && [ "$d" != "." ]; do
    touch "$out/$d/__init__.py"
    d=$(dirname "$d")
  done
done
