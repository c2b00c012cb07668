// The real desktop app, driven by Playwright's _electron against the Zoom simulator: the tray menu
// template, the window's live list, and End. Electron's binary cannot be downloaded on the development
// machine or in CI, so there this test prints one line and skips; on a machine where `npm start` or
// `npx install-electron` fetched Electron it runs. (The same shell runs in plain Node against the Electron mock in
// test/integration/app/shell.test.ts.)
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { _electron } from 'playwright';
import { findElectronBinary } from '../../main/app/electron-binary.js';
import type { TrayItem } from '../../main/app/tray-menu.js';
import { ZoomSimulator } from '../../main/zoom-simulator/server.js';
import { until } from '../helpers/until.js';

// Looked for without the download Electron starts on first use: nothing is downloaded at test time.
const found = findElectronBinary(import.meta.url);
const binary = 'path' in found ? found.path : null;
const displayMissing = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skip = !binary ? `no Electron binary (${'missing' in found ? found.missing : ''}; \`npx install-electron\` fetches it)` : displayMissing ? 'no display (DISPLAY / WAYLAND_DISPLAY)' : false;
if (skip) console.log(`# skipped the Electron app test: ${skip}`);

const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../main/app/electron/main.js');

test('the desktop app: tray menu, live list in its window, End with confirm', { skip }, async () => {
  const sim = new ZoomSimulator();
  await sim.start();
  const host = sim.account.addUser({ email: 'desk@example.com', firstName: 'Front', lastName: 'Desk' });
  const m = sim.account.addMeeting({ hostId: host.id, topic: 'Morning clinic', type: 2 });
  sim.account.start(m.id, 4);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-electron-'));
  const app = await _electron.launch({
    executablePath: binary!,
    args: [MAIN],
    env: {
      ...process.env,
      ZOOM_API_BASE_URL: sim.apiBaseUrl,
      ZOOM_OAUTH_URL: sim.oauthUrl,
      ZOOM_ACCOUNT_ID: sim.accountId,
      ZOOM_CLIENT_ID: sim.clientId,
      ZOOM_CLIENT_SECRET: sim.clientSecret,
      ZOOM_SESSIONS_DATA_DIR: dir,
      ZOOM_SESSIONS_PORT: '0',
    },
  });
  try {
    // The tray announces itself on the app (menubar's way); Playwright holds the app's 'ready' until it is
    // connected, so this listener is in place before the shell starts.
    type Announced = { items: TrayItem[]; run(a: unknown): Promise<void> };
    await app.evaluate(({ app: electronApp }) => {
      (electronApp as unknown as NodeJS.EventEmitter).on('zoom-sessions:tray', (c: Announced) => Object.assign(globalThis, { zsTray: c }));
    });
    const items = await until('the live meeting in the tray', async () => {
      const now = await app.evaluate(() => (globalThis as unknown as { zsTray?: Announced }).zsTray?.items ?? []);
      return now.some((x) => x.label?.startsWith('Morning clinic · 4 people')) ? now : null;
    }, 10_000, 100);
    assert.equal(items[0]!.label, 'Live now (1)');
    assert.ok(items.some((x) => x.label?.startsWith('Morning clinic · 4 people')), JSON.stringify(items.map((x) => x.label)));

    await app.evaluate(() => (globalThis as unknown as { zsTray: Announced }).zsTray.run({ kind: 'open-dashboard' }));
    const page = await app.firstWindow();
    const row = page.getByRole('list', { name: 'Live meetings' }).locator('[role="listitem"]', { hasText: 'Morning clinic' });
    await row.getByText('4 people').waitFor();
    assert.equal(await page.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require), 'undefined', 'no Node in the window');
    assert.equal(await page.evaluate(() => typeof (globalThis as unknown as { zoomSessions?: { openZoomLink?: unknown } }).zoomSessions?.openZoomLink), 'function');

    await row.getByRole('button', { name: /^End/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'End meeting' }).click();
    await until('ended in Zoom', () => sim.account.endedViaApi.includes(m.id), 5_000, 50);
    assert.deepEqual(sim.account.endedViaApi, [m.id]);
    await page.getByRole('list', { name: 'Available meetings' }).locator('[role="listitem"]', { hasText: 'Morning clinic' }).waitFor();
  } finally {
    await app.close();
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
