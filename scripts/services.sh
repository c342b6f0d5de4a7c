#!/usr/bin/env bash
# Makes sure a Postgres and a Redis server answer, then writes their URLs to .local/services.env
# (`export DATABASE_URL=...` / `export REDIS_URL=...`, sourced by dev.sh, test.sh, migrate.sh, .ci/run).
# It does not create the application database or migrate: `npm run migrate` does that.
#
# For each service separately:
#   a. $DATABASE_URL / $REDIS_URL when set. If it does not answer and points at this machine, a
#      server is started for it (steps c-e, on the URL's port); otherwise this fails naming the variable.
#   b. else the defaults postgres://postgres@127.0.0.1:5432/tracklayer and redis://127.0.0.1:6379;
#   c. else the project-local servers under .local/ (Postgres on 55432, Redis on 56379), started again;
#   d. else `docker compose up -d postgres|redis` when a Docker engine answers;
#   e. else new project-local servers: initdb/pg_ctl in .local/pg and redis-server with noeviction and
#      no persistence, installing Debian's packages when missing (root + apt-get only).
#
#   bash scripts/services.sh          find or start both, write .local/services.env
#   bash scripts/services.sh stop     stop the project-local servers (never system or docker ones)
#
# SERVICES_WAIT_SECONDS (default 30) bounds every wait. Passwords are never printed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
LOCAL="$ROOT/.local"

LOCAL_PG_PORT=55432
LOCAL_REDIS_PORT=56379
DEFAULT_DATABASE_URL="postgres://postgres@127.0.0.1:5432/tracklayer"
DEFAULT_REDIS_URL="redis://127.0.0.1:6379"
COMPOSE_PG_PORT=5432 # ports docker-compose.yml publishes
COMPOSE_REDIS_PORT=6379
WAIT_SECONDS="${SERVICES_WAIT_SECONDS:-30}"

say() { echo "services: $*"; }
die() { echo "services: error: $*" >&2; exit 1; }

# --- node helper: reachability checks without psql/redis-cli, and URL parsing -------------------
# probe <postgres|redis> <url>: exit 0 answers, 1 no answer (yet), 3 answered but refused (the
#   reason goes to stderr, without the password).
# info <postgres|redis> <url>: prints "<port> <is-local 0|1> <host:port[/db]>".
# withport <kind> <url> <port>: the URL with its port replaced.
read -r -d '' NODE_HELPER <<'JS' || true
const [cmd, kind, raw, extra] = process.argv.slice(1);
const fail = (code, msg) => { if (msg) console.error(msg); process.exit(code); };
let url;
try { url = new URL(raw); } catch { fail(64, 'not a valid URL'); }
const protocols = kind === 'postgres' ? ['postgres:', 'postgresql:'] : ['redis:', 'rediss:'];
if (!protocols.includes(url.protocol)) fail(64, `expected a ${protocols.join(' or ')} URL, got ${url.protocol}`);
const host = url.hostname.replace(/^\[|\]$/g, '');
const port = Number(url.port || (kind === 'postgres' ? 5432 : 6379));
const where = `${url.hostname || 'localhost'}:${port}${kind === 'postgres' ? url.pathname : ''}`;

