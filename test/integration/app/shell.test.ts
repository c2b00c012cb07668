// The Electron shell (main/app/electron/) run in plain Node against the real service and the Zoom
// simulator. Only Electron itself is mocked — its binary cannot be downloaded here — by the shared
// hand-written mock (test/helpers/electron-mock.ts), which records what the shell asks of it.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { register } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { IPC_CHANNELS, type SaveSettingsResult, type SettingsView } from '../../../shared/ipc-contract.js';
import { DEFAULT_SETTINGS } from '../../../main/app/settings.js';
import { defaultDataDir } from '../../../main/config.js';
import type { TrayItem } from '../../../main/app/tray-menu.js';
import { ZoomSimulator } from '../../../main/zoom-simulator/server.js';
import { zoomFaults } from '../../../main/zoom-simulator/faults.js';
import { electronMock as mock, type MenuTemplateItem } from '../../helpers/electron-mock.js';
import Store from '../../helpers/electron-store-mock.js';
import { until } from '../../helpers/until.js';

// The shell builds only where the electron package is installed (scripts/build.mjs).
const BUILT = fileURLToPath(new URL('../../../main/app/electron/main.js', import.meta.url));
const skip = existsSync(BUILT) ? false : 'the desktop shell is not built (the electron package is not installed)';
if (skip) console.log(`# skipped the Electron shell tests: ${skip}`);

let sim: ZoomSimulator;
let dir: string;
let meetingId: number;

const tray = () => mock.trays[0]!;
/** The shell's tray, as it announces itself on the app (menubar's way): its menu as handed to Electron. */
let controller: { items: TrayItem[]; on(event: 'menu-updated' | 'ready', fn: (items: TrayItem[]) => void): unknown } | null = null;
const trayItems = () => controller!.items;
/** An item by the label the person sees (on Linux '&&' shows as '&'). */
const find = (items: MenuTemplateItem[], label: RegExp | string): MenuTemplateItem | undefined =>
  items.find((i) => {
    const shown = mock.shownLabel(i.label ?? '');
    return typeof label === 'string' ? shown === label : label.test(shown);
  });
// As ipcRenderer.invoke sees it: a handler that throws is a rejected promise.
const invoke = async (channel: string, sender: { id: number; url: string }, ...args: unknown[]) =>
  mock.handlers.get(channel)!({ sender: { id: sender.id }, senderFrame: { url: sender.url } }, ...args);

before(async () => {
  if (skip) return;
  sim = new ZoomSimulator();
  await sim.start();
  const host = sim.account.addUser({ email: 'desk@example.com', firstName: 'Front', lastName: 'Desk' });
  const m = sim.account.addMeeting({ hostId: host.id, topic: 'Morning clinic', type: 2, password: 'clinic42' });
  sim.account.start(m.id, 4);
  meetingId = m.id;
  // A home of its own, and no ZOOM_SESSIONS_DATA_DIR: the app finds its data dir as a user's would.
  dir = await mkdtemp(path.join(os.tmpdir(), 'zs-shell-'));
  delete process.env.ZOOM_SESSIONS_DATA_DIR;
  delete process.env.XDG_CONFIG_HOME;
  delete process.env.WAYLAND_DISPLAY;
  delete process.env.XDG_SESSION_TYPE;
  process.env.HOME = dir;
  // The desktop's own tools, as stand-ins: a session bus with a tray watcher (KDE, Ubuntu), and xdg-mime
  // answering what `${dir}/zoommtg-handler` holds (empty: no Zoom app).
  const bin = path.join(dir, 'bin');
  await mkdir(bin);
  await writeFile(path.join(bin, 'gdbus'), '#!/bin/sh\necho "(true,)"\n');
  await writeFile(path.join(bin, 'xdg-mime'), `#!/bin/sh\n[ "$1 $2 $3" = "query default x-scheme-handler/zoommtg" ] && cat "${dir}/zoommtg-handler"\nexit 0\n`);
  await writeFile(path.join(dir, 'zoommtg-handler'), 'Zoom.desktop\n');
  await chmod(path.join(bin, 'gdbus'), 0o755);
  await chmod(path.join(bin, 'xdg-mime'), 0o755);
  process.env.PATH = `${bin}${path.delimiter}${process.env.PATH}`;
  Store.seed = { settings: { ...DEFAULT_SETTINGS, port: 0, globalShortcut: 'CommandOrControl+Shift+Z' } };
  Object.assign(process.env, {
    ZOOM_API_BASE_URL: sim.apiBaseUrl,
    ZOOM_OAUTH_URL: sim.oauthUrl,
    ZOOM_ACCOUNT_ID: sim.accountId,
    ZOOM_CLIENT_ID: sim.clientId,
    ZOOM_CLIENT_SECRET: sim.clientSecret,
  });
  mock.onApp('zoom-sessions:tray', (c) => (controller = c as typeof controller));
  mock.switches.set('disable-features', 'HardwareMediaKeyHandling'); // as a user's own switch would
  register('../../helpers/electron-loader.js', import.meta.url);
  // By path, not by name: the shell builds apart, where Electron is installed (tsconfig.electron.json).
  const shell = '../../../main/app/electron/main.js';
  await import(shell);
  const ready = await until('the tray announced', () => controller);
  if (ready.items.length === 0) await new Promise((resolve) => ready.on('ready', resolve));
  assert.equal(mock.trays.length, 1);
});

