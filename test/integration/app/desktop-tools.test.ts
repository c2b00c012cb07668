// The desktop's own tools the shell asks, run for real as child processes, as stand-ins on PATH that answer
// as xdg-mime, gdbus and dbus-send do (no desktop session here).
import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { hasSchemeHandler } from '../../../main/app/scheme-handler.js';
import { nameHasOwner } from '../../../main/app/session-bus.js';
import { firstTime } from '../../../main/app/said-once.js';

let dir: string;
const PATH = process.env.PATH;

async function tool(name: string, script: string): Promise<void> {
  await writeFile(path.join(dir, name), `#!/bin/sh\n${script}\n`);
  await chmod(path.join(dir, name), 0o755);
}

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zs-tools-'));
  process.env.PATH = dir; // only the stand-ins: what is not there is not there
});

after(async () => {
  process.env.PATH = PATH;
  await rm(dir, { recursive: true, force: true });
});

test('zoommtg: handled where xdg-mime names a desktop file; not where it prints nothing; unknown without xdg-mime or off Linux', async () => {
  assert.equal(await hasSchemeHandler('zoommtg', 'linux'), null, 'no xdg-mime');
  await tool('xdg-mime', '[ "$*" = "query default x-scheme-handler/zoommtg" ] && echo Zoom.desktop\nexit 0');
  assert.equal(await hasSchemeHandler('zoommtg', 'linux'), true);
  await tool('xdg-mime', 'echo\nexit 0');
  assert.equal(await hasSchemeHandler('zoommtg', 'linux'), false);
  await tool('xdg-mime', 'exit 4');
  assert.equal(await hasSchemeHandler('zoommtg', 'linux'), false, 'xdg-mime failing: the web client is the safe way');
  assert.equal(await hasSchemeHandler('zoommtg', 'darwin'), null, "macOS: openExternal's rejection says it");
});

test('the session bus: gdbus first, dbus-send where GLib is not there, unknown without either', async () => {
  assert.equal(await nameHasOwner('org.kde.StatusNotifierWatcher'), null);
  await tool('dbus-send', '[ "$6" = "string:org.kde.StatusNotifierWatcher" ] || exit 1\necho "method return time=1 sender=org.freedesktop.DBus"\necho "   boolean true"');
  assert.equal(await nameHasOwner('org.kde.StatusNotifierWatcher'), true);
  await tool('gdbus', '[ "$9" = "org.kde.StatusNotifierWatcher" ] || exit 1\necho "(false,)"');
  assert.equal(await nameHasOwner('org.kde.StatusNotifierWatcher'), false, "GNOME's own answer");
  await tool('gdbus', 'echo "Error connecting: Could not connect: No such file or directory" >&2\nexit 1');
  assert.equal(await nameHasOwner('org.kde.StatusNotifierWatcher'), true, 'gdbus without a bus: dbus-send asked');
});

test('said once per data dir', async () => {
  assert.equal(await firstTime(dir, 'no-tray'), true);
  assert.equal(await firstTime(dir, 'no-tray'), false);
  assert.equal(await firstTime(dir, 'other'), true);
  assert.equal(await firstTime(path.join(dir, 'missing'), 'no-tray'), true, 'a marker that cannot be written: said again rather than never');
});
