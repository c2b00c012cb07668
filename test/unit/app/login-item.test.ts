// "Start when I log in" per OS: Electron's login item on macOS and Windows, an XDG autostart entry on Linux,
// and in a development run the command that started it (or why it cannot be).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { applyAutostart, desktopEntry, execArg, loginItemPlan, type LoginItemFacts } from '../../../main/app/login-item.js';

const facts = (over: Partial<LoginItemFacts>): LoginItemFacts => ({
  platform: 'linux',
  enabled: true,
  packaged: false,
  execPath: '/home/ops/zoom-sessions/node_modules/electron/dist/electron',
  mainScript: '/home/ops/zoom-sessions/dist/main/app/electron/main.js',
  env: {},
  home: '/home/ops',
  ...over,
});

test('Linux: an XDG autostart entry; a development run starts Electron on the shell, an AppImage its own file', () => {
  const dev = loginItemPlan(facts({}));
  assert.equal(dev.kind, 'xdg');
  assert.equal(dev.kind === 'xdg' && dev.file, '/home/ops/.config/autostart/zoom-sessions.desktop');
  assert.match(dev.kind === 'xdg' ? dev.entry! : '', /^Exec=\/home\/ops\/zoom-sessions\/node_modules\/electron\/dist\/electron \/home\/ops\/zoom-sessions\/dist\/main\/app\/electron\/main\.js$/m);
  const appImage = loginItemPlan(facts({ packaged: true, execPath: '/tmp/.mount_ZoomSeXYZ/zoom-sessions', env: { APPIMAGE: '/home/ops/Apps/Zoom Sessions-0.1.0.AppImage', XDG_CONFIG_HOME: '/home/ops/.cfg' } }));
  assert.equal(appImage.kind === 'xdg' && appImage.file, '/home/ops/.cfg/autostart/zoom-sessions.desktop');
  assert.match(appImage.kind === 'xdg' ? appImage.entry! : '', /^Exec="\/home\/ops\/Apps\/Zoom Sessions-0\.1\.0\.AppImage"$/m);
  const deb = loginItemPlan(facts({ packaged: true, execPath: '/opt/Zoom Sessions/zoom-sessions' }));
  assert.match(deb.kind === 'xdg' ? deb.entry! : '', /^Exec="\/opt\/Zoom Sessions\/zoom-sessions"$/m);
  assert.deepEqual(loginItemPlan(facts({ enabled: false })), { kind: 'xdg', file: '/home/ops/.config/autostart/zoom-sessions.desktop', entry: null });
});

test("macOS and Windows: Electron's login item; a Windows development run registers its real command line, macOS says why it cannot", () => {
  assert.deepEqual(loginItemPlan(facts({ platform: 'darwin', packaged: true })), { kind: 'electron', settings: { openAtLogin: true } });
  assert.deepEqual(loginItemPlan(facts({ platform: 'win32', packaged: true })), { kind: 'electron', settings: { openAtLogin: true } });
  assert.deepEqual(loginItemPlan(facts({ platform: 'win32', execPath: 'C:\\zs\\node_modules\\electron\\dist\\electron.exe', mainScript: 'C:\\zs\\dist\\main\\app\\electron\\main.js' })), {
    kind: 'electron',
    settings: { openAtLogin: true, path: 'C:\\zs\\node_modules\\electron\\dist\\electron.exe', args: ['"C:\\zs\\dist\\main\\app\\electron\\main.js"'] },
  });
  const mac = loginItemPlan(facts({ platform: 'darwin' }));
  assert.equal(mac.kind, 'unsupported');
  assert.match(mac.kind === 'unsupported' ? mac.reason : '', /installed app/);
  assert.deepEqual(loginItemPlan(facts({ platform: 'darwin', enabled: false })), { kind: 'electron', settings: { openAtLogin: false } });
});

test("a desktop entry's Exec quotes what the spec says must be, and escapes inside the quotes", () => {
  assert.equal(execArg('/usr/bin/zoom-sessions'), '/usr/bin/zoom-sessions');
  assert.equal(execArg('/opt/Zoom Sessions/zoom-sessions'), '"/opt/Zoom Sessions/zoom-sessions"');
  assert.equal(execArg('/home/a$b/"x"'), '"/home/a\\$b/\\"x\\""');
  assert.equal(execArg('/tmp/100%'), '/tmp/100%%');
  assert.match(desktopEntry(['/a b/c']), /^\[Desktop Entry\]\nType=Application\nName=Zoom Sessions\n.*\nExec="\/a b\/c"\n/s);
});

test('the autostart entry is written (its folder made) and removed', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-autostart-'));
  try {
    const file = path.join(dir, 'autostart', 'zoom-sessions.desktop');
    await applyAutostart(file, desktopEntry(['/usr/bin/zoom-sessions']));
    assert.match(await readFile(file, 'utf8'), /^Exec=\/usr\/bin\/zoom-sessions$/m);
    await applyAutostart(file, null);
    assert.equal(existsSync(file), false);
    await applyAutostart(file, null); // already gone: fine
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
