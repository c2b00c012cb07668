// First run in Debian's Chromium: a service without Zoom credentials shows the setup screen; Test
// connection reports a bad secret in words; Save connects and the sessions appear; the demo is one click.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright';
import { parseServeArgs } from '../../main/config.js';
import { startService, type RunningService } from '../../main/service.js';
import { ZoomSimulator } from '../../main/zoom-simulator/server.js';
import { formatMeetingId } from '../../shared/join-links.js';
import { seriousViolations } from '../helpers/axe.js';
import { e2eTest, launchChromium, SCREENSHOTS, skipWithoutChromium } from '../helpers/browser.js';

const skip = skipWithoutChromium('setup screen tests');

let dir: string;
let sim: ZoomSimulator;
let service: RunningService;
let browser: Browser;
let page: Page;
let meetingId: number;
const shots = SCREENSHOTS;

before(async () => {
  if (skip) return;
  dir = await mkdtemp(path.join(os.tmpdir(), 'zs-e2e-setup-'));
  sim = new ZoomSimulator(); // "Zoom", reached through ZOOM_API_BASE_URL as a real account would be
  await sim.start();
  const host = sim.account.addUser({ email: 'frontdesk@example.com', firstName: 'Front', lastName: 'Desk' });
  const m = sim.account.addMeeting({ hostId: host.id, topic: 'Morning clinic', type: 2, password: 'clinic42' });
  sim.account.start(m.id, 4);
  meetingId = m.id;
  const config = parseServeArgs(['--port', '0', '--data-dir', dir], { ZOOM_API_BASE_URL: sim.apiBaseUrl, ZOOM_OAUTH_URL: sim.oauthUrl });
  service = await startService(config, { demoTickMs: 3_600_000 });
  browser = await launchChromium();
  const ctx = await browser.newContext({ viewport: { width: 1000, height: 900 }, bypassCSP: true });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: service.url });
  page = await ctx.newPage();
  await mkdir(shots, { recursive: true });
});

after(async () => {
  if (skip) return;
  await browser?.close();
  await service?.stop();
  await sim?.stop();
  await rm(dir, { recursive: true, force: true });
});

e2eTest('without credentials the dashboard opens on the setup screen, which passes axe', { skip }, async () => {
  await page.goto(service.loginUrl);
  await page.getByRole('heading', { name: 'Connect Zoom' }).waitFor();
  await page.getByText('meeting:update:status:admin').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Test connection' }).isDisabled(), true, 'nothing to test yet');
  assert.equal(await page.getByLabel(/Remember on this computer/).isDisabled(), true, 'no keychain in the headless service');
  await page.getByText(/used until the service stops/).waitFor();
  await page.screenshot({ path: path.join(shots, 'setup.png') });
  assert.deepEqual(await seriousViolations(page), []);
});

e2eTest('Test connection reports a bad secret clearly, then a good one', { skip }, async () => {
  await page.getByLabel('Account ID').fill(sim.accountId);
  await page.getByLabel('Client ID').fill(sim.clientId);
  await page.getByLabel('Client secret').fill('typo-in-the-secret');
  await page.getByRole('button', { name: 'Test connection' }).click();
  const alert = page.getByRole('alert');
  await alert.filter({ hasText: 'Zoom refused the Server-to-Server OAuth credentials' }).waitFor();
  assert.match(await alert.innerText(), /Invalid client_id or client_secret/);
  assert.ok(!(await alert.innerText()).includes('typo-in-the-secret'));
  await page.getByLabel('Client secret').fill(sim.clientSecret);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await page.getByRole('status').filter({ hasText: 'Connected: Zoom accepted these credentials and lists 1 active user.' }).waitFor();
  // Check setup: the doctor's Zoom lines, for what was typed.
  sim.grantedScopes = sim.grantedScopes.filter((x) => x !== 'meeting:update:status:admin');
  await page.getByRole('button', { name: 'Check setup' }).click();
  const checks = page.getByRole('list', { name: 'Set-up checks' });
  await checks.waitFor();
  const lines = await checks.getByRole('listitem').allInnerTexts();
  assert.ok(lines.some((l) => /^✓ Zoom sign-in/.test(l)), lines.join('\n'));
  // (The state in words for screen readers sits in its own line of innerText.)
  assert.ok(lines.some((l) => /^✗ scope for the End button\s*\(failed\)\s*: not granted: meeting:update:status:admin/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /add meeting:update:status:admin/.test(l)), 'with what to do');
  sim.grantedScopes = [...sim.grantedScopes, 'meeting:update:status:admin'];
});

e2eTest('Save and connect: the sessions appear without a reload, with Copy ID & passcode', { skip }, async () => {
  await page.getByRole('button', { name: 'Save and connect' }).click();
  const row = page.getByRole('list', { name: 'Live meetings' }).locator('[role="listitem"]', { hasText: 'Morning clinic' });
  await row.getByText('4 people').waitFor({ timeout: 15_000 });
  assert.equal(service.setup.state().source, 'this-run');
  await row.getByRole('button', { name: 'Copy ID & passcode of Morning clinic' }).waitFor({ timeout: 15_000 });
  await row.getByRole('button', { name: 'Copy ID & passcode of Morning clinic' }).click();
  await page.getByText('Meeting ID and passcode copied').waitFor();
  const copied = await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
  assert.equal(copied, `Meeting ID: ${formatMeetingId(String(meetingId))}\nPasscode: clinic42`);
});

e2eTest('Zoom account… reopens setup with the secret kept out of the page; Try the demo account switches', { skip }, async () => {
  await page.getByRole('button', { name: 'Zoom account…' }).click();
  await page.getByRole('heading', { name: 'Connect Zoom' }).waitFor();
  assert.equal(await page.getByLabel('Account ID').inputValue(), sim.accountId);
  assert.equal(await page.getByLabel('Client secret').inputValue(), '', 'the secret never comes back');
  assert.equal(await page.getByLabel('Client secret').getAttribute('placeholder'), 'Saved — leave empty to keep it');
  assert.ok(!(await page.content()).includes(sim.clientSecret));
  await page.getByRole('button', { name: 'Try the demo account' }).click();
  await page.getByRole('heading', { name: /Live now/ }).waitFor();
  await page.locator('[role="listitem"]', { hasText: 'Grade 9 Maths' }).first().waitFor({ timeout: 15_000 });
  assert.equal(await page.locator('[role="listitem"]', { hasText: 'Morning clinic' }).count(), 0, 'the other account\'s sessions are gone');
  // The account screen says the demo is what is in use, not an empty form alone.
  await page.getByRole('button', { name: 'Zoom account…' }).click();
  await page.getByRole('status').filter({ hasText: 'Demo account in use' }).waitFor();
  await page.getByRole('button', { name: 'Back to the sessions' }).click();
  await page.getByRole('heading', { name: /Live now/ }).waitFor();
});
