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
  const fallback = web && isAllowedZoomLink(web) ? web : null;
  // In order: the link, then the web client where no Zoom app took it; where the desktop says it has no
  // Zoom app, the web client alone.
  const targets = !fallback ? [url as string] : (await hasSchemeHandler('zoommtg')) === false ? [fallback] : [url as string, fallback];
  for (const [i, target] of targets.entries()) {
    try {
      await shell.openExternal(target); // the app's one door out: every target checked above
      return true;
    } catch (e) {
      if (i === targets.length - 1) throw e;
    }
  }
  return false;
}

/** Join: the Zoom app, else the web client; with the passcode read first when the background has not got to
 * it. What went wrong with that goes to `say`. */
export async function joinMeeting(service: RunningService, meetingId: string, say: (text: string) => void): Promise<void> {
  const { session: s, problem } = await sessionToUse(service.engine, meetingId);
  if (problem) say(problem);
  if (!s) return;
  await openZoomLink(joinTarget(s.meetingId, s.joinUrl));
}