test('Chromium starts without the navigation predictor; a --disable-features the user gave is kept', { skip }, () => {
  assert.equal(mock.switches.get('disable-features'), 'HardwareMediaKeyHandling,NavigationPredictor');
});

after(async () => {
  if (skip) return;
  mock.emitApp('before-quit');
  mock.emitApp('will-quit', { preventDefault: () => undefined });
  await until('the service stopped and the app quit', () => mock.quitCalls > 0);
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
});

test('the tray lists the live meeting with its count, and its title is the live count', { skip }, async () => {
  const item = await until('live in the tray', () => find(tray().menu, /^Morning clinic · 4 people · \d+ min$/));
  assert.deepEqual(item.submenu!.map((i) => (i.label === undefined ? '---' : mock.shownLabel(i.label))), ['Join', 'Copy link', 'Copy ID & passcode', '---', 'End…']);
  assert.equal(trayItems()[0]!.label, 'Live now (1)', 'the template handed to Electron is buildTrayMenu\'s');
  assert.equal(tray().tooltip, 'Zoom sessions: 1 live');
  assert.match(String((tray().image as { path: string }).path), /assets[/\\]tray-(light|dark)\.png$/);
  assert.ok(existsSync((tray().image as { path: string }).path), 'the tray icon is there');
});

test('Copy ID & passcode and Join from the tray', { skip }, async () => {
  const item = find(tray().menu, /^Morning clinic/)!;
  const copies = mock.clipboard.length;
  find(item.submenu!, 'Copy ID & passcode')!.click!();
  // Copy waits for the passcode when the background has not read it yet (here it has: no Zoom call).
  await until('copied', () => mock.clipboard.length > copies);
  assert.match(mock.clipboard.at(-1)!, /^Meeting ID: \d{3} \d{4} \d{4}\nPasscode: clinic42$/);
  find(item.submenu!, 'Join')!.click!();
  await until('opened', () => mock.opened.length > 0);
  assert.match(mock.opened.at(-1)!, new RegExp(`^zoommtg://zoom\\.us/join\\?action=join&confno=${meetingId}&pwd=`));
});

