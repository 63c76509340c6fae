// Closed-loop REST write benchmark, run by scripts/bench-writes.sh against an app on 127.0.0.1.
// Warms up with sequential payments, then for each connection count C runs autocannon for D seconds: C connections,
// each POSTing /api/v1/payments (rotating over the demo customers) as soon as its previous answer arrived.
// Per level: 2xx count, committed writes/s (the Payments row count in the SQLite file, before and after, must have grown
// by the 2xx count, plus at most C requests cut off in flight), latency p50/p99, app CPU ms per write (/proc/<pid>/stat).
// Prints ONE JSON line per level on stdout; progress and errors on stderr. Exit 3 = app refusing, 5 = counts disagree.
import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { cpuSeconds, die, loopbackUrl, options, round } from "./lib.mjs";

const { opt, int } = options({
  base: { type: "string" },
  pid: { type: "string" },
  db: { type: "string" }, // the app's SQLite file, read with the sqlite3 command-line shell
  connections: { type: "string", default: "1,8,64,256" },
  "duration-s": { type: "string", default: "10" },
  warmup: { type: "string", default: "5000" },
});

const token = process.env.BENCH_TOKEN ?? "";
if (!opt.base || !opt.pid || !opt.db || !token) {
  die(2, "usage: BENCH_TOKEN=<admin token> node bench/writes.mjs --base http://127.0.0.1:PORT --pid <app pid> --db <sqlite file> [--connections 1,8,64,256]");
}
const base = loopbackUrl(opt.base);
const pid = int("pid", 1, 2 ** 31);
const durationS = int("duration-s", 1, 60);
const warmup = int("warmup", 0, 100000);
const levels = opt.connections.split(",").map((c) => Number(c));
if (levels.some((c) => !Number.isInteger(c) || c < 1 || c > 1024)) {
  die(2, `--connections must be integers in [1, 1024] (got '${opt.connections}')`);
}

const url = new URL("/api/v1/payments", base).toString();
const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };

const list = await fetch(new URL("/api/v1/customers", base), { headers });
if (list.status !== 200) {
  die(3, `GET /api/v1/customers answered ${list.status}`);
}
const page = await list.json();
const customers = (Array.isArray(page) ? page : page.items).map((c) => c.id);
if (customers.length === 0) {
  die(3, "the app has no customers (start it with the demo business)");
}

let next = 0;
const body = () => JSON.stringify({ customerId: customers[next++ % customers.length], amount: 1.5, method: "CASH", note: "bench" });
const paymentRows = () => Number(execFileSync("sqlite3", ["-cmd", ".timeout 5000", opt.db, "SELECT COUNT(*) FROM Payments;"], { encoding: "utf8" }).trim());

process.stderr.write(`bench-writes: warming up with ${warmup} sequential payments over ${customers.length} customers\n`);
for (let i = 0; i < warmup; i++) {
  const r = await fetch(url, { method: "POST", headers, body: body() });
  if (r.status !== 201) {
    die(3, `warm-up payment answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
  }
  await r.arrayBuffer();
}

let mismatch = false;
for (const connections of levels) {
  const rowsBefore = paymentRows();
  const cpuBefore = cpuSeconds(pid);
  const started = performance.now();
  const result = await autocannon({
    url,
    connections,
    duration: durationS,
    timeout: 30,
    requests: [{ method: "POST", headers, setupRequest: (req) => ({ ...req, body: body() }) }],
  });
  await sleep(1000); // requests cut off at the end may still commit; let them land before counting
  const cpu = cpuSeconds(pid) - cpuBefore;
  const elapsedS = (performance.now() - started) / 1000;
  const rowsAdded = paymentRows() - rowsBefore;
  const ok = result["2xx"];
  const agrees = rowsAdded >= ok && rowsAdded - ok <= connections;
  mismatch ||= !agrees;
  console.log(JSON.stringify({
    connections,
    durationS,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    rowsAdded,
    agrees,
    writesPerS: round(ok / durationS, 0),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuMsPerWrite: ok > 0 ? round((cpu * 1000) / ok, 2) : null,
    appCpuPercent: round((cpu * 100) / elapsedS, 0),
  }));
}
process.exit(mismatch ? 5 : 0);
