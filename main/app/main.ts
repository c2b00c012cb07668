// The desktop app: a thin Electron shell over the plain-Node service. It starts the service in this
// process, shows a tray whose menu is buildTrayMenu's, and on demand a locked-down window with the
// same dashboard the browser gets. Everything it decides is in pure modules beside it, tested in Node.
import { app, BrowserWindow, clipboard, dialog, globalShortcut, ipcMain, Menu, nativeImage, nativeTheme, Notification, safeStorage, shell, Tray, type IpcMainInvokeEvent, type MenuItemConstructorOptions } from 'electron';
import Store from 'electron-store';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IPC_CHANNELS } from '../../shared/ipc-contract.js';
import { joinTarget, meetingIdAndPasscode, webClientUrl } from '../../shared/join-links.js';
import type { Session } from '../../shared/session.js';
import { ConfigError, parseServeArgs } from '../config.js';
import { startService, type RunningService } from '../service.js';
import { isTrustedSender } from './ipc-guard.js';
import { noticesFor } from './notifications.js';
import { loadSettings, prepareSave, settingsView, type StoredSettings } from './settings.js';
import { buildTrayMenu, type TrayAction, type TrayItem } from './tray-menu.js';
import { safeStorageVault } from './vault.js';
import { isAllowedZoomLink } from '../../shared/zoom-links.js';
import type { Settings } from '../../shared/settings-schema.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// Beside dist/ in the repository and in the packaged app.asar alike (app.getAppPath() is the script's
// folder when Electron is started with a file, as npm start does).
const assets = path.join(here, '../../../assets');
const log = (line: string) => process.stderr.write(`${line}\n`);

let service: RunningService | null = null;
let tray: Tray | null = null;
let win: BrowserWindow | null = null;
let quitting = false;
let notificationsPaused = false;
let lastMenu: TrayItem[] = [];
/** Opens the window; set once the service runs (a second launch before that does nothing). */
let open: (hash?: string) => void = () => undefined;

// ZOOM_SESSIONS_DATA_DIR moves everything the app keeps (settings, sessions, tokens), as for `serve`.
if (process.env.ZOOM_SESSIONS_DATA_DIR) app.setPath('userData', path.resolve(process.env.ZOOM_SESSIONS_DATA_DIR));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => open());
  app.whenReady().then(start, (e: unknown) => fail(e));
}

// No webviews, ever; new windows go through the window-open handler below.
app.on('web-contents-created', (_e, contents) => contents.on('will-attach-webview', (ev) => ev.preventDefault()));
app.on('window-all-closed', () => undefined); // a tray app keeps running without windows
app.on('before-quit', () => {
  quitting = true;
});
app.on('will-quit', (e) => {
  globalShortcut.unregisterAll();
  if (!service) return;
  e.preventDefault();
  const s = service;
  service = null;
  void s.stop().finally(() => app.quit());
});

function fail(e: unknown): void {
  dialog.showErrorBox('Zoom sessions could not start', e instanceof Error ? e.message : String(e));
  app.exit(1);
}

