#!/usr/bin/env bash
# Side-by-side Socket.IO broadcast benchmark on 127.0.0.1: Dashboard's /socket.io/ endpoint vs the Node `socket.io`
# 4.8 server (bench/socketio-peer-server.mjs) running the same scenario, one after the other on this machine.
# For each client count N (default 1000 5000 10000; or give them as arguments), and for each server:
#   dashboard  a fresh Release build on a free port with its own SQLite file (started like bench-hub.sh); the admin's
#              JWT; one customer; broadcasts = payments recorded through POST /api/v1/payments;
#   socket.io  the peer on a free port, verifying HS256 JWTs signed with a random secret; broadcasts = POST /broadcast
#              with a Payment-shaped body (and, unless BENCH_PEER_COMPANIONS=0, the balance/activity/stats events
#              Dashboard also sends admins after a payment);
# bench/socketio-fanout.mjs (a separate node process) warms the server up with one client (BENCH_WARMUP broadcasts,
# paced like the measured ones), takes a baseline (the same broadcasts to that one client), connects N
# socket.io-client 4.8 clients (WebSocket only, auth.token), triggers the broadcasts and measures (its header says
# what). The server is stopped after each run. Prints two markdown tables (BENCH_RESULTS keeps the JSON lines).
#
# Environment (all optional): BENCH_SERVERS ("dashboard socket.io": which servers, in that order), BENCH_BROADCASTS (20),
# BENCH_INTERVAL_MS (250), BENCH_CONCURRENCY (50 handshakes in flight), BENCH_WARMUP (100 broadcasts to one client before
# measuring, paced like the measured ones), BENCH_RUN_TIMEOUT_S (600 per server and N),
# BENCH_SIO_PATH (/socket.io/), BENCH_PEER_COMPANIONS (1), BENCH_SKIP_BUILD=1 (use the existing build),
# BENCH_RESULTS=<file> (also keep the JSON lines there).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

BROADCASTS="${BENCH_BROADCASTS:-20}"
INTERVAL_MS="${BENCH_INTERVAL_MS:-250}"
CONCURRENCY="${BENCH_CONCURRENCY:-50}"
WARMUP="${BENCH_WARMUP:-100}"
RUN_TIMEOUT_S="${BENCH_RUN_TIMEOUT_S:-600}"
SIO_PATH="${BENCH_SIO_PATH:-/socket.io/}"
PEER_COMPANIONS="${BENCH_PEER_COMPANIONS:-1}"
read -r -a SERVERS <<<"${BENCH_SERVERS:-dashboard socket.io}"
MAX_CLIENTS=20000
if [ "$#" -gt 0 ]; then COUNTS=("$@"); else COUNTS=(1000 5000 10000); fi

BENCH_NAME=bench-socketio
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh

bench_check_counts "$MAX_CLIENTS" "${COUNTS[@]}"
[ "${#SERVERS[@]}" -ge 1 ] || die "BENCH_SERVERS is empty"
uses_dashboard=0
for server in "${SERVERS[@]}"; do
  case "$server" in
    dashboard) uses_dashboard=1 ;;
    socket.io) ;;
    *) die "unknown server '$server' in BENCH_SERVERS (dashboard, socket.io)" ;;
  esac
done
tools=(node curl timeout getconf)
[ "$uses_dashboard" = 1 ] && tools+=(dotnet)
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is required on PATH"
done
bench_raise_nofile "${COUNTS[@]}"
bench_npm_ci socket.io socket.io-client
[ "$uses_dashboard" = 1 ] && bench_build_app
bench_workdir
CLK_TCK="$(getconf CLK_TCK)"
PEER_PID=""

stop_peer() {
  stop_pid "$PEER_PID"
  PEER_PID=""
}

# Starts the peer on a free port with a fresh secret; waits for "listening"; sets BASE, PEER_PID, PEER_SECRET.
start_peer() { # dir
  local dir="$1" port companions=()
  port="$(free_port)"
  BASE="http://127.0.0.1:$port"
  PEER_SECRET="$(head -c 64 /dev/urandom | base64 -w0)"
  [ "$PEER_COMPANIONS" = 1 ] && companions=(--companions)
  mkdir -p "$dir"
  BENCH_PEER_SECRET="$PEER_SECRET" node bench/socketio-peer-server.mjs --port "$port" "${companions[@]}" >"$dir/peer.log" 2>&1 &
  PEER_PID=$!
  BENCH_PIDS+=("$PEER_PID")
  for _ in $(seq 1 150); do
    kill -0 "$PEER_PID" 2>/dev/null || die "the peer server exited during start-up; its log:"$'\n'"$(tail -n 40 "$dir/peer.log")"
    grep -qx listening "$dir/peer.log" && return 0
    sleep 0.2
  done
  die "the peer server did not print 'listening' within 30 s; its log:"$'\n'"$(tail -n 40 "$dir/peer.log")"
}

