// The dashboard as the desktop window shows it: the preload's bridge (window.zoomSessions) stood in
// for by a page script that records calls, since the Electron binary cannot run here. Checks the
// window's side of the IPC contract: Settings, relogin, and links handed to the shell.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright';
import { parseServeArgs } from '../../main/config.js';
import { startService, type RunningService } from '../../main/service.js';
import { DEFAULT_SETTINGS } from '../../main/app/settings.js';
import { seriousViolations } from '../helpers/axe.js';
import { e2eTest, launchChromium, SCREENSHOTS, skipWithoutChromium } from '../helpers/browser.js';
import { until } from '../helpers/until.js';

const skip = skipWithoutChromium('desktop window tests');

let dir: string;
let service: RunningService;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
const shots = SCREENSHOTS;
const calls = () => page.evaluate(() => (globalThis as unknown as { __calls: [string, unknown][] }).__calls);

before(async () => {
  if (skip) return;
  dir = await mkdtemp(path.join(os.tmpdir(), 'zs-e2e-window-'));
  service = await startService(parseServeArgs(['--demo', '--port', '0', '--data-dir', dir], {}), { demoTickMs: 3_600_000 });
  browser = await launchChromium();
  ctx = await browser.newContext({ viewport: { width: 1000, height: 900 }, bypassCSP: true });
  page = await ctx.newPage();
  await page.goto(service.loginUrl); // the cookie, as the main process's one-time login gives it
  await page.getByRole('heading', { name: /Live now/ }).waitFor();
  // The bridge the preload would expose, answering as the main process does.
  await ctx.addInitScript((defaults) => {
    const calls: [string, unknown][] = [];
    let settings = { ...defaults };
    const view = () => ({ settings, problems: ['The saved port was not valid; using 5000.'], canKeepSecrets: false });
    Object.assign(globalThis, {
      __calls: calls,
      zoomSessions: {
        openZoomLink: async (url: string) => (calls.push(['openZoomLink', url]), true),
        relogin: async () => void calls.push(['relogin', null]),
        getSettings: async () => view(),
        saveSettings: async (s: typeof settings) => {
          calls.push(['saveSettings', s]);
          if (!/\+/.test(s.globalShortcut) && s.globalShortcut !== '') return { ok: false, errors: ['globalShortcut: must be like CommandOrControl+Shift+Z'] };
          const restartNeeded = s.liveIntervalSec !== settings.liveIntervalSec;
          settings = s;
          return { ok: true, view: view(), restartNeeded };
        },
        restart: async () => void calls.push(['restart', null]),
      },
    });
  }, DEFAULT_SETTINGS);
});

after(async () => {
  if (skip) return;
  await browser?.close();
  await service?.stop();
  await rm(dir, { recursive: true, force: true });
});

e2eTest('the tray\'s Settings… (#settings) opens the settings; problems and the missing keychain are said', { skip }, async () => {
  await page.goto('about:blank'); // a fresh document, so the bridge script runs (a hash change alone would not load one)
  await page.goto(`${service.url}/#settings`);
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  await page.getByText('The saved port was not valid; using 5000.').waitFor();
  await page.getByText(/no keychain, so a MongoDB password cannot be saved here/).waitFor();
  assert.equal(await page.getByLabel(/Seconds between live checks/).inputValue(), '10');
  assert.equal(await page.getByLabel('Shortcut that opens this window (empty for none)').inputValue(), 'CommandOrControl+Shift+Z');
  await mkdir(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, 'settings.png') });
  assert.deepEqual(await seriousViolations(page), []);
});

e2eTest('a refused save shows the reasons; a good one says what needs a restart and offers it', { skip }, async () => {
  // Out of range: the form itself refuses, before anything is sent.
  await page.getByLabel(/Seconds between live checks/).fill('1');
  await page.getByRole('button', { name: 'Save' }).click();
  assert.equal(await page.getByLabel(/Seconds between live checks/).evaluate((el) => (el as unknown as { validity: { valid: boolean } }).validity.valid), false);
  assert.equal((await calls()).filter(([c]) => c === 'saveSettings').length, 0);
  // What only the main process can judge comes back in words.
  await page.getByLabel(/Seconds between live checks/).fill('30');
  await page.getByLabel('Shortcut that opens this window (empty for none)').fill('Z');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('alert').filter({ hasText: 'globalShortcut: must be like CommandOrControl+Shift+Z' }).waitFor();
  await page.getByLabel('Shortcut that opens this window (empty for none)').fill('CommandOrControl+Shift+K');
  await page.getByLabel('Notify me when a session ends').check();
  const autoEnd = page.getByRole('group', { name: /End forgotten meetings by itself/ });
  await autoEnd.getByLabel('Nobody in it').check();
  await autoEnd.getByLabel('Past its booked end').check();
  await autoEnd.getByLabel(/Minutes of warning first/).fill('2');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText(/Saved\. The interval, port, database and auto-end change when the app starts again\./).waitFor();
  const saved = (await calls()).filter(([c]) => c === 'saveSettings').at(-1)![1] as typeof DEFAULT_SETTINGS;
  assert.equal(saved.liveIntervalSec, 30);
  assert.equal(saved.notifyEnded, true);
  assert.deepEqual([saved.autoEnd, saved.autoEndWarningMin], [['empty', 'overrun'], 2]);
  await page.getByRole('button', { name: 'Restart now' }).click();
  assert.ok((await calls()).some(([c]) => c === 'restart'));
});

e2eTest('back to the sessions; Join goes through the shell, not the page', { skip }, async () => {
  await page.getByRole('button', { name: 'Back to the sessions' }).click();
  await page.getByRole('heading', { name: /Live now/ }).waitFor();
  assert.equal(new URL(page.url()).hash, '');
  await page.getByRole('button', { name: 'Settings…' }).waitFor();
  const row = page.getByRole('list', { name: 'Live meetings' }).locator('[role="listitem"]').first();
  await row.getByRole('link', { name: /^Join/ }).click();
  const opened = (await calls()).filter(([c]) => c === 'openZoomLink').map(([, u]) => String(u));
  assert.equal(opened.length, 1);
  assert.match(opened[0]!, /^zoommtg:\/\/zoom\.us\/join\?action=join&confno=\d+/);
  assert.match(page.url(), /^http:\/\/127\.0\.0\.1/, 'the page did not navigate');
});

e2eTest('a lost login in the window asks the main process to log in again (no token form)', { skip }, async () => {
  await ctx.clearCookies();
  await page.goto(service.url);
  await until('relogin asked for', async () => (await calls()).some(([c]) => c === 'relogin'), 2_500, 50);
  assert.ok((await calls()).some(([c]) => c === 'relogin'));
  assert.equal(await page.getByLabel('API token').count(), 0);
});
