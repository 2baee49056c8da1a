#!/usr/bin/env bash
# The Java client's CLI (see src/main/java/org/tabularium/client/Cli.java):
#   cli.sh notarize --server HOST:PORT --key KEY.pem --chain-id ID --sha256 HEX --out RECEIPT.json
#   cli.sh verify-receipt --log-key KEY --receipt RECEIPT.json [--origin O]
#   cli.sh vault-put --server HOST:PORT --key KEY.pem --chain-id ID --owner DID --file PATH \
#                    --media-type TYPE --out RESULT.json
#     writes RESULT.json {"document_id", "version", "entry_index", "salt", "sha256"}
#   cli.sh vault-get --server HOST:PORT --key KEY.pem --chain-id ID --document HEX --grant HEX \
#                    --purpose TEXT --out PATH [--export]
#     writes the plaintext to PATH, prints {"entry_index", "tx_hash", "size", "sha256"}
#   cli.sh land-consent --server HOST:PORT --key KEY.pem --chain-id ID --transfer HEX32 --deed HEX64 \
#                       --out RECEIPT.json
#     signs and submits a ConsentTransfer; writes the receipt like notarize
#   cli.sh land-rights --server HOST:PORT --parcel ID [--at-height N]
#     prints {"height": N, "owners": {"<party DID>": "n/d", ...}} (ownership shares)
#   cli.sh tax-pay --server HOST:PORT --key KEY.pem --chain-id ID --office DID --idempotency-key K \
#                  --amount MINOR_UNITS --currency EUR --value-date YYYY-MM-DD --reference RF... \
#                  [--account HEX32] [--end-to-end-id X] --out RECEIPT.json
#     signs and submits a booked RecordPayment; writes the receipt like notarize
#   cli.sh pharma-verify --server HOST:PORT --key KEY.pem --chain-id ID --organisation DID --site GLN \
#                        --product-key FILE --scan ELEMENT_STRING [--out RECEIPT.json]
#   cli.sh pharma-decommission (the same flags) --reason supplied|destroyed|...|locked
#     reads the GS1 element string (]d2, AIs 01 17 10 21), signs a VerifyPack / DecommissionPack
#     under the pack key, submits it through PharmaService.SubmitScans and prints one JSON line
#     {"code", "reason", "message", "entry_index", "status", "owner", "alert_ids", "pack_key"};
#     exit 0 if code is OK, 1 otherwise, 2 if the scan or product key cannot be used
#   cli.sh verify-presentation --file VP.json --challenge C --domain D --now RFC3339 [--bind PARTY=DID ...]
#   cli.sh verify-credential --file VC.json --now RFC3339 [--bind PARTY=DID ...]
#     offline (tests/vectors/presentations): prints {"status", "checks", "reasons", "credentials"};
#     exits 0 only for VALID
#   Vault, land and tax commands print a refusal as one JSON line {"error": "CODE: details",
#   "reason": R} on stdout and exit 1.
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
