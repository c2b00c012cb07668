// What the desktop shell decides per OS, as pure tables: each row is a way a real desktop behaves
// (Electron's docs and electron.d.ts say per platform).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { APP_ID, appUserModelId } from '../../../main/app/app-identity.js';
import { featuresValue } from '../../../main/app/chromium-features.js';
import { onWayland, shortcutFeatures, shortcutRefusal } from '../../../main/app/global-shortcut.js';
import { clickOpensWindow, menuLabel, trayIconFile } from '../../../main/app/tray-platform.js';
import { nameHasOwnerAnswer, trayPlan } from '../../../main/app/tray-presence.js';
import { permissionAllowed } from '../../../main/app/window-permissions.js';
import { paths } from '../../../main/paths.js';
import { webClientForAppLink } from '../../../shared/join-links.js';

test("menu labels: '&' doubled on Windows and Linux, where it marks an access key; as written on macOS", () => {
  assert.equal(menuLabel('R&D sync · 3 people', 'win32'), 'R&&D sync · 3 people');
  assert.equal(menuLabel('Copy ID & passcode', 'linux'), 'Copy ID && passcode');
  assert.equal(menuLabel('A && B', 'linux'), 'A &&&& B');
  assert.equal(menuLabel('R&D sync', 'darwin'), 'R&D sync');
  assert.equal(menuLabel('No ampersand', 'win32'), 'No ampersand');
});

test("the tray icon: a template on macOS, the taskbar's theme on Windows, the desktop's on Linux", () => {
  assert.equal(trayIconFile('darwin', { dark: true, darkSystemUI: true }), 'trayTemplate.png');
  // Windows' default: a dark taskbar with light apps. The icon must show on the taskbar.
  assert.equal(trayIconFile('win32', { dark: false, darkSystemUI: true }), 'tray-dark.png');
  assert.equal(trayIconFile('win32', { dark: true, darkSystemUI: false }), 'tray-light.png');
  assert.equal(trayIconFile('linux', { dark: true, darkSystemUI: false }), 'tray-dark.png');
  assert.equal(trayIconFile('linux', { dark: false, darkSystemUI: true }), 'tray-light.png');
});

test('a left click opens the window on Windows and Linux; macOS keeps it for the menu', () => {
  assert.equal(clickOpensWindow('win32'), true);
  assert.equal(clickOpensWindow('linux'), true);
  assert.equal(clickOpensWindow('darwin'), false);
});

test("the session bus's answer, as gdbus and dbus-send print it", () => {
  assert.equal(nameHasOwnerAnswer('(true,)\n'), true);
  assert.equal(nameHasOwnerAnswer('(false,)\n'), false);
  assert.equal(nameHasOwnerAnswer('method return time=1733570000.1 sender=org.freedesktop.DBus -> destination=:1.90 serial=3 reply_serial=2\n   boolean true\n'), true);
  assert.equal(nameHasOwnerAnswer('method return …\n   boolean false\n'), false);
  assert.equal(nameHasOwnerAnswer('Error: GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown'), null);
});

test('no tray watcher on Linux (GNOME without AppIndicator): the window opens at start and Close quits; elsewhere as a tray app', () => {
  const gnome = trayPlan('linux', false);
  assert.deepEqual({ ...gnome, note: Boolean(gnome.note) }, { windowAtStart: true, closeQuits: true, note: true });
  assert.match(gnome.note!, /AppIndicator extension/);
  for (const [platform, watcher] of [['linux', true], ['linux', null], ['darwin', null], ['win32', null]] as const) {
    assert.deepEqual(trayPlan(platform, watcher), { windowAtStart: false, closeQuits: false, note: null }, `${platform} ${watcher}`);
  }
});

