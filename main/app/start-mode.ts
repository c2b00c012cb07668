// `npm start`: the desktop app where it can run, else the headless service, with one line saying why. Pure.

export type ElectronFound = { path: string } | { missing: string };

export interface StartFacts {
  /** The Electron binary's path, or the reason it cannot be had; asked only where a desktop could run (it
   * may download the binary). */
  electron: () => ElectronFound;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

export type StartDecision = { mode: 'desktop'; electronPath: string } | { mode: 'headless'; reason: string };

export function decideStart(f: StartFacts): StartDecision {
  if (f.platform === 'linux' && !f.env.DISPLAY && !f.env.WAYLAND_DISPLAY) {
    return { mode: 'headless', reason: 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
  const electron = f.electron();
  if ('missing' in electron) return { mode: 'headless', reason: `no Electron binary (${electron.missing})` };
  return { mode: 'desktop', electronPath: electron.path };
}

/** What Chromium prints, then aborts (SIGTRAP), where its sandbox cannot start: Ubuntu 23.10+ and 24.04 let no
 * unprivileged program make user namespaces (AppArmor), and the SUID helper in node_modules is not root's. */
const SANDBOX_REFUSED = [/The SUID sandbox helper binary was found, but is not configured correctly/, /No usable sandbox!/];

/** Why the desktop app could not start, in one line with what to do, when Chromium's sandbox refused it
 * (a SIGTRAP after one of its lines); null for any other exit. The sandbox is never turned off for it. */
export function sandboxRefusal(exit: { code: number | null; signal: NodeJS.Signals | null }, stderrTail: string): string | null {
  const trapped = exit.signal === 'SIGTRAP' || exit.code === 133; // 128 + SIGTRAP, as a shell reports it
  if (!trapped || !SANDBOX_REFUSED.some((line) => line.test(stderrTail))) return null;
  return (
    "Electron's sandbox cannot start: this Linux (as Ubuntu 23.10 and later) restricts unprivileged user namespaces. " +
    'Install the .deb (it brings an AppArmor profile for the app), or make node_modules/electron/dist/chrome-sandbox ' +
    "root's with mode 4755 (sudo chown root … && sudo chmod 4755 …)"
  );
}
