// Only Zoom links leave the app. Every link that comes from Zoom, a shared database or a file is checked
// here where it enters (checkedJoinUrl) and again right before anything opens it (isAllowedZoomLink).
// Pure string work: runs in Node and in the browser.

/** Zoom's own domains; a host is Zoom's when it is one of them or ends in "." + one of them. */
export const ZOOM_DOMAINS = ['zoom.us', 'zoom.com', 'zoomgov.com'] as const;

const MAX_LINK = 2048;

export function isZoomHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return ZOOM_DOMAINS.some((d) => h === d || h.endsWith(`.${d}`));
}

function parse(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length > MAX_LINK) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** https on a Zoom host, with no credentials and no odd port: a link a browser may open. */
export function zoomWebUrl(raw: unknown): URL | null {
  const url = parse(raw);
  if (!url || url.protocol !== 'https:' || url.username || url.password || url.port) return null;
  return isZoomHost(url.hostname) ? url : null;
}

/** A join link as kept: the link itself when it is Zoom's, else null (no link rather than a wrong one). */
export function checkedJoinUrl(raw: unknown): string | null {
  return zoomWebUrl(raw) ? (raw as string) : null;
}

/** What may be opened outside the app: a Zoom web link, or the Zoom app's zoommtg: link to a Zoom host. */
export function isAllowedZoomLink(raw: unknown): boolean {
  if (zoomWebUrl(raw)) return true;
  const url = parse(raw);
  return url != null && url.protocol === 'zoommtg:' && isZoomHost(url.hostname) && !url.username && !url.password;
}
