#!/usr/bin/env bash
# Closed-loop REST write benchmark on 127.0.0.1: how many payments per second the app commits, at what latency, and
# what each costs in app CPU. Builds Release, starts a fresh app with the demo business and its own SQLite file, signs
# the admin in, warms up with sequential payments, then runs bench/writes.mjs: autocannon POSTing /api/v1/payments at
# each connection count (default 1 8 64 256; or give them as arguments), each for BENCH_DURATION_S seconds.
# Prints a markdown table: committed writes/s (2xx, checked against the Payments row count in the SQLite file),
# latency p50/p99, app CPU ms per write and app CPU %. Kills the app when done.
#
# Environment (all optional): BENCH_DURATION_S (10 per level), BENCH_WARMUP (5000 sequential payments: tier-up JIT takes thousands of writes),
# BENCH_RUN_TIMEOUT_S (600 for the whole run), BENCH_SKIP_BUILD=1 (use the existing build), BENCH_TABS (0: how many
# Dashboard tabs, each a live Blazor circuit in headless Chromium, stay open during the writes; bench/tabs.mjs).
# Needs node, dotnet, curl and the sqlite3 command-line shell (Debian package sqlite3).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

DURATION_S="${BENCH_DURATION_S:-10}"
WARMUP="${BENCH_WARMUP:-5000}"
RUN_TIMEOUT_S="${BENCH_RUN_TIMEOUT_S:-600}"
MAX_CONNECTIONS=1024
if [ "$#" -gt 0 ]; then LEVELS=("$@"); else LEVELS=(1 8 64 256); fi

BENCH_NAME=bench-writes
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh

bench_check_counts "$MAX_CONNECTIONS" "${LEVELS[@]}"
for tool in node dotnet curl sqlite3; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is required on PATH"
done
bench_raise_nofile "${LEVELS[@]}"
bench_npm_ci autocannon playwright-core
bench_build_app
bench_workdir

RESULTS="$WORK/results.jsonl"
dir="$WORK/run"
BENCH_SEED_DEMO=true start_app "$dir"
token="$(app_token)" || exit 1

TABS="${BENCH_TABS:-0}"
tabs_pid=""
if [ "$TABS" -gt 0 ]; then
  # Live pages watching while the writes run: each tab is a Blazor circuit re-rendering on every event.
  mkfifo "$WORK/tabs.ready"
  BENCH_PASSWORD="$ADMIN_PASSWORD" node bench/tabs.mjs --base "$BASE" --email "$ADMIN_EMAIL" --tabs "$TABS" \
    --timeout-s "$RUN_TIMEOUT_S" >"$WORK/tabs.ready" 2>"$WORK/tabs.log" &
  tabs_pid=$!
  read -r -t 180 ready <"$WORK/tabs.ready" || die "the $TABS tabs did not open: $(tail -n 5 "$WORK/tabs.log")"
  echo "bench-writes: $ready Dashboard tabs open" >&2
fi

echo "bench-writes: connections ${LEVELS[*]} against $BASE (app pid $APP_PID), ${DURATION_S} s each, $TABS tabs open" >&2
status=0
levels="$(IFS=,; echo "${LEVELS[*]}")"
BENCH_TOKEN="$token" timeout --kill-after=10 "$RUN_TIMEOUT_S" node bench/writes.mjs \
  --base "$BASE" --pid "$APP_PID" --db "$dir/dashboard.db" --connections "$levels" \
  --duration-s "$DURATION_S" --warmup "$WARMUP" >"$RESULTS" || status=$?
if [ -n "$tabs_pid" ]; then
  kill "$tabs_pid" 2>/dev/null || true
  wait "$tabs_pid" 2>/dev/null || true
fi
if [ "$status" -ne 0 ]; then
  echo "bench-writes: the run failed (exit $status); last lines of the app log:" >&2
  tail -n 20 "$dir/app.log" >&2 || true
  cat "$RESULTS" >&2 || true
  exit "$status"
fi
stop_app

node -e '
const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
const v = (x) => (x === null || x === undefined ? "n/a" : String(x));
console.log(`REST payments on 127.0.0.1, closed loop (autocannon), ${rows[0]?.durationS} s per level, after ${process.argv[2]} sequential warm-up payments, ${process.argv[3]} Dashboard tabs open`);
console.log("");
console.log("| connections | committed writes/s | 2xx | rows added | non-2xx | errors | p50 (ms) | p99 (ms) | app CPU per write (ms) | app CPU (%) |");
console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows) {
  console.log(`| ${r.connections} | ${v(r.writesPerS)} | ${r.ok} | ${r.rowsAdded} | ${r.non2xx} | ${r.errors} | ${v(r.p50Ms)} | ${v(r.p99Ms)} | ${v(r.cpuMsPerWrite)} | ${v(r.appCpuPercent)} |`);
}
' "$RESULTS" "$WARMUP" "$TABS"