test('tray Copy of a meeting whose passcode is not read yet reads it first; a Zoom failure is said in a notification', { skip }, async () => {
  // The background's reads of meetings fail: the new meeting reaches the tray without its passcode.
  sim.addFault(zoomFaults.serverError('meeting', 500, 1_000));
  const host = [...sim.account.users.values()][0]!;
  sim.account.addMeeting({ hostId: host.id, topic: 'Evening clinic', type: 2, password: 'eve2468' });
  try {
    find(tray().menu, 'Refresh now')!.click!();
    const item = await until('in the tray', () => find(tray().menu, /^Evening clinic/), 20_000);
    const copies = mock.clipboard.length;
    const notes = mock.notifications.length;
    find(item.submenu!, 'Copy ID & passcode')!.click!();
    await until('copied', () => mock.clipboard.length > copies, 20_000);
    assert.doesNotMatch(mock.clipboard.at(-1)!, /Passcode/, 'Zoom failing: the ID alone');
    assert.match(mock.notifications.at(-1)!.options.body, /^The passcode could not be read from Zoom \(.*HTTP 500.*\); Zoom will ask for it\.$/);
    assert.equal(mock.notifications.length, notes + 1);
    sim.faults.clear();
    find(item.submenu!, 'Copy ID & passcode')!.click!();
    await until('copied again', () => mock.clipboard.length > copies + 1, 20_000);
    assert.match(mock.clipboard.at(-1)!, /\nPasscode: eve2468$/);
  } finally {
    sim.faults.clear();
  }
});

test('the window is locked down: isolation, sandbox, no node; only Zoom links leave it; permissions denied; closing hides', { skip }, async () => {
  find(tray().menu, 'Open dashboard')!.click!();
  const win = await until('a window', () => mock.windows[0]);
  const prefs = win.options.webPreferences as Record<string, unknown>;
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.disableBlinkFeatures, 'Auxclick', 'middle click opens nothing');
  assert.equal(win.options.minWidth, 360, 'down to a tray popover, and no narrower');
  assert.match(String(prefs.preload), /preload\.cjs$/);
  assert.ok(existsSync(String(prefs.preload)), 'the preload is built');
  const url = new URL(win.webContents.loaded[0]!);
  assert.equal(url.hostname, '127.0.0.1');
  assert.match(url.search, /^\?token=/, 'the window logs in with a one-time code; it never holds the API token');
  assert.deepEqual(win.webContents.openHandler!({ url: 'https://zoom.us/j/1' }), { action: 'deny' });
  assert.equal(mock.opened.at(-1), 'https://zoom.us/j/1');
  const before = mock.opened.length;
  assert.deepEqual(win.webContents.openHandler!({ url: 'https://zoom.us.evil.example/j/1' }), { action: 'deny' });
  assert.equal(mock.opened.length, before, 'a look-alike is not opened');
  let prevented = false;
  win.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://evil.example/');
  assert.equal(prevented, true);
  prevented = false;
  win.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, `${url.origin}/`);
  assert.equal(prevented, false, 'its own origin is fine');
  let granted: boolean | null = null;
  win.webContents.session.permissionRequestHandler!(win.webContents, 'media', (ok) => (granted = ok), { isMainFrame: true, requestingUrl: `${url.origin}/` });
  assert.equal(granted, false);
  assert.equal(win.webContents.session.permissionCheckHandler!(win.webContents, 'media', `${url.origin}/`, { isMainFrame: true }), false);
  assert.equal(win.close(), false, 'closing hides the window; the app stays in the tray');
});

test('IPC answers only our window on our dashboard, and opens only Zoom links', { skip }, async () => {
  const win = mock.windows[0]!;
  const origin = new URL(win.webContents.loaded[0]!).origin;
  const ours = { id: win.webContents.id, url: `${origin}/` };
  await assert.rejects(invoke(IPC_CHANNELS.openZoomLink, { id: 999, url: `${origin}/` }, 'https://zoom.us/j/1'), /not from the dashboard window/);
  await assert.rejects(invoke(IPC_CHANNELS.openZoomLink, { id: ours.id, url: 'https://evil.example/' }, 'https://zoom.us/j/1'), /not from the dashboard window/);
  assert.equal(await invoke(IPC_CHANNELS.openZoomLink, ours, 'file:///etc/passwd'), false);
  assert.equal(await invoke(IPC_CHANNELS.openZoomLink, ours, 42), false);
  assert.equal(await invoke(IPC_CHANNELS.openZoomLink, ours, 'https://us02web.zoom.us/j/81234567890'), true);
  assert.equal(mock.opened.at(-1), 'https://us02web.zoom.us/j/81234567890');
});

