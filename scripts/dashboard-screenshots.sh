#!/usr/bin/env bash
# npm run dashboard:screenshots: photographs each dashboard page for docs/dashboard.md, by running
# the dashboard's browser journey (test/dashboard/dashboard.e2e-spec.ts) with screenshots on.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh >/dev/null
# shellcheck disable=SC1091
source .local/services.env
CHROMIUM_PATH="$(bash scripts/browser.sh)"
export CHROMIUM_PATH
DASHBOARD_SCREENSHOTS="$PWD/docs/dashboard" npx jest test/dashboard/dashboard.e2e-spec.ts
ls docs/dashboard/*.png
