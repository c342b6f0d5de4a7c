#!/usr/bin/env bash
# Finds Debian's Chromium for the browser tests (playwright-core drives it; it never downloads a
# browser of its own). Installs the `chromium` package when missing and this runs as root with
# apt-get; otherwise fails naming the one command to run. Prints the executable's path.
set -euo pipefail

for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    echo "$candidate"
    exit 0
  fi
done

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "browser: installing Debian's chromium package (once; about a minute)" >&2
  mkdir -p .local
  log=.local/chromium-install.log
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    echo "browser: installing chromium failed (log: $log)" >&2
    exit 1
  fi
  [ -x /usr/bin/chromium ] && { echo /usr/bin/chromium; exit 0; }
fi

cat >&2 <<'MSG'
browser: the browser tests need Chromium, and it is not installed.
  Install it with:   sudo apt-get install -y chromium
  (or set CHROMIUM_PATH to a Chromium or Chrome executable), then run npm test again.
MSG
exit 1
