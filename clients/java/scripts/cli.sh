#!/usr/bin/env bash
# The Java client's CLI (see src/main/java/org/tabularium/client/Cli.java):
#   cli.sh notarize --server HOST:PORT --key KEY.pem --chain-id ID --sha256 HEX --out RECEIPT.json
#   cli.sh verify-receipt --log-key KEY --receipt RECEIPT.json [--origin O]
# Compiles with Maven (repository-local cache .tools/m2) on first use or when a source changed.
set -euo pipefail
dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
root=$(cd "$dir/../.." && pwd)
classpath="$dir/target/classpath.txt"
if [ ! -f "$classpath" ] || [ ! -d "$dir/target/classes" ] \
  || [ -n "$(find "$dir/src/main" "$dir/pom.xml" -newer "$classpath" -print -quit)" ]; then
  mvn -B -q -Dstyle.color=never -Dmaven.repo.local="$root/.tools/m2" -f "$dir/pom.xml" \
    compile dependency:build-classpath@classpath >&2
fi
exec java -cp "$dir/target/classes:$(cat "$classpath")" org.tabularium.client.Cli "$@"
