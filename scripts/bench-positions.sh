#!/usr/bin/env bash
# Agents streaming positions to the customers following their orders (issue 12, "Measure"), on 127.0.0.1: a fresh
# Release build with its own SQLite file; bench/positions.mjs sets up PAIRS orders out for delivery over REST (a
# customer app and an agent app each), connects them with socket.io-client 4.8 and has every agent send a position
# every PERIOD ms for DURATION s, while BENCH_PAGES (5) of the orders are open as order pages in headless Chromium.
# Prints one markdown row (latency send → customer app and → map marker, lost, refused, app CPU, RSS).
# Usage: scripts/bench-positions.sh [PAIRS (200)]; BENCH_PERIOD_MS (2000), BENCH_DURATION_S (60), BENCH_PAGES (5),
# BENCH_SKIP_BUILD=1, DASHBOARD_CHROMIUM (/usr/bin/chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
PAIRS="${1:-200}"
PERIOD_MS="${BENCH_PERIOD_MS:-2000}"
DURATION_S="${BENCH_DURATION_S:-60}"
PAGES="${BENCH_PAGES:-5}"
CHROMIUM="${DASHBOARD_CHROMIUM:-/usr/bin/chromium}"

BENCH_NAME=bench-positions
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh

bench_check_counts 1000 "$PAIRS"
for tool in node curl dotnet getconf timeout; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is required on PATH"
done
bench_raise_nofile "$((PAIRS * 2))"
[ "$PAGES" = 0 ] || [ -x "$CHROMIUM" ] || die "Chromium not found at $CHROMIUM (apt-get install chromium, or set DASHBOARD_CHROMIUM)"
bench_npm_ci socket.io-client
bench_npm_ci playwright-core
bench_build_app
bench_workdir

# Every app and script here signs in from 127.0.0.1, hundreds of times.
export Auth__SignIn__PermitPerMinute=100000 Auth__SignIn__GlobalPermitPerMinute=100000
# The order pages' maps draw no tiles: nothing leaves 127.0.0.1.
export Dashboard__Map__TileUrl=
start_app "$WORK/run"
token="$(app_token)" || exit 1
echo "bench-positions: $PAIRS pairs against $BASE (app pid $APP_PID)" >&2
result="$(BENCH_TOKEN="$token" BENCH_PASSWORD="$ADMIN_PASSWORD" timeout --kill-after=10 "$((DURATION_S + 600))" node bench/positions.mjs --base "$BASE" --pairs "$PAIRS" \
  --period-ms "$PERIOD_MS" --duration-s "$DURATION_S" --pid "$APP_PID" --clk-tck "$(getconf CLK_TCK)" \
  --pages "$PAGES" --email "$ADMIN_EMAIL" --chromium "$CHROMIUM")"
stop_app

echo "$result" | node -e '
let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
  const r = JSON.parse(s);
  console.log("| agents / customer apps | positions/s | sent | delivered | lost | refused | app p50 ms | app p99 ms | app max ms | order pages | marker moves / positions | marker p50 ms | marker p99 ms | marker max ms | app CPU % | app RSS MiB |");
  console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  console.log(`| ${r.pairs} / ${r.pairs} | ${r.perSecond} | ${r.positions} | ${r.delivered} | ${r.lost} | ${r.refused} | ${r.p50Ms} | ${r.p99Ms} | ${r.maxMs} | ${r.pages} | ${r.markerMoves} / ${r.markerPositions} | ${r.markerP50Ms} | ${r.markerP99Ms} | ${r.markerMaxMs} | ${r.appCpuPercent} | ${r.appRssMiB} |`);
});'
