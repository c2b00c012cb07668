// Is what you see true now? "Updated 2 s ago" while healthy; a banner when it is not, with when we retry.
import type { Store } from '../store.js';
import { ago, clock } from '../format.js';
import { currentError, syncModeText } from '../../../shared/sync-status-text.js';

export function StatusLine({ store }: { store: Store }) {
  const st = store.status.value;
  const now = store.clock.value;
  if (!st) return <span class="status">Connecting…</span>;
  const mode = syncModeText(st);
  return (
    <span class={`status ${store.stale.value ? 'stale' : ''}`}>
      {st.team === 'follower' ? 'Shared catalog' : st.liveVia === 'events' ? 'Up to date' : st.lastLiveSyncAt ? `Updated ${ago(st.lastLiveSyncAt, now)}` : currentError(st) ? 'Not connected to Zoom' : 'First check in progress…'}
      {store.stale.value && <strong> · stale</strong>} <span class="mode">· {mode}</span>
      {st.notes.length > 0 && <span class="notes"> · {st.notes.join(' · ')}</span>}
      {st.nextLiveSyncAt == null ? null : <span class="sr-only"> · next check {clock(st.nextLiveSyncAt, now)}</span>}
    </span>
  );
}

export function Banner({ store }: { store: Store }) {
  const st = store.status.value;
  const now = store.clock.value;
  if (store.connection.value === 'reconnecting') {
    return (
      <div class="banner warn" role="status">
        The zoom-sessions service is not answering — reconnecting… What you see may be out of date.
      </div>
    );
  }
  const err = st ? currentError(st) : null;
  if (st && err) {
    const retry = st.nextLiveSyncAt ? ` Retrying at ${clock(st.nextLiveSyncAt, now)}.` : '';
    const code = err.zoomCode != null ? ` (Zoom code ${err.zoomCode})` : '';
    return (
      <div class="banner error" role="alert">
        Zoom is not answering as it should: {err.message.replace(/\.+$/, '')}
        {code}.{retry}
      </div>
    );
  }
  if (st?.database) {
    return (
      <div class="banner warn" role="status">
        The shared database has not answered since {clock(st.database.unreachableSince, now)}: what you see still comes from Zoom, and{' '}
        {st.database.pending === 1 ? '1 change is' : `${st.database.pending} changes are`} kept here until it is back.
      </div>
    );
  }
  if (store.stale.value) {
    return (
      <div class="banner warn" role="status">
        This list has not been refreshed for a while: it may be out of date.
      </div>
    );
  }
  return null;
}
