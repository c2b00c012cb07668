// The safeStorage vault and the IPC boundary, against the shared Electron mock (no Electron binary here).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { isTrustedSender } from '../../../main/app/ipc-guard.js';
import { safeStorageVault } from '../../../main/app/vault.js';
import { IPC_CHANNELS, type ZoomSessionsBridge } from '../../../shared/ipc-contract.js';
import * as electron from '../../helpers/electron-mock.js';
import vm from 'node:vm';

test('the vault encrypts through safeStorage, and refuses where it cannot (or would use a fixed key)', () => {
  electron.electronMock.encryptionAvailable = true;
  const v = safeStorageVault(electron.safeStorage, 'darwin');
  assert.equal(v.available, true);
  const box = v.encrypt('s3cret');
  assert.ok(!box.toString().includes('s3cret'));
  assert.equal(v.decrypt(box), 's3cret');
  electron.electronMock.encryptionAvailable = false;
  const off = safeStorageVault(electron.safeStorage, 'darwin');
  assert.equal(off.available, false);
  assert.throws(() => off.encrypt('x'), /No keychain/);
  electron.electronMock.encryptionAvailable = true;
  const basic = safeStorageVault({ ...electron.safeStorage, getSelectedStorageBackend: () => 'basic_text' }, 'linux');
  assert.equal(basic.available, false, "Linux's basic_text backend is a hard-coded key: not a keychain");
});

test('IPC senders: our window, on our dashboard origin, only', () => {
  const origin = 'http://127.0.0.1:5000';
  assert.equal(isTrustedSender({ id: 3, frameUrl: 'http://127.0.0.1:5000/#settings' }, 3, origin), true);
  assert.equal(isTrustedSender({ id: 4, frameUrl: 'http://127.0.0.1:5000/' }, 3, origin), false, 'another webContents');
  assert.equal(isTrustedSender({ id: 3, frameUrl: 'https://evil.example/' }, 3, origin), false, 'navigated away');
  assert.equal(isTrustedSender({ id: 3, frameUrl: 'http://127.0.0.1:5001/' }, 3, origin), false, 'another port');
  assert.equal(isTrustedSender({ id: 3, frameUrl: null }, 3, origin), false);
  assert.equal(isTrustedSender({ id: 3, frameUrl: 'http://127.0.0.1:5000/' }, null, origin), false, 'no window yet');
});

test('the preload exposes exactly the bridge, each method on its contract channel', { skip: existsSync(fileURLToPath(new URL('../../../main/app/electron/preload.cjs', import.meta.url))) ? false : 'the desktop shell is not built (the electron package is not installed)' }, async () => {
  // The built preload, run as Electron runs a sandboxed preload: CommonJS with `require('electron')` only.
  const file = fileURLToPath(new URL('../../../main/app/electron/preload.cjs', import.meta.url));
  const code = await readFile(file, 'utf8');
  const requireOnlyElectron = (id: string) => {
    assert.equal(id, 'electron', 'a sandboxed preload can require nothing else');
    return electron;
  };
  // As Electron loads a CommonJS preload: the file's code as a function of require, exports and module.
  (vm.compileFunction(code, ['require', 'exports', 'module']) as (...a: unknown[]) => void)(requireOnlyElectron, {}, { exports: {} });
  const bridge = (globalThis as unknown as { zoomSessions: ZoomSessionsBridge }).zoomSessions;
  const calls = {
    openZoomLink: await bridge.openZoomLink('https://zoom.us/j/1'),
    relogin: await bridge.relogin(),
    getSettings: await bridge.getSettings(),
    saveSettings: await bridge.saveSettings({} as never),
    restart: await bridge.restart(),
  } as unknown as Record<keyof typeof IPC_CHANNELS, { channel: string }>;
  assert.deepEqual(Object.keys(bridge).sort(), Object.keys(IPC_CHANNELS).sort());
  for (const [name, channel] of Object.entries(IPC_CHANNELS)) assert.equal(calls[name as keyof typeof IPC_CHANNELS].channel, channel, name);
});
