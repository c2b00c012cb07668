// The desktop's settings: kept by electron-store, secrets through safeStorage, checked on load and save
// (main/app/settings.ts, pure), and applied at once where they can be (login item, global shortcut).
import { app, globalShortcut, safeStorage } from 'electron';
import Store from 'electron-store';
import type { SaveSettingsResult, SettingsView } from '../../../shared/ipc-contract.js';
import type { Settings } from '../../../shared/settings-schema.js';
import type { SecretVault } from '../../account/secret-vault.js';
import { shortcutRefusal } from '../global-shortcut.js';
import { applyAutostart, loginItemPlan } from '../login-item.js';
import { loadSettings, prepareSave, settingsView, type StoredSettings } from '../settings.js';
import { safeStorageVault } from '../vault.js';

export class DesktopSettings {
  readonly vault: SecretVault = safeStorageVault(safeStorage);
  private readonly stored = new Store<StoredSettings>({ name: 'settings', defaults: { settings: {} } });
  current: Settings;
  /** Why a saved value is not in use, for the Settings screen; cleared by a good save. The window opens at
   * start while there is one. */
  problems: string[];
  /** Why a setting could not be applied on this desktop (a shortcut not granted, no login item in a
   * development run): shown in Settings, but no reason to open the window at every start. */
  private notes: string[] = [];
  /** Opens the window (the global shortcut); set by the shell once the window can be shown. */
  onShortcut: () => void = () => undefined;

  constructor(private readonly mainScript: string) {
    const { settings, problems } = loadSettings(this.stored.store, this.vault);
    this.current = settings;
    this.problems = problems;
    if (!this.vault.available) problems.push('This computer offers no keychain (safeStorage): secrets are not remembered between runs.');
  }

  view(): SettingsView {
    return settingsView(this.current, [...this.problems, ...this.notes], this.vault);
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
    this.notes = [];
    const plan = loginItemPlan({ platform: process.platform, enabled: s.launchAtLogin, packaged: app.isPackaged, execPath: process.execPath, mainScript: this.mainScript, env: process.env });
    if (plan.kind === 'electron') app.setLoginItemSettings(plan.settings);
    else if (plan.kind === 'xdg') applyAutostart(plan.file, plan.entry).catch((e: unknown) => this.notes.push(`Start when I log in could not be set: ${(e as Error).message}`));
    else if (s.launchAtLogin) this.notes.push(plan.reason);
    globalShortcut.unregisterAll();
    if (s.globalShortcut && !globalShortcut.register(s.globalShortcut, () => this.onShortcut())) {
      this.notes.push(shortcutRefusal(s.globalShortcut, process.platform, process.env));
    }
  }
}
