# Shell code shared by the benchmark scripts (bench-hub.sh, bench-socketio.sh); sourced, never run.
# The sourcing script sets BENCH_NAME (the prefix of its messages) and has cd'ed to the repository root (ROOT).
# Provides: die, bench_check_counts, bench_raise_nofile, bench_npm_ci, bench_build_app (sets DLL), bench_workdir
# (sets WORK, and an EXIT trap that stops every process started here and removes WORK), free_port, json_field,
# post_json, start_app (sets BASE, APP_PID, ADMIN_EMAIL, ADMIN_PASSWORD), stop_app, stop_pid, app_token,
# app_customer.

die() {
  echo "${BENCH_NAME:-bench}: $*" >&2
  exit 1
}

# Every count must be an integer in [1, max].
bench_check_counts() { # max count...
  local max="$1" n
  shift
  for n in "$@"; do
    [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] && [ "$n" -le "$max" ] || die "client count '$n' must be an integer in [1, $max]"
  done
}

# Every connection is a file descriptor in both processes: raise the soft limit to the largest count + 1024.
bench_raise_nofile() { # count...
  local largest=0 n need
  for n in "$@"; do [ "$n" -gt "$largest" ] && largest="$n"; done
  need=$((largest + 1024))
  if [ "$(ulimit -n)" != "unlimited" ] && [ "$(ulimit -n)" -lt "$need" ]; then
    ulimit -n "$need" 2>/dev/null || die "open-file limit $(ulimit -n) is below $need and cannot be raised (ulimit -Hn: $(ulimit -Hn))"
  fi
}

# npm ci unless every given node_modules folder is there.
bench_npm_ci() { # package-dir...
  local dir
  for dir in "$@"; do
    if [ ! -d "node_modules/$dir" ]; then
      npm ci --no-audit --no-fund
      return
    fi
  done
}

# A Release build of the app (unless BENCH_SKIP_BUILD=1); sets DLL.
bench_build_app() {
  if [ "${BENCH_SKIP_BUILD:-0}" != "1" ]; then
    echo "$BENCH_NAME: building the app (Release)..." >&2
    dotnet build Dashboard/Dashboard.csproj -c Release -nologo -v quiet >&2
  fi
  DLL="$ROOT/Dashboard/bin/Release/net10.0/Dashboard.dll"
  [ -f "$DLL" ] || die "$DLL not found (build failed?)"
}

BENCH_PIDS=()
APP_PID=""

# Stops a process started by this script (by its pid): SIGTERM, up to 5 s, then SIGKILL; forgets it.
stop_pid() { # pid
  local pid="$1"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  local kept=() p
  for p in "${BENCH_PIDS[@]}"; do
    [ "$p" = "$pid" ] || kept+=("$p")
  done
  BENCH_PIDS=("${kept[@]}")
}

stop_app() {
  stop_pid "$APP_PID"
  APP_PID=""
}

bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do
    stop_pid "$pid"
  done
  [ -n "${WORK:-}" ] && rm -rf "$WORK"
}

# A scratch folder for this run (data directories, logs, results); sets WORK and the traps.
bench_workdir() {
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/$BENCH_NAME.XXXXXX")"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

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

# Starts the Release build on a free 127.0.0.1 port with its own SQLite file and admin; waits for /health.
# BENCH_SEED_DEMO=true fills the database with the demo business first.
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
    Dashboard__SeedDemoData="${BENCH_SEED_DEMO:-false}" \
    Realtime__RateLimit__PermitsPerSecond=1000 \
    Realtime__RateLimit__Burst=1000 \
    Logging__LogLevel__Default=Warning \
    dotnet "$DLL" --contentRoot "$ROOT" >"$dir/app.log" 2>&1 &
  APP_PID=$!
  BENCH_PIDS+=("$APP_PID")
  for _ in $(seq 1 300); do
    kill -0 "$APP_PID" 2>/dev/null || die "the app exited during start-up; its log:"$'\n'"$(tail -n 40 "$dir/app.log")"
    if curl -sf --max-time 2 -o /dev/null "$BASE/health"; then
      return 0
    fi
    sleep 0.2
  done
  die "the app did not answer $BASE/health within 60 s; its log:"$'\n'"$(tail -n 40 "$dir/app.log")"
}

# The admin's bearer token from the started app.
app_token() {
  post_json "$BASE/api/v1/auth/token" 200 "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" | json_field accessToken ||
    die "no accessToken from /api/v1/auth/token"
}

# Creates one customer in the started app, on the route "Bench" (added to the list first); prints its id.
app_customer() { # token
  post_json "$BASE/api/v1/routes" 201 '{"name":"Bench"}' "$1" >/dev/null
  post_json "$BASE/api/v1/customers" 201 \
    '{"name":"Bench Customer","phone":"+91 98450 00000","address":"1 Bench Road","route":"Bench","defaultQuantity":1,"pricePerLiter":60,"isActive":true}' \
    "$1" | json_field id || die "no id in the created customer"
}
