// While Zoom cannot be reached the dashboard says so, and claims nothing it does not know: no green
// "0 live", no "First check in progress…" beside the error, no doubled full stops.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import type { Browser } from 'playwright';
import { parseServeArgs } from '../../main/config.js';
import { startService, type RunningService } from '../../main/service.js';
import { e2eTest, launchChromium, skipWithoutChromium } from '../helpers/browser.js';

const skip = skipWithoutChromium('honest words tests');

let dir: string;
let service: RunningService;
let browser: Browser;

before(async () => {
  if (skip) return;
  dir = await mkdtemp(path.join(os.tmpdir(), 'zs-honest-'));
  // Zoom at an address where nothing listens: every call is refused.
  const zoom = { ZOOM_API_BASE_URL: 'http://127.0.0.1:9/v2', ZOOM_OAUTH_URL: 'http://127.0.0.1:9/oauth/token', ZOOM_ACCOUNT_ID: 'acc', ZOOM_CLIENT_ID: 'cid', ZOOM_CLIENT_SECRET: 'secret-xyz' };
  service = await startService(parseServeArgs(['--port', '0', '--data-dir', dir], zoom), {});
  browser = await launchChromium();
});

after(async () => {
  if (skip) return;
  await browser?.close();
  await service?.stop();
  await rm(dir, { recursive: true, force: true });
});

e2eTest('Zoom unreachable: "— live", "Not connected to Zoom" and the error once, in plain words', { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(service.loginUrl);
  const banner = page.getByRole('alert').filter({ hasText: 'Zoom is not answering as it should' });
  await banner.waitFor({ timeout: 15_000 });
  const header = page.getByRole('banner');
  assert.equal(await header.locator('.badge').innerText(), '— live', 'no count while it is not known');
  assert.match(await header.locator('.status').innerText(), /^Not connected to Zoom/);
  assert.doesNotMatch(await header.innerText(), /First check in progress/);
  const text = await banner.innerText();
  assert.doesNotMatch(text, /\.\./, text);
  assert.match(await page.locator('.live-section .empty').innerText(), /Zoom has not answered yet/);
  await page.close();
});
