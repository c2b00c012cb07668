// Whether a tray icon can be seen at all. Linux trays are StatusNotifierItems, shown only where a desktop
// runs the org.kde.StatusNotifierWatcher service on the session bus: KDE, Xfce, Cinnamon, Ubuntu's GNOME (its
// AppIndicator extension), but not plain GNOME (Fedora, Debian, Arch). Without one the app would be invisible
// and could not be quit, so the window opens at start and Close quits. Pure.

export const WATCHER = 'org.kde.StatusNotifierWatcher';

/** The answer to org.freedesktop.DBus.NameHasOwner, as gdbus ("(true,)") or dbus-send ("   boolean true")
 * print it; null when it is neither. */
export function nameHasOwnerAnswer(stdout: string): boolean | null {
  const m = /\(\s*(true|false)\s*,?\s*\)|\bboolean\s+(true|false)\b/.exec(stdout);
  if (!m) return null;
  return (m[1] ?? m[2]) === 'true';
}

export interface TrayPlan {
  /** The window opens at start (as on a first run). */
  windowAtStart: boolean;
  /** Closing the window quits the app instead of leaving it in a tray nobody sees. */
  closeQuits: boolean;
  /** Said once: why the app behaves so. */
  note: string | null;
}

/** `watcher`: whether the session bus has a StatusNotifierWatcher (Linux), null when it could not be asked. */
export function trayPlan(platform: NodeJS.Platform, watcher: boolean | null): TrayPlan {
  if (platform !== 'linux' || watcher !== false) return { windowAtStart: false, closeQuits: false, note: null };
  return {
    windowAtStart: true,
    closeQuits: true,
    note:
      'This desktop shows no tray icons (no StatusNotifierWatcher: GNOME needs the AppIndicator extension), so Zoom sessions opens its window at start and quits when you close it.',
  };
}
