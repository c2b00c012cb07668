// Debian's Chromium, driven by Playwright (never a downloaded browser).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** false where Chromium is installed; else the reason, printed once as a skip line for `what`. */
export function skipWithoutChromium(what: string): string | false {
  if (existsSync(CHROMIUM)) return false;
  const reason = `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  console.log(`# skipped the ${what}: ${reason}`);
  return reason;
}

/** Where the e2e runs write their screenshots (the README's come from here). */
export const SCREENSHOTS = path.resolve('test-results/screenshots');
