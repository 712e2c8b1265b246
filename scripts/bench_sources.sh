#!/usr/bin/env bash
# Throughput of `copydesk sources` against `copydesk check --format json` on the same generated
# archive, side by side in one hyperfine run (apt install hyperfine).
#   scripts/bench_sources.sh [N=100000] [DIR=/tmp/copydesk-archive-N]
# Uses target/release/copydesk (cargo build --release first). The archive is generated once by
# scripts/gen_archive.py and reused. Compare the CPU times (User + System) as well as the wall
# times: on a loaded machine the wall time is mostly waiting for a core.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
DIR=${2:-/tmp/copydesk-archive-$N}
BIN=$PWD/target/release/copydesk
[ -x "$BIN" ] || { echo "build first: cargo build --release" >&2; exit 1; }
[ -d "$DIR" ] || python3 scripts/gen_archive.py "$N" "$DIR"
hyperfine -N --warmup 1 --runs "${RUNS:-3}" \
  "$BIN check --format json $DIR" \
  "$BIN sources --format json $DIR"
