#!/usr/bin/env bash
# npm run bench [-- --profile [single|batch]]: the benchmark of issue 7 (docs/benchmark.md).
# Baseline node:http + pg server vs TrackLayer's ingest, then delivery of 50,000 events to TikTok
# with one and two workers and to Meta with one, in a fresh database (tracklayer_bench_<time>,
# dropped at the end) and a fresh Redis key prefix. Prints the table and writes bench/results/latest.json.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/services.sh
# shellcheck disable=SC1091
source .local/services.env

# The same sources and .swcrc as `npm run build` (the production build), plus bench/, compiled
# into a directory of the bench's own: the machine is shared, and another `npm run build`
# (rm -rf dist) during the run must not pull files from under the worker processes it starts later.
BUILD_DIR=.local/bench-build
rm -rf "$BUILD_DIR"
npx swc apps libs migrations scripts/lib bench -d "$BUILD_DIR" --config-file .swcrc -q

# The runner cleans up after itself (children, database, Redis keys) on exit and Ctrl-C. This trap
# is the backstop when it cannot: it stops whatever child it last recorded, by pid.
BENCH_PID_FILE="$(mktemp -t tracklayer-bench-pids.XXXXXX)"
export BENCH_PID_FILE
runner=""
cleanup() {
  trap - EXIT INT TERM
  if [ -n "$runner" ] && kill -0 "$runner" 2>/dev/null; then
    kill -TERM "$runner" 2>/dev/null || true
    wait "$runner" 2>/dev/null || true
  fi
  while read -r pid; do
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
  done <"$BENCH_PID_FILE"
  rm -f "$BENCH_PID_FILE"
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

node "$BUILD_DIR/bench/run-bench.js" "$@" &
runner=$!
wait "$runner"
