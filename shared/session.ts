// The domain as both sides see it. The types come from the HTTP contract (api-schema.ts), so the
// stored, served and displayed shapes cannot drift apart.
import type { Session } from './api-schema.js';

export type { Session, SyncError, SyncStatus, RateLimitState } from './api-schema.js';

export type SessionStatus = Session['status'];
/** Where the app learned of a meeting. Catalog sources are refreshed from Zoom; `live-seen` ones are kept. */
export type SessionSource = Session['source'];
export type SyncStrategy = 'dashboard' | 'per-host';

export type SessionChange =
  | { type: 'upsert'; session: Session }
  | { type: 'remove'; meetingId: string };
