// Which links the desktop app opens outside its window: Zoom's own, nothing else. Pure.

const ZOOM_HOST = /^([a-z0-9-]+\.)*zoom\.us$/i;

/** https on zoom.us or one of its subdomains (no look-alikes, no credentials, no odd ports), or zoommtg:. */
export function isAllowedZoomLink(raw: string): boolean {
  if (typeof raw !== 'string' || raw.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'zoommtg:') return true;
  if (url.protocol !== 'https:') return false;
  if (url.username || url.password || url.port) return false;
  return ZOOM_HOST.test(url.hostname);
}
