import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideStart } from '../../../main/app/start-mode.js';

const found = { path: '/opt/electron/electron' };
const electron = () => found;

test('npm start: the desktop app where Electron and a display exist', () => {
  assert.deepEqual(decideStart({ electron, platform: 'darwin', env: {} }), { mode: 'desktop', electronPath: found.path });
  assert.deepEqual(decideStart({ electron, platform: 'win32', env: {} }), { mode: 'desktop', electronPath: found.path });
  assert.equal(decideStart({ electron, platform: 'linux', env: { DISPLAY: ':0' } }).mode, 'desktop');
  assert.equal(decideStart({ electron, platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' } }).mode, 'desktop');
});

test('npm start: headless, with the reason, without a binary or without a display', () => {
  assert.deepEqual(decideStart({ electron: () => ({ missing: 'npm install did not download it' }), platform: 'darwin', env: {} }), {
    mode: 'headless',
    reason: 'no Electron binary (npm install did not download it)',
  });
  assert.deepEqual(decideStart({ electron, platform: 'linux', env: {} }), { mode: 'headless', reason: 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' });
  assert.equal(decideStart({ electron, platform: 'linux', env: { DISPLAY: '' } }).mode, 'headless');
});

test('npm start on a Linux machine without a display never looks for (or downloads) Electron', () => {
  let asked = false;
  const decision = decideStart({ electron: () => ((asked = true), found), platform: 'linux', env: {} });
  assert.equal(decision.mode, 'headless');
  assert.equal(asked, false);
});
