// The domain as both sides see it. Pure types: no Node, DOM or Electron here.

export type SessionStatus = 'live' | 'available';

/** Where the app learned of a meeting. Catalog sources are refreshed from Zoom; `live-seen` ones are kept. */
export type SessionSource = 'scheduled' | 'recurring' | 'personal' | 'live-seen';

export interface Session {
  /** Zoom's numeric meeting id, as a string (ids reach 11 digits). */
  meetingId: string;
  /** The current or last instance's uuid; null until Zoom has given one. */
  uuid: string | null;
  topic: string;
  /** Zoom user id of the host; null until known (the Dashboard list gives only name and email). */
  hostId: string | null;
  hostName: string | null;
  hostEmail: string | null;
  status: SessionStatus;
  /** Live participant count; null while live without a count (per-host polling before events arrive). */
  participants: number | null;
  /** ISO time the current live instance started; null when available. */
  liveSince: string | null;
  /** ISO time the meeting was last seen live; null if never. */
  lastLiveAt: string | null;
  /** The join link as Zoom gives it (with its encrypted `pwd`); null until known. */
  joinUrl: string | null;
  source: SessionSource;
  /** Next scheduled start (ISO) for catalog meetings that have one. */
  nextStartAt: string | null;
  firstSeenAt: string;
  updatedAt: string;
}

export type SyncStrategy = 'dashboard' | 'per-host';

export interface SyncError {
  message: string;
  /** HTTP status of the failing Zoom answer, if any. */
  httpStatus: number | null;
  /** Zoom's own error code (e.g. 4711, 3001, 124), if any. */
  zoomCode: number | null;
  at: string;
}

export interface RateLimitState {
  category: string;
  type: string | null;
  limit: number | null;
  remaining: number | null;
  /** ISO time before which no call of this category will be made. */
  retryAt: string | null;
}

export interface SyncStatus {
  /** True once a live poll has succeeded since start. */
  ready: boolean;
  strategy: SyncStrategy;
  liveIntervalMs: number;
  lastLiveSyncAt: string | null;
  lastCatalogSyncAt: string | null;
  lastError: SyncError | null;
  nextLiveSyncAt: string | null;
  rateLimits: RateLimitState[];
}

export type SessionChange =
  | { type: 'upsert'; session: Session }
  | { type: 'remove'; meetingId: string };