if (cmd === 'info') {
  const local = host === '' || host === 'localhost' || host === '::1' || /^127\./.test(host);
  console.log(`${port} ${local ? 1 : 0} ${where}`);
} else if (cmd === 'withport') {
  url.port = extra;
  console.log(url.toString());
} else if (cmd === 'probe' && kind === 'postgres') {
  setTimeout(() => fail(1, `no answer from ${where}`), 4000);
  let pg = null;
  try { pg = require('pg'); } catch { /* before npm ci: a TCP connect is the best we can do */ }
  if (!pg) {
    require('node:net').connect(port, host || '127.0.0.1')
      .on('connect', () => process.exit(0))
      .on('error', (e) => fail(1, e.message));
  } else {
    const client = new pg.Client({ connectionString: raw, connectionTimeoutMillis: 3000 });
    client.on('error', () => {});
    client.connect()
      .then(() => client.query('SELECT 1'))
      .then(() => client.end().then(() => process.exit(0)))
      .catch((e) => {
        // 3D000: the application database does not exist yet (npm run migrate creates it): the
        // server answers, which is all we need. 57P03: still starting up.
        if (e.code === '3D000') process.exit(0);
        const answered = e instanceof pg.DatabaseError && e.code !== '57P03';
        fail(answered ? 3 : 1, e.message);
      });
  }
} else if (cmd === 'probe' && kind === 'redis') {
  setTimeout(() => fail(1, `no answer from ${where}`), 4000);
  const resp = (...args) => `*${args.length}\r\n` + args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('');
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  const auth = pass ? (user ? resp('AUTH', user, pass) : resp('AUTH', pass)) : '';
  const opts = { host: host || '127.0.0.1', port, servername: host };
  const tls = url.protocol === 'rediss:';
  const socket = tls ? require('node:tls').connect(opts) : require('node:net').connect(opts);
  let answer = '';
  socket.on(tls ? 'secureConnect' : 'connect', () => socket.write(auth + resp('PING')));
  socket.on('data', (chunk) => {
    answer += chunk.toString();
    const error = answer.split('\r\n').find((line) => line.startsWith('-'));
    if (error) fail(/^-(LOADING|BUSY|MASTERDOWN)/.test(error) ? 1 : 3, error.slice(1));
    if (answer.includes('+PONG\r\n')) process.exit(0);
  });
  socket.on('error', (e) => fail(1, e.message));
  socket.on('close', () => {
    const first = answer.split('\r\n')[0].slice(0, 60);
    fail(answer ? 3 : 1, answer ? `not a Redis server at ${where} (it answered "${first}")` : `${where} closed the connection`);
  });
} else {
  fail(64, 'usage: probe|info|withport postgres|redis <url> [port]');
}
JS
helper() { node -e "$NODE_HELPER" -- "$@"; }

PROBE_ERROR=""
PROBE_RC=0
probe() { # kind url -> status like the helper; the reason in PROBE_ERROR
  PROBE_RC=0
  PROBE_ERROR=$(helper probe "$1" "$2" 2>&1 >/dev/null) || PROBE_RC=$?
  PROBE_ERROR=$(printf '%s' "$PROBE_ERROR" | tail -n 1)
  return "$PROBE_RC"
}
wait_for() { # kind url what: waits up to WAIT_SECONDS while there is no answer yet
  local deadline=$((SECONDS + WAIT_SECONDS))
  while true; do
    probe "$1" "$2" && return 0
    [ "$PROBE_RC" = 1 ] && [ "$SECONDS" -lt "$deadline" ] || break
    sleep 0.5
  done
  die "$3 did not answer within ${WAIT_SECONDS}s: ${PROBE_ERROR:-no answer}"
}
show_log() { [ -f "$1" ] && tail -n 5 "$1" | sed 's/^/  | /' >&2 || true; }

as_root() { [ "$(id -u)" = 0 ]; }
apt_install() { # package
  as_root && command -v apt-get >/dev/null ||
    die "$1 is not installed and cannot be installed here (needs root and apt-get); install it, or set ${2}"
  say "installing Debian package $1 (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  # (package scripts may start daemons: they must not inherit the lock, fd 9)
  if ! apt-get install -y -q "$1" >"$LOCAL/apt.log" 2>&1 9>&-; then
    { apt-get update -q && apt-get install -y -q "$1"; } >>"$LOCAL/apt.log" 2>&1 9>&- ||
      { show_log "$LOCAL/apt.log"; die "apt-get install $1 failed, see .local/apt.log"; }
  fi
}

