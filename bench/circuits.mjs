// Live-page benchmark, run by scripts/bench-circuits.sh against an app on 127.0.0.1 (demo data, admin signed in).
// Opens C Dashboard pages (one Blazor circuit each) in headless Chromium (playwright-core driving Debian's chromium),
// then records payments through the REST API at R writes/s for S seconds. Each write's amount is unique (100 + k
// rupees), so each page can tell when write k reached its DOM:
//   - activity feed: the first time an activity row saying "paid <100+k>.00" is inserted (one render per event);
//   - stats card: the first time "Collected" shows at least the total after write k (recomputed once per window).
// Latency = browser's clock at the DOM mutation − node's clock just before the POST (the same machine clock).
// Also: server CPU over the write phase, app RSS per circuit. Prints ONE JSON line on stdout; progress on stderr.
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { launchChromium, signInState } from "./browser.mjs";
import { cpuSeconds, die, loopbackUrl, options, percentile, pool, round, rssKiB } from "./lib.mjs";

const { opt, int } = options({
  base: { type: "string" },
  email: { type: "string" },
  circuits: { type: "string", default: "50" },
  rates: { type: "string", default: "200" }, // comma-separated: one write phase per rate, on the same open circuits
  seconds: { type: "string", default: "30" },
  customers: { type: "string", default: "50" },
  pid: { type: "string" },
  chromium: { type: "string", default: "/usr/bin/chromium" },
  "timeout-s": { type: "string", default: "600" },
});
const password = process.env.BENCH_PASSWORD ?? "";
if (!opt.base || !opt.email || !password) {
  die(2, "usage: BENCH_PASSWORD=... node bench/circuits.mjs --base http://127.0.0.1:PORT --email admin@... [--circuits 50 --rate 200 --seconds 30]");
}
const base = loopbackUrl(opt.base);
const circuits = int("circuits", 1, 200);
const rates = (opt.rates ?? "").split(",").map((r) => Number(r.trim()));
if (rates.length === 0 || rates.some((r) => !Number.isInteger(r) || r < 1 || r > 2000)) {
  die(2, `--rates must be integers in [1, 2000], comma-separated (got '${opt.rates}')`);
}
const seconds = int("seconds", 1, 300);
const customerCount = int("customers", 1, 500);
const pid = opt.pid ? int("pid", 1, 2 ** 31) : null;
const timeoutS = int("timeout-s", 30, 3600);
setTimeout(() => die(4, `overall timeout of ${timeoutS} s reached`), timeoutS * 1000).unref();

const log = (m) => process.stderr.write(`bench-circuits: ${m}\n`);
const url = (path) => new URL(path, base).toString();

