// Broadcast benchmark for a Socket.IO v4 server, run by scripts/bench-socketio.sh against Dashboard's /socket.io/ or
// the Node `socket.io` peer (bench/socketio-peer-server.mjs) on 127.0.0.1.
// Connects N clients (the official socket.io-client 4.8, one node process, WebSocket only, `auth: { token }`, one
// Engine.IO connection each), then triggers B broadcasts one at a time; every client receives `payment:added`.
//   --trigger rest  Dashboard: POST /api/v1/payments {customerId, amount, method, note} with the bearer token.
//   --trigger http  the peer: POST /broadcast with a Payment-shaped JSON body (and the same bearer token).
// Each broadcast is identified by its payment note. Before connecting the N clients: a warm-up (one client, paced
// broadcasts), then a baseline (the same B broadcasts to that one client: what the trigger itself costs the server).
// Measures: connect rate; latency from just before the POST to each client's receipt (p50/p99/max); delivered
// payment:added per second over the broadcast phase; the server's RSS per connection (/proc/<pid>/status) and CPU time
// (/proc/<pid>/stat) while connecting and during the broadcasts, in all and beyond the baseline (the fan-out's own).
// Prints ONE JSON line of results on stdout; progress and errors on stderr.
// Exit 2 = usage, 3 = no endpoint / refused, 4 = timeout.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { io } from "socket.io-client";
import { cpuSeconds, die, loopbackUrl, options, percentile, pool, round, rssKiB } from "./lib.mjs";

const { opt, int } = options({
  base: { type: "string" }, // http://127.0.0.1:PORT
  path: { type: "string", default: "/socket.io/" },
  trigger: { type: "string", default: "rest" }, // rest | http
  server: { type: "string", default: "" }, // a label echoed in the result (e.g. dashboard, socket.io)
  clients: { type: "string", default: "100" },
  broadcasts: { type: "string", default: "20" },
  "interval-ms": { type: "string", default: "250" },
  concurrency: { type: "string", default: "50" },
  "customer-id": { type: "string" }, // required with --trigger rest
  pid: { type: "string" }, // the server's pid, for /proc/<pid>/status and /proc/<pid>/stat
  "clk-tck": { type: "string", default: "100" }, // getconf CLK_TCK
  "settle-ms": { type: "string", default: "2000" },
  warmup: { type: "string", default: "100" }, // broadcasts to one warm-up client before measuring, --interval-ms apart
  "quiet-percent": { type: "string", default: "10" }, // the server counts as quiet below this CPU % (of one core)
  "quiet-max-s": { type: "string", default: "15" }, // ... or after this long
  "connect-timeout-s": { type: "string", default: "20" },
  "broadcast-timeout-s": { type: "string", default: "30" },
  "timeout-s": { type: "string", default: "600" },
});

const token = process.env.BENCH_TOKEN ?? "";
const trigger = opt.trigger;
if (!opt.base || !token || !["rest", "http"].includes(trigger) || (trigger === "rest" && !opt["customer-id"])) {
  die(
    2,
    "usage: BENCH_TOKEN=<token> node bench/socketio-fanout.mjs --base http://127.0.0.1:PORT --trigger rest --customer-id <guid> | --trigger http\n" +
      "       [--path /socket.io/] [--clients N] [--broadcasts B] [--interval-ms MS] [--concurrency C] [--pid <server pid>] [--server LABEL]",
  );
}
const base = loopbackUrl(opt.base);
const clients = int("clients", 1, 20000);
const broadcasts = int("broadcasts", 1, 1000);
const intervalMs = int("interval-ms", 0, 60000);
const concurrency = int("concurrency", 1, 1000);
const clockTicks = int("clk-tck", 1, 100000);
const settleMs = int("settle-ms", 0, 60000);
const warmups = int("warmup", 1, 1000);
const quietPercent = int("quiet-percent", 1, 1000);
const quietMaxMs = int("quiet-max-s", 0, 600) * 1000;
const connectTimeoutMs = int("connect-timeout-s", 1, 600) * 1000;
const broadcastTimeoutMs = int("broadcast-timeout-s", 1, 600) * 1000;
const timeoutS = int("timeout-s", 10, 3600);
const pid = opt.pid ? int("pid", 1, 2 ** 31) : null;
const path = opt.path;
const customerId = opt["customer-id"] ?? randomUUID();
const endpoint = new URL(path, base).toString();

// The whole run is bounded, whatever happens.
setTimeout(() => die(4, `overall timeout of ${timeoutS} s reached`), timeoutS * 1000).unref();