test('Wayland: the GlobalShortcuts portal is enabled, and a refused shortcut is named for what it is', () => {
  assert.equal(onWayland('linux', { WAYLAND_DISPLAY: 'wayland-0' }), true);
  assert.equal(onWayland('linux', { XDG_SESSION_TYPE: 'wayland' }), true);
  assert.equal(onWayland('linux', { DISPLAY: ':0', XDG_SESSION_TYPE: 'x11' }), false);
  assert.equal(onWayland('darwin', { WAYLAND_DISPLAY: 'wayland-0' }), false);
  assert.deepEqual(shortcutFeatures('linux', { WAYLAND_DISPLAY: 'wayland-0' }), ['GlobalShortcutsPortal']);
  assert.deepEqual(shortcutFeatures('linux', { DISPLAY: ':0' }), []);
  assert.deepEqual(shortcutFeatures('win32', {}), []);
  const wayland = shortcutRefusal('CommandOrControl+Shift+Z', 'linux', { WAYLAND_DISPLAY: 'wayland-0' });
  assert.match(wayland, /^The desktop did not grant the shortcut CommandOrControl\+Shift\+Z: on Wayland/);
  assert.doesNotMatch(wayland, /another app/);
  assert.match(shortcutRefusal('CommandOrControl+Shift+Z', 'win32', {}), /is taken by another app/);
  assert.equal(featuresValue('WebRTCPipeWireCapturer', ['GlobalShortcutsPortal']), 'WebRTCPipeWireCapturer,GlobalShortcutsPortal');
  assert.equal(featuresValue('GlobalShortcutsPortal', ['GlobalShortcutsPortal']), 'GlobalShortcutsPortal');
});

test("the window's permissions: clipboard writes from our own page's main frame, nothing else", () => {
  const ours = 'http://127.0.0.1:5000';
  assert.equal(permissionAllowed('clipboard-sanitized-write', 'http://127.0.0.1:5000/#usage', ours), true);
  assert.equal(permissionAllowed('clipboard-sanitized-write', 'http://127.0.0.1:5000/', ours), true, 'an origin as the check handler gets it');
  assert.equal(permissionAllowed('clipboard-sanitized-write', 'http://127.0.0.1:5001/', ours), false, 'another port');
  assert.equal(permissionAllowed('clipboard-sanitized-write', 'https://zoom.us/', ours), false);
  assert.equal(permissionAllowed('clipboard-sanitized-write', `${ours}/`, ours, false), false, 'a subframe');
  assert.equal(permissionAllowed('clipboard-sanitized-write', undefined, ours), false);
  assert.equal(permissionAllowed('clipboard-sanitized-write', 'not a url', ours), false);
  for (const p of ['clipboard-read', 'media', 'notifications', 'geolocation', 'openExternal', 'fullscreen', 'unknown']) assert.equal(permissionAllowed(p, `${ours}/`, ours), false, p);
});

test("Windows toasts: the installer's AppUserModelID, which is electron-builder.yml's appId; a development run its binary's path", () => {
  const yml = readFileSync(paths.packageJson.replace(/package\.json$/, 'electron-builder.yml'), 'utf8');
  assert.equal(/^appId: (.+)$/m.exec(yml)?.[1], APP_ID);
  assert.equal(appUserModelId(true, 'C:\\Program Files\\Zoom Sessions\\Zoom Sessions.exe'), APP_ID);
  assert.equal(appUserModelId(false, 'C:\\dev\\zs\\node_modules\\electron\\dist\\electron.exe'), 'C:\\dev\\zs\\node_modules\\electron\\dist\\electron.exe');
});

test("the web client for a Zoom app link, where no Zoom app opens it", () => {
  assert.equal(webClientForAppLink('zoommtg://zoom.us/join?action=join&confno=81234567890&pwd=a1b2'), 'https://app.zoom.us/wc/81234567890/join?pwd=a1b2');
  assert.equal(webClientForAppLink('zoommtg://zoom.us/join?action=join&confno=81234567890'), 'https://app.zoom.us/wc/81234567890/join');
  assert.equal(webClientForAppLink('https://zoom.us/j/81234567890'), null);
  assert.equal(webClientForAppLink('zoommtg://zoom.us/join?confno=../evil'), null);
  assert.equal(webClientForAppLink('::'), null);
});
