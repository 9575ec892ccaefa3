import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Why the browser tests cannot run here, or null when they can. `npm test` installs Debian's
 * Chromium when it may (root or passwordless sudo) and otherwise reports the suites that use
 * this helper as SKIPPED (scripts/lib.mjs, suitesNeeding); run directly, they fail with this reason.
 */
export function chromiumMissing(): string | null {
  return existsSync(chromiumPath())
    ? null
    : `Chromium is not installed at ${chromiumPath()}: install it with \`sudo apt-get install -y chromium\` (or set CHROMIUM_PATH); npm test installs it when it can and otherwise skips these suites`;
}

/** Debian's Chromium, headless; never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  const missing = chromiumMissing();
  if (missing) return Promise.reject(new Error(missing));
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}
