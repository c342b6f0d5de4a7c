#!/usr/bin/env bash
# bash bench/sql/click-ids-row-cost.sh: the click id store's cost per event, rows per identity and
# kind against one row per identity (bench/sql/click-ids-row-cost.ts says what and how), on a
# fresh database migrated with TrackLayer's migrations. ROUNDS (3) alternate the two.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/services.sh >/dev/null
# shellcheck disable=SC1091
source .local/services.env
ADMIN_URL="${DATABASE_URL%/*}/postgres"
DB="tracklayer_clickids_$(date -u +%Y%m%d%H%M%S)"
URL="${DATABASE_URL%/*}/$DB"
# Inside the repository, so the compiled files find node_modules.
BUILD=".local/click-ids-cost-build-$$"
cleanup() {
  psql "$ADMIN_URL" -qc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
  rm -rf "$BUILD"
}
trap cleanup EXIT
npx swc libs migrations bench/sql -d "$BUILD" --config-file .swcrc -q
psql "$ADMIN_URL" -qc "CREATE DATABASE $DB"
DATABASE_URL="$URL" node "$BUILD/libs/core/src/database/migrate.command.js" >/dev/null
DATABASE_URL="$URL" node "$BUILD/bench/sql/click-ids-row-cost.js"
