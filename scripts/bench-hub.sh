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

die() {
  echo "bench-hub: $*" >&2
  exit 1
}

for n in "${COUNTS[@]}"; do
  [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] && [ "$n" -le "$MAX_CLIENTS" ] || die "client count '$n' must be an integer in [1, $MAX_CLIENTS]"
done
for tool in node dotnet curl; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is required on PATH"
done

# Every connection is a file descriptor in both processes.
largest=0
for n in "${COUNTS[@]}"; do [ "$n" -gt "$largest" ] && largest="$n"; done
need=$((largest + 1024))
if [ "$(ulimit -n)" != "unlimited" ] && [ "$(ulimit -n)" -lt "$need" ]; then
  ulimit -n "$need" 2>/dev/null || die "open-file limit $(ulimit -n) is below $need and cannot be raised (ulimit -Hn: $(ulimit -Hn))"
fi

if [ ! -d node_modules/@microsoft/signalr ]; then
  npm ci --no-audit --no-fund
fi
if [ "${BENCH_SKIP_BUILD:-0}" != "1" ]; then
  echo "bench-hub: building the app (Release)..." >&2
  dotnet build Dashboard/Dashboard.csproj -c Release -nologo -v quiet >&2
fi
DLL="$ROOT/Dashboard/bin/Release/net10.0/Dashboard.dll"
[ -f "$DLL" ] || die "$DLL not found (build failed?)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-hub.XXXXXX")"
APP_PID=""

stop_app() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$APP_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
}

cleanup() {
  stop_app
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

# Reads a JSON document on stdin, prints one top-level field.
json_field() {
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s)[process.argv[1]];if(v===undefined||v===null)process.exit(1);console.log(v);});' "$1"
}

# POST JSON; prints the body; fails unless the status is the expected one.
post_json() { # url expected-status body [bearer]
  local out="$WORK/response.json" status
  local auth=()
  [ -n "${4:-}" ] && auth=(-H "Authorization: Bearer $4")
  status="$(curl -sS --max-time 15 -o "$out" -w '%{http_code}' -X POST -H 'Content-Type: application/json' "${auth[@]}" -d "$3" "$1")" ||
    die "POST $1 failed (curl)"
  [ "$status" = "$2" ] || die "POST $1 answered $status, expected $2: $(head -c 300 "$out")"
  cat "$out"
}

start_app() { # data-dir
  local dir="$1" port
  port="$(free_port)"
  BASE="http://127.0.0.1:$port"
  ADMIN_EMAIL="bench-admin@bench.local"
  ADMIN_PASSWORD="Aa1!$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  mkdir -p "$dir"
  ASPNETCORE_ENVIRONMENT=Production \
    Urls="$BASE" \
    ConnectionStrings__Dashboard="Data Source=$dir/dashboard.db" \
    Dashboard__DataDirectory="$dir" \
    Dashboard__Admin__Email="$ADMIN_EMAIL" \
    Dashboard__Admin__Password="$ADMIN_PASSWORD" \
    Dashboard__SeedDemoData=false \
    Realtime__RateLimit__PermitsPerSecond=1000 \
    Realtime__RateLimit__Burst=1000 \
    Logging__LogLevel__Default=Warning \
    dotnet "$DLL" --contentRoot "$ROOT" >"$dir/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 300); do
    kill -0 "$APP_PID" 2>/dev/null || die "the app exited during start-up; its log:"$'\n'"$(tail -n 40 "$dir/app.log")"
    if curl -sf --max-time 2 -o /dev/null "$BASE/health"; then
      return 0
    fi
    sleep 0.2
  done
  die "the app did not answer $BASE/health within 60 s; its log:"$'\n'"$(tail -n 40 "$dir/app.log")"
}

RESULTS="$WORK/results.jsonl"
: >"$RESULTS"
for n in "${COUNTS[@]}"; do
  dir="$WORK/run-$n"
  start_app "$dir"
  token="$(post_json "$BASE/api/v1/auth/token" 200 "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" | json_field accessToken)" ||
    die "no accessToken from /api/v1/auth/token"
  customer="$(post_json "$BASE/api/v1/customers" 201 \
    '{"name":"Bench Customer","phone":"+91 98450 00000","address":"1 Bench Road","route":"Bench","defaultQuantity":1,"pricePerLiter":60,"isActive":true}' \
    "$token" | json_field id)" || die "no id in the created customer"

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
