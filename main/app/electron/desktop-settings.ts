// The desktop's settings: kept by electron-store, secrets through safeStorage, checked on load and save
// (main/app/settings.ts, pure), and applied at once where they can be (login item, global shortcut).
import { app, globalShortcut, safeStorage } from 'electron';
import Store from 'electron-store';
import type { SaveSettingsResult, SettingsView } from '../../../shared/ipc-contract.js';
import type { Settings } from '../../../shared/settings-schema.js';
import type { SecretVault } from '../../account/secret-vault.js';
import { loadSettings, prepareSave, settingsView, type StoredSettings } from '../settings.js';
import { safeStorageVault } from '../vault.js';

export class DesktopSettings {
  readonly vault: SecretVault = safeStorageVault(safeStorage);
  private readonly stored = new Store<StoredSettings>({ name: 'settings', defaults: { settings: {} } });
  current: Settings;
  /** Why a saved value is not in use, for the Settings screen; cleared by a good save. */
  problems: string[];
  /** Opens the window (the global shortcut); set by the shell once the window can be shown. */
  onShortcut: () => void = () => undefined;

  constructor() {
    const { settings, problems } = loadSettings(this.stored.store, this.vault);
    this.current = settings;
    this.problems = problems;
    if (!this.vault.available) problems.push('This computer offers no keychain (safeStorage): secrets are not remembered between runs.');
  }

  view(): SettingsView {
    return settingsView(this.current, this.problems, this.vault);
  }

  /** Checks and keeps what the window sent, then applies what applies at once. */
  save(input: unknown): SaveSettingsResult {
    const result = prepareSave(input, this.current, this.vault);
    if (!result.ok) return result;
    this.stored.store = result.stored;
    this.current = result.settings;
    this.problems = [];
    this.applyLive();
    return { ok: true, view: this.view(), restartNeeded: result.restartNeeded };
  }

  /** Launch at login and the global shortcut follow the settings without a restart. */
  applyLive(): void {
    const s = this.current;
    app.setLoginItemSettings({ openAtLogin: s.launchAtLogin });
    globalShortcut.unregisterAll();
    if (s.globalShortcut && !globalShortcut.register(s.globalShortcut, () => this.onShortcut())) {
      this.problems.push(`The shortcut ${s.globalShortcut} is taken by another app; choose another in Settings.`);
    }
  }
}
