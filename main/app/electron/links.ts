// The one way out of the app: Zoom's links only, checked right before they are opened. A Zoom app link
// (zoommtg:) falls back to Zoom's web client where no Zoom app would open it: on Linux, where openExternal
// resolves whatever happens, the desktop is asked first; on macOS and Windows openExternal's rejection says so.
import { shell } from 'electron';
import { joinTarget, webClientForAppLink } from '../../../shared/join-links.js';
import { isAllowedZoomLink } from '../../../shared/zoom-links.js';
import type { RunningService } from '../../service.js';
import { hasSchemeHandler } from '../scheme-handler.js';
import { sessionToUse } from '../session-to-use.js';

/** Opens a Zoom link (https on a Zoom host, or zoommtg: to one) outside the app; false when refused. */
export async function openZoomLink(url: unknown): Promise<boolean> {
  if (!isAllowedZoomLink(url)) return false;
  const web = webClientForAppLink(url as string);
  if (!web || !isAllowedZoomLink(web)) {
    await shell.openExternal(url as string);
    return true;
  }
  if ((await hasSchemeHandler('zoommtg')) === false) {
    await shell.openExternal(web);
    return true;
  }
  await shell.openExternal(url as string).catch(() => shell.openExternal(web));
  return true;
}

/** Join: the Zoom app, else the web client; with the passcode read first when the background has not got to
 * it. What went wrong with that goes to `say`. */
export async function joinMeeting(service: RunningService, meetingId: string, say: (text: string) => void): Promise<void> {
  const { session: s, problem } = await sessionToUse(service.engine, meetingId);
  if (problem) say(problem);
  if (!s) return;
  await openZoomLink(joinTarget(s.meetingId, s.joinUrl));
}
