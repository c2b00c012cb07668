// What the dashboard window may ask of Chromium: to write text to the clipboard (Copy link, Copy ID &
// passcode: navigator.clipboard.writeText needs 'clipboard-sanitized-write' from both Electron's check and
// request handlers), from our own page, and nothing else, from nothing else. Pure.

export const ALLOWED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

/** `from`: the requesting URL or origin as Electron hands it (an origin may end in '/'). */
export function permissionAllowed(permission: string, from: string | null | undefined, dashboardOrigin: string, mainFrame = true): boolean {
  if (!ALLOWED_PERMISSIONS.includes(permission) || !mainFrame || !from) return false;
  try {
    return new URL(from).origin === dashboardOrigin;
  } catch {
    return false;
  }
}
