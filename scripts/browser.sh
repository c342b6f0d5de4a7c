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
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2
  [ -x /usr/bin/chromium ] && { echo /usr/bin/chromium; exit 0; }
fi

cat >&2 <<'MSG'
browser: the browser tests need Chromium, and it is not installed.
  Install it with:   sudo apt-get install -y chromium
  (or set CHROMIUM_PATH to a Chromium or Chrome executable), then run npm test again.
MSG
exit 1
