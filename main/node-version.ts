// The Node this project runs on: 22.12 or newer (Node 20 reached its end of life on 2026-04-30; Electron 42+
// and its tools need 22.12). Pure; the entries refuse an older Node in one line.

export const MINIMUM_NODE = '22.12.0';

/** One line saying what to do, or null when `version` (process.versions.node) is new enough. */
export function nodeTooOld(version: string): string | null {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [needMajor, needMinor] = MINIMUM_NODE.split('.').map(Number) as [number, number];
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return null;
  return `Node.js ${version} is too old: zoom-sessions needs Node.js ${MINIMUM_NODE} or newer (24 LTS recommended).`;
}
