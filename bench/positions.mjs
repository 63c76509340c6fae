// Position streaming benchmark, run by scripts/bench-positions.sh against Dashboard on 127.0.0.1 (issue 12, "Measure").
// Sets up, over the REST API: one product, and per pair i < N a customer (and its Customer user), a Delivery user and an
// order for today assigned to that agent and out for delivery. Then connects, with the official socket.io-client 4.8
// (one node process, WebSocket only, `auth: { token }`): N customer apps that `join:order` their order, and N agent apps.
// Each agent sends `delivery:location` every --period-ms (staggered evenly), for --duration-s; the latitude encodes the
// send's sequence number, so each customer's `delivery:location:update` is matched to the moment it was sent (one
// process, one clock). Measures: latency send → the order's customer app (p50/p99/max), positions lost, refused acks,
// and the app's CPU (/proc/<pid>/stat) and RSS over the streaming phase. With --pages P (5), P of those orders are also
// open as order pages in headless Chromium (playwright-core driving Debian's chromium, signed in as the admin): each
// map's marker (its data-lat, set by wwwroot/js/map.js as it moves) is watched, giving send → marker latency as well.
// Prints ONE JSON line of results on stdout; progress on stderr. Exit 2 = usage, 3 = refused, 4 = timeout.
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { io } from "socket.io-client";
import { launchChromium, signInState } from "./browser.mjs";
import { cpuSeconds, die, loopbackUrl, options, percentile, pool, round, rssKiB } from "./lib.mjs";

const { opt, int } = options({
  base: { type: "string" },
  pairs: { type: "string", default: "200" },
  "period-ms": { type: "string", default: "2000" },
  "duration-s": { type: "string", default: "60" },
  concurrency: { type: "string", default: "8" },
  pid: { type: "string" },
  "clk-tck": { type: "string", default: "100" },
  pages: { type: "string", default: "5" },
  email: { type: "string" },
  chromium: { type: "string", default: "/usr/bin/chromium" },
});
const base = loopbackUrl(opt.base ?? die(2, "--base is required"));
const pairs = int("pairs", 1, 1000);
const periodMs = int("period-ms", 200, 60000);
const durationS = int("duration-s", 5, 600);
const concurrency = int("concurrency", 1, 64);
const pid = opt.pid ? Number(opt.pid) : null;
const clk = int("clk-tck", 1, 10000);
const pageCount = Math.min(int("pages", 0, 50), pairs);
const admin = process.env.BENCH_TOKEN ?? die(2, "BENCH_TOKEN (the admin's bearer token) is required");
const log = (m) => process.stderr.write(`bench-positions: ${m}\n`);
const password = "Pw1!bench-" + Math.random().toString(36).slice(2, 10);

