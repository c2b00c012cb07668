// `npm start`: the desktop app where it can run, else the headless service, with one line saying why. Pure.

export interface StartFacts {
  /** The Electron binary's path, or the reason it cannot be had. */
  electron: { path: string } | { missing: string };
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

export type StartDecision = { mode: 'desktop'; electronPath: string } | { mode: 'headless'; reason: string };

export function decideStart(f: StartFacts): StartDecision {
  if ('missing' in f.electron) return { mode: 'headless', reason: `no Electron binary (${f.electron.missing})` };
  if (f.platform === 'linux' && !f.env.DISPLAY && !f.env.WAYLAND_DISPLAY) {
    return { mode: 'headless', reason: 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
  return { mode: 'desktop', electronPath: f.electron.path };
}
