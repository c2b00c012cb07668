import { NO_INSIGHT, type Session, type SyncStatus } from '../../shared/session.js';

/** A valid session for store and API tests. */
export function makeSession(id: string, over: Partial<Session> = {}): Session {
  const at = '2026-11-27T09:00:00.000Z';
  return {
    meetingId: id,
    uuid: null,
    topic: `Meeting ${id}`,
    hostId: 'host-1',
    hostName: 'Host One',
    hostEmail: 'host@example.com',
    status: 'available',
    participants: 0,
    liveSince: null,
    lastLiveAt: null,
    joinUrl: `https://zoom.us/j/${id}?pwd=x`,
    passcode: 'x1y2z3',
    source: 'scheduled',
    nextStartAt: null,
    ...NO_INSIGHT,
    firstSeenAt: at,
    updatedAt: at,
    ...over,
  };
}

/** A healthy sync status (polling, Dashboard, last checked at `lastLiveSyncAt`). */
export function makeStatus(over: Partial<SyncStatus> = {}): SyncStatus {
  return {
    configured: true,
    ready: true,
    strategy: 'dashboard',
    liveIntervalMs: 12_000,
    lastLiveSyncAt: '2026-11-27T10:00:00.000Z',
    lastCatalogSyncAt: null,
    lastError: null,
    nextLiveSyncAt: null,
    rateLimits: [],
    liveVia: 'polling',
    notes: [],
    eventSource: null,
    lastEventAt: null,
    database: null,
    team: null,
    ...over,
  };
}
