#!/usr/bin/env bash
# Generate the Go code from proto/ into OUT/gen (default OUT: clients/go) with `buf generate`,
# the template clients/go/buf.gen.yaml and the pinned local plugins in .tools/go/bin (installed
# by mk/clients-go.mk). No remote plugins.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$here}
rm -rf "$out/gen"
cd "$root/proto"
PATH="$root/.tools/go/bin:$PATH" "$root/.tools/node_modules/.bin/buf" generate \
  --template "$here/buf.gen.yaml" -o "$out"
