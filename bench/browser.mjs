// Headless Chromium for the live-page benchmarks (circuits.mjs, tabs.mjs): Debian's browser driven by playwright-core,
// with the flags this machine needs, and one admin sign-in whose cookie every page then reuses.
import { chromium } from "playwright-core";

export function launchChromium(executablePath) {
  return chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--disable-renderer-backgrounding",
      "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows"],
  });
}

/** Signs in once and returns the storage state (the auth cookie) for new contexts; each page is still its own circuit. */
export async function signInState(browser, base, email, password) {
  const login = await browser.newContext({ baseURL: base.toString() });
  const first = await login.newPage();
  await first.goto("/");
  await first.getByTestId("login-email").fill(email);
  await first.getByTestId("login-password").fill(password);
  await first.getByTestId("login-submit").click();
  await first.locator("[data-testid=live-status][data-state=live]").waitFor({ timeout: 30_000 });
  const storageState = await login.storageState();
  await login.close();
  return storageState;
}
