#!/usr/bin/env bash
# npm run dev: Postgres and Redis (found or started), migrations, then the platform sandbox, the api
# and the worker as separate processes, and a demo workspace whose login and ingest key are printed.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/services.sh
# shellcheck disable=SC1091
source .local/services.env
npm run --silent build
node dist/libs/core/src/database/migrate.command.js

export PORT="${PORT:-3000}"
export SANDBOX_PORT="${SANDBOX_PORT:-3900}"
export TIKTOK_API_BASE_URL="${TIKTOK_API_BASE_URL:-http://127.0.0.1:${SANDBOX_PORT}}"
export LOG_PRETTY="${LOG_PRETTY:-true}"

pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

node dist/apps/sandbox/src/main.js & pids+=($!)
# The flags of `npm run start:api` (a heap cap: see docs/benchmark.md).
TRACKLAYER_ROLES=api node --max-old-space-size=256 dist/apps/api/src/main.js & pids+=($!)
TRACKLAYER_ROLES=worker node dist/apps/worker/src/main.js & pids+=($!)

node dist/scripts/lib/demo-seed.command.js
wait -n "${pids[@]}"
