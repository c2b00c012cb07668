// The desktop app: a thin Electron shell over the plain-Node service, in fiddle's shape: each part is a
// setupX(service) beside this file, and everything they decide is in pure modules one folder up.
import { app, dialog, globalShortcut } from 'electron';
import path from 'node:path';
import type { RunningService } from '../../service.js';
import { disableFeaturesValue } from '../chromium-features.js';
import { DesktopSettings } from './desktop-settings.js';
import { startDesktopService } from './desktop-service.js';
import { setupIpc } from './ipc.js';
import { setupNotifications } from './notifications.js';
import { setupTray } from './tray.js';
import { setupTrayActions } from './tray-actions.js';
import { setupWindow } from './window.js';

// ZOOM_SESSIONS_DATA_DIR moves everything the app keeps (settings, sessions, tokens), as for `serve`.
if (process.env.ZOOM_SESSIONS_DATA_DIR) app.setPath('userData', path.resolve(process.env.ZOOM_SESSIONS_DATA_DIR));

// Before ready, when Chromium reads its features: those a desktop app has no use for and pays work for.
app.commandLine.appendSwitch('disable-features', disableFeaturesValue(app.commandLine.getSwitchValue('disable-features')));

let service: RunningService | null = null;
/** Opens the window; set once the service runs (a second launch before that does nothing). */
let open: () => void = () => undefined;

if (!app.requestSingleInstanceLock()) app.quit();
else {
  app.on('second-instance', () => open());
  app.whenReady().then(start, (e: unknown) => {
    dialog.showErrorBox('Zoom sessions could not start', e instanceof Error ? e.message : String(e));
    app.exit(1);
  });
}

// No webviews, ever; new windows go through the window's open handler.
app.on('web-contents-created', (_e, contents) => contents.on('will-attach-webview', (ev) => ev.preventDefault()));
app.on('window-all-closed', () => undefined); // a tray app keeps running without windows
app.on('will-quit', (e) => {
  globalShortcut.unregisterAll();
  if (!service) return;
  e.preventDefault();
  const s = service;
  service = null;
  void s.stop().finally(() => app.quit());
});

async function start(): Promise<void> {
  if (process.platform === 'darwin') app.dock?.hide();
  const settings = new DesktopSettings();
  const svc = (service = await startDesktopService(settings));
  const window = setupWindow(svc);
  const tray = setupTray(svc);
  app.once('will-quit', () => tray.destroy());
  // Announced like menubar's 'ready': whoever watches the app (its end-to-end tests) listens to the tray.
  app.emit('zoom-sessions:tray', tray);
  setupTrayActions(svc, tray, window);
  setupNotifications(svc, settings, tray, window);
  setupIpc(svc, settings, tray, window);
  open = settings.onShortcut = () => window.show();
  settings.applyLive();
  // First run (nothing set up) or a setting that could not be used: the window opens at once.
  if (!svc.connection.configured || settings.problems.length > 0) window.show();
}
