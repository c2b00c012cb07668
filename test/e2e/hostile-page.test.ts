// A hostile web page open in the same Chromium as a logged-in dashboard, served from another local port
// (same site as 127.0.0.1 for the browser, so SameSite cookies ride along). It tries what issue 11 found:
// form posts and no-cors fetches to encoded paths that end a meeting or switch the Zoom account, and reading
// the list. Nothing gets through.
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import type { Browser } from 'playwright';
import { parseServeArgs } from '../../main/config.js';
import { startService, type RunningService } from '../../main/service.js';
import { e2eTest, launchChromium, skipWithoutChromium } from '../helpers/browser.js';

const skip = skipWithoutChromium('hostile page tests');

let dir: string;
let service: RunningService;
let browser: Browser;
let evil: http.Server;
let meetingId: number;

function hostilePage(target: string, id: number): string {
  const end = [`/%61pi/v1/sessions/${id}/end`, `/api/v1/sessions/${id}/%65nd`, `/api/v1/sessions/${id}/end`, `//api/v1/sessions/${id}/end`];
  const forms = end.map((p, i) => `<form id="f${i}" method="post" enctype="text/plain" action="${target}${p}" target="sink${i}"><input name='{"a":"' value='"}'></form><iframe name="sink${i}"></iframe>`).join('');
  return `<!doctype html><title>cute cats</title>${forms}
<script>
  window.results = {};
  for (let i = 0; i < ${end.length}; i++) document.getElementById('f' + i).submit();
  const tries = ${JSON.stringify([...end, '/%61pi/v1/setup/demo', '/api/v1/setup/demo', '/api/v1/sync'])};
  Promise.all(tries.map((p) => fetch(${JSON.stringify(target)} + p, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: '{}' }).catch(() => null)))
    .then(() => fetch(${JSON.stringify(target)} + '/%61pi/v1/sessions', { credentials: 'include' }).then((r) => r.text()).then((t) => (window.results.read = t), (e) => (window.results.read = 'blocked: ' + e.message)))
    .then(() => (window.results.done = true));
</script>`;
}

before(async () => {
  if (skip) return;
  dir = await mkdtemp(path.join(os.tmpdir(), 'zs-hostile-'));
  service = await startService(parseServeArgs(['--demo', '--port', '0', '--data-dir', dir], {}), { demoTickMs: 3_600_000 });
  const sim = service.simulator!;
  const host = [...sim.account.users.values()][0]!;
  meetingId = sim.account.addMeeting({ hostId: host.id, topic: 'Board meeting' }).id;
  sim.account.start(meetingId, 4);
  await service.scheduler.refreshNow();
  evil = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(hostilePage(service.url, meetingId)));
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', () => r()));
  browser = await launchChromium();
});

after(async () => {
  if (skip) return;
  await browser?.close();
  await new Promise((r) => evil?.close(r));
  await service?.stop();
  await rm(dir, { recursive: true, force: true });
});

e2eTest('a page on another local port cannot end a meeting, switch the account or read the list, even while the dashboard is logged in', { skip }, async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  // The user is logged in to the dashboard in this browser.
  await page.goto(service.loginUrl);
  await page.getByRole('heading', { name: /Live now/ }).waitFor();
  assert.ok((await ctx.cookies(service.url)).some((c) => c.name === 'zs_session'), 'logged in');
  const setupBefore = JSON.stringify(service.setup.state());
  const endsBefore = service.simulator!.account.endedViaApi.length;

  const attacker = await ctx.newPage();
  await attacker.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
  await attacker.waitForFunction(() => (globalThis as unknown as { results: { done?: boolean } }).results.done === true, undefined, { timeout: 10_000 });
  await attacker.waitForTimeout(300); // the form posts land in their frames
  const read = await attacker.evaluate(() => (globalThis as unknown as { results: { read: string } }).results.read);
  assert.match(read, /^blocked: /, 'the cross-origin read is blocked by the browser (no CORS headers)');

  await service.scheduler.refreshNow();
  assert.ok(service.simulator!.account.meeting(meetingId).live, 'the meeting is still live in Zoom');
  assert.equal(service.simulator!.account.endedViaApi.length, endsBefore, 'no End reached Zoom');
  assert.equal(service.engine.get(String(meetingId))?.status, 'live');
  assert.equal(JSON.stringify(service.setup.state()), setupBefore, 'the Zoom account in use is unchanged');
  await ctx.close();
});
