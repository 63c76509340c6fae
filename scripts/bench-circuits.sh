#!/usr/bin/env bash
# Live-page benchmark on 127.0.0.1: C Dashboard pages (Blazor circuits) open in headless Chromium while the REST API
# records payments at R writes/s for S seconds (default 50, 200, 30). A fresh Release build with the demo business
# (about 200 customers, 60 days of history) on its own SQLite file. Reports write -> DOM-update latency p50/p99 as the
# browsers saw it (activity feed row, stats card), server CPU and RSS per circuit; see bench/circuits.mjs.
#
# Environment (all optional): BENCH_CIRCUITS (50), BENCH_RATE (200), BENCH_SECONDS (30), BENCH_RUN_TIMEOUT_S (600),
# BENCH_SKIP_BUILD=1 (use the existing build), DASHBOARD_CHROMIUM (/usr/bin/chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

CIRCUITS="${BENCH_CIRCUITS:-50}"
RATE="${BENCH_RATE:-200}"
SECONDS_="${BENCH_SECONDS:-30}"
RUN_TIMEOUT_S="${BENCH_RUN_TIMEOUT_S:-600}"
CHROMIUM="${DASHBOARD_CHROMIUM:-/usr/bin/chromium}"

BENCH_NAME=bench-circuits
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh

bench_check_counts 200 "$CIRCUITS"
bench_check_counts 2000 "$RATE"
bench_check_counts 300 "$SECONDS_"
for tool in node dotnet curl; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is required on PATH"
done
[ -x "$CHROMIUM" ] || die "Chromium not found at $CHROMIUM (apt-get install chromium, or set DASHBOARD_CHROMIUM)"
bench_npm_ci playwright-core
bench_build_app
bench_workdir

BENCH_SEED_DEMO=true start_app "$WORK/app"
echo "bench-circuits: $CIRCUITS circuits, $RATE writes/s for $SECONDS_ s against $BASE (app pid $APP_PID)" >&2
RESULT="$(BENCH_PASSWORD="$ADMIN_PASSWORD" timeout --kill-after=10 "$((RUN_TIMEOUT_S + 30))" node bench/circuits.mjs \
  --base "$BASE" --email "$ADMIN_EMAIL" --pid "$APP_PID" --circuits "$CIRCUITS" --rate "$RATE" --seconds "$SECONDS_" \
  --chromium "$CHROMIUM" --timeout-s "$RUN_TIMEOUT_S")" || { tail -n 20 "$WORK/app/app.log" >&2; die "the run failed"; }
[ -n "${BENCH_RESULTS:-}" ] && echo "$RESULT" >>"$BENCH_RESULTS"

node -e '
const r = JSON.parse(process.argv[1]);
const v = (x) => (x === null || x === undefined ? "n/a" : String(x));
console.log(`Live Dashboard pages on 127.0.0.1: ${r.circuits} circuits, ${r.rate} REST writes/s for ${r.seconds} s (latency = just before the POST -> the DOM mutation in each browser)`);
console.log("");
console.log(`writes: ${r.writesCommitted} of ${r.writesSent} committed (${r.writesFailed} failed), ${r.achievedWritesPerS}/s achieved`);
console.log("");
console.log("| what the browser shows | p50 (ms) | p99 (ms) | max (ms) | observations | not shown |");
console.log("|---|---:|---:|---:|---:|---:|");
for (const [name, s] of [["activity feed row (per event)", r.activityFeed], ["stats card (coalesced, 250 ms window)", r.statsCard]]) {
  console.log(`| ${name} | ${v(s.p50Ms)} | ${v(s.p99Ms)} | ${v(s.maxMs)} | ${s.observations} | ${s.notShown} |`);
}
console.log("");
console.log(`server CPU during writes: ${v(r.serverCpuPercentOfOneCore)} % of one core; RSS ${v(r.rssBeforeMiB)} MiB -> ${v(r.rssAfterMiB)} MiB with the circuits open = ${v(r.rssPerCircuitKiB)} KiB per circuit`);
' "$RESULT"
