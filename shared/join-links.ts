// Join links from what Zoom gives. Pure string work: runs in Node and in the browser.

/** Adds `pwd` to a join link that has none (the original exercise's ZOOM_MEETING_PASSWORD). */
export function withFallbackPassword(joinUrl: string, password: string | null | undefined): string {
  if (!password) return joinUrl;
  let url: URL;
  try {
    url = new URL(joinUrl);
  } catch {
    return joinUrl;
  }
  if (url.searchParams.get('pwd')) return joinUrl;
  url.searchParams.set('pwd', password);
  return url.toString();
}

/** Zoom's generic join link for a meeting id, used when Zoom would not give us the meeting's own. */
export function genericJoinUrl(meetingId: string): string {
  return `https://zoom.us/j/${encodeURIComponent(meetingId)}`;
}
