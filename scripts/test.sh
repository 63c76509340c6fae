#!/usr/bin/env bash
# The whole test suite: unit, integration (real SQLite files, real Kestrel), protocol and browser tests.
# Installs what the tests need when it is missing: npm packages (npm ci) and, on Debian as root, Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${DASHBOARD_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Chromium: install Debian's 'chromium' package (or set DASHBOARD_CHROMIUM)." >&2
    exit 1
  fi
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund
fi

dotnet build Dashboard.sln -c Release
# The failures again at the end, where a long log's tail shows them.
log=$(mktemp)
status=0
dotnet test Dashboard.Tests -c Release --no-build --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?
if grep -q '^  Failed ' "$log"; then
  echo; echo "=== Failed tests ==="
  awk '/^  Failed /{on=1} /^  Stack Trace:/{on=0} on' "$log"
fi
rm -f "$log"
exit "$status"
