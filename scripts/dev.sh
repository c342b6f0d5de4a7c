#!/usr/bin/env bash
# npm run dev: Postgres and Redis (found or started), migrations, then the platform sandbox, the api
# and the worker as separate processes, and a demo workspace whose login and ingest key are printed.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/services.sh
# shellcheck disable=SC1091
source .local/services.env
# Two `npm run dev` of one checkout must not build into dist/ at the same time.
if command -v flock >/dev/null 2>&1; then flock .local/build.lock npm run --silent build; else npm run --silent build; fi
node dist/libs/core/src/database/migrate.command.js

export PORT="${PORT:-3000}"
export SANDBOX_PORT="${SANDBOX_PORT:-3900}"
export TIKTOK_API_BASE_URL="${TIKTOK_API_BASE_URL:-http://127.0.0.1:${SANDBOX_PORT}}"
export META_API_BASE_URL="${META_API_BASE_URL:-http://127.0.0.1:${SANDBOX_PORT}}"
export LOG_PRETTY="${LOG_PRETTY:-true}"

pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

node dist/apps/sandbox/src/main.js & pids+=($!)
# The sandbox forgets pixels when it stops: tell it the demo pixels and every TikTok and Meta
# connector's pixel and token from the database before the worker sends anything (docs/sandbox.md).
node dist/scripts/lib/sandbox-pixels.command.js
# The flags of `npm run start:api` (a heap cap: see docs/benchmark.md).
TRACKLAYER_ROLES=api node --max-old-space-size=256 dist/apps/api/src/main.js & pids+=($!)
TRACKLAYER_ROLES=worker node dist/apps/worker/src/main.js & pids+=($!)

node dist/scripts/lib/demo-seed.command.js
wait -n "${pids[@]}"
