// How the list keeps itself true, in words: the same line in the dashboard, the tray and the logs.
import type { SyncStatus } from './api-schema.js';

export function syncModeText(st: Pick<SyncStatus, 'liveVia' | 'eventSource' | 'strategy' | 'liveIntervalMs' | 'team'>): string {
  if (st.team === 'follower') return 'shared with the team: another instance reads Zoom';
  const every = `${Math.round(st.liveIntervalMs / 1000)} s`;
  if (st.liveVia === 'events') return `live via Zoom events (${st.eventSource ?? 'events'}), checked every ${Math.round(st.liveIntervalMs / 60_000)} min`;
  const waiting = st.eventSource ? ` (${st.eventSource} events reconnecting)` : '';
  return st.strategy === 'dashboard'
    ? `polling every ${every}${waiting}`
    : `polling each host every ${every}${waiting}${st.eventSource ? '' : ' (no live counts without Dashboard access)'}`;
}
