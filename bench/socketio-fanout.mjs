// Broadcast benchmark for a Socket.IO v4 server, run by scripts/bench-socketio.sh against Dashboard's /socket.io/ or
// the Node `socket.io` peer (bench/socketio-peer-server.mjs) on 127.0.0.1.
// Connects N clients (the official socket.io-client 4.8, one node process, WebSocket only, `auth: { token }`, one
// Engine.IO connection each), then triggers B broadcasts one at a time; every client receives `payment:added`.
//   --trigger rest  Dashboard: POST /api/v1/payments {customerId, amount, method, note} with the bearer token.
//   --trigger http  the peer: POST /broadcast with a Payment-shaped JSON body (and the same bearer token).
// Each broadcast is identified by its payment note. Measures: connect rate; latency from just before the POST to each
// client's receipt (p50/p99/max); delivered payment:added per second over the broadcast phase; the server's RSS per
// connection (/proc/<pid>/status) and CPU time (/proc/<pid>/stat) while connecting and during the broadcasts.
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
async function broadcastAndWait(amount, count) {
  const note = `bench ${runId} #${amount}`;
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

// 2. Warm up (JIT, first-connection allocations) with one client and one broadcast; checks the token too.
let wsExtensions = null;
{
  let warm;
  try {
    warm = await connect();
  } catch (error) {
    die(3, `the warm-up client was refused at ${endpoint}: ${error.message}`);
  }
  wsExtensions = warm.io.engine?.transport?.ws?.extensions ?? null;
  const { list } = await broadcastAndWait(1, 1);
  if (list.length < 1) {
    die(3, `the warm-up client never received payment:added within ${broadcastTimeoutMs / 1000} s`);
  }
  stopping = true;
  warm.close();
  stopping = false;
  receipts.clear();
  await sleep(settleMs);
}

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
const rssAfter = rssKiB(pid);
process.stderr.write(`bench: ${connected} connected in ${connectSeconds.toFixed(1)} s; ${broadcasts} broadcasts every ${intervalMs} ms (trigger ${trigger})\n`);

// 4. Broadcasts, one at a time: POST, wait for every client's receipt (or the timeout), pause, next.
//    The phase runs from just before the first POST to the last broadcast's last receipt (the pauses between
//    broadcasts are inside it, the one after the last is not).
const latencies = [];
const triggers = [];
let missed = 0;
let busyMs = 0;
events = 0;
const cpuBefore = cpuSeconds(pid, clockTicks);
const loadCpuBefore = process.cpuUsage();
const phaseStart = performance.now();
let phaseEnd = phaseStart;
for (let b = 0; b < broadcasts; b++) {
  const { before, triggerMs, list, end } = await broadcastAndWait(b + 2, connected);
  for (const at of list) {
    latencies.push(at - before);
  }
  triggers.push(triggerMs);
  missed += Math.max(0, connected - list.length);
  busyMs += end - before;
  phaseEnd = end;
  if (b + 1 < broadcasts) {
    await sleep(intervalMs);
  }
}
const cpuAfter = cpuSeconds(pid, clockTicks);
const loadCpu = process.cpuUsage(loadCpuBefore);
const phaseEvents = events;
const phaseSeconds = (phaseEnd - phaseStart) / 1000;
// Companion events (balance, activity, stats) may trail payment:added; give them a moment before counting.
await sleep(Math.min(settleMs, 1000));
const eventsPerClientPerBroadcast = events / connected / broadcasts;
const rssAfterBroadcasts = rssKiB(pid);
latencies.sort((a, b) => a - b);
triggers.sort((a, b) => a - b);

stopping = true;
for (const socket of sockets) {
  socket.close();
}
for (const [reason, count] of disconnectReasons) {
  process.stderr.write(`bench: ${count} client(s) disconnected during the run: ${reason}\n`);
}

const delivered = latencies.length;
const serverCpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
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
  missed,
  disconnects,
  p50Ms: round(percentile(latencies, 50)),
  p99Ms: round(percentile(latencies, 99)),
  maxMs: round(latencies.length ? latencies[latencies.length - 1] : null),
  triggerP50Ms: round(percentile(triggers, 50)),
  triggerMaxMs: round(triggers.length ? triggers[triggers.length - 1] : null),
  broadcastSeconds: round(phaseSeconds, 2),
  busySeconds: round(busyMs / 1000, 2),
  deliveredPerSecond: round(delivered / phaseSeconds, 0),
  deliveredPerBusySecond: round(delivered / (busyMs / 1000), 0),
  eventsPerClientPerBroadcast: round(eventsPerClientPerBroadcast, 2),
  eventsPerSecond: round(phaseEvents / phaseSeconds, 0),
  eventBytes,
  rssBeforeMiB: rssBefore === null ? null : round(rssBefore / 1024),
  rssAfterMiB: rssAfter === null ? null : round(rssAfter / 1024),
  rssPerConnectionKiB: rssBefore === null || rssAfter === null ? null : round((rssAfter - rssBefore) / connected),
  rssAfterBroadcastsMiB: rssAfterBroadcasts === null ? null : round(rssAfterBroadcasts / 1024),
  serverCpuSeconds: serverCpu === null ? null : round(serverCpu, 2),
  serverCpuPercent: serverCpu === null ? null : round((100 * serverCpu) / phaseSeconds),
  serverCpuUsPerEvent: serverCpu === null || phaseEvents === 0 ? null : round((1e6 * serverCpu) / phaseEvents, 2),
  loadCpuPercent: round((100 * (loadCpu.user + loadCpu.system)) / 1e6 / phaseSeconds),
  wsExtensions: wsExtensions || null,
};
process.stdout.write(JSON.stringify(result) + "\n");
process.exit(0);
