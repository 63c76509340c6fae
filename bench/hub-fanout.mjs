// Fan-out benchmark for the SignalR hub, run by scripts/bench-hub.sh against an app on 127.0.0.1.
// Connects N WebSocket clients (the official @microsoft/signalr client, one node process), then has the REST API
// record B payments (POST /api/v1/payments); every Admin/Staff connection receives `payment:added` (args[0].id).
// Measures: connect rate, fan-out latency (just before the POST -> each client's receipt), app RSS per connection.
// Prints ONE JSON line of results on stdout; progress and errors on stderr. Exit 3 = no hub / refused, 4 = timeout.
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import * as signalR from "@microsoft/signalr";
import { die, loopbackUrl, options, percentile, pool as poolOf, round, rssKiB as rssOf } from "./lib.mjs";

const { opt, int } = options({
  base: { type: "string" }, // http://127.0.0.1:PORT
  "hub-path": { type: "string", default: "/hubs/live" },
  clients: { type: "string", default: "100" },
  broadcasts: { type: "string", default: "20" },
  "interval-ms": { type: "string", default: "250" },
  concurrency: { type: "string", default: "50" },
  "customer-id": { type: "string" },
  pid: { type: "string" }, // the app's pid, for /proc/<pid>/status VmRSS
  "settle-ms": { type: "string", default: "2000" },
  "broadcast-timeout-s": { type: "string", default: "30" },
  "timeout-s": { type: "string", default: "600" },
});

const token = process.env.BENCH_TOKEN ?? "";
if (!opt.base || !opt["customer-id"] || !token) {
  die(2, "usage: BENCH_TOKEN=<admin token> node bench/hub-fanout.mjs --base http://127.0.0.1:PORT --customer-id <guid> [--clients N] [--pid <app pid>]");
}
const base = loopbackUrl(opt.base);
const clients = int("clients", 1, 20000);
const broadcasts = int("broadcasts", 1, 1000);
const intervalMs = int("interval-ms", 0, 60000);
const concurrency = int("concurrency", 1, 1000);
const settleMs = int("settle-ms", 0, 60000);
const broadcastTimeoutMs = int("broadcast-timeout-s", 1, 600) * 1000;
const timeoutS = int("timeout-s", 10, 3600);
const pid = opt.pid ? int("pid", 1, 2 ** 31) : null;
const hubUrl = new URL(opt["hub-path"], base).toString();
const customerId = opt["customer-id"];

// The whole run is bounded, whatever happens.
setTimeout(() => die(4, `overall timeout of ${timeoutS} s reached`), timeoutS * 1000);

const CATALOG = ["connected", "delivery:updated", "customer:updated", "balance:updated", "stats:updated", "activity:updated", "pong", "error"];

let logged = 0;
const logger = {
  log(level, message) {
    if (level >= signalR.LogLevel.Error && level !== signalR.LogLevel.None && logged++ < 20) {
      process.stderr.write(`[signalr ${signalR.LogLevel[level]}] ${message}\n`);
    }
  },
};

const rssKiB = () => rssOf(pid);

// Receipts of payment:added per payment id, in performance.now() milliseconds.
const receipts = new Map();
let waiter = null;

function onPayment(payload) {
  const at = performance.now();
  const id = payload?.id;
  let list = receipts.get(id);
  if (!list) {
    list = [];
    receipts.set(id, list);
  }
  list.push(at);
  if (waiter && waiter.id === id && list.length >= waiter.count) {
    waiter.resolve();
  }
}

function newConnection() {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(hubUrl, { accessTokenFactory: () => token, transport: signalR.HttpTransportType.WebSockets })
    .configureLogging(logger)
    .build();
  connection.on("payment:added", onPayment);
  for (const name of CATALOG) {
    connection.on(name, () => {});
  }
  return connection;
}

async function http(method, path, body) {
  const response = await fetch(new URL(path, base), {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15000),
  });
  const text = await response.text();
  return { status: response.status, text };
}

async function pay(amount) {
  const { status, text } = await http("POST", "/api/v1/payments", { customerId, amount, method: "CASH" });
  if (status !== 201 && status !== 200) {
    die(3, `POST /api/v1/payments answered ${status}: ${text.slice(0, 300)}`);
  }
  return JSON.parse(text).id;
}

