#!/usr/bin/env bash
# bash bench/sql/delivery-row-cost.sh: what the pending delivery row (one per event and connector)
# costs Postgres at ingest (issue 21, docs/scaling.md). pgbench, on a fresh database migrated with
# TrackLayer's migrations, commits batches of 100 events the way the ingest writer does: the
# `events` rows alone, then the same plus their `deliveries` rows for 1 and for 2 connectors.
# Rounds alternate, so the machine's noise falls on every variant alike. Run `npm run bench` once
# first (it builds .local/bench-build, whose migrate command this uses).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/services.sh >/dev/null
# shellcheck disable=SC1091
source .local/services.env
ROUNDS="${ROUNDS:-3}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-10}"
CLIENTS="${CLIENTS:-4}"
ADMIN_URL="${DATABASE_URL%/*}/postgres"
DB="tracklayer_rowcost_$(date -u +%Y%m%d%H%M%S)"
URL="${DATABASE_URL%/*}/$DB"
WORK="$(mktemp -d)"
cleanup() {
  psql "$ADMIN_URL" -qc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
psql "$ADMIN_URL" -qc "CREATE DATABASE $DB"
DATABASE_URL="$URL" node .local/bench-build/libs/core/src/database/migrate.command.js >/dev/null

WS=$(psql "$URL" -qAtc "INSERT INTO workspaces (name, slug) VALUES ('rowcost', 'rowcost') RETURNING id")
connector() {
  psql "$URL" -qAtc "INSERT INTO connectors (id, workspace_id, platform, name, pixel_code, access_token_sealed, access_token_key_id, access_token_hint, status, options)
    VALUES (gen_random_uuid(), '$WS', 'tiktok', 'c$1', 'P$1', 'x', 'k', 'h', 'active', '{}') RETURNING id"
}
C1=$(connector 1)
C2=$(connector 2)
# The bench's realistic event as stored (normalized, hashed identifiers): about 900 bytes of jsonb.
PAYLOAD='{"event":"CompletePayment","user":{"email":"5f2b8f2a5c1e4e0e9f7f0c1b2a3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d","phone":"8c1e5b2d9f7a3c4e6b0d2f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d1f3a5c7e","external_id":"a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90","ttclid":"E.C.P.v3xh6K9PqLmT2sRwYzA1bC4dE7fG0hJ3kL6mN9pQ2rS5tU8vW","ttp":"2Xg7hK9mP3qR5sT8vW1yZ4bC6dF9gJ2k","ip":"203.0.113.42","user_agent":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15"},"page":{"url":"https://shop.example.com/checkout/complete?ttclid=E.C.P.v3xh6K9PqLmT2sRwYzA1bC4dE7fG0hJ3kL6mN9pQ2rS5tU8vW","referrer":"https://shop.example.com/cart"},"properties":{"value":129.9,"currency":"EUR","contents":[{"content_id":"sku-1","quantity":1,"price":99.9},{"content_id":"sku-2","quantity":2,"price":15}]}}'
EVENTS="INSERT INTO events (id, workspace_id, event_id, event_name, event_time, received_at, payload)
  SELECT gen_random_uuid(), '$WS', md5(random()::text), 'CompletePayment', now(), now(), '$PAYLOAD'::jsonb FROM generate_series(1, 100)"
echo "$EVENTS;" >"$WORK/events.sql"
echo "WITH e AS ($EVENTS RETURNING id) INSERT INTO deliveries (workspace_id, connector_id, event_ref, event_received_at) SELECT '$WS', '$C1', id, now() FROM e;" >"$WORK/deliveries-1.sql"
echo "WITH e AS ($EVENTS RETURNING id) INSERT INTO deliveries (workspace_id, connector_id, event_ref, event_received_at) SELECT '$WS', c, id, now() FROM e, unnest(ARRAY['$C1', '$C2']::uuid[]) AS c;" >"$WORK/deliveries-2.sql"

# Postgres CPU per event from the backends' own clock ticks (pgbench's tps moves with the noise;
# what a statement costs the server much less).
pg_ticks() {
  local sum=0 pid
  for pid in $(psql "$URL" -Atc "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"); do
    [ -r "/proc/$pid/stat" ] && sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$sum"
}
declare -A TPS CPU
for round in $(seq "$ROUNDS"); do
  for variant in events deliveries-1 deliveries-2; do
    psql "$URL" -qc CHECKPOINT
    # pgbench's backends are gone when it exits: sample the ticks from inside, just before the end.
    out="$WORK/$variant.$round.log"
    pgbench -n -M prepared -c "$CLIENTS" -j 2 -T "$SECONDS_PER_RUN" -f "$WORK/$variant.sql" "$URL" >"$out" 2>&1 &
    bench=$!
    sleep 1
    start=$(pg_ticks)
    sleep $((SECONDS_PER_RUN - 2))
    end=$(pg_ticks)
    wait "$bench"
    tps=$(awk '/^tps = / {print $3}' "$out")
    events_per_s=$(awk -v t="$tps" 'BEGIN {printf "%.0f", t * 100}')
    us_per_event=$(awk -v s="$start" -v e="$end" -v t="$tps" -v w="$((SECONDS_PER_RUN - 2))" 'BEGIN {printf "%.1f", (e - s) * 10000 / (t * 100 * w)}')
    TPS[$variant]="${TPS[$variant]:-} $events_per_s"
    CPU[$variant]="${CPU[$variant]:-} $us_per_event"
    echo "round $round $variant: $events_per_s events/s, Postgres CPU $us_per_event µs/event"
  done
done
echo
echo "| variant | events/s per round | Postgres CPU µs/event per round |"
echo "|---|--:|--:|"
for variant in events deliveries-1 deliveries-2; do echo "| $variant |${TPS[$variant]} |${CPU[$variant]} |"; done
