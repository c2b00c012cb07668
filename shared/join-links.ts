// Join links from what Zoom gives. Pure string work: runs in Node and in the browser.
import { zoomWebUrl } from './zoom-links.js';

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

/** A session whose join link or passcode Zoom has not given us yet: read on Join and Copy, and in the
 * background. (A passcode of '' is Zoom saying the meeting has none.) */
export function lacksDetails(s: { joinUrl: string | null; passcode: string | null }): boolean {
  return !s.joinUrl || s.passcode == null;
}

/** What Join and Copy say when the passcode could not be read: the person goes on without it. */
export function passcodeProblem(e: unknown): string {
  const why = e instanceof Error ? e.message.replace(/\.$/, '') : 'no answer';
  return `the passcode could not be read from Zoom (${why})`;
}

/** Zoom's generic join link for a meeting id, used when Zoom would not give us the meeting's own. */
export function genericJoinUrl(meetingId: string): string {
  return `https://zoom.us/j/${encodeURIComponent(meetingId)}`;
}

/** Personal links (`https://…zoom.us/my/name`) only open in a browser; numeric ones open in the Zoom app too.
 * Decided from the parsed link, and only for a Zoom link: `/my/` elsewhere means nothing. */
export function isPersonalLink(joinUrl: string | null): boolean {
  return zoomWebUrl(joinUrl)?.pathname.startsWith('/my/') ?? false;
}

/** The meeting's pwd, read only from a Zoom link. */
function pwdOf(joinUrl: string | null): string | null {
  return zoomWebUrl(joinUrl)?.searchParams.get('pwd') ?? null;
}

/** The Zoom app's link for a meeting: zoommtg://zoom.us/join?action=join&confno=ID&pwd=PWD. */
export function zoomAppUrl(meetingId: string, joinUrl: string | null): string {
  const pwd = pwdOf(joinUrl);
  const q = new URLSearchParams({ action: 'join', confno: meetingId });
  if (pwd) q.set('pwd', pwd);
  return `zoommtg://zoom.us/join?${q.toString()}`;
}

/** Where Join goes: the Zoom app, except personal links, which open only in a browser. */
export function joinTarget(meetingId: string, joinUrl: string | null): string {
  return joinUrl && isPersonalLink(joinUrl) ? joinUrl : zoomAppUrl(meetingId, joinUrl);
}

/** Zoom's web client for a meeting: https://app.zoom.us/wc/ID/join?pwd=PWD. */
export function webClientUrl(meetingId: string, joinUrl: string | null): string {
  const pwd = pwdOf(joinUrl);
  return `https://app.zoom.us/wc/${encodeURIComponent(meetingId)}/join${pwd ? `?pwd=${encodeURIComponent(pwd)}` : ''}`;
}

/** The web client for a Zoom app link (zoommtg://…/join?confno=ID&pwd=PWD), where no Zoom app opens it;
 * null for anything else. */
export function webClientForAppLink(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const id = u.searchParams.get('confno');
  if (u.protocol !== 'zoommtg:' || !id || !/^\d+$/.test(id)) return null;
  const pwd = u.searchParams.get('pwd');
  return `https://app.zoom.us/wc/${id}/join${pwd ? `?pwd=${encodeURIComponent(pwd)}` : ''}`;
}

/** A meeting ID as Zoom prints it: 10 digits 3-3-4, 11 digits 3-4-4. */
export function formatMeetingId(id: string): string {
  if (/^\d{11}$/.test(id)) return `${id.slice(0, 3)} ${id.slice(3, 7)} ${id.slice(7)}`;
  if (/^\d{10}$/.test(id)) return `${id.slice(0, 3)} ${id.slice(3, 6)} ${id.slice(6)}`;
  if (/^\d{9}$/.test(id)) return `${id.slice(0, 3)} ${id.slice(3, 6)} ${id.slice(6)}`;
  return id;
}

/** What "Copy ID & passcode" puts on the clipboard: the lines people type into Zoom's Join box. */
export function meetingIdAndPasscode(meetingId: string, passcode: string | null): string {
  const id = `Meeting ID: ${formatMeetingId(meetingId)}`;
  return passcode ? `${id}\nPasscode: ${passcode}` : id;
}
