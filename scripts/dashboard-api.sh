#!/usr/bin/env bash
# npm run dashboard:api: regenerates the dashboard's API types (apps/dashboard/src/api/generated)
# from the OpenAPI document of the real api app, the way the check in npm test builds it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh >/dev/null
# shellcheck disable=SC1091
source .local/services.env
UPDATE_DASHBOARD_API=1 npx jest test/dashboard/api-client.e2e-spec.ts
