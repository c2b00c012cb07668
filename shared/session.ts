// The domain as both sides see it. The types come from the HTTP contract (api-schema.ts), so the
// stored, served and displayed shapes cannot drift apart.
import type { Session } from './api-schema.js';

export type { Attention, Session, SyncError, SyncStatus, RateLimitState } from './api-schema.js';

export type SessionStatus = Session['status'];
/** Where the app learned of a meeting. Catalog sources are refreshed from Zoom; `live-seen` ones are kept. */
export type SessionSource = Session['source'];
export type SyncStrategy = 'dashboard' | 'per-host';

export type SessionChange =
  | { type: 'upsert'; session: Session }
  | { type: 'remove'; meetingId: string };

/** What the room insight adds to a session, as not known yet (nothing booked, judged or kept): a new
 * session starts with it, and an older stored one is upgraded with it. */
export const NO_INSIGHT = {
  nextEndAt: null,
  participantsSince: null,
  bookedUntil: null,
  bookings: null,
  freeUntil: null,
  attention: null,
  kept: false,
  autoEndAt: null,
} as const satisfies Partial<Session>;

/** A session we know nothing of yet but its id. */
export function blankSession(meetingId: string, source: Session['source'], at: string): Session {
  return {
    meetingId,
    uuid: null,
    topic: '',
    hostId: null,
    hostName: null,
    hostEmail: null,
    status: 'available',
    participants: 0,
    liveSince: null,
    lastLiveAt: null,
    joinUrl: null,
    passcode: null,
    source,
    nextStartAt: null,
    ...NO_INSIGHT,
    firstSeenAt: at,
    updatedAt: at,
  };
}