test('settings over IPC: validated, the MongoDB password kept encrypted and never sent back', { skip }, async () => {
  const win = mock.windows[0]!;
  const ours = { id: win.webContents.id, url: `${new URL(win.webContents.loaded[0]!).origin}/` };
  const view = (await invoke(IPC_CHANNELS.getSettings, ours)) as SettingsView;
  assert.equal(view.settings.port, 0);
  assert.equal(view.canKeepSecrets, true);
  const bad = (await invoke(IPC_CHANNELS.saveSettings, ours, { ...view.settings, liveIntervalSec: 1 })) as SaveSettingsResult;
  assert.equal(bad.ok, false);
  assert.match(bad.ok ? '' : bad.errors.join(' '), /liveIntervalSec/);
  const uri = 'mongodb://ops:hunter2-secret@db.example.org:27017';
  const saved = (await invoke(IPC_CHANNELS.saveSettings, ours, { ...view.settings, mongoUri: uri, launchAtLogin: true })) as SaveSettingsResult;
  assert.ok(saved.ok);
  assert.equal(saved.ok && saved.restartNeeded, true, 'a new database takes a restart');
  assert.equal(saved.ok && saved.view.settings.mongoUri, 'mongodb://ops:***@db.example.org:27017');
  assert.ok(!JSON.stringify(Store.last!.store).includes('hunter2-secret'), 'not in clear on disk');
  // Linux: an XDG autostart entry (Electron's setLoginItemSettings does nothing there), starting this very
  // development run: Electron's binary with the shell's entry.
  const entry = await until('autostart written', () => readFile(path.join(dir, '.config', 'autostart', 'zoom-sessions.desktop'), 'utf8').catch(() => null));
  assert.match(entry, /^\[Desktop Entry\]\nType=Application\nName=Zoom Sessions\n/);
  assert.equal(entry.split('\n').find((l) => l.startsWith('Exec=')), `Exec=${process.execPath} ${BUILT}`);
  assert.equal(mock.loginItem, null, 'not asked of Electron, which does nothing with it on Linux');
  const again = (await invoke(IPC_CHANNELS.getSettings, ours)) as SettingsView;
  assert.ok(!JSON.stringify(again).includes('hunter2-secret'), 'never back to the window');
});

test('End… from the tray asks first, then ends the meeting in Zoom', { skip }, async () => {
  mock.dialogResponse = 1; // Cancel
  const item = find(tray().menu, /^Morning clinic/)!;
  find(item.submenu!, 'End…')!.click!();
  await until('asked', () => mock.messageBoxes.length === 1);
  assert.match(String(mock.messageBoxes[0]!.message), /^End “Morning clinic” for everyone\?$/);
  assert.match(String(mock.messageBoxes[0]!.detail), /The 4 people in it will be disconnected/);
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(sim.account.endedViaApi, [], 'cancelled: nothing ended');
  mock.dialogResponse = 0;
  find(find(tray().menu, /^Morning clinic/)!.submenu!, 'End…')!.click!();
  await until('ended in Zoom', () => sim.account.endedViaApi.includes(meetingId));
  await until('the tray follows', () => find(tray().menu, 'Nothing is live'));
  assert.equal(tray().tooltip, 'Zoom sessions: nothing live');
});

test('a notification when a meeting goes live; clicking it joins', { skip }, async () => {
  const host = [...sim.account.users.values()][0]!;
  const m = sim.account.addMeeting({ hostId: host.id, topic: 'Afternoon clinic', type: 2 });
  sim.account.start(m.id, 1);
  find(tray().menu, 'Refresh now')!.click!();
  const note = await until('notified', () => mock.notifications.find((n) => n.options.title === 'Afternoon clinic is live'));
  note.emit('click');
  await until('joined', () => mock.opened.some((u) => u.includes(`confno=${m.id}`)));
});