# One run of bench/socketio-fanout.mjs; appends its JSON line to $RESULTS.
run_fanout() { # server n pid token log trigger-args...
  local server="$1" n="$2" pid="$3" token="$4" log="$5" status=0
  shift 5
  echo "bench-socketio: $server, N=$n against $BASE (pid $pid)" >&2
  BENCH_TOKEN="$token" timeout --kill-after=10 "$((RUN_TIMEOUT_S + 30))" node bench/socketio-fanout.mjs \
    --base "$BASE" --path "$SIO_PATH" --server "$server" --pid "$pid" --clk-tck "$CLK_TCK" --clients "$n" \
    --broadcasts "$BROADCASTS" --interval-ms "$INTERVAL_MS" --concurrency "$CONCURRENCY" --warmup "$WARMUP" \
    --timeout-s "$RUN_TIMEOUT_S" "$@" \
    >>"$RESULTS" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "bench-socketio: the $server run with N=$n failed (exit $status); last lines of its log:" >&2
    tail -n 20 "$log" >&2 || true
    exit "$status"
  fi
}

RESULTS="$WORK/results.jsonl"
: >"$RESULTS"
for n in "${COUNTS[@]}"; do
  for server in "${SERVERS[@]}"; do
    dir="$WORK/$server-$n"
    if [ "$server" = dashboard ]; then
      start_app "$dir"
      token="$(app_token)" || exit 1
      customer="$(app_customer "$token")" || exit 1
      run_fanout dashboard "$n" "$APP_PID" "$token" "$dir/app.log" --trigger rest --customer-id "$customer"
      stop_app
    else
      start_peer "$dir"
      token="$(BENCH_PEER_SECRET="$PEER_SECRET" node bench/socketio-peer-server.mjs --issue-token)" || die "the peer could not issue a token"
      run_fanout socket.io "$n" "$PEER_PID" "$token" "$dir/peer.log" --trigger http
      stop_peer
    fi
  done
done
[ -n "${BENCH_RESULTS:-}" ] && cp "$RESULTS" "$BENCH_RESULTS"

node -e '
const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
const v = (x) => (x === null || x === undefined ? "n/a" : String(x));
const name = (r) => (r.server === "dashboard" ? "Dashboard (/socket.io/)" : r.server === "socket.io" ? "Node socket.io 4.8.4" : v(r.server));
rows.sort((a, b) => a.clients - b.clients);
console.log(`Socket.IO broadcast on 127.0.0.1 (socket.io-client 4.8.4, WebSocket only, ${rows[0]?.broadcasts} broadcasts ${rows[0]?.intervalMs} ms apart; latency = just before the POST -> each client receives payment:added)`);
console.log("");
console.log("| server | clients | connected | connect rate (conn/s) | p50 (ms) | p99 (ms) | delivered payment:added/s | RSS per connection (KiB) | server CPU % during broadcasts | missed |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows) {
  console.log(`| ${name(r)} | ${r.clients} | ${r.connected} | ${v(r.connectRate)} | ${v(r.p50Ms)} | ${v(r.p99Ms)} | ${v(r.deliveredPerSecond)} | ${v(r.rssPerConnectionKiB)} | ${v(r.serverCpuPercent)} | ${r.missed} |`);
}
console.log("");
console.log(`To read it by: events each client got per broadcast (payment:added and its companions); the baseline = the same ${rows[0]?.broadcasts} broadcasts to one client before the N connect (the trigger\x27s own cost: Dashboard records the payment in SQLite, logs the activity, recomputes stats; the peer parses a JSON POST); fan-out CPU = server CPU during the broadcasts minus the baseline\x27s, per event delivered beyond it; load process CPU is its CPU time over the time broadcasts were in flight (POST to last receipt): near or above 100 % the one node load process, not the server, sets the latency.`);
console.log("");
console.log("| server | clients | events / client / broadcast | baseline p50, 1 client (ms) | baseline server CPU (s) | server CPU during broadcasts (s) | fan-out CPU µs / event | server CPU while connecting (s) | trigger POST p50 (ms) | max latency (ms) | disconnects | load process CPU % while broadcasting |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows) {
  console.log(`| ${name(r)} | ${r.clients} | ${v(r.eventsPerClientPerBroadcast)} | ${v(r.baselineP50Ms)} | ${v(r.baselineCpuSeconds)} | ${v(r.serverCpuSeconds)} | ${v(r.serverFanoutCpuUsPerEvent)} | ${v(r.serverCpuConnectSeconds)} | ${v(r.triggerP50Ms)} | ${v(r.maxMs)} | ${r.disconnects} | ${v(r.loadCpuBusyPercent)} |`);
}
' "$RESULTS"