// Receipts of payment:added per broadcast (keyed by the payment's note), in performance.now() milliseconds.
const receipts = new Map();
let waiter = null;
let events = 0; // every server -> client event, all clients
let stopping = false;
let disconnects = 0;
const disconnectReasons = new Map();
const eventBytes = {}; // JSON size of the first payload seen per event name

function onPayment(payload) {
  const at = performance.now();
  const note = payload?.note;
  let list = receipts.get(note);
  if (!list) {
    list = [];
    receipts.set(note, list);
  }
  list.push(at);
  if (waiter && waiter.note === note && list.length >= waiter.count) {
    waiter.resolve();
  }
}

function onAny(name, payload) {
  events++;
  if (eventBytes[name] === undefined) {
    eventBytes[name] = JSON.stringify(payload ?? null).length;
  }
}

/** One client, its own Engine.IO connection (forceNew: no multiplexing), resolved once the server accepted it. */
function connect() {
  const socket = io(base.origin, {
    path,
    transports: ["websocket"],
    auth: { token },
    forceNew: true,
    reconnection: false,
    timeout: connectTimeoutMs,
  });
  socket.on("payment:added", onPayment);
  socket.onAny(onAny);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => {
      socket.off("connect_error");
      socket.on("disconnect", (reason) => {
        if (!stopping) {
          disconnects++;
          disconnectReasons.set(reason, (disconnectReasons.get(reason) ?? 0) + 1);
        }
      });
      resolve(socket);
    });
    socket.once("connect_error", (error) => {
      socket.close();
      const code = error?.data?.code ? ` (${error.data.code})` : "";
      reject(new Error(`${error?.message ?? error}${code}`));
    });
  });
}

async function post(path, body) {
  const response = await fetch(new URL(path, base), {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15000),
  });
  const text = await response.text();
  return { status: response.status, text };
}

const runId = randomUUID().slice(0, 8);
const today = new Date().toISOString().slice(0, 10);

/** Triggers one broadcast whose payment carries `note`. */
async function broadcastOnce(amount, note) {
  if (trigger === "rest") {
    const { status, text } = await post("/api/v1/payments", { customerId, amount, method: "CASH", note });
    if (status !== 201 && status !== 200) {
      die(3, `POST /api/v1/payments answered ${status}: ${text.slice(0, 300)}`);
    }
    return;
  }
  const payment = {
    id: randomUUID(),
    customerId,
    customerName: "Bench Customer",
    amount,
    method: "CASH",
    paymentDate: today,
    note,
    recordedBy: "bench-admin@bench.local",
    createdAt: new Date().toISOString(),
  };
  const { status, text } = await post("/broadcast", payment);
  if (status !== 202) {
    die(3, `POST /broadcast answered ${status}: ${text.slice(0, 300)}`);
  }
}

/** Triggers a broadcast and resolves when `count` receipts are in, or after the timeout: {list, triggerMs}. */
let sequence = 0;
async function broadcastAndWait(amount, count) {
  const note = `bench ${runId} #${++sequence}`;
  let timer;
  const done = new Promise((resolve) => {
    waiter = { note, count, resolve };
    timer = setTimeout(resolve, broadcastTimeoutMs);
  });
  const before = performance.now();
  await broadcastOnce(amount, note);
  const triggerMs = performance.now() - before;
  if ((receipts.get(note)?.length ?? 0) < count) {
    await done;
  }
  clearTimeout(timer);
  waiter = null;
  return { before, triggerMs, list: receipts.get(note) ?? [], end: performance.now() };
}

// 1. Is there an Engine.IO v4 server at the path? (An open packet is "0{...}".)
{
  let status = 0;
  let text = "";
  try {
    const response = await fetch(`${endpoint}?EIO=4&transport=polling`, { signal: AbortSignal.timeout(15000) });
    status = response.status;
    text = await response.text();
  } catch (error) {
    die(3, `GET ${endpoint}?EIO=4&transport=polling failed: ${error.message}`);
  }
  if (status !== 200 || !text.startsWith("0{")) {
    die(3, `no Socket.IO (Engine.IO v4) endpoint at ${endpoint}: the polling handshake answered ${status} ${JSON.stringify(text.slice(0, 120))}. Is it mapped in this build?`);
  }
}

/**
 * Waits until the server's CPU use over a 500 ms window is below --quiet-percent (background work after a burst:
 * .NET tiered recompilation, V8 optimisation, GC), at most --quiet-max-s; returns the seconds waited.
 */