test('a hostile join link never leaves the app: tray Join and a notification click open Zoom links only', { skip }, async () => {
  const host = [...sim.account.users.values()][0]!;
  const m = sim.account.addMeeting({ hostId: host.id, topic: 'Phish room', type: 2 });
  m.joinUrlOverride = 'https://evil.example/my/phish';
  sim.account.start(m.id, 1);
  find(tray().menu, 'Refresh now')!.click!();
  const note = await until('notified', () => mock.notifications.find((n) => n.options.title === 'Phish room is live'));
  const before = mock.opened.length;
  note.emit('click');
  const item = await until('in the tray', () => find(tray().menu, /^Phish room/));
  find(item.submenu!, 'Join')!.click!();
  await until('joined twice', () => mock.opened.length >= before + 2);
  for (const url of mock.opened.slice(before)) assert.match(url, new RegExp(`^zoommtg://zoom\\.us/join\\?action=join&confno=${m.id}$`));
  assert.ok(!mock.opened.some((u) => u.includes('evil.example')));
});

test('the global shortcut opens the window; Pause notifications silences them', { skip }, async () => {
  const open = mock.shortcuts.get('CommandOrControl+Shift+Z');
  assert.ok(open, 'registered');
  mock.windows[0]!.hide();
  open();
  assert.equal(mock.windows[0]!.visible, true);
  find(tray().menu, 'Pause notifications')!.click!();
  await until('checked', () => find(tray().menu, 'Pause notifications')?.checked === true);
  const count = mock.notifications.length;
  const host = [...sim.account.users.values()][0]!;
  const m = sim.account.addMeeting({ hostId: host.id, topic: 'Quiet one', type: 2 });
  sim.account.start(m.id, 1);
  find(tray().menu, 'Refresh now')!.click!();
  await until('in the tray', () => find(tray().menu, /^Quiet one/));
  assert.equal(mock.notifications.length, count);
});

test('one name and one data dir however it is started: zoom-sessions, in <appData>/zoom-sessions as `serve` uses it', { skip }, async () => {
  assert.equal(mock.startName, 'Electron', 'started on a file, as npm start does');
  const { app } = await import('../../helpers/electron-mock.js');
  assert.equal(app.getName(), 'zoom-sessions');
  assert.equal(app.getPath('userData'), path.join(dir, '.config', 'zoom-sessions'));
  assert.equal(app.getPath('userData'), defaultDataDir(process.env, 'linux'), "the CLI's own default");
  assert.ok((await readdir(path.join(dir, '.config', 'zoom-sessions'))).length > 0, 'the service keeps its data there');
  assert.ok(!existsSync(path.join(dir, '.config', 'Electron')), 'nothing under "Electron"');
});

test('every image the shell names exists: the window icon and the tray icon are never empty', { skip }, () => {
  assert.deepEqual(mock.missingImages, []);
  assert.equal(tray().image.isEmpty(), false);
});

test('Copy link and Copy ID in the window: the page may write the clipboard; no other permission, no other page', { skip }, async () => {
  const win = mock.windows[0]!;
  const origin = new URL(win.webContents.loaded[0]!).origin;
  await win.webContents.pageWritesClipboard('https://zoom.us/j/81234567890?pwd=abc', `${origin}/#settings`);
  assert.equal(mock.clipboard.at(-1), 'https://zoom.us/j/81234567890?pwd=abc');
  await assert.rejects(win.webContents.pageWritesClipboard('x', 'https://evil.example/'), { name: 'NotAllowedError' });
  const check = win.webContents.session.permissionCheckHandler!;
  for (const permission of ['clipboard-read', 'notifications', 'media', 'geolocation', 'openExternal']) {
    assert.equal(check(win.webContents, permission, `${origin}/`, { isMainFrame: true, requestingUrl: `${origin}/` }), false, permission);
  }
  assert.equal(check(win.webContents, 'clipboard-sanitized-write', `${origin}/`, { isMainFrame: false, requestingUrl: `${origin}/` }), false, 'a subframe');
});