async function api(method, path, body, token = admin, expect = [200, 201]) {
  const response = await fetch(new URL(path, base), {
    method,
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!expect.includes(response.status)) die(3, `${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

async function signIn(email) {
  const response = await fetch(new URL("/api/v1/auth/token", base), {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) die(3, `sign-in of ${email} answered ${response.status}`);
  return (await response.json()).accessToken;
}

const today = new Date().toISOString().slice(0, 10);
const setupStarted = performance.now();
const product = await api("POST", "/api/v1/products", { name: `Bench curd ${Date.now()}`, unit: "piece", price: 30 });
await api("POST", "/api/v1/routes", { name: "Bench" }); // customers and agents take routes from the list
const scene = new Array(pairs);
await pool(pairs, concurrency, async (i) => {
  const tag = `${Date.now().toString(36)}-${i}`;
  const customer = await api("POST", "/api/v1/customers",
    { name: `Bench customer ${tag}`, route: "Bench", defaultQuantity: 1, pricePerLiter: 60 });
  const customerEmail = `bench-customer-${tag}@bench.local`;
  const agentEmail = `bench-agent-${tag}@bench.local`;
  await api("POST", "/api/v1/users", { email: customerEmail, password, role: "Customer", customerId: customer.id });
  const agent = await api("POST", "/api/v1/users", { email: agentEmail, password, role: "Delivery", routes: ["Bench"] });
  const order = await api("POST", "/api/v1/orders",
    { customerId: customer.id, items: [{ productId: product.id, quantity: 1 }], deliveryDate: today });
  await api("POST", `/api/v1/orders/${order.id}/confirm`, {});
  await api("POST", `/api/v1/orders/${order.id}/assign`, { agentId: agent.id });
  await api("POST", `/api/v1/orders/${order.id}/out-for-delivery`, {});
  scene[i] = { orderId: order.id, customerToken: await signIn(customerEmail), agentToken: await signIn(agentEmail) };
});
log(`set up ${pairs} orders out for delivery in ${round((performance.now() - setupStarted) / 1000)} s`);

function connect(token) {
  return new Promise((resolve, reject) => {
    const socket = io(base.origin, { path: "/socket.io/", transports: ["websocket"], auth: { token }, reconnection: false, forceNew: true });
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (e) => reject(new Error(`connect_error: ${e.message}`)));
  });
}

const now = () => performance.timeOrigin + performance.now(); // epoch ms, comparable with the pages' clocks
const sent = new Map(); // `${orderId}|${lat}` -> now() at send
const latencies = [];
let refused = 0;
const customers = new Array(pairs);
const agents = new Array(pairs);
await pool(pairs, 50, async (i) => {
  const s = scene[i];
  const customer = await connect(s.customerToken);
  const joined = await customer.timeout(10000).emitWithAck("join:order", { orderId: s.orderId });
  if (joined !== true) die(3, `join:order answered ${JSON.stringify(joined)}`);
  customer.on("delivery:location:update", (m) => {
    const at = sent.get(`${m.orderId}|${m.location.lat}`);
    if (at !== undefined) latencies.push(now() - at);
  });
  customers[i] = customer;
  agents[i] = await connect(s.agentToken);
});
log(`connected ${pairs} customer apps (each in its order's room) and ${pairs} agent apps`);

// The order pages: each records when its map's marker reaches each latitude.
const browser = pageCount > 0 ? await launchChromium(opt.chromium) : null;
const pages = [];
if (browser) {
  const storageState = await signInState(browser, base, opt.email ?? die(2, "--email is required with --pages"),
    process.env.BENCH_PASSWORD ?? die(2, "BENCH_PASSWORD is required with --pages"));
  for (let i = 0; i < pageCount; i++) {
    const context = await browser.newContext({ baseURL: base.toString(), storageState });
    const page = await context.newPage();
    await page.goto(`/orders/${scene[i].orderId}`);
    await page.locator("[data-testid=live-status][data-state=live]").waitFor({ timeout: 60_000 });
    await page.locator("[data-testid=order-map]").waitFor({ timeout: 30_000 });
    await page.evaluate(() => {
      window.__marks = [];
      const map = document.querySelector("[data-testid=order-map]");
      new MutationObserver(() => window.__marks.push([map.dataset.lat, performance.timeOrigin + performance.now()]))
        .observe(map, { attributes: true, attributeFilter: ["data-lat"] });
    });
    pages.push({ page, orderId: scene[i].orderId });
  }
  log(`${pages.length} order pages open and live`);
}

const cpuStart = cpuSeconds(pid, clk);
const started = performance.now();
const end = started + durationS * 1000;
let positions = 0;
await Promise.all(agents.map(async (agent, i) => {
  await sleep((i * periodMs) / pairs);
  for (let seq = 0; performance.now() < end; seq++) {
    const next = performance.now() + periodMs;
    const lat = Number((12.9 + seq * 1e-5).toFixed(5));
    sent.set(`${scene[i].orderId}|${lat}`, now());
    positions++;
    agent.timeout(10000).emitWithAck("delivery:location", { orderId: scene[i].orderId, latitude: lat, longitude: 77.6 + i * 1e-4 })
      .then((ack) => { if (ack && ack.error) refused++; }, () => { refused++; });
    await sleep(Math.max(0, next - performance.now()));
  }
}));
const elapsedS = (performance.now() - started) / 1000;
const cpuEnd = cpuSeconds(pid, clk);
await sleep(2000); // the last positions' deliveries
latencies.sort((a, b) => a - b);
const markerLatencies = [];
let pagePositions = 0;
for (const { page, orderId } of pages) {
  const marks = await page.evaluate(() => window.__marks);
  const seen = new Set();
  for (const [lat, at] of marks) {
    const key = `${orderId}|${Number(lat)}`;
    const sentAt = sent.get(key);
    if (sentAt !== undefined && !seen.has(key)) {
      seen.add(key);
      markerLatencies.push(at - sentAt);
    }
  }
  pagePositions += [...sent.keys()].filter((k) => k.startsWith(`${orderId}|`)).length;
}
markerLatencies.sort((a, b) => a - b);
await browser?.close();
for (const s of [...customers, ...agents]) s.close();

const result = {
  pairs, periodMs, durationS: round(elapsedS), positions, perSecond: round(positions / elapsedS),
  delivered: latencies.length, lost: positions - latencies.length, refused,
  p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)), maxMs: round(latencies.at(-1) ?? null),
  pages: pages.length, markerPositions: pagePositions, markerMoves: markerLatencies.length,
  markerP50Ms: round(percentile(markerLatencies, 50)), markerP99Ms: round(percentile(markerLatencies, 99)), markerMaxMs: round(markerLatencies.at(-1) ?? null),
  appCpuPercent: cpuStart === null ? null : round(((cpuEnd - cpuStart) / elapsedS) * 100), appRssMiB: pid ? round(rssKiB(pid) / 1024) : null,
};
process.stdout.write(JSON.stringify(result) + "\n");
process.exit(0);
