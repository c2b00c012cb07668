// The one way out of the app: Zoom's links only, checked right before they are opened.
import { shell } from 'electron';
import { joinTarget, webClientUrl } from '../../../shared/join-links.js';
import { isAllowedZoomLink } from '../../../shared/zoom-links.js';
import type { RunningService } from '../../service.js';
import { sessionToUse } from '../session-to-use.js';

/** Opens a Zoom link (https on a Zoom host, or zoommtg: to one) outside the app; false when refused. */
export async function openZoomLink(url: unknown): Promise<boolean> {
  if (!isAllowedZoomLink(url)) return false;
  await shell.openExternal(url as string);
  return true;
}

/** Join: the Zoom app, else (no Zoom app to open it) the web client; with the passcode read first when the
 * background has not got to it. What went wrong with that goes to `say`. */
export async function joinMeeting(service: RunningService, meetingId: string, say: (text: string) => void): Promise<void> {
  const { session: s, problem } = await sessionToUse(service.engine, meetingId);
  if (problem) say(problem);
  if (!s) return;
  await openZoomLink(joinTarget(s.meetingId, s.joinUrl)).catch(() => openZoomLink(webClientUrl(s.meetingId, s.joinUrl)));
}
