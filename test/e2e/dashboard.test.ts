// The dashboard in Debian's Chromium against the headless service and the Zoom simulator.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright';
import { parseServeArgs, type ServeConfig } from '../../main/config.js';
import { startService, type RunningService } from '../../main/service.js';
import { zoomFaults } from '../../main/zoom-simulator/faults.js';
import { seriousViolations } from '../helpers/axe.js';
import { e2eTest, launchChromium, SCREENSHOTS, skipWithoutChromium } from '../helpers/browser.js';

const skip = skipWithoutChromium('dashboard tests');

let dir: string;
let config: ServeConfig;
let service: RunningService;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
let hostId: string;
const shots = SCREENSHOTS;

before(async () => {
  if (skip) return;
  dir = await mkdtemp(path.join(os.tmpdir(), 'zs-e2e-'));
  config = parseServeArgs(['--demo', '--port', '0', '--data-dir', dir], {});
  // The demo loop stands still: the tests move the account themselves.
  service = await startService(config, { demoTickMs: 3_600_000 });
  config.port = Number(new URL(service.url).port); // a restart comes back on the same address
  hostId = [...service.simulator!.account.users.values()][0]!.id;
  browser = await launchChromium();
  ctx = await browser.newContext({ viewport: { width: 1100, height: 760 } });
  page = await ctx.newPage();
  await mkdir(shots, { recursive: true });
});

after(async () => {
  if (skip) return;
  await browser?.close();
  await service?.stop();
  await rm(dir, { recursive: true, force: true });
});

const live = () => page.getByRole('list', { name: 'Live meetings' });
const row = (topic: string) => page.locator('[role="listitem"]', { hasText: topic });

async function startMeeting(topic: string, people: number): Promise<number> {
  const sim = service.simulator!;
  const m = sim.account.addMeeting({ hostId, topic });
  sim.account.start(m.id, people);
  await service.scheduler.refreshNow(); // the next live check, now rather than in 12 s
  return m.id;
}

e2eTest('log in with the API token', { skip }, async () => {
  await page.goto(service.url);
  await page.getByLabel('API token').fill('not-the-token');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('alert').filter({ hasText: 'not valid here' }).waitFor();
  await page.getByLabel('API token').fill(service.newApiToken!);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: /Live now/ }).waitFor();
  // The demo account pushes Zoom events: the status line says so.
  await page.getByText('Up to date').waitFor();
  await page.getByText(/live via Zoom events \(websocket\)/).waitFor();
});

e2eTest('a meeting started in Zoom appears under Live without a reload, and its count follows', { skip }, async () => {
  const id = await startMeeting('Grade 11 Chemistry', 3);
  await live().locator('[role="listitem"]', { hasText: 'Grade 11 Chemistry' }).getByText('3 people').waitFor();
  service.simulator!.account.join(id, 2);
  await service.scheduler.refreshNow();
  await row('Grade 11 Chemistry').getByText('5 people').waitFor();
});

