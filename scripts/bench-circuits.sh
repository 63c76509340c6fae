#!/usr/bin/env bash
# Live-page benchmark on 127.0.0.1: C Dashboard pages (Blazor circuits) open in headless Chromium while the REST API
# records payments at R writes/s for S seconds (default 50 circuits, 200 writes/s, 30 s; BENCH_RATES="200 20" runs one
# phase per rate on the same open circuits). A fresh Release build with the demo business
# (about 200 customers, 60 days of history) on its own SQLite file. Reports write -> DOM-update latency p50/p99 as the
# browsers saw it (activity feed row, stats card), server CPU and RSS per circuit; see bench/circuits.mjs.
#
# Environment (all optional): BENCH_CIRCUITS (50), BENCH_RATES (200), BENCH_SECONDS (30), BENCH_RUN_TIMEOUT_S (600),
# BENCH_SKIP_BUILD=1 (use the existing build), DASHBOARD_CHROMIUM (/usr/bin/chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

CIRCUITS="${BENCH_CIRCUITS:-50}"
RATES="${BENCH_RATES:-200}"
SECONDS_="${BENCH_SECONDS:-30}"
RUN_TIMEOUT_S="${BENCH_RUN_TIMEOUT_S:-600}"
CHROMIUM="${DASHBOARD_CHROMIUM:-/usr/bin/chromium}"

BENCH_NAME=bench-circuits
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh

bench_check_counts 200 "$CIRCUITS"
# shellcheck disable=SC2086
bench_check_counts 2000 $RATES
bench_check_counts 300 "$SECONDS_"
for tool in node dotnet curl; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is required on PATH"
done
[ -x "$CHROMIUM" ] || die "Chromium not found at $CHROMIUM (apt-get install chromium, or set DASHBOARD_CHROMIUM)"
bench_npm_ci playwright-core
bench_build_app
bench_workdir

BENCH_SEED_DEMO=true start_app "$WORK/app"
echo "bench-circuits: $CIRCUITS circuits, $RATES writes/s for $SECONDS_ s against $BASE (app pid $APP_PID)" >&2
RESULT="$(BENCH_PASSWORD="$ADMIN_PASSWORD" timeout --kill-after=10 "$((RUN_TIMEOUT_S + 30))" node bench/circuits.mjs \
  --base "$BASE" --email "$ADMIN_EMAIL" --pid "$APP_PID" --circuits "$CIRCUITS" --rates "$(echo $RATES | tr " " ",")" --seconds "$SECONDS_" \
  --chromium "$CHROMIUM" --timeout-s "$RUN_TIMEOUT_S")" || { tail -n 20 "$WORK/app/app.log" >&2; die "the run failed"; }
[ -n "${BENCH_RESULTS:-}" ] && echo "$RESULT" >>"$BENCH_RESULTS"

node -e '
const rows = process.argv[1].trim().split("\n").map(JSON.parse);
const v = (x) => (x === null || x === undefined ? "n/a" : String(x));
const r0 = rows[0];
console.log(`Live Dashboard pages on 127.0.0.1: ${r0.circuits} circuits; REST payments for ${r0.seconds} s per phase (latency = just before the POST -> the DOM mutation in each browser)`);
console.log("");
console.log("| writes/s asked | committed | achieved/s | activity row p50 (ms) | p99 (ms) | rows not shown | stats card p50 (ms) | p99 (ms) | server CPU % of one core |");
console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows) {
  console.log(`| ${r.rate} | ${r.writesCommitted}/${r.writesSent} | ${v(r.achievedWritesPerS)} | ${v(r.activityFeed.p50Ms)} | ${v(r.activityFeed.p99Ms)} | ${r.activityFeed.notShown} of ${r.activityFeed.notShown + r.activityFeed.observations} | ${v(r.statsCard.p50Ms)} | ${v(r.statsCard.p99Ms)} | ${v(r.serverCpuPercentOfOneCore)} |`);
}
console.log("");
console.log(`app RSS ${v(r0.rssBeforeMiB)} MiB before the circuits, ${v(r0.rssAfterMiB)} MiB with them open = ${v(r0.rssPerCircuitKiB)} KiB per circuit`);
' "$RESULT"
