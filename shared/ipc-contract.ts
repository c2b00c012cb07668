// The one contract between the desktop window and the Electron main process. The preload exposes
// `window.zoomSessions` (ZoomSessionsBridge) through contextBridge; each method is one IPC channel.
// The preload is sandboxed and cannot import this file: it repeats the channel names, and a test
// checks that they match.
import type { Settings } from './settings-schema.js';

export const IPC_CHANNELS = {
  openZoomLink: 'zs:open-zoom-link',
  relogin: 'zs:relogin',
  getSettings: 'zs:get-settings',
  saveSettings: 'zs:save-settings',
  restart: 'zs:restart',
} as const;

export interface SettingsView {
  settings: Settings;
  /** Why a saved value was not used (it was invalid, or a secret could not be read back). */
  problems: string[];
  /** Secrets can be kept (safeStorage is available). */
  canKeepSecrets: boolean;
}

export type SaveSettingsResult =
  | { ok: true; view: SettingsView; restartNeeded: boolean }
  | { ok: false; errors: string[] };

export interface ZoomSessionsBridge {
  /** Opens a Zoom link (https on zoom.us, or zoommtg:) outside the window; false when refused. */
  openZoomLink(url: string): Promise<boolean>;
  /** The login cookie expired: the main process opens the window logged in again. */
  relogin(): Promise<void>;
  getSettings(): Promise<SettingsView>;
  saveSettings(settings: Settings): Promise<SaveSettingsResult>;
  /** Quits and starts the app again (settings that need a restart). */
  restart(): Promise<void>;
}