e2eTest('End asks first, Zoom records the end, the row moves to Available', { skip }, async () => {
  const id = await startMeeting('Forgotten standup', 2);
  await row('Forgotten standup').getByRole('button', { name: /^End/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('2 people').waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(service.simulator!.account.endedViaApi.includes(id), false);
  await row('Forgotten standup').getByRole('button', { name: /^End/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'End meeting' }).click();
  await page.getByRole('list', { name: 'Available meetings' }).locator('[role="listitem"]', { hasText: 'Forgotten standup' }).waitFor();
  assert.ok(service.simulator!.account.endedViaApi.includes(id));
  assert.equal(await live().locator('[role="listitem"]', { hasText: 'Forgotten standup' }).count(), 0);
});

e2eTest('End answered with a Zoom 500 shows the error and keeps the row live', { skip }, async () => {
  await startMeeting('Flaky room', 2);
  service.simulator!.addFault(zoomFaults.serverError('end-meeting', 500, 10));
  await row('Flaky room').getByRole('button', { name: /^End/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'End meeting' }).click();
  await page.getByRole('dialog').getByRole('alert').filter({ hasText: 'Zoom could not end the meeting' }).waitFor();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  service.simulator!.faults.clear();
  assert.equal(await live().locator('[role="listitem"]', { hasText: 'Flaky room' }).count(), 1);
});

e2eTest('Copy ID & passcode of a meeting whose passcode is not read yet reads it first, then copies it', { skip }, async () => {
  const sim = service.simulator!;
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: service.url });
  // Before the 429 test below, which blocks Zoom's Light calls (Get meeting among them) for its 90 s.
  // The background's reads of meetings fail for now: the new meeting is listed without its passcode.
  sim.addFault(zoomFaults.serverError('meeting', 500, 1_000));
  try {
  const m = sim.account.addMeeting({ hostId, topic: 'Evening clinic', password: 'eve2468' });
  await service.scheduler.refreshNow();
  await page.getByLabel('Search topic, host or meeting ID').fill('Evening clinic');
  await row('Evening clinic').waitFor();
  assert.equal(service.engine.get(String(m.id))?.passcode, null);
  // Zoom still failing: the person hears why and gets the ID alone.
  await row('Evening clinic').getByRole('button', { name: 'Copy ID & passcode of Evening clinic' }).click();
  await page.getByText(/^Meeting ID copied; the passcode could not be read from Zoom \(.*HTTP 500.*\)\.$/).waitFor();
  sim.faults.clear();
  await row('Evening clinic').getByRole('button', { name: 'Copy ID & passcode of Evening clinic' }).click();
  await page.getByText('Meeting ID and passcode copied').waitFor();
  const copied = await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
  assert.match(copied, /\nPasscode: eve2468$/);
  assert.equal(service.engine.get(String(m.id))?.passcode, 'eve2468', 'kept for the next time');
  } finally {
    sim.faults.clear();
    await page.getByLabel('Search topic, host or meeting ID').fill('');
  }
});

e2eTest('End answered with a 429 says when to try again and keeps the row live', { skip }, async () => {
  await startMeeting('Busy room', 2);
  service.simulator!.addFault(zoomFaults.rateLimited('end-meeting', { retryAfter: '90' }));
  await row('Busy room').getByRole('button', { name: /^End/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'End meeting' }).click();
  // A time today ("14:02"), or with its day when 90 s from now is past midnight ("Dec 8, 00:01").
  await page.getByRole('dialog').getByRole('alert').filter({ hasText: /Zoom rate limit reached — try again after (?:[A-Z][a-z]{2} \d{1,2}, )?\d/ }).waitFor();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.equal(await live().locator('[role="listitem"]', { hasText: 'Busy room' }).count(), 1);
});

e2eTest('search filters by topic, host and ID; "/" focuses it', { skip }, async () => {
  await page.getByRole('heading', { name: /Live now/ }).click();
  await page.keyboard.press('/');
  await page.keyboard.type('physics');
  await row('Grade 10 Physics').waitFor();
  assert.equal(await page.locator('[role="listitem"]').count(), 1);
  await page.getByLabel('Search topic, host or meeting ID').fill('');
  await row('Grade 9 Maths').waitFor();
});

e2eTest('screenshots in light and dark, and no serious or critical axe violations in either', { skip }, async () => {
  const auditCtx = await browser.newContext({ viewport: { width: 1100, height: 760 }, bypassCSP: true, storageState: await ctx.storageState() });
  const audit = await auditCtx.newPage();
  for (const scheme of ['light', 'dark'] as const) {
    await audit.emulateMedia({ colorScheme: scheme });
    await audit.goto(service.url);
    await audit.getByRole('heading', { name: /Live now/ }).waitFor();
    await audit.locator('[role="listitem"]').first().waitFor();
    await audit.screenshot({ path: path.join(shots, `dashboard-${scheme}.png`) });
    assert.deepEqual(await seriousViolations(audit), [], `${scheme} theme`);
  }
  await auditCtx.close();
});

