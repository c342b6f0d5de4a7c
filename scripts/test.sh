#!/usr/bin/env bash
# npm test: everything CI runs. Services first (found or started), then types, lint, and every
# unit and e2e test against real Postgres, Redis and the platform sandbox.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/services.sh
# shellcheck disable=SC1091
source .local/services.env

# The browser tests drive Chromium: found, installed (root + apt-get) or named as the one command to run.
CHROMIUM_PATH="$(bash scripts/browser.sh)"
export CHROMIUM_PATH

echo "test: typecheck"
npm run --silent typecheck
echo "test: lint"
npx eslint .
echo "test: jest"
npx jest --ci --maxWorkers=2 "$@"