async function start(): Promise<void> {
  if (process.platform === 'darwin') app.dock?.hide();
  const vault = safeStorageVault(safeStorage);
  const stored = new Store<StoredSettings>({ name: 'settings', defaults: { settings: {} } });
  let { settings, problems } = loadSettings(stored.store, vault);
  if (!vault.available) problems.push('This computer offers no keychain (safeStorage): secrets are not remembered between runs.');

  const config = (port: number) => {
    try {
      // `npm start -- --demo`: the simulated account, its data apart from a real account's (as `serve --demo`).
      const demo = process.argv.includes('--demo');
      const dataDir = demo ? path.join(app.getPath('userData'), 'demo') : app.getPath('userData');
      return parseServeArgs(['--port', process.env.ZOOM_SESSIONS_PORT ?? String(port), '--data-dir', dataDir, ...(demo ? ['--demo'] : [])], {
        ...process.env,
        ZOOM_SESSIONS_LIVE_INTERVAL: String(settings.liveIntervalSec),
        ...(settings.mongoUri ? { MONGODB_URI: settings.mongoUri } : {}),
      });
    } catch (e) {
      if (e instanceof ConfigError) throw new Error(e.message);
      throw e;
    }
  };
  try {
    service = await startService(config(settings.port), { vault, log });
  } catch (e) {
    // The port is only for browsers; the app itself works on any.
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    problems.push(`Port ${settings.port} is in use (on macOS the AirPlay Receiver holds 5000); the dashboard runs on another port this time.`);
    service = await startService(config(0), { vault, log });
  }
  const svc = service;
  const origin = new URL(svc.url).origin;

  // Tray: rebuilt on every change, at most four times a second, and each 30 s for the "12 min" labels.
  tray = new Tray(trayIcon());
  nativeTheme.on('updated', () => tray?.setImage(trayIcon()));
  let pending: NodeJS.Timeout | null = null;
  const rebuild = () => {
    pending ??= setTimeout(() => {
      pending = null;
      const menu = buildTrayMenu(svc.engine.list(), svc.engine.status(), Date.now(), { notificationsPaused });
      lastMenu = menu.items;
      tray?.setContextMenu(Menu.buildFromTemplate(menu.items.map(toElectron)));
      tray?.setToolTip(menu.tooltip);
      if (process.platform === 'darwin') tray?.setTitle(menu.title);
    }, 250);
  };
  rebuild();
  setInterval(rebuild, 30_000).unref();
  svc.engine.onStatus(rebuild);

  // Notifications: what changed against which meetings were live before the change.
  const wasLive = new Set(svc.engine.list().filter((s) => s.status === 'live').map((s) => s.meetingId));
  svc.engine.onChanges((changes) => {
    rebuild();
    if (Notification.isSupported()) {
      for (const n of noticesFor(changes, wasLive, { started: settings.notifyStarted, ended: settings.notifyEnded, paused: notificationsPaused })) {
        const note = new Notification({ title: n.title, body: n.body, silent: false });
        note.on('click', () => (n.meetingId ? join(n.meetingId) : showWindow()));
        note.show();
      }
    }
    for (const c of changes) {
      if (c.type === 'upsert' && c.session.status === 'live') wasLive.add(c.session.meetingId);
      else wasLive.delete(c.type === 'upsert' ? c.session.meetingId : c.meetingId);
    }
  });

  // IPC: only from our window, only while it shows our dashboard.
  const guard = <A extends unknown[], R>(fn: (...args: A) => R) => (e: IpcMainInvokeEvent, ...args: A): R => {
    if (!isTrustedSender({ id: e.sender.id, frameUrl: e.senderFrame?.url }, win?.webContents.id ?? null, origin)) throw new Error('Refused: not from the dashboard window.');
    return fn(...args);
  };
  ipcMain.handle(IPC_CHANNELS.openZoomLink, guard(async (url: unknown) => {
    return openZoomLink(url);
  }));
  ipcMain.handle(IPC_CHANNELS.relogin, guard(async () => {
    await win?.loadURL(`${svc.url}/?token=${svc.auth.newLoginCode()}`);
  }));
  ipcMain.handle(IPC_CHANNELS.getSettings, guard(() => settingsView(settings, problems, vault)));
  ipcMain.handle(IPC_CHANNELS.saveSettings, guard((input: unknown) => {
    const result = prepareSave(input, settings, vault);
    if (!result.ok) return result;
    stored.store = result.stored;
    settings = result.settings;
    problems = [];
    applyLive(settings);
    rebuild();
    return { ok: true as const, view: settingsView(settings, problems, vault), restartNeeded: result.restartNeeded };
  }));
  ipcMain.handle(IPC_CHANNELS.restart, guard(() => {
    app.relaunch();
    app.quit();
  }));

  open = showWindow;
  applyLive(settings);
  // First run (nothing set up): open the window on the setup screen at once.
  if (!svc.connection.configured || problems.length > 0) showWindow();
  // Hooks for the end-to-end test (test/e2e/electron.test.ts): read the tray, click its items.
  if (process.env.ZOOM_SESSIONS_E2E === '1') Object.assign(globalThis, { __zsTray: () => lastMenu, __zsRun: (a: TrayAction) => run(a) });

  function toElectron(item: TrayItem): MenuItemConstructorOptions {
    return {
      label: item.label,
      type: item.type ?? (item.submenu ? 'submenu' : 'normal'),
      enabled: item.enabled ?? true,
      checked: item.checked,
      submenu: item.submenu?.map(toElectron),
      click: item.action ? () => void run(item.action!) : undefined,
    };
  }

  async function run(action: TrayAction): Promise<void> {
    const s = 'meetingId' in action ? svc.engine.get(action.meetingId) : null;
    switch (action.kind) {
      case 'join':
        return join(action.meetingId);
      case 'copy-link':
        if (s?.joinUrl) clipboard.writeText(s.joinUrl);
        return;
      case 'copy-id':
        if (s) clipboard.writeText(meetingIdAndPasscode(s.meetingId, s.passcode));
        return;
      case 'end':
        if (s) await confirmEnd(s);
        return;
      case 'open-dashboard':
      case 'settings':
        return showWindow(action.kind === 'settings' ? '#settings' : '');
      case 'refresh':
        void svc.scheduler.refreshNow();
        return;
      case 'toggle-notifications':
        notificationsPaused = !notificationsPaused;
        rebuild();
        return;
      case 'quit':
        app.quit();
    }
  }

  function join(meetingId: string): void {
    const s = svc.engine.get(meetingId);
    if (!s) return;
    void openZoomLink(joinTarget(s.meetingId, s.joinUrl)).catch(() => openZoomLink(webClientUrl(s.meetingId, s.joinUrl)));
  }

  /** Every link that leaves the app goes through here: Zoom's links only, checked right before opening. */
  async function openZoomLink(url: unknown): Promise<boolean> {
    if (!isAllowedZoomLink(url)) return false;
    await shell.openExternal(url as string);
    return true;
  }

  async function confirmEnd(s: Session): Promise<void> {
    const who = s.participants == null ? 'Everyone in it' : s.participants === 1 ? 'The 1 person in it' : `The ${s.participants} people in it`;
    const { response } = await dialog.showMessageBox({
      type: 'warning',
      buttons: ['End meeting', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: `End “${s.topic || s.meetingId}” for everyone?`,
      detail: `${who} will be disconnected. This cannot be undone.`,
    });
    if (response !== 0) return;
    try {
      await svc.engine.endMeeting(s.meetingId);
    } catch (e) {
      dialog.showErrorBox('The meeting was not ended', e instanceof Error ? e.message : String(e));
    }
  }

  function applyLive(s: Settings): void {
    app.setLoginItemSettings({ openAtLogin: s.launchAtLogin });
    globalShortcut.unregisterAll();
    if (s.globalShortcut && !globalShortcut.register(s.globalShortcut, () => showWindow())) {
      problems.push(`The shortcut ${s.globalShortcut} is taken by another app; choose another in Settings.`);
    }
  }

  function showWindow(hash = ''): void {
    if (!win) {
      win = new BrowserWindow({
        // Wide enough for every action inline; down to a tray popover's width, where the rows adapt.
        width: 960,
        height: 720,
        minWidth: 360,
        minHeight: 420,
        show: false,
        title: 'Zoom sessions',
        icon: path.join(assets, 'icon.png'),
        webPreferences: {
          preload: path.join(here, 'preload.cjs'),
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          webSecurity: true,
          spellcheck: false,
          // A middle click would ask for a new window: refused anyway, but never offered.
          disableBlinkFeatures: 'Auxclick',
        },
      });
      const contents = win.webContents;
      // Links leave the window only if they are Zoom's; nothing else opens or navigates.
      contents.setWindowOpenHandler(({ url }) => {
        void openZoomLink(url);
        return { action: 'deny' };
      });
      contents.on('will-navigate', (e, url) => {
        if (new URL(url).origin === origin) return;
        e.preventDefault();
        void openZoomLink(url);
      });
      contents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
      contents.session.setPermissionCheckHandler(() => false);
      win.on('ready-to-show', () => win?.show());
      // Closing the window hides it: the tray app keeps running until Quit.
      win.on('close', (e) => {
        if (quitting) return;
        e.preventDefault();
        win?.hide();
      });
      win.on('closed', () => (win = null));
      void win.loadURL(`${svc.url}/?token=${svc.auth.newLoginCode()}${hash}`);
      return;
    }
    if (hash) void win.webContents.executeJavaScript(`location.hash = ${JSON.stringify(hash)}`);
    win.show();
    win.focus();
  }
}

function trayIcon(): Electron.NativeImage {
  if (process.platform === 'darwin') {
    const image = nativeImage.createFromPath(path.join(assets, 'trayTemplate.png'));
    image.setTemplateImage(true);
    return image;
  }
  return nativeImage.createFromPath(path.join(assets, nativeTheme.shouldUseDarkColors ? 'tray-dark.png' : 'tray-light.png'));
}