e2eTest('a window that fits a tray: at 400, 800 and 1280 px every live row keeps its topic, and Join and End… are in reach; axe clean', { skip }, async () => {
  // Enough live meetings that the list passes the fold, with topics long enough to need cutting.
  for (let i = 1; i <= 6; i++) await startMeeting(`Quarterly planning review for the north-east regional operations team, room ${i}`, i);
  const sizeCtx = await browser.newContext({ bypassCSP: true, storageState: await ctx.storageState() });
  const p = await sizeCtx.newPage();
  for (const [width, height] of [[400, 800], [800, 600], [1280, 800]] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      const what = `${width}x${height} ${scheme}`;
      await p.setViewportSize({ width, height });
      await p.emulateMedia({ colorScheme: scheme });
      await p.goto(service.url);
      const liveRows = p.getByRole('list', { name: 'Live meetings' }).getByRole('listitem');
      await liveRows.nth(5).waitFor();
      await p.screenshot({ path: path.join(shots, `dashboard-${width}x${height}-${scheme}.png`) });
      // Live draws the rows near the window: walk it from the top, row by row as each is scrolled to, until
      // every row the heading counts has been checked.
      const total = Number(/\((\d+)\)/.exec(await p.getByRole('heading', { name: /^Live now/ }).innerText())?.[1]);
      assert.ok(total >= 6, what);
      const checked = new Set<string>();
      while (checked.size < total) {
        const drawn = await liveRows.evaluateAll((els: { getAttribute(name: string): string | null }[]) => els.map((el) => el.getAttribute('data-meeting-id') ?? ''));
        const id = drawn.find((d) => d && !checked.has(d));
        assert.ok(id, `${what}: ${checked.size} of ${total} live rows reached by scrolling`);
        checked.add(id);
        const i = checked.size - 1;
        const r = p.locator(`[aria-label="Live meetings"] > [data-meeting-id="${id}"]`);
        await r.scrollIntoViewIfNeeded();
        const topic = await r.locator('.topic').boundingBox();
        assert.ok(topic && topic.width >= 60, `${what}: row ${i} topic is ${topic?.width ?? 0} px wide`);
        for (const name of [/^Join /, /^End… /]) {
          const control = r.getByRole(name.source.startsWith('^Join') ? 'link' : 'button', { name });
          // Into the middle of the view: a control cut by the window's edge counts as visible, and is not scrolled.
          await control.evaluate((el: { scrollIntoView(o: { block: string }): void }) => el.scrollIntoView({ block: 'center' }));
          await control.click({ trial: true }); // visible, enabled, not covered
          const box = (await control.boundingBox())!;
          assert.ok(box.x >= 0 && box.x + box.width <= width, `${what}: row ${i} ${name.source} at ${box.x}+${box.width}`);
          assert.ok(box.y >= 0 && box.y + box.height <= height, `${what}: row ${i} ${name.source} can be scrolled into view`);
        }
      }
      await p.evaluate(`document.querySelector('main.scroller').scrollTop = 0`);
      // Below 800 px the other actions are in each row's menu, reachable by keyboard.
      const more = liveRows.first().getByRole('button', { name: /^More actions for / });
      if (width < 800) {
        await more.focus();
        await p.keyboard.press('Enter');
        const menu = p.getByRole('menu');
        await menu.waitFor();
        assert.deepEqual(await menu.getByRole('menuitem').allInnerTexts(), ['Who is in', 'Browser', 'Copy link', 'Copy ID & passcode']);
        await p.keyboard.press('ArrowDown');
        await p.keyboard.press('Escape');
        await menu.waitFor({ state: 'detached' });
        assert.equal(await more.evaluate((el: { matches(selector: string): boolean }) => el.matches(':focus')), true, 'focus back on the menu button');
        // Who is in, from the same menu: the names open under the row, inside the window.
        await p.keyboard.press('Enter');
        await menu.waitFor();
        await p.keyboard.press('Enter'); // the first item: Who is in
        const names = liveRows.first().getByRole('region', { name: /^Who is in / });
        await names.waitFor();
        const namesBox = (await names.boundingBox())!;
        assert.ok(namesBox.x >= 0 && namesBox.x + namesBox.width <= width, `${what}: the names at ${namesBox.x}+${namesBox.width}`);
        await more.click();
        await p.getByRole('menuitem', { name: /^Hide who is in / }).click();
        await names.waitFor({ state: 'detached' });
      } else {
        assert.equal(await more.isVisible(), false, `${what}: every action inline`);
        await liveRows.first().getByRole('button', { name: /^Copy link of / }).click({ trial: true });
      }
      assert.deepEqual(await seriousViolations(p), [], what);
    }
  }
  await sizeCtx.close();
});

