#!/usr/bin/env bash
# `make run-network`: four local agencies, each `tabularium serve --consensus cometbft` (our
# process and its CometBFT child). Set up once in $1 by `tabularium network init`; gRPC on
# 127.0.0.1:26602, :26612, :26622, :26632. Ctrl-C (or SIGTERM) stops all four; if one node
# stops on its own, the others are stopped too and this exits non-zero.
set -euo pipefail
dir=${1:-network}
agencies=${2:-4}
base=${3:-26600}
bin=.venv/bin/tabularium
cometbft=.tools/cometbft-v0.38.25/cometbft

if [[ ! -f "$dir/network.json" ]]; then
    "$bin" --text-logs network init --dir "$dir" --agencies "$agencies" --base-port "$base"
fi
pids=()
stop() {
    trap - INT TERM
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
}
trap 'stop; exit 0' INT TERM
for ((i = 0; i < agencies; i++)); do
    grpc=$((base + 10 * i + 2))
    "$bin" serve --data-dir "$dir/agency-$((i + 1))" --listen "127.0.0.1:$grpc" \
        --consensus cometbft --cometbft "$cometbft" \
        2> >(sed -u "s/^/agency-$((i + 1)) /" >&2) &
    pids+=($!)
    echo "agency-$((i + 1)): gRPC 127.0.0.1:$grpc, CometBFT RPC 127.0.0.1:$((base + 10 * i + 1))" >&2
done
status=0
wait -n "${pids[@]}" || status=$?
echo "a node stopped (status $status): stopping the others" >&2
stop
exit $((status == 0 ? 1 : status))
