// The dashboard with a large account (3 000 meetings, 120 of them live) in Debian's Chromium: Live draws the rows
// in and near the window and every one is reached by scrolling, an open "who is in" stays open when its row is
// scrolled out of the page and back, and Available keeps its rows in view when Live grows above it.
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

const scrollTo = (y: string) => page.evaluate(`(() => { const el = document.querySelector('main.scroller'); el.scrollTop = ${y}; })()`);
/** Where Live's list ends, in the scroller's coordinates. */
const liveEnd = `(() => { const sc = document.querySelector('main.scroller'); const l = document.querySelector('[aria-label="Live meetings"]'); return l.getBoundingClientRect().bottom - sc.getBoundingClientRect().top + sc.scrollTop; })()`;

e2eTest('Live draws the rows near the window, the heading counts all, and scrolling reaches every one, the last too', { skip }, async () => {
  await page.getByRole('heading', { name: `Live now (${LIVE})` }).waitFor();
  await liveRows().first().waitFor();
  const drawn = await liveRows().count();
  assert.ok(drawn >= 10 && drawn <= 30, `a window's worth of live rows in the page, not all ${LIVE}: ${drawn}`);
  // The list keeps the height of all its rows, so the scrollbar tells the truth.
  const end = await page.evaluate<number>(liveEnd);
  assert.ok(end >= LIVE * 68, `Live is ${end} px tall for ${LIVE} rows of 68 px`);
  for (const at of [0.25, 0.5, 0.75]) {
    await scrollTo(String(Math.round(end * at)));
    const i = Math.floor(LIVE * at);
    await liveRows().filter({ hasText: `Live ${String(i).padStart(3, '0')}` }).waitFor({ timeout: 5_000 });
  }
  await scrollTo(String(end - 600));
  await liveRows().filter({ hasText: `Live ${String(LIVE - 1).padStart(3, '0')}` }).waitFor({ timeout: 5_000 });
  assert.equal(await liveRows().filter({ hasText: 'Live 000' }).count(), 0, 'the first rows left the page when scrolled far from them');
  await scrollTo('0');
});

e2eTest('an open "who is in" stays open when its row is scrolled out of the page and back; a meeting that ends comes back closed', { skip }, async () => {
  await scrollTo('0');
  const row = liveRows().filter({ hasText: 'Live 001' });
  const closedEnd = await page.evaluate<number>(liveEnd);
  await row.getByRole('button', { name: /^Who is in Live 001/ }).click();
  await row.getByRole('region', { name: 'Who is in Live 001' }).waitFor();
  await until('Live grew by the open panel', async () => (await page.evaluate<number>(liveEnd)) > closedEnd + 40, 5_000);
  const openEnd = await page.evaluate<number>(liveEnd);
  await scrollTo(String(openEnd));
  await until('row 001 out of the page', async () => (await row.count()) === 0, 5_000);
  // Out of the page, the open row still counts at its measured height: the list does not shrink under the
  // reader (it would by the panel's height with every row guessed at 68 px).
  const farEnd = await page.evaluate<number>(liveEnd);
  assert.ok(Math.abs(farEnd - openEnd) <= 1, `Live ends at ${farEnd} px scrolled away, ${openEnd} px with the open row drawn`);
  await scrollTo('0');
  await row.getByRole('region', { name: 'Who is in Live 001' }).waitFor({ timeout: 5_000 });
  // A meeting that ends and starts again comes back closed, as a new row would.
  const m = [...a.h.sim.account.meetings.values()].find((x) => x.topic === 'Live 001')!;
  a.h.sim.account.end(m.id);
  await a.engine.pollLive();
  await until('row 001 gone from Live', async () => (await row.count()) === 0, 5_000);
  a.h.sim.account.start(m.id, 2);
  await a.engine.pollLive();
  await row.getByRole('button', { name: /^Who is in Live 001/ }).waitFor({ timeout: 5_000 });
  assert.equal(await row.getByRole('region').count(), 0, 'closed after it ended and started again');
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
  // Live grew by 20 rows (~1 300 px) above the point scrolled to: Chromium's scroll anchoring keeps the view
  // where it was, and the virtual list must follow (its scroll event), not leave a blank window.
  await until('a row at the middle of the window after Live grew above it', () => page.evaluate<boolean>(rowAtMiddle), 2_000);
  // The new ones are at the top of Live ("Burst" before "Live").
  await scrollTo('0');
  await liveRows().filter({ hasText: 'Burst 19' }).waitFor({ timeout: 5_000 });
});
