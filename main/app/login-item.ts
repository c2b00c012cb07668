// "Start when I log in", per OS. Electron's setLoginItemSettings is macOS and Windows only; Linux desktops
// start what ~/.config/autostart holds (XDG Autostart). A development run (npm start) registers the command
// that started it, where the OS lets it. The plan is pure; writing the autostart entry is plain Node.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { APP_NAME } from './app-identity.js';

export interface LoginItemFacts {
  platform: NodeJS.Platform;
  enabled: boolean;
  /** app.isPackaged */
  packaged: boolean;
  /** process.execPath: the app's binary, or in a development run Electron's. */
  execPath: string;
  /** A development run's shell entry (dist/main/app/electron/main.js); Electron needs it to run our app. */
  mainScript: string;
  env: NodeJS.ProcessEnv;
  home?: string;
}

export type LoginItemPlan =
  | { kind: 'electron'; settings: { openAtLogin: boolean; path?: string; args?: string[] } }
  | { kind: 'xdg'; file: string; entry: string | null }
  | { kind: 'unsupported'; reason: string };

/** One argument of a desktop entry's Exec: quoted when it must be, with the spec's escapes ("`$\ in quotes). */
export function execArg(arg: string): string {
  const escaped = arg.replace(/%/g, '%%');
  if (!/[\s"'\\><~|&;$*?#()`]/.test(escaped)) return escaped;
  return `"${escaped.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function desktopEntry(command: string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Zoom Sessions',
    'Comment=Which Zoom meetings are live now',
    `Exec=${command.map(execArg).join(' ')}`,
    `Icon=${APP_NAME}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function loginItemPlan(f: LoginItemFacts): LoginItemPlan {
  if (f.platform === 'linux') {
    const config = f.env.XDG_CONFIG_HOME || path.join(f.home ?? os.homedir(), '.config');
    const file = path.join(config, 'autostart', `${APP_NAME}.desktop`);
    if (!f.enabled) return { kind: 'xdg', file, entry: null };
    // An AppImage runs from a mount that is gone after it quits: the entry starts the AppImage file itself.
    const command = f.packaged ? [f.env.APPIMAGE || f.execPath] : [f.execPath, f.mainScript];
    return { kind: 'xdg', file, entry: desktopEntry(command) };
  }
  if (f.packaged || !f.enabled) return { kind: 'electron', settings: { openAtLogin: f.enabled } };
  if (f.platform === 'win32') return { kind: 'electron', settings: { openAtLogin: true, path: f.execPath, args: [`"${f.mainScript}"`] } };
  return {
    kind: 'unsupported',
    reason: 'Start when I log in works in the installed app: a development run (npm start) on macOS can only register Electron itself, which would start without Zoom sessions.',
  };
}

/** Writes the autostart entry, or removes it (entry null). */
export async function applyAutostart(file: string, entry: string | null): Promise<void> {
  if (entry == null) return rm(file, { force: true });
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, entry, { mode: 0o644 });
}
