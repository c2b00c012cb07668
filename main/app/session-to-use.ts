// Join and Copy from the tray: the meeting's link and passcode, read at once when the background has not
// got to them yet. A Zoom error does not stop the person: they join without the passcode (Zoom asks for
// it), and hear why.
import { passcodeProblem } from '../../shared/join-links.js';
import type { Session } from '../../shared/session.js';

export interface DetailsSource {
  get(meetingId: string): Session | null;
  detailsNow(meetingId: string): Promise<Session | null>;
}

export async function sessionToUse(engine: DetailsSource, meetingId: string): Promise<{ session: Session | null; problem: string | null }> {
  try {
    return { session: await engine.detailsNow(meetingId), problem: null };
  } catch (e) {
    const problem = passcodeProblem(e);
    return { session: engine.get(meetingId), problem: `${problem.charAt(0).toUpperCase()}${problem.slice(1)}; Zoom will ask for it.` };
  }
}