async function waitQuiet() {
  const start = performance.now();
  if (pid === null) {
    return 0;
  }
  while (performance.now() - start < quietMaxMs) {
    const before = cpuSeconds(pid, clockTicks);
    await sleep(500);
    if ((100 * (cpuSeconds(pid, clockTicks) - before)) / 0.5 < quietPercent) {
      break;
    }
  }
  return (performance.now() - start) / 1000;
}

/**
 * `broadcasts` broadcasts, one at a time, to `count` connected clients: POST, wait for every client's receipt (or the
 * timeout), pause, next. The phase runs from just before the first POST to the last broadcast's last receipt (the
 * pauses between broadcasts are inside it, the one after the last is not); the server's and this process's CPU time
 * are taken at both ends. Events that trail the last payment:added (companions) are counted a moment later.
 */
async function measuredBroadcasts(count) {
  const latencies = [];
  const triggers = [];
  let missed = 0;
  let busyMs = 0;
  events = 0;
  const cpuBefore = cpuSeconds(pid, clockTicks);
  const loadBefore = process.cpuUsage();
  const start = performance.now();
  let end = start;
  for (let b = 0; b < broadcasts; b++) {
    const result = await broadcastAndWait(b + 2, count);
    for (const at of result.list) {
      latencies.push(at - result.before);
    }
    triggers.push(result.triggerMs);
    missed += Math.max(0, count - result.list.length);
    busyMs += result.end - result.before;
    end = result.end;
    if (b + 1 < broadcasts) {
      await sleep(intervalMs);
    }
  }
  const cpuAfter = cpuSeconds(pid, clockTicks);
  const load = process.cpuUsage(loadBefore);
  const phaseEvents = events;
  await sleep(Math.min(settleMs, 1000));
  latencies.sort((a, b) => a - b);
  triggers.sort((a, b) => a - b);
  return {
    latencies,
    triggers,
    missed,
    busyMs,
    seconds: (end - start) / 1000,
    events: phaseEvents,
    eventsWithTrailing: events,
    cpu: cpuBefore === null ? null : cpuAfter - cpuBefore,
    loadCpu: (load.user + load.system) / 1e6,
  };
}

// 2. Warm up (JIT and tiered recompilation, first-connection allocations) with one client and `warmup` broadcasts
//    paced like the measured ones (Dashboard recomputes its stats once per 250 ms window, so back-to-back writes
//    would leave that path cold); checks the token too. Wait for the server to be quiet; its idle CPU over the
//    settle time. Then the baseline: the same broadcasts as the measured phase, to that one client — what the
//    trigger itself costs (Dashboard: REST, SQLite write, activity log, stats; the peer: a JSON POST), so that
//    the fan-out's own cost is the difference.
let wsExtensions = null;
const warm = await connect().catch((error) => die(3, `the warm-up client was refused at ${endpoint}: ${error.message}`));
wsExtensions = warm.io.engine?.transport?.ws?.extensions ?? null;
for (let w = 0; w < warmups; w++) {
  const { list } = await broadcastAndWait(1, 1);
  if (list.length < 1) {
    die(3, `the warm-up client never received payment:added within ${broadcastTimeoutMs / 1000} s`);
  }
  await sleep(intervalMs);
}
const quietAfterWarmup = await waitQuiet();
const idleCpuBefore = cpuSeconds(pid, clockTicks);
const idleStart = performance.now();
await sleep(settleMs);
const idleCpu = idleCpuBefore === null ? null : cpuSeconds(pid, clockTicks) - idleCpuBefore;
const idleSeconds = (performance.now() - idleStart) / 1000;
process.stderr.write(`bench: baseline, ${broadcasts} broadcasts to one client (trigger ${trigger})\n`);
const baseline = await measuredBroadcasts(1);
if (baseline.missed > 0) {
  die(3, `the one baseline client missed ${baseline.missed} of ${broadcasts} broadcasts`);
}
stopping = true;
warm.close();
stopping = false;
receipts.clear();
await waitQuiet();

