// How fresh the list is and how it keeps itself true: the same judgement and words in the dashboard
// and the tray.
import type { SyncError, SyncStatus } from './api-schema.js';

/** Data older than twice the live interval (and a little slack) is stale. */
export function isStale(st: Pick<SyncStatus, 'lastLiveSyncAt' | 'liveIntervalMs'>, now: number): boolean {
  return st.lastLiveSyncAt != null && now - Date.parse(st.lastLiveSyncAt) > 2 * st.liveIntervalMs + 2_000;
}

/** The last error, while no live check has succeeded since it. */
export function currentError(st: Pick<SyncStatus, 'lastError' | 'lastLiveSyncAt'>): SyncError | null {
  const err = st.lastError;
  if (!err) return null;
  return !st.lastLiveSyncAt || Date.parse(err.at) >= Date.parse(st.lastLiveSyncAt) ? err : null;
}

export function syncModeText(st: Pick<SyncStatus, 'liveVia' | 'eventSource' | 'strategy' | 'liveIntervalMs' | 'team'>): string {
  if (st.team === 'follower') return 'shared with the team: another instance reads Zoom';
  const every = `${Math.round(st.liveIntervalMs / 1000)} s`;
  if (st.liveVia === 'events') return `live via Zoom events (${st.eventSource ?? 'events'}), checked every ${Math.round(st.liveIntervalMs / 60_000)} min`;
  const waiting = st.eventSource ? ` (${st.eventSource} events reconnecting)` : '';
  return st.strategy === 'dashboard'
    ? `polling every ${every}${waiting}`
    : `polling each host every ${every}${waiting}${st.eventSource ? '' : ' (no live counts without Dashboard access)'}`;
}
