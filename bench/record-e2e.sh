#!/usr/bin/env bash
# End-to-end recording benchmark: the simulator in one process, the whole recorder (archiving on) in another, then the
# harness's report (frames/s, CPU per frame, RSS, receive→applied latency, machine reference).
#
#   bench/record-e2e.sh MARKETS RATE SECONDS WARMUP [--placement one-core|shared] [-- record-throughput flags]
#
#   bench/record-e2e.sh 1000 30000 30 40                 # 10× (2,000 assets on 11 connections)
#   bench/record-e2e.sh 150000 30000 30 360              # full universe (300,000 assets on 1,501 connections)
#
# Placement one-core (the default) runs the simulator on CPU 0 and the recorder on CPU 1, as a deployed recorder has
# a core of its own and the venue is remote; shared lets the scheduler spread both over every core (BENCHMARKS.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [[ $# -lt 4 ]]; then
  sed -n '5,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,3\}//' >&2
  exit 64
fi

markets=$1 rate=$2 seconds=$3 warmup=$4
shift 4
placement=one-core
if [[ "${1:-}" == --placement ]]; then
  placement=${2:?--placement needs one-core or shared}
  shift 2
fi
[[ "${1:-}" == -- ]] && shift

case $placement in
  one-core)
    if [[ $(nproc) -lt 2 ]]; then
      echo "record-e2e: one-core placement needs two CPUs; use --placement shared" >&2
      exit 64
    fi
    simulator_cpu=(taskset -c 0) recorder_cpu=(taskset -c 1) ;;
  shared) simulator_cpu=() recorder_cpu=() ;;
  *) echo "record-e2e: unknown placement '$placement' (one-core or shared)" >&2; exit 64 ;;
esac

echo "record-e2e: building (Release)…" >&2
dotnet build "$root/src/Polytape.Cli/Polytape.Cli.csproj" -c Release -o "$root/artifacts/cli" --nologo -v quiet -clp:ErrorsOnly >&2
dotnet build "$root/bench/Polytape.Benchmarks" -c Release --nologo -v quiet -clp:ErrorsOnly >&2

port=$((20000 + RANDOM % 20000))
log=$(mktemp -t polytape-simulator.XXXXXX.log)
"${simulator_cpu[@]}" dotnet "$root/artifacts/cli/polytape.dll" simulate --port "$port" --markets "$markets" --rate "$rate" --tick-ms 10 >"$log" 2>&1 &
simulator=$!
trap 'kill $simulator 2>/dev/null || true' EXIT

echo "record-e2e: simulator on port $port ($markets markets, $rate events/s, placement $placement; its log: $log)" >&2
until curl -sf "http://127.0.0.1:$port/markets?limit=1" >/dev/null; do
  if ! kill -0 $simulator 2>/dev/null; then
    echo "record-e2e: the simulator exited; its log:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.5
done

"${recorder_cpu[@]}" dotnet "$root/bench/Polytape.Benchmarks/bin/Release/net10.0/Polytape.Benchmarks.dll" \
  record-throughput "http://127.0.0.1:$port/" "$seconds" "$warmup" 200 "$@"
