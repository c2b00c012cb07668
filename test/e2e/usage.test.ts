// The Usage view in Debian's Chromium, on the demo account (30 days of generated history, 6 licenses): the
// peaks per day against the licenses, the weekday x hour heatmap, the most used and the idle rooms, each
// chart with its table; light, dark and 400 px wide, axe clean; loaded as its own chunk.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright';
import { parseServeArgs } from '../../main/config.js';
import { startService, type RunningService } from '../../main/service.js';
import { seriousViolations } from '../helpers/axe.js';
import { e2eTest, launchChromium, SCREENSHOTS, skipWithoutChromium } from '../helpers/browser.js';

const skip = skipWithoutChromium('usage view tests');

let dir: string;
let service: RunningService;
let browser: Browser;
let page: Page;
const scripts: string[] = [];

before(async () => {
  if (skip) return;
  dir = await mkdtemp(path.join(os.tmpdir(), 'zs-e2e-usage-'));
  service = await startService(parseServeArgs(['--demo', '--port', '0', '--data-dir', dir], {}), { demoTickMs: 3_600_000 });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1100, height: 900 } })).newPage();
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
  await page.goto(service.loginUrl);
  await page.getByRole('heading', { name: /Live now/ }).waitFor();
  await mkdir(SCREENSHOTS, { recursive: true });
});

after(async () => {
  if (skip) return;
  await browser?.close();
  await service?.stop();
  await rm(dir, { recursive: true, force: true });
});

e2eTest('Usage… opens the last 30 days: peaks against the licenses, the heatmap, most used and idle rooms; its code comes only then', { skip }, async () => {
  assert.ok(!scripts.some((s) => s.includes('UsageView')), `loaded before it was opened: ${scripts.join(', ')}`);
  await page.getByRole('button', { name: 'Usage…' }).click();
  await page.getByRole('heading', { name: 'Usage' }).waitFor();
  assert.ok(scripts.some((s) => s.includes('UsageView')), 'its own chunk, on demand');
  assert.equal(new URL(page.url()).hash, '#usage');
  const summary = page.locator('.usage-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /^\d+ meetings, \d+ h live\. At most [1-6] of your 6 licenses were used at once\./);
  await page.getByRole('img', { name: /^Most meetings live at once: \d of 6 licenses\.$/ }).waitFor();
  assert.equal(await page.locator('.bars rect').count(), 31, 'a bar for every day of the window');
  await page.getByRole('img', { name: /^Busiest: (Mon|Tue|Wed|Thu|Fri|Sat|Sun) at \d\d:00/ }).waitFor();
  const top = page.getByRole('region', { name: 'Most used rooms' }).getByRole('row');
  assert.ok((await top.count()) >= 5);
  const idle = await page.getByRole('region', { name: /Rooms nobody used/ }).getByRole('listitem').allInnerTexts();
  assert.deepEqual(idle.map((t) => t.split(' · ')[0]).sort(), ['Grade 10 Physics', 'Office hours']);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'usage-1100-light.png'), fullPage: true });
  // Each chart as a table, for screen readers and copy-paste.
  await page.getByText('As a table').first().click();
  const rows = page.getByRole('table').first().getByRole('row');
  assert.equal(await rows.count(), 32, 'a header and a row per day');
});

e2eTest('the Usage view in dark and at 400 px: nothing wider than the window, axe finds nothing serious', { skip }, async () => {
  const ctx = await browser.newContext({ viewport: { width: 400, height: 800 }, bypassCSP: true, storageState: await page.context().storageState() });
  const p = await ctx.newPage();
  for (const [scheme, width] of [['dark', 1100], ['light', 400], ['dark', 400]] as const) {
    await p.setViewportSize({ width, height: 800 });
    await p.emulateMedia({ colorScheme: scheme });
    await p.goto(`${service.url}/#usage`);
    await p.locator('.usage-summary').waitFor();
    const wide = await p.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    assert.ok(wide <= width, `${scheme} ${width}: the page is ${wide} px wide`);
    assert.deepEqual(await seriousViolations(p), [], `${scheme} ${width}`);
    await p.screenshot({ path: path.join(SCREENSHOTS, `usage-${width}-${scheme}.png`), fullPage: true });
  }
  await p.getByRole('button', { name: 'Back to the sessions' }).click();
  await p.getByRole('heading', { name: /Live now/ }).waitFor();
  await ctx.close();
});
