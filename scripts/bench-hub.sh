#!/usr/bin/env bash
# Fan-out benchmark of the SignalR hub (/hubs/live) on 127.0.0.1, with the official @microsoft/signalr client in node.
# For each client count N (default 100 1000 5000; or give them as arguments) it starts a fresh Release build of the
# app on a free port with its own SQLite file, signs the admin in, creates one customer, and runs bench/hub-fanout.mjs:
# N WebSocket clients with the admin token, then payments recorded through the REST API, which every client receives.
# Prints a markdown table: connect rate, fan-out latency p50/p99, app RSS per connection. Kills the app when done.
#
# Environment (all optional): BENCH_BROADCASTS (20), BENCH_INTERVAL_MS (250), BENCH_CONCURRENCY (50 handshakes in
# flight), BENCH_RUN_TIMEOUT_S (600 per N), BENCH_HUB_PATH (/hubs/live), BENCH_SKIP_BUILD=1 (use the existing build).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

BROADCASTS="${BENCH_BROADCASTS:-20}"
INTERVAL_MS="${BENCH_INTERVAL_MS:-250}"
CONCURRENCY="${BENCH_CONCURRENCY:-50}"
RUN_TIMEOUT_S="${BENCH_RUN_TIMEOUT_S:-600}"
HUB_PATH="${BENCH_HUB_PATH:-/hubs/live}"
MAX_CLIENTS=20000
if [ "$#" -gt 0 ]; then COUNTS=("$@"); else COUNTS=(100 1000 5000); fi

BENCH_NAME=bench-hub
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh

bench_check_counts "$MAX_CLIENTS" "${COUNTS[@]}"
for tool in node dotnet curl; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is required on PATH"
done
bench_raise_nofile "${COUNTS[@]}"
bench_npm_ci @microsoft/signalr
bench_build_app
bench_workdir

RESULTS="$WORK/results.jsonl"
: >"$RESULTS"
for n in "${COUNTS[@]}"; do
  dir="$WORK/run-$n"
  start_app "$dir"
  token="$(app_token)" || exit 1
  customer="$(app_customer "$token")" || exit 1

  echo "bench-hub: N=$n against $BASE (app pid $APP_PID)" >&2
  status=0
  BENCH_TOKEN="$token" timeout --kill-after=10 "$((RUN_TIMEOUT_S + 30))" node bench/hub-fanout.mjs \
    --base "$BASE" --hub-path "$HUB_PATH" --customer-id "$customer" --pid "$APP_PID" --clients "$n" \
    --broadcasts "$BROADCASTS" --interval-ms "$INTERVAL_MS" --concurrency "$CONCURRENCY" --timeout-s "$RUN_TIMEOUT_S" \
    >>"$RESULTS" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "bench-hub: the run with N=$n failed (exit $status); last lines of the app log:" >&2
    tail -n 20 "$dir/app.log" >&2 || true
    exit "$status"
  fi
  stop_app
done

node -e '
const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
const v = (x) => (x === null || x === undefined ? "n/a" : String(x));
console.log(`SignalR fan-out on 127.0.0.1 (WebSockets, ${rows[0]?.broadcasts} broadcasts each; latency = just before the REST POST -> each client receives payment:added)`);
console.log("");
console.log("| clients | connected | connect rate (conn/s) | fan-out p50 (ms) | fan-out p99 (ms) | max (ms) | missed | app RSS before (MiB) | after (MiB) | RSS per connection (KiB) |");
console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows) {
  console.log(`| ${r.clients} | ${r.connected} | ${v(r.connectRate)} | ${v(r.p50Ms)} | ${v(r.p99Ms)} | ${v(r.maxMs)} | ${r.missed} | ${v(r.rssBeforeMiB)} | ${v(r.rssAfterMiB)} | ${v(r.rssPerConnectionKiB)} |`);
}
' "$RESULTS"