async function api(method, path, token, body) {
  const res = await fetch(url(path), {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) {
    throw new Error(`${method} ${path} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  }
  return res.json();
}

const { accessToken: token } = await api("POST", "/api/v1/auth/token", null, { email: opt.email, password });
const listing = await api("GET", `/api/v1/customers?pageSize=${customerCount}&active=true`, token);
const customerIds = (listing.items ?? listing).map((c) => c.customer?.id ?? c.id);
if (customerIds.length === 0) {
  die(3, "no customers to pay for (start the app with demo data)");
}

// Installed in every page once it is live: records when each write's activity row and stats value first appear.
const observe = () => {
  const now = () => performance.timeOrigin + performance.now();
  window.__feed = {};
  window.__stats = [];
  const feed = document.querySelector("[data-testid=activity-feed]");
  new MutationObserver((mutations) => {
    const at = now();
    for (const m of mutations) {
      for (const node of m.addedNodes) {
        const match = node.nodeType === 1 ? /paid (\d+)\.00/.exec(node.textContent) : null;
        if (match && !(match[1] in window.__feed)) {
          window.__feed[match[1]] = at;
        }
      }
    }
  }).observe(feed, { childList: true, subtree: true });
  const stat = document.querySelector("[data-testid=stat-total-collection]");
  const value = () => Number(stat.textContent.replace(/[^0-9.]/g, ""));
  window.__statsBase = value();
  new MutationObserver(() => window.__stats.push([now(), value()])).observe(stat, { childList: true, subtree: true, characterData: true });
};

const browser = await launchChromium(opt.chromium);
let code = 0;
try {
  const storageState = await signInState(browser, base, opt.email, password);

  const rssBefore = rssKiB(pid);
  const pages = [];
  const openStarted = performance.now();
  await pool(circuits, 5, async () => {
    const context = await browser.newContext({ baseURL: base.toString(), storageState });
    const page = await context.newPage();
    await page.goto("/");
    await page.locator("[data-testid=live-status][data-state=live]").waitFor({ timeout: 60_000 });
    await page.getByTestId("stat-total-collection").waitFor();
    await page.evaluate(observe);
    pages.push(page);
  });
  log(`${pages.length} circuits live in ${round((performance.now() - openStarted) / 1000)} s`);
  await sleep(3000);
  const rssAfter = rssKiB(pid);

  let nextWrite = 0;
  let collectedBefore = 0; // what earlier phases added to today's collection
  for (const rate of rates) {
    if (nextWrite > 0) {
      await sleep(5000); // the previous phase's renders have landed; the pages are quiet again
    }
    // Open-loop writes: write k is sent at start + k/rate, whatever the earlier ones are doing.
    const total = rate * seconds;
    const first = nextWrite;
    nextWrite += total;
    const sentAt = new Map();
    const committedOrder = [];
    let failed = 0;
    const cpuStart = cpuSeconds(pid);
    const wallStart = performance.now();
    const writes = [];
    for (let i = 0; i < total; i++) {
      const k = first + i;
      const due = wallStart + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) {
        await sleep(wait);
      }
      sentAt.set(k, performance.timeOrigin + performance.now());
      writes.push(
        api("POST", "/api/v1/payments", token, { customerId: customerIds[k % customerIds.length], amount: 100 + k, method: "CASH" })
          .then(() => committedOrder.push(k))
          .catch((e) => {
            if (failed++ < 5) log(`write ${k} failed: ${e.message}`);
          }),
      );
    }
    await Promise.all(writes);
    const writePhaseS = (performance.now() - wallStart) / 1000;
    await sleep(3000); // let the last renders land
    const cpuUsed = cpuSeconds(pid) - cpuStart;

    // Write k is on screen once the total collected reaches base + the amounts of every write committed up to k.
    const expectedAfter = new Map();
    let running = collectedBefore;
    for (const k of committedOrder) {
      running += 100 + k;
      expectedAfter.set(k, running);
    }
    const feedLatencies = [];
    const statsLatencies = [];
    let feedMissed = 0;
    let statsMissed = 0;
    for (const page of pages) {
      const { feed, stats, statsBase } = await page.evaluate(() => ({ feed: window.__feed, stats: window.__stats, statsBase: window.__statsBase }));
      for (const k of committedOrder) {
        const at = feed[String(100 + k)];
        if (at === undefined) feedMissed++;
        else feedLatencies.push(at - sentAt.get(k));
        const target = statsBase + expectedAfter.get(k) - 0.001;
        const hit = stats.find(([, value]) => value >= target);
        if (hit === undefined) statsMissed++;
        else statsLatencies.push(Math.max(0, hit[0] - sentAt.get(k)));
      }
    }
    feedLatencies.sort((a, b) => a - b);
    statsLatencies.sort((a, b) => a - b);
    const summary = (xs) => ({ p50Ms: round(percentile(xs, 50)), p99Ms: round(percentile(xs, 99)), maxMs: round(xs.at(-1) ?? null) });
    console.log(JSON.stringify({
      circuits: pages.length,
      rate,
      seconds,
      writesSent: total,
      writesCommitted: committedOrder.length,
      writesFailed: failed,
      achievedWritesPerS: round(committedOrder.length / writePhaseS),
      activityFeed: { ...summary(feedLatencies), notShown: feedMissed, observations: feedLatencies.length },
      statsCard: { ...summary(statsLatencies), notShown: statsMissed, observations: statsLatencies.length },
      serverCpuPercentOfOneCore: pid ? round((cpuUsed / writePhaseS) * 100) : null,
      rssBeforeMiB: rssBefore === null ? null : round(rssBefore / 1024),
      rssAfterMiB: rssAfter === null ? null : round(rssAfter / 1024),
      rssPerCircuitKiB: rssBefore === null ? null : round((rssAfter - rssBefore) / pages.length),
    }));
    collectedBefore = running;
  }
} catch (e) {
  log(e.stack ?? String(e));
  code = 3;
} finally {
  await browser.close();
}
process.exit(code);
