// The dashboard with a large account (3 000 meetings, 120 of them live) in Debian's Chromium: Live is drawn whole
// after its first frame, and the virtual list of Available keeps its rows in view when Live grows above it.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright';
import { DEFAULT_RENDERER_DIR } from '../../main/service.js';
import { startApi, type ApiHarness } from '../helpers/api.js';
import { e2eTest, launchChromium, skipWithoutChromium } from '../helpers/browser.js';
import { makeSession } from '../helpers/sessions.js';
import { until } from '../helpers/until.js';

const skip = skipWithoutChromium('large account tests');
const LIVE = 120;

let a: ApiHarness;
let browser: Browser;
let page: Page;

before(async () => {
  if (skip) return;
  const available = Array.from({ length: 3_000 - LIVE }, (_, i) => makeSession(String(82_000_000_000 + i), { topic: `Room ${String(i).padStart(4, '0')}` }));
  a = await startApi({ sessions: available, rendererDir: DEFAULT_RENDERER_DIR });
  // Live in Zoom (the simulator), so each live check keeps them live.
  const host = a.h.sim.account.addUser({ email: 'rooms@example.com' });
  for (let i = 0; i < LIVE; i++) a.h.sim.account.start(a.h.sim.account.addMeeting({ hostId: host.id, topic: `Live ${String(i).padStart(3, '0')}` }).id, 2);
  await a.engine.pollLive();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1100, height: 700 } })).newPage();
  await page.goto(`${a.url}/?token=${a.auth.newLoginCode()}`);
});

after(async () => {
  if (skip) return;
  await browser?.close();
  await a?.stop();
});

const liveRows = () => page.getByRole('list', { name: 'Live meetings' }).locator(':scope > [role="listitem"]');

e2eTest('every live meeting is drawn, the last one too, and the heading counts them all', { skip }, async () => {
  await page.getByRole('heading', { name: `Live now (${LIVE})` }).waitFor();
  await liveRows().filter({ hasText: `Live ${String(LIVE - 1).padStart(3, '0')}` }).waitFor();
  assert.equal(await liveRows().count(), LIVE);
});

/** True in the page when a row of Available covers the middle of the scroller's window. */
const rowAtMiddle = `(() => {
  const box = document.querySelector('main.scroller').getBoundingClientRect();
  const y = box.top + box.height / 2;
  return [...document.querySelectorAll('[aria-label="Available meetings"] > [role="listitem"]')].some((r) => {
    const b = r.getBoundingClientRect();
    return b.top <= y && b.bottom >= y;
  });
})()`;

e2eTest('scrolled into Available, twenty meetings start at once: the rows in view are still drawn', { skip }, async () => {
  await page.evaluate(`(() => { const el = document.querySelector('main.scroller'); el.scrollTop = el.scrollHeight / 2; })()`);
  await until('a row at the middle of the window', () => page.evaluate<boolean>(rowAtMiddle), 5_000);
  const host = a.h.sim.account.addUser({ email: 'burst@example.com' });
  for (let i = 0; i < 20; i++) a.h.sim.account.start(a.h.sim.account.addMeeting({ hostId: host.id, topic: `Burst ${i}` }).id, 1);
  await a.engine.pollLive();
  await page.getByRole('heading', { name: `Live now (${LIVE + 20})` }).waitFor();
  await liveRows().filter({ hasText: 'Burst 19' }).waitFor();
  assert.equal(await liveRows().count(), LIVE + 20);
  // Live grew by 20 rows (~1 300 px) above the point scrolled to: Chromium's scroll anchoring keeps the view
  // where it was, and the virtual list must follow (its scroll event), not leave a blank window.
  await until('a row at the middle of the window after Live grew above it', () => page.evaluate<boolean>(rowAtMiddle), 2_000);
});
