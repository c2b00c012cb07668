// The dashboard window: made on demand, locked down (isolated, sandboxed, no Node, no permissions), logged
// in with a one-time code, and closed to the tray. Only Zoom links leave it; nothing else opens or navigates.
import { app, BrowserWindow, type WebContents } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningService } from '../../service.js';
import { permissionAllowed } from '../window-permissions.js';
import { openZoomLink } from './links.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// Beside dist/ in the repository and in the packaged app.asar alike.
export const ASSETS = path.join(here, '../../../../assets');

export interface DashboardWindow {
  /** Shows the window (made if need be) at this hash: '' the dashboard, '#settings'. */
  show(hash?: string): void;
  /** Whose IPC is ours: the window's webContents id, or null while there is none. */
  contentsId(): number | null;
  /** The window logs in again (its cookie expired). */
  relogin(): Promise<void>;
}

/** Only Zoom links leave the window; it navigates nowhere but our origin; every permission is refused but
 * writing text to the clipboard from our own page (window-permissions.ts). */
function lockDown(contents: WebContents, origin: string): void {
  contents.setWindowOpenHandler(({ url }) => {
    void openZoomLink(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (e, url) => {
    if (new URL(url).origin === origin) return;
    e.preventDefault();
    void openZoomLink(url);
  });
  contents.session.setPermissionRequestHandler((_wc, permission, callback, details) => callback(permissionAllowed(permission, details.requestingUrl, origin, details.isMainFrame)));
  contents.session.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) => permissionAllowed(permission, details.requestingUrl ?? requestingOrigin, origin, details.isMainFrame));
}

/** `closeQuits`: where no tray can be seen, closing the window quits instead of hiding it. */
export function setupWindow(service: RunningService, opts: { closeQuits: boolean }): DashboardWindow {
  const origin = new URL(service.url).origin;
  let win: BrowserWindow | null = null;
  let quitting = false;
  app.on('before-quit', () => (quitting = true));
  const loginUrl = (hash = '') => `${service.url}/?token=${service.auth.newLoginCode()}${hash}`;

  function create(hash: string): BrowserWindow {
    const w = new BrowserWindow({
      // Wide enough for every action inline; down to a tray popover's width, where the rows adapt.
      width: 960,
      height: 720,
      minWidth: 360,
      minHeight: 420,
      show: false,
      title: 'Zoom sessions',
      icon: path.join(ASSETS, 'icon.png'),
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
    lockDown(w.webContents, origin);
    w.on('ready-to-show', () => w.show());
    // Closing the window hides it: the tray app keeps running until Quit (with no tray to quit from, it quits).
    w.on('close', (e) => {
      if (quitting) return;
      if (opts.closeQuits) return void app.quit();
      e.preventDefault();
      w.hide();
    });
    w.on('closed', () => (win = null));
    void w.loadURL(loginUrl(hash));
    return w;
  }

  return {
    show(hash = '') {
      if (!win) {
        win = create(hash);
        return;
      }
      if (hash) void win.webContents.executeJavaScript(`location.hash = ${JSON.stringify(hash)}`);
      win.show();
      win.focus();
    },
    contentsId: () => win?.webContents.id ?? null,
    relogin: async () => {
      await win?.loadURL(loginUrl());
    },
  };
}
