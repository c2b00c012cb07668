// The global shortcut per desktop. On Wayland (Electron's default on Linux since 38) an app cannot watch the
// keyboard: shortcuts go through the desktop's GlobalShortcuts portal, which Electron uses only with
// Chromium's GlobalShortcutsPortal feature, and the desktop may ask the person first. Pure.

/** Electron runs on Wayland where the session is one (it prefers Wayland when WAYLAND_DISPLAY is set). */
export function onWayland(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  return platform === 'linux' && (Boolean(env.WAYLAND_DISPLAY) || env.XDG_SESSION_TYPE === 'wayland');
}

/** Chromium features to enable before ready: the portal, where shortcuts need it. */
export function shortcutFeatures(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  return onWayland(platform, env) ? ['GlobalShortcutsPortal'] : [];
}

/** Why globalShortcut.register said no, in words, with what to do. */
export function shortcutRefusal(accelerator: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (onWayland(platform, env)) {
    return `The desktop did not grant the shortcut ${accelerator}: on Wayland shortcuts go through the desktop's portal, which may ask you first or not offer them. Allow it there, or bind a key to \`zoom-sessions\` in the system's keyboard settings.`;
  }
  return `The shortcut ${accelerator} is taken by another app; choose another in Settings.`;
}