e2eTest('a row\'s time words follow the clock by themselves: "live for 3 min" becomes "4 min" with no change from Zoom', { skip }, async () => {
  const sim = service.simulator!;
  const m = sim.account.addMeeting({ hostId, topic: 'Ticking clock' });
  sim.account.start(m.id, 2, [], Date.now() - 4 * 60_000 + 3_000); // four minutes old in three seconds
  await service.scheduler.refreshNow();
  await row('Ticking clock').getByText('live for 3 min').waitFor();
  await row('Ticking clock').getByText('live for 4 min').waitFor({ timeout: 10_000 });
  // The words' title follows the clock too: a room that was live says since when; a live one has none.
  assert.equal(await row('Ticking clock').locator('.when').getAttribute('title'), null);
  assert.match(String(await row('Forgotten standup').locator('.when').getAttribute('title')), /^Last live (just now|\d+ s ago|\d+ min ago)$/);
});

e2eTest('a page loads the list, then streams from the list\'s event id: a meeting that starts in between is not lost', { skip }, async () => {
  const fresh = await ctx.newPage();
  const urls: string[] = [];
  fresh.on('request', (r) => urls.push(new URL(r.url()).pathname + new URL(r.url()).search));
  // The list is read from the service, then held back while a meeting starts: the page gets a list that
  // lacks it, and only the stream can bring it.
  await fresh.route('**/api/v1/sessions', async (route) => {
    const answer = await route.fetch();
    await startMeeting('Started while the list was on its way', 2);
    await route.fulfill({ response: answer });
  });
  await fresh.goto(service.url);
  await fresh.locator('[role="listitem"]', { hasText: 'Started while the list was on its way' }).getByText('2 people').waitFor();
  const stream = urls.find((u) => u.startsWith('/api/v1/events'));
  assert.match(String(stream), /^\/api\/v1\/events\?after=[0-9a-f]+\.\d+$/, `the stream opened after the list: ${urls.join(', ')}`);
  assert.ok(urls.indexOf('/api/v1/sessions') < urls.indexOf(stream!));
  await fresh.close();
});

e2eTest('a list not in the expected shape is not applied: the stream\'s own snapshot fills the page', { skip }, async () => {
  const fresh = await ctx.newPage();
  const urls: string[] = [];
  fresh.on('request', (r) => urls.push(new URL(r.url()).pathname + new URL(r.url()).search));
  await fresh.route('**/api/v1/sessions', (route) => route.fulfill({ status: 200, headers: { 'Content-Type': 'application/json', 'X-Event-Id': 'abc.1' }, body: '{"sessions": 5}' }));
  await fresh.goto(service.url);
  await fresh.locator('[role="listitem"]', { hasText: 'Grade 11 Chemistry' }).waitFor();
  assert.ok(urls.includes('/api/v1/events'), `the stream opened without after: ${urls.join(', ')}`);
  await fresh.close();
});

e2eTest('after the service restarts, the dashboard reconnects by itself', { skip }, async () => {
  await service.stop();
  await page.getByText(/not answering — reconnecting/).waitFor({ timeout: 15_000 });
  service = await startService(config, { demoTickMs: 3_600_000 });
  hostId = [...service.simulator!.account.users.values()][0]!.id;
  await page.getByText(/not answering — reconnecting/).waitFor({ state: 'detached', timeout: 30_000 });
  await startMeeting('Back after restart', 4);
  await row('Back after restart').getByText('4 people').waitFor();
});