// 3. Connect N clients, `concurrency` handshakes in flight at a time.
const rssBefore = rssKiB(pid);
const cpuBeforeConnect = cpuSeconds(pid, clockTicks);
const sockets = [];
const failures = new Map();
process.stderr.write(`bench: connecting ${clients} Socket.IO clients to ${endpoint} (${concurrency} at a time)\n`);
const connectStart = performance.now();
await pool(clients, concurrency, async () => {
  try {
    sockets.push(await connect());
  } catch (error) {
    const message = String(error?.message ?? error).slice(0, 200);
    failures.set(message, (failures.get(message) ?? 0) + 1);
  }
});
const connectSeconds = (performance.now() - connectStart) / 1000;
const cpuAfterConnect = cpuSeconds(pid, clockTicks);
const connected = sockets.length;
for (const [message, count] of failures) {
  process.stderr.write(`bench: ${count} connection(s) failed: ${message}\n`);
}
if (connected === 0) {
  die(3, "no client connected");
}
await sleep(settleMs);
const quietAfterConnect = await waitQuiet();
const rssAfter = rssKiB(pid);
process.stderr.write(`bench: ${connected} connected in ${connectSeconds.toFixed(1)} s; ${broadcasts} broadcasts every ${intervalMs} ms (trigger ${trigger})\n`);

// 4. The measured broadcasts, to the N clients.
const run = await measuredBroadcasts(connected);
const rssAfterBroadcasts = rssKiB(pid);

stopping = true;
for (const socket of sockets) {
  socket.close();
}
for (const [reason, count] of disconnectReasons) {
  process.stderr.write(`bench: ${count} client(s) disconnected during the run: ${reason}\n`);
}

const { latencies, triggers } = run;
const delivered = latencies.length;
const serverCpu = run.cpu;
const fanoutCpu = serverCpu === null || baseline.cpu === null ? null : serverCpu - baseline.cpu;
const fanoutEvents = run.events - baseline.events;
const result = {
  server: opt.server || null,
  trigger,
  clients,
  connected,
  failed: clients - connected,
  connectSeconds: round(connectSeconds, 2),
  connectRate: round(connected / connectSeconds),
  serverCpuConnectSeconds: cpuBeforeConnect === null ? null : round(cpuAfterConnect - cpuBeforeConnect, 2),
  broadcasts,
  intervalMs,
  samples: delivered,
  missed: run.missed,
  disconnects,
  p50Ms: round(percentile(latencies, 50)),
  p99Ms: round(percentile(latencies, 99)),
  maxMs: round(latencies.length ? latencies[latencies.length - 1] : null),
  triggerP50Ms: round(percentile(triggers, 50)),
  triggerMaxMs: round(triggers.length ? triggers[triggers.length - 1] : null),
  broadcastSeconds: round(run.seconds, 2),
  busySeconds: round(run.busyMs / 1000, 2),
  deliveredPerSecond: round(delivered / run.seconds, 0),
  deliveredPerBusySecond: round(delivered / (run.busyMs / 1000), 0),
  eventsPerClientPerBroadcast: round(run.eventsWithTrailing / connected / broadcasts, 2),
  eventsPerSecond: round(run.events / run.seconds, 0),
  eventBytes,
  warmup: warmups,
  quietAfterWarmupSeconds: round(quietAfterWarmup),
  quietAfterConnectSeconds: round(quietAfterConnect),
  serverIdleCpuPercent: idleCpu === null ? null : round((100 * idleCpu) / idleSeconds),
  baselineP50Ms: round(percentile(baseline.latencies, 50)),
  baselineCpuSeconds: baseline.cpu === null ? null : round(baseline.cpu, 2),
  rssBeforeMiB: rssBefore === null ? null : round(rssBefore / 1024),
  rssAfterMiB: rssAfter === null ? null : round(rssAfter / 1024),
  rssPerConnectionKiB: rssBefore === null || rssAfter === null ? null : round((rssAfter - rssBefore) / connected),
  rssAfterBroadcastsMiB: rssAfterBroadcasts === null ? null : round(rssAfterBroadcasts / 1024),
  serverCpuSeconds: serverCpu === null ? null : round(serverCpu, 2),
  serverCpuPercent: serverCpu === null ? null : round((100 * serverCpu) / run.seconds),
  serverCpuUsPerEvent: serverCpu === null || run.events === 0 ? null : round((1e6 * serverCpu) / run.events, 2),
  serverFanoutCpuSeconds: fanoutCpu === null ? null : round(fanoutCpu, 2),
  serverFanoutCpuUsPerEvent: fanoutCpu === null || fanoutEvents <= 0 ? null : round((1e6 * fanoutCpu) / fanoutEvents, 2),
  loadCpuPercent: round((100 * run.loadCpu) / run.seconds),
  loadCpuBusyPercent: run.busyMs > 0 ? round((100 * run.loadCpu) / (run.busyMs / 1000)) : null,
  wsExtensions: wsExtensions || null,
};
process.stdout.write(JSON.stringify(result) + "\n");
process.exit(0);
