#!/usr/bin/env bash
# Makes sure Postgres and Redis answer, then writes their URLs to .local/services.env.
# Order per service: $DATABASE_URL/$REDIS_URL; the defaults on 127.0.0.1; project-local servers in
# .local/; docker compose when a Docker engine runs; else new project-local servers (installing
# Debian's packages when missing and running as root).  `services.sh stop` stops the local ones.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
LOCAL="$ROOT/.local"
mkdir -p "$LOCAL"

LOCAL_PG_PORT=55432
LOCAL_REDIS_PORT=56379
DEFAULT_DATABASE_URL="postgres://postgres@127.0.0.1:5432/tracklayer"
DEFAULT_REDIS_URL="redis://127.0.0.1:6379"

say() { echo "services: $*"; }
die() { echo "services: $*" >&2; exit 1; }
probe() { node "$ROOT/scripts/lib/probe-service.js" "$1" "$2" >/dev/null 2>&1; }
is_local_url() { [[ "$1" =~ @?(127\.0\.0\.1|localhost|\[::1\])(:|/|$) ]]; }
wait_for() {
  local kind=$1 url=$2
  for _ in $(seq 1 60); do probe "$kind" "$url" && return 0; sleep 0.5; done
  return 1
}
as_root() { [ "$(id -u)" = 0 ]; }
apt_install() {
  as_root && command -v apt-get >/dev/null || die "$1 is not installed; install it (Debian: apt-get install $1) or set the URL variable"
  say "installing Debian package $1"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "$1" >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "$1" >/dev/null; }
}
docker_works() { command -v docker >/dev/null && docker info >/dev/null 2>&1; }

pg_bin() {
  local found
  found=$(command -v "$1" 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$found" ] && echo "$found"
}

# initdb and postgres refuse to run as root: run them as the postgres system user then.
pg_run() {
  if as_root; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$LOCAL/pg" --shell /usr/sbin/nologin postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start_local_postgres() {
  local initdb pg_ctl
  initdb=$(pg_bin initdb || true)
  if [ -z "$initdb" ]; then apt_install postgresql; initdb=$(pg_bin initdb); fi
  pg_ctl="$(dirname "$initdb")/pg_ctl"
  if [ ! -f "$LOCAL/pg/PG_VERSION" ]; then
    say "creating a project-local Postgres in .local/pg"
    mkdir -p "$LOCAL/pg" "$LOCAL/pg-run"
    if as_root; then
      pg_run true # creates the postgres user if needed
      chown postgres "$LOCAL/pg" "$LOCAL/pg-run"
      # The server must be able to reach its data directory through the project path.
      local dir="$LOCAL"; while [ "$dir" != / ]; do chmod o+x "$dir" 2>/dev/null || true; dir=$(dirname "$dir"); done
    fi
    pg_run "$initdb" -D "$LOCAL/pg" -U postgres --auth=trust -E UTF8 >"$LOCAL/initdb.log" 2>&1 ||
      die "initdb failed, see .local/initdb.log"
  fi
  touch "$LOCAL/pg.log" && as_root && chown postgres "$LOCAL/pg.log"
  pg_run "$pg_ctl" -D "$LOCAL/pg" -l "$LOCAL/pg.log" -w -t 30 \
    -o "-p $LOCAL_PG_PORT -c listen_addresses=127.0.0.1 -k $LOCAL/pg-run" start >/dev/null ||
    die "Postgres did not start, see .local/pg.log"
}

start_local_redis() {
  command -v redis-server >/dev/null || apt_install redis-server
  mkdir -p "$LOCAL/redis"
  # BullMQ needs noeviction; Postgres is the source of truth, so Redis keeps nothing on disk.
  redis-server --daemonize yes --bind 127.0.0.1 --port "$LOCAL_REDIS_PORT" --save "" --appendonly no \
    --maxmemory-policy noeviction --dir "$LOCAL/redis" --logfile "$LOCAL/redis.log" --pidfile "$LOCAL/redis.pid" >/dev/null
}

stop_local() {
  local pg_ctl
  pg_ctl="$(dirname "$(pg_bin initdb || echo /usr/bin/initdb)")/pg_ctl"
  if [ -f "$LOCAL/pg/postmaster.pid" ]; then pg_run "$pg_ctl" -D "$LOCAL/pg" -m fast stop >/dev/null && say "stopped local Postgres"; fi
  if [ -f "$LOCAL/redis.pid" ]; then kill "$(cat "$LOCAL/redis.pid")" 2>/dev/null && say "stopped local Redis"; rm -f "$LOCAL/redis.pid"; fi
  return 0
}

ensure_postgres() {
  local url="${DATABASE_URL:-}" local_url="postgres://postgres@127.0.0.1:$LOCAL_PG_PORT/tracklayer"
  if [ -n "$url" ]; then
    probe postgres "$url" && { say "postgres at DATABASE_URL"; DATABASE_URL="$url"; return; }
    is_local_url "$url" || die "DATABASE_URL does not answer and is not on this machine; check DATABASE_URL"
  else
    probe postgres "$DEFAULT_DATABASE_URL" && { say "postgres at 127.0.0.1:5432"; DATABASE_URL="$DEFAULT_DATABASE_URL"; return; }
  fi
  probe postgres "$local_url" && { say "postgres (project-local) at 127.0.0.1:$LOCAL_PG_PORT"; DATABASE_URL="$local_url"; return; }
  if [ ! -d "$LOCAL/pg" ] && docker_works; then
    say "starting postgres with docker compose"
    docker compose up -d postgres >/dev/null
    wait_for postgres "$DEFAULT_DATABASE_URL" || die "docker compose postgres did not become ready"
    DATABASE_URL="$DEFAULT_DATABASE_URL"; return
  fi
  start_local_postgres
  wait_for postgres "$local_url" || die "project-local Postgres did not answer, see .local/pg.log"
  say "postgres (project-local, started) at 127.0.0.1:$LOCAL_PG_PORT"
  DATABASE_URL="$local_url"
}

ensure_redis() {
  local url="${REDIS_URL:-}" local_url="redis://127.0.0.1:$LOCAL_REDIS_PORT"
  if [ -n "$url" ]; then
    probe redis "$url" && { say "redis at REDIS_URL"; REDIS_URL="$url"; return; }
    is_local_url "$url" || die "REDIS_URL does not answer and is not on this machine; check REDIS_URL"
  else
    probe redis "$DEFAULT_REDIS_URL" && { say "redis at 127.0.0.1:6379"; REDIS_URL="$DEFAULT_REDIS_URL"; return; }
  fi
  probe redis "$local_url" && { say "redis (project-local) at 127.0.0.1:$LOCAL_REDIS_PORT"; REDIS_URL="$local_url"; return; }
  if [ ! -d "$LOCAL/redis" ] && docker_works; then
    say "starting redis with docker compose"
    docker compose up -d redis >/dev/null
    wait_for redis "$DEFAULT_REDIS_URL" || die "docker compose redis did not become ready"
    REDIS_URL="$DEFAULT_REDIS_URL"; return
  fi
  start_local_redis
  wait_for redis "$local_url" || die "project-local Redis did not answer, see .local/redis.log"
  say "redis (project-local, started) at 127.0.0.1:$LOCAL_REDIS_PORT"
  REDIS_URL="$local_url"
}

if [ "${1:-}" = stop ]; then stop_local; exit 0; fi
[ -d node_modules/pg ] || die "run npm ci first"
ensure_postgres
ensure_redis
cat >"$LOCAL/services.env" <<ENV
export DATABASE_URL='$DATABASE_URL'
export REDIS_URL='$REDIS_URL'
ENV
