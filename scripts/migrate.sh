#!/usr/bin/env bash
# npm run migrate [-- --revert]: creates the database if missing and applies pending migrations.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${DATABASE_URL:-}" ] && [ -f .local/services.env ]; then
  # shellcheck disable=SC1091
  source .local/services.env
fi
npm run --silent build
node dist/libs/core/src/database/migrate.command.js "$@"
