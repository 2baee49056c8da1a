#!/usr/bin/env bash
# Install the pinned CometBFT and abci-cli into a project-local folder with `go install`, only
# when a binary is missing, then check that each reports the pinned version.
#
#   scripts/install_cometbft.sh VERSION DIR GO_MIN     e.g. v0.38.25 .tools/cometbft-v0.38.25 1.22.11
#
# Never @latest: it resolves to v1.0.1, whose ABCI (cometbft.abci.v1) cannot talk to a v0.38 app.
set -euo pipefail
version=$1 dir=$2 go_min=$3
want=${version#v}

command -v go >/dev/null || {
  echo "go not found: the CometBFT tests need Go >= $go_min (https://go.dev/dl/); make run does not" >&2
  exit 1
}
have=$(go env GOVERSION)  # e.g. go1.26.8
have=${have#go}
if [ "$(printf '%s\n%s\n' "$go_min" "$have" | sort -V | head -n1)" != "$go_min" ]; then
  echo "Go $have is too old: building CometBFT $version needs Go >= $go_min" >&2
  exit 1
fi

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
if [ ! -x "$dir/cometbft" ]; then
  echo "installing cometbft $version into $dir" >&2
  GOBIN="$dir" go install "github.com/cometbft/cometbft/cmd/cometbft@$version"
fi
if [ ! -x "$dir/abci-cli" ]; then
  echo "installing abci-cli $version into $dir" >&2
  GOBIN="$dir" go install "github.com/cometbft/cometbft/abci/cmd/abci-cli@$version"
fi

got=$("$dir/cometbft" version)
if [ "$got" != "$want" ]; then
  echo "$dir/cometbft reports version '$got', want '$want'; delete it and run again" >&2
  exit 1
fi
# abci-cli prints the ABCI protocol version, not the release: 2.0.0 is ABCI 2.0 (v0.38).
got=$("$dir/abci-cli" version)
if [ "$got" != "2.0.0" ]; then
  echo "$dir/abci-cli reports ABCI '$got', want '2.0.0'; delete it and run again" >&2
  exit 1
fi
echo "$want" > "$dir/VERSION"