COMPOSE=()
docker_works() {
  command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1 || return 1
  if docker compose version >/dev/null 2>&1; then COMPOSE=(docker compose)
  elif command -v docker-compose >/dev/null 2>&1; then COMPOSE=(docker-compose)
  else return 1; fi
}
compose_up() { # service
  say "starting $1 with ${COMPOSE[*]} up -d $1"
  "${COMPOSE[@]}" -f "$ROOT/docker-compose.yml" up -d "$1" >"$LOCAL/docker-$1.log" 2>&1 9>&- ||
    { show_log "$LOCAL/docker-$1.log"; say "docker compose could not start $1; starting a project-local one instead"; return 1; }
}

# --- Postgres ----------------------------------------------------------------------------------
PG_BIN=""
find_pg_bin() {
  local initdb
  initdb=$(command -v initdb 2>/dev/null || true)
  if [ -z "$initdb" ]; then
    initdb=$(find /usr/lib/postgresql/*/bin -maxdepth 1 -name initdb 2>/dev/null | sort -V | tail -n 1 || true)
  fi
  [ -n "$initdb" ] || return 1
  PG_BIN=$(dirname "$(readlink -f "$initdb")")
  [ -x "$PG_BIN/pg_ctl" ]
}

# initdb, pg_ctl and postgres refuse to run as root: as root they run as the postgres system user.
pg_run() {
  if as_root; then runuser -u postgres -- "$@"; else "$@"; fi
}
pg_prepare_user() {
  as_root || return 0
  id -u postgres >/dev/null 2>&1 ||
    useradd --system --user-group --no-create-home --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
  mkdir -p "$LOCAL/pg" "$LOCAL/pg-run"
  touch "$LOCAL/pg.log"
  chown postgres: "$LOCAL/pg" "$LOCAL/pg-run" "$LOCAL/pg.log"
  chmod 700 "$LOCAL/pg"
  # The server must reach its data directory through the project path.
  local dir="$LOCAL"
  while [ "$dir" != / ]; do
    runuser -u postgres -- test -x "$dir" || chmod o+x "$dir"
    dir=$(dirname "$dir")
  done
}
pg_running_port() { # prints the port of the running project-local server
  [ -f "$LOCAL/pg/postmaster.pid" ] && find_pg_bin || return 1
  pg_run "$PG_BIN/pg_ctl" -D "$LOCAL/pg" status >/dev/null 2>&1 || return 1
  sed -n 4p "$LOCAL/pg/postmaster.pid"
}
pg_start_local() { # port
  local port=$1 sock="$LOCAL/pg-run" sockopt
  if ! find_pg_bin; then
    apt_install postgresql DATABASE_URL
    find_pg_bin || die "initdb not found after installing postgresql"
  fi
  pg_prepare_user
  mkdir -p "$LOCAL/pg" "$sock"
  if [ ! -f "$LOCAL/pg/PG_VERSION" ]; then
    say "creating a project-local Postgres in .local/pg ($("$PG_BIN/postgres" --version))"
    pg_run "$PG_BIN/initdb" -D "$LOCAL/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$LOCAL/initdb.log" 2>&1 ||
      pg_run "$PG_BIN/initdb" -D "$LOCAL/pg" -U postgres --auth=trust -E UTF8 --locale=C >"$LOCAL/initdb.log" 2>&1 ||
      { show_log "$LOCAL/initdb.log"; die "initdb failed, see .local/initdb.log"; }
  fi
  # Unix socket paths are limited to ~107 bytes; past that the server listens on TCP only.
  if [ $((${#sock} + 20)) -lt 107 ]; then sockopt=$(printf '%q' "$sock"); else sockopt="''"; fi
  say "starting project-local postgres on 127.0.0.1:$port (.local/pg)"
  pg_run "$PG_BIN/pg_ctl" -D "$LOCAL/pg" -l "$LOCAL/pg.log" -w -t "$WAIT_SECONDS" \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $sockopt" start >/dev/null 2>&1 9>&- ||
    { show_log "$LOCAL/pg.log"; die "project-local Postgres did not start on port $port, see .local/pg.log"; }
}

ensure_postgres() {
  local target port local_url where docker_ok=1 running info
  if [ -n "${DATABASE_URL:-}" ]; then
    info=$(helper info postgres "$DATABASE_URL" 2>&1) || die "DATABASE_URL is invalid: $info"
    read -r port local_url where <<<"$info"
    if probe postgres "$DATABASE_URL"; then say "postgres at $where (found, DATABASE_URL)"; return; fi
    [ "$PROBE_RC" = 3 ] && die "DATABASE_URL: postgres at $where refused the connection: $PROBE_ERROR"
    [ "$local_url" = 1 ] ||
      die "DATABASE_URL points at $where, which does not answer ($PROBE_ERROR) and is not on this machine; fix or unset DATABASE_URL"
    say "DATABASE_URL: nothing answers at $where; starting one there"
    target="$DATABASE_URL"
    [ "$port" = "$COMPOSE_PG_PORT" ] || docker_ok=0
  else
    if probe postgres "$DEFAULT_DATABASE_URL"; then
      say "postgres at 127.0.0.1:5432/tracklayer (found)"; DATABASE_URL="$DEFAULT_DATABASE_URL"; return
    fi
    [ "$PROBE_RC" = 3 ] && say "postgres at 127.0.0.1:5432 refused the connection ($PROBE_ERROR); not using it"
    target="postgres://postgres@127.0.0.1:$LOCAL_PG_PORT/tracklayer"
    port=$LOCAL_PG_PORT
  fi
  read -r _ _ where <<<"$(helper info postgres "$target")"

  # c. the project-local server: already running (maybe on another port), or created before
  if running=$(pg_running_port) && [ -n "$running" ]; then
    [ "$running" = "$port" ] || target=$(helper withport postgres "$target" "$running")
    read -r _ _ where <<<"$(helper info postgres "$target")"
    wait_for postgres "$target" "project-local postgres at $where"
    say "postgres at $where (found, project-local)"
  elif [ -f "$LOCAL/pg/PG_VERSION" ]; then
    pg_start_local "$port"
    wait_for postgres "$target" "project-local postgres at $where"
    say "postgres at $where (started local)"
  # d. docker compose
  elif [ "$docker_ok" = 1 ] && docker_works && compose_up postgres; then
    [ -n "${DATABASE_URL:-}" ] || target="$DEFAULT_DATABASE_URL"
    read -r _ _ where <<<"$(helper info postgres "$target")"
    wait_for postgres "$target" "docker compose postgres at $where"
    say "postgres at $where (docker)"
  # e. a new project-local server
  else
    pg_start_local "$port"
    wait_for postgres "$target" "project-local postgres at $where"
    say "postgres at $where (started local)"
  fi
  DATABASE_URL="$target"
}

# --- Redis -------------------------------------------------------------------------------------
redis_running_pid() {
  local pid
  pid=$(cat "$LOCAL/redis.pid" 2>/dev/null) && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null &&
    grep -q '^redis-server' "/proc/$pid/comm" 2>/dev/null && echo "$pid"
}
redis_start_local() { # port
  local port=$1
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server REDIS_URL
  mkdir -p "$LOCAL/redis"
  say "starting project-local redis on 127.0.0.1:$port (.local/redis)"
  # BullMQ needs noeviction; Postgres is the source of truth, so Redis keeps nothing on disk.
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
    --maxmemory-policy noeviction --dir "$LOCAL/redis" --logfile "$LOCAL/redis.log" \
    --pidfile "$LOCAL/redis.pid" >/dev/null 2>&1 9>&- ||
    { show_log "$LOCAL/redis.log"; die "project-local Redis did not start on port $port, see .local/redis.log"; }
  echo "$port" >"$LOCAL/redis.port"
}

ensure_redis() {
  local target port local_url where docker_ok=1 running info
  if [ -n "${REDIS_URL:-}" ]; then
    info=$(helper info redis "$REDIS_URL" 2>&1) || die "REDIS_URL is invalid: $info"
    read -r port local_url where <<<"$info"
    if probe redis "$REDIS_URL"; then say "redis at $where (found, REDIS_URL)"; return; fi
    [ "$PROBE_RC" = 3 ] && die "REDIS_URL: redis at $where refused: $PROBE_ERROR"
    [ "$local_url" = 1 ] ||
      die "REDIS_URL points at $where, which does not answer ($PROBE_ERROR) and is not on this machine; fix or unset REDIS_URL"
    say "REDIS_URL: nothing answers at $where; starting one there"
    target="$REDIS_URL"
    [ "$port" = "$COMPOSE_REDIS_PORT" ] || docker_ok=0
  else
    if probe redis "$DEFAULT_REDIS_URL"; then
      say "redis at 127.0.0.1:6379 (found)"; REDIS_URL="$DEFAULT_REDIS_URL"; return
    fi
    [ "$PROBE_RC" = 3 ] && say "redis at 127.0.0.1:6379 refused ($PROBE_ERROR); not using it"
    target="redis://127.0.0.1:$LOCAL_REDIS_PORT"
    port=$LOCAL_REDIS_PORT
  fi
  read -r _ _ where <<<"$(helper info redis "$target")"

  if redis_running_pid >/dev/null && running=$(cat "$LOCAL/redis.port" 2>/dev/null) && [ -n "$running" ]; then
    [ "$running" = "$port" ] || target=$(helper withport redis "$target" "$running")
    read -r _ _ where <<<"$(helper info redis "$target")"
    wait_for redis "$target" "project-local redis at $where"
    say "redis at $where (found, project-local)"
  elif [ -d "$LOCAL/redis" ]; then
    redis_start_local "$port"
    wait_for redis "$target" "project-local redis at $where"
    say "redis at $where (started local)"
  elif [ "$docker_ok" = 1 ] && docker_works && compose_up redis; then
    [ -n "${REDIS_URL:-}" ] || target="$DEFAULT_REDIS_URL"
    read -r _ _ where <<<"$(helper info redis "$target")"
    wait_for redis "$target" "docker compose redis at $where"
    say "redis at $where (docker)"
  else
    redis_start_local "$port"
    wait_for redis "$target" "project-local redis at $where"
    say "redis at $where (started local)"
  fi
  REDIS_URL="$target"
}

# --- stop --------------------------------------------------------------------------------------
stop_local() {
  local port pid
  find_pg_bin || true
  if port=$(pg_running_port); then
    pg_run "$PG_BIN/pg_ctl" -D "$LOCAL/pg" -m fast -w -t "$WAIT_SECONDS" stop >/dev/null
    say "stopped project-local postgres (127.0.0.1:$port)"
  else
    say "no project-local postgres running"
  fi
  if pid=$(redis_running_pid); then
    kill "$pid"
    for _ in $(seq 1 $((WAIT_SECONDS * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    ! kill -0 "$pid" 2>/dev/null || die "project-local redis (pid $pid) did not stop"
    say "stopped project-local redis (127.0.0.1:$(cat "$LOCAL/redis.port" 2>/dev/null || echo "?"))"
  else
    say "no project-local redis running"
  fi
  rm -f "$LOCAL/redis.pid"
  # It may name the servers just stopped; scripts/services.sh writes it again.
  rm -f "$LOCAL/services.env"
}

# --- main --------------------------------------------------------------------------------------
command -v node >/dev/null 2>&1 || die "node is required (Node 20)"
mkdir -p "$LOCAL"
# One run at a time (npm run dev and npm test may start together). The servers started below must
# not inherit fd 9, or they would hold the lock forever.
if command -v flock >/dev/null 2>&1; then exec 9>"$LOCAL/services.lock"
  flock -w 120 9 || die "another scripts/services.sh run holds .local/services.lock"
fi

case "${1:-}" in
  stop) stop_local; exit 0 ;;
  "") ;;
  *) die "usage: bash scripts/services.sh [stop]" ;;
esac

ensure_postgres
ensure_redis
umask 077
printf 'export DATABASE_URL=%q\nexport REDIS_URL=%q\n' "$DATABASE_URL" "$REDIS_URL" >"$LOCAL/services.env.tmp"
mv "$LOCAL/services.env.tmp" "$LOCAL/services.env"
say "wrote .local/services.env"
