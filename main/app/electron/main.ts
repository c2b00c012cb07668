// The desktop app: a thin Electron shell over the plain-Node service, in fiddle's shape: each part is a
// setupX(service) beside this file, and everything they decide is in pure modules one folder up.
import { app, dialog, globalShortcut, Notification } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir } from '../../config.js';
import type { RunningService } from '../../service.js';
import { APP_NAME, appUserModelId } from '../app-identity.js';
import { disableFeaturesValue, featuresValue } from '../chromium-features.js';
import { shortcutFeatures } from '../global-shortcut.js';
import { firstTime } from '../said-once.js';
import { nameHasOwner } from '../session-bus.js';
import { trayPlan, WATCHER } from '../tray-presence.js';
import { DesktopSettings } from './desktop-settings.js';
import { startDesktopService } from './desktop-service.js';
import { setupIpc } from './ipc.js';
import { setupNotifications } from './notifications.js';
import { setupTray } from './tray.js';
import { setupTrayActions } from './tray-actions.js';
import { setupWindow } from './window.js';

// One name and one data dir however the app is started: Electron names an app started on a file "Electron"
// and sets userData from the name once, at its own start, so both are set here, before ready. The data dir
// is `serve`'s (<appData>/zoom-sessions), or ZOOM_SESSIONS_DATA_DIR's, as for `serve`.
app.setName(APP_NAME);
app.setPath('userData', process.env.ZOOM_SESSIONS_DATA_DIR ? path.resolve(process.env.ZOOM_SESSIONS_DATA_DIR) : defaultDataDir());
// Windows shows toasts only for the AppUserModelID of a Start menu shortcut: the installer's.
if (process.platform === 'win32') app.setAppUserModelId(appUserModelId(app.isPackaged, process.execPath));

// Before ready, when Chromium reads its features: those a desktop app has no use for and pays work for, and
// the ones it needs (the GlobalShortcuts portal on Wayland).
app.commandLine.appendSwitch('disable-features', disableFeaturesValue(app.commandLine.getSwitchValue('disable-features')));
const enable = shortcutFeatures(process.platform, process.env);
if (enable.length > 0) app.commandLine.appendSwitch('enable-features', featuresValue(app.commandLine.getSwitchValue('enable-features'), enable));

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
  // Where no tray can be seen (GNOME without its AppIndicator extension), the window is the app. The session
  // bus is asked while the service starts.
  const watcher = process.platform === 'linux' ? nameHasOwner(WATCHER) : Promise.resolve(null);
  const settings = new DesktopSettings(fileURLToPath(import.meta.url));
  const svc = (service = await startDesktopService(settings));
  const plan = trayPlan(process.platform, await watcher);
  const window = setupWindow(svc, { closeQuits: plan.closeQuits });
  const tray = setupTray(svc);
  app.once('will-quit', () => tray.destroy());
  // Announced like menubar's 'ready': whoever watches the app (its end-to-end tests) listens to the tray.
  app.emit('zoom-sessions:tray', tray);
  tray.on('click', () => window.show());
  setupTrayActions(svc, tray, window);
  setupNotifications(svc, settings, tray, window);
  setupIpc(svc, settings, tray, window);
  open = settings.onShortcut = () => window.show();
  settings.applyLive();
  if (plan.note) {
    process.stderr.write(`zoom-sessions: ${plan.note}\n`);
    if (Notification.isSupported() && (await firstTime(app.getPath('userData'), 'no-tray'))) new Notification({ title: 'Zoom Sessions', body: plan.note }).show();
  }
  // First run (nothing set up), a setting that could not be used, or no tray: the window opens at once.
  if (!svc.connection.configured || settings.problems.length > 0 || plan.windowAtStart) window.show();
}
