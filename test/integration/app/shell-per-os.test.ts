// The Electron shell as macOS, Windows and Linux desktops run it: each run is a child process whose
// process.platform and Electron stand-in are that OS's (test/helpers/shell-child.ts), against the demo
// account. Only Electron itself is a stand-in (its binary cannot be downloaded here); what only a real
// desktop shows (the icon in a real taskbar, a toast, the portal's dialog) is for the release pipeline's
// _electron jobs.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { APP_ID } from '../../../main/app/app-identity.js';
import type { Report, Scenario } from '../../helpers/shell-child.js';

const CHILD = fileURLToPath(new URL('../../helpers/shell-child.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../../main/app/electron/main.js', import.meta.url));
const skip = existsSync(BUILT) ? false : 'the desktop shell is not built';

/** Runs the shell as `scenario` says, in a home of its own, with the desktop's tools as `tools` (sh). */
async function run(scenario: Scenario, env: NodeJS.ProcessEnv = {}, tools: Record<string, string> = {}): Promise<Report & { home: string }> {
  const home = await mkdtemp(path.join(os.tmpdir(), `zs-${scenario.platform}-`));
  const bin = path.join(home, 'bin');
  await mkdir(bin);
  for (const [name, script] of Object.entries(tools)) {
    await writeFile(path.join(bin, name), `#!/bin/sh\n${script}\n`);
    await chmod(path.join(bin, name), 0o755);
  }
  const child = spawn(process.execPath, [CHILD], {
    env: { PATH: `${bin}${path.delimiter}${process.env.PATH}`, HOME: home, APPDATA: path.join(home, 'AppData', 'Roaming'), ZOOM_SESSIONS_PORT: '0', ZS_SCENARIO: JSON.stringify(scenario), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  await new Promise((r) => child.once('exit', r));
  const line = out.split('\n').find((l) => l.startsWith('ZS_REPORT '));
  await rm(home, { recursive: true, force: true }).catch(() => undefined);
  assert.ok(line, `no report: ${out}\n${err}`);
  return { ...(JSON.parse(line.slice('ZS_REPORT '.length)) as Report), home };
}

const KDE = { gdbus: 'echo "(true,)"' };
const GNOME = { gdbus: 'echo "(false,)"' };

test('Windows: toasts as the installed app (its AppUserModelID), the taskbar-themed icon, a left click opens the window, Close hides', { skip }, async () => {
  const r = await run({ platform: 'win32', packaged: true, dark: false, darkSystemUI: true });
  assert.equal(r.appUserModelId, APP_ID);
  assert.equal(r.name, 'zoom-sessions');
  assert.equal(r.userData, path.join(r.home, 'AppData', 'Roaming', 'zoom-sessions'));
  assert.match(r.trayImage, /tray-dark\.png$/, "a dark taskbar under light apps: the taskbar's icon");
  assert.equal(r.trayTitle, '', 'no title beside the icon off macOS');
  assert.equal(r.windowAtStart, false);
  assert.deepEqual(r.afterLeftClick, { windowShown: true, menuOpened: false });
  assert.deepEqual(r.afterClose, { hidden: true, quit: false });
  assert.deepEqual(r.missingImages, []);
});

test('Windows development run: toasts as its binary, and Start when I log in registers the command that runs the app', { skip }, async () => {
  const r = await run({ platform: 'win32', launchAtLogin: true });
  assert.equal(r.appUserModelId, process.execPath);
  assert.deepEqual(r.loginItem, { openAtLogin: true, path: process.execPath, args: [`"${BUILT}"`] }, 'not a bare electron.exe');
});

test('macOS: a template icon with the live count beside it, a click opens the menu, no Dock icon; a development run says why it cannot start at login', { skip }, async () => {
  const r = await run({ platform: 'darwin', launchAtLogin: true });
  assert.equal(r.userData, path.join(r.home, 'Library', 'Application Support', 'zoom-sessions'));
  assert.match(r.trayImage, /trayTemplate\.png$/);
  assert.equal(r.trayTemplate, true);
  assert.match(r.trayTitle, /^\d+$/, 'the live count beside the icon');
  assert.deepEqual(r.afterLeftClick, { windowShown: false, menuOpened: true });
  assert.equal(r.loginItem, null, 'nothing registered that would start bare Electron');
  assert.ok(r.settingsProblems.some((p) => /installed app/.test(p)), r.settingsProblems.join(' | '));
  assert.equal(r.appUserModelId, null);
});

test('Linux with a tray (KDE, Ubuntu): a tray app; its data where serve keeps it', { skip }, async () => {
  const r = await run({ platform: 'linux' }, { DISPLAY: ':0' }, KDE);
  assert.equal(r.userData, path.join(r.home, '.config', 'zoom-sessions'));
  assert.equal(r.windowAtStart, false);
  assert.deepEqual(r.afterClose, { hidden: true, quit: false });
  assert.equal(r.switches['enable-features'], undefined, 'X11: no portal');
  assert.deepEqual(r.shortcuts, ['CommandOrControl+Shift+Z']);
});

test('Linux without a tray watcher (GNOME without AppIndicator): the window opens at start, Close quits, and the app says why once', { skip }, async () => {
  const r = await run({ platform: 'linux' }, { DISPLAY: ':0' }, GNOME);
  assert.equal(r.windowAtStart, true);
  assert.deepEqual(r.afterClose, { hidden: false, quit: true });
  assert.equal(r.notifications.filter((n) => /no tray icons/.test(n)).length, 1, r.notifications.join(' | '));
});

test('Wayland: the GlobalShortcuts portal is on, so the shortcut registers; a user\'s own --enable-features is kept', { skip }, async () => {
  const r = await run({ platform: 'linux' }, { WAYLAND_DISPLAY: 'wayland-0', XDG_SESSION_TYPE: 'wayland' }, KDE);
  assert.equal(r.switches['enable-features'], 'GlobalShortcutsPortal');
  assert.deepEqual(r.shortcuts, ['CommandOrControl+Shift+Z']);
  assert.equal(r.windowAtStart, false);
});

test('Wayland, the desktop not granting the shortcut: said as that (not "another app"), and the window does not open at every start for it', { skip }, async () => {
  const r = await run({ platform: 'linux', takenShortcuts: ['CommandOrControl+Shift+Z'] }, { WAYLAND_DISPLAY: 'wayland-0' }, KDE);
  assert.deepEqual(r.shortcuts, []);
  assert.equal(r.windowAtStart, false);
  const said = r.settingsProblems.join(' | ');
  assert.match(said, /did not grant the shortcut CommandOrControl\+Shift\+Z: on Wayland/);
  assert.doesNotMatch(said, /another app/);
});

test('a second launch while one runs: it quits at once, and starts nothing', { skip }, async () => {
  const r = await run({ platform: 'linux', singleInstanceLock: false }, { DISPLAY: ':0' }, KDE);
  assert.equal(r.quitCalls, 1);
  assert.equal(r.trayImage, '', 'no tray');
});
