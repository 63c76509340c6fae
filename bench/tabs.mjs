// Holds N Dashboard tabs open (one Blazor circuit each) in headless Chromium while another benchmark runs: signs the
// admin in once, opens the pages, prints "ready N" on stdout when all are live, then waits until it is killed (or its
// timeout). Used by scripts/bench-writes.sh (BENCH_TABS) to measure writes with live pages watching.
import { launchChromium, signInState } from "./browser.mjs";
import { die, loopbackUrl, options, pool } from "./lib.mjs";

const { opt, int } = options({
  base: { type: "string" },
  email: { type: "string" },
  tabs: { type: "string", default: "20" },
  chromium: { type: "string", default: "/usr/bin/chromium" },
  "timeout-s": { type: "string", default: "900" },
});
const password = process.env.BENCH_PASSWORD ?? "";
if (!opt.base || !opt.email || !password) {
  die(2, "usage: BENCH_PASSWORD=... node bench/tabs.mjs --base http://127.0.0.1:PORT --email admin@... [--tabs 20]");
}
const base = loopbackUrl(opt.base);
const tabs = int("tabs", 1, 200);
setTimeout(() => process.exit(0), int("timeout-s", 30, 3600) * 1000).unref();

const browser = await launchChromium(opt.chromium);
process.on("SIGTERM", async () => {
  await browser.close().catch(() => {});
  process.exit(0);
});
const storageState = await signInState(browser, base, opt.email, password);
await pool(tabs, 5, async () => {
  const context = await browser.newContext({ baseURL: base.toString(), storageState });
  const page = await context.newPage();
  await page.goto("/");
  await page.locator("[data-testid=live-status][data-state=live]").waitFor({ timeout: 60_000 });
});
process.stdout.write(`ready ${tabs}\n`);
await new Promise(() => {});