/** Resolves when `count` receipts of payment `id` are in, or after the timeout; returns the receipts. */
async function receiptsOf(id, count) {
  const list = receipts.get(id) ?? [];
  if (list.length < count) {
    let timer;
    await Promise.race([
      new Promise((resolve) => {
        waiter = { id, count, resolve };
      }),
      new Promise((resolve) => {
        timer = setTimeout(resolve, broadcastTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
    waiter = null;
  }
  return receipts.get(id) ?? [];
}

const pool = (count, work) => poolOf(count, concurrency, work);

async function stopAll(connections) {
  await Promise.race([pool(connections.length, (i) => connections[i].stop().catch(() => {})), sleep(60000)]);
}

// 1. Is there a hub, and does it take this token? (negotiate answers 404 when the hub is not mapped.)
{
  const { status, text } = await http("POST", `${opt["hub-path"]}/negotiate?negotiateVersion=1`);
  if (status === 404) {
    die(3, `no SignalR hub at ${hubUrl}: POST ${opt["hub-path"]}/negotiate answered 404. Is the hub mapped in this build of the app?`);
  }
  if (status !== 200) {
    die(3, `negotiate at ${hubUrl} answered ${status} (expected 200 with an Admin token): ${text.slice(0, 300)}`);
  }
}

// 2. Warm up (JIT, first-connection allocations) with one client and one broadcast, so they do not count as per-connection memory.
{
  const warm = newConnection();
  await warm.start().catch((error) => die(3, `warm-up connection failed: ${error.message}`));
  const id = await pay(1);
  if ((await receiptsOf(id, 1)).length < 1) {
    die(3, `the warm-up client never received payment:added for payment ${id} within ${broadcastTimeoutMs / 1000} s`);
  }
  await warm.stop();
  receipts.clear();
  await sleep(settleMs);
}

// 3. Connect N clients, `concurrency` handshakes in flight at a time.
const rssBefore = rssKiB();
const connections = [];
const failures = new Map();
process.stderr.write(`bench: connecting ${clients} clients to ${hubUrl} (${concurrency} at a time)\n`);
const connectStart = performance.now();
await pool(clients, async () => {
  const connection = newConnection();
  try {
    await connection.start();
    connections.push(connection);
  } catch (error) {
    const message = String(error?.message ?? error).slice(0, 200);
    failures.set(message, (failures.get(message) ?? 0) + 1);
  }
});
const connectSeconds = (performance.now() - connectStart) / 1000;
const connected = connections.length;
for (const [message, count] of failures) {
  process.stderr.write(`bench: ${count} connection(s) failed: ${message}\n`);
}
if (connected === 0) {
  die(3, "no client connected");
}
await sleep(settleMs);
const rssAfter = rssKiB();
process.stderr.write(`bench: ${connected} connected in ${connectSeconds.toFixed(1)} s; ${broadcasts} broadcasts every ${intervalMs} ms\n`);

// 4. Broadcasts, one at a time: POST, wait for every client's receipt (or the timeout), pause, next.
const latencies = [];
let missed = 0;
for (let b = 0; b < broadcasts; b++) {
  const before = performance.now();
  const id = await pay(b + 2);
  const got = await receiptsOf(id, connected);
  for (const at of got) {
    latencies.push(at - before);
  }
  missed += Math.max(0, connected - got.length);
  await sleep(intervalMs);
}
latencies.sort((a, b) => a - b);

await stopAll(connections);

const result = {
  clients,
  connected,
  failed: clients - connected,
  connectSeconds: round(connectSeconds, 2),
  connectRate: round(connected / connectSeconds),
  broadcasts,
  samples: latencies.length,
  missed,
  p50Ms: round(percentile(latencies, 50)),
  p99Ms: round(percentile(latencies, 99)),
  maxMs: round(latencies.length ? latencies[latencies.length - 1] : null),
  rssBeforeMiB: rssBefore === null ? null : round(rssBefore / 1024),
  rssAfterMiB: rssAfter === null ? null : round(rssAfter / 1024),
  rssPerConnectionKiB: rssBefore === null || rssAfter === null ? null : round((rssAfter - rssBefore) / connected),
};
process.stdout.write(JSON.stringify(result) + "\n");
process.exit(0);
