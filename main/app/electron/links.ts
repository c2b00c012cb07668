// The one way out of the app: Zoom's links only, checked right before they are opened.
import { shell } from 'electron';
import { joinTarget, webClientUrl } from '../../../shared/join-links.js';
import { isAllowedZoomLink } from '../../../shared/zoom-links.js';
import type { RunningService } from '../../service.js';

/** Opens a Zoom link (https on a Zoom host, or zoommtg: to one) outside the app; false when refused. */
export async function openZoomLink(url: unknown): Promise<boolean> {
  if (!isAllowedZoomLink(url)) return false;
  await shell.openExternal(url as string);
  return true;
}

/** Join: the Zoom app, else (no Zoom app to open it) the web client. */
export function joinMeeting(service: RunningService, meetingId: string): void {
  const s = service.engine.get(meetingId);
  if (!s) return;
  void openZoomLink(joinTarget(s.meetingId, s.joinUrl)).catch(() => openZoomLink(webClientUrl(s.meetingId, s.joinUrl)));
}