test('Join on Linux: the Zoom app where one handles zoommtg:, else the web client; nothing handed to nobody', { skip }, async () => {
  await writeFile(path.join(dir, 'zoommtg-handler'), '');
  const live = await until('a live meeting in the tray', () => find(tray().menu, /^Quiet one · /));
  const id = [...sim.account.meetings.values()].find((m) => m.topic === 'Quiet one')!.id;
  const before = mock.opened.length;
  find(live.submenu!, 'Join')!.click!();
  await until('opened', () => mock.opened.length > before);
  assert.match(mock.opened.at(-1)!, new RegExp(`^https://app\\.zoom\\.us/wc/${id}/join`), 'no Zoom app: the web client');
  assert.deepEqual(mock.lost, [], 'no link was handed to xdg-open with nothing to open it');
  await writeFile(path.join(dir, 'zoommtg-handler'), 'Zoom.desktop\n');
  find(live.submenu!, 'Join')!.click!();
  await until('opened again', () => mock.opened.length > before + 1);
  assert.match(mock.opened.at(-1)!, new RegExp(`^zoommtg://zoom\\.us/join\\?action=join&confno=${id}`));
});

test('the tray menu is handed over only when what it shows changed, and never while it is open', { skip }, async () => {
  const t = tray();
  const c = controller as unknown as { rebuild(): void };
  await new Promise((r) => setTimeout(r, 400));
  const sets = t.menusSet;
  c.rebuild();
  c.rebuild();
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(t.menusSet, sets, 'nothing changed: the same menu stays');
  t.openMenu();
  const host = [...sim.account.users.values()][0]!;
  const m = sim.account.addMeeting({ hostId: host.id, topic: 'R&D sync', type: 2 });
  sim.account.start(m.id, 3);
  await (controller as unknown as { run(a: unknown): Promise<void> }).run({ kind: 'refresh' });
  await new Promise((r) => setTimeout(r, 1_500));
  assert.equal(t.closedInHand, 0, 'the open menu was not replaced under the person');
  assert.equal(t.menusSet, sets);
  t.closeMenu();
  const item = await until('the new meeting once closed', () => find(t.menu, /^R&D sync · 3 people/));
  assert.match(item.label!, /^R&&D sync/, "an '&' in a topic is doubled, so it shows as '&', not as an access key");
  assert.equal(t.menusSet, sets + 1);
});

test('a left click on the tray icon opens the window (Linux: an activation)', { skip }, () => {
  const win = mock.windows[0]!;
  win.hide();
  tray().leftClick();
  assert.equal(win.visible, true);
});

test('a ZOOM_SESSIONS_PORT that is taken: another port, and the problem names the port that was taken', { skip }, async () => {
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
  const port = (blocker.address() as net.AddressInfo).port;
  process.env.ZOOM_SESSIONS_PORT = String(port);
  const { startDesktopService } = await import('../../../main/app/electron/desktop-service.js');
  const { DesktopSettings } = await import('../../../main/app/electron/desktop-settings.js');
  const settings = new DesktopSettings(BUILT);
  // A data dir of its own: the running app holds its own.
  const { app } = await import('../../helpers/electron-mock.js');
  const userData = app.getPath('userData');
  app.setPath('userData', path.join(dir, 'second'));
  try {
    const svc = await startDesktopService(settings);
    try {
      assert.notEqual(new URL(svc.url).port, String(port));
      assert.match(settings.problems.join(' '), new RegExp(`Port ${port} is in use`));
    } finally {
      await svc.stop();
    }
  } finally {
    app.setPath('userData', userData);
    delete process.env.ZOOM_SESSIONS_PORT;
    blocker.close();
  }
});
