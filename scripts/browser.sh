#!/usr/bin/env bash
# Finds Debian's Chromium for the browser tests (playwright-core drives it; it never downloads a
# browser of its own) and prints the executable's path:
#   1. $CHROMIUM_PATH when set (it must be executable: a set but wrong path is an error, never
#      silently replaced by another browser);
#   2. else `chromium` or `chromium-browser` on PATH (Debian installs /usr/bin/chromium);
#   3. else, as root with apt-get, installs Debian's `chromium` package (output in
#      .local/chromium-install.log, shown only on failure);
#   4. else fails naming the one command to run.
set -euo pipefail

if [ -n "${CHROMIUM_PATH:-}" ]; then
  if [ -f "$CHROMIUM_PATH" ] && [ -x "$CHROMIUM_PATH" ]; then
    echo "$CHROMIUM_PATH"
    exit 0
  fi
  echo "browser: CHROMIUM_PATH is $CHROMIUM_PATH, which is not an executable file; fix or unset it" >&2
  exit 1
fi

find_on_path() {
  command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null
}

if find_on_path; then exit 0; fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "browser: installing Debian's chromium package (once; about a minute)" >&2
  mkdir -p .local
  log=.local/chromium-install.log
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    echo "browser: installing chromium failed (log: $log)" >&2
    exit 1
  fi
  if find_on_path; then exit 0; fi
  echo "browser: apt-get installed chromium, but no chromium is on PATH ($PATH)" >&2
  exit 1
fi

cat >&2 <<'MSG'
browser: the browser tests need Chromium, and it is not installed.
  Install it with:   sudo apt-get install -y chromium
  (or set CHROMIUM_PATH to a Chromium or Chrome executable), then run npm test again.
MSG
exit 1
