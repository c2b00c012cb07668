// Debian's Chromium, driven by Playwright (never a downloaded browser).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext, type TestOptions } from 'node:test';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Tests trace every context (kept when one fails); benchmarks must not, as the trace's screencast and DOM
 * snapshots take the CPU the page is being timed on. */
export async function launchChromium(extraArgs: string[] = [], { trace = true } = {}): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', ...extraArgs],
  });
  return trace ? traceContexts(browser) : browser;
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

/** Where the trace of a failed e2e test goes: open it with `npx playwright show-trace <file>`. */
export const TRACES = path.resolve('test-results/traces');
const TRACING = { screenshots: true, snapshots: true, sources: false };
const traced = new Set<BrowserContext>();

/** Every context made through this browser records a Playwright trace, kept only when a test fails. */
function traceContexts(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options?: BrowserContextOptions) => {
    const ctx = await newContext(options);
    await ctx.tracing.start(TRACING);
    traced.add(ctx);
    ctx.on('close', () => traced.delete(ctx));
    return ctx;
  };
  return browser;
}

async function saveTraces(name: string): Promise<void> {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60);
  let i = 0;
  for (const ctx of traced) {
    const file = path.join(TRACES, `${slug}-${i++}.zip`);
    try {
      await ctx.tracing.stop({ path: file });
      console.log(`# trace of the failed test: ${file}`);
      await ctx.tracing.start(TRACING);
    } catch {
      // A context that closed meanwhile has no trace to give.
    }
  }
}

/** A browser test whose failure leaves the Playwright traces of its contexts in test-results/traces. */
export function e2eTest(name: string, options: TestOptions, fn: (t: TestContext) => Promise<void>): void {
  void test(name, options, async (t) => {
    try {
      await fn(t);
    } catch (e) {
      await saveTraces(name);
      throw e;
    }
  });
}
