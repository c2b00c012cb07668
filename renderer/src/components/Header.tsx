// The top bar: the live count (only once it is known), search, sort, Refresh, and the account and
// settings screens, with the status line under it.
import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import { currentError } from '../../../shared/sync-status-text.js';
import { api } from '../api.js';
import type { FreeFor, SortKey, Store } from '../store.js';
import { StatusLine } from './StatusLine.js';

interface HeaderProps {
  store: Store;
  search: Ref<HTMLInputElement>;
  say: (text: string) => void;
  onAccount: () => void;
  /** The End audit. */
  onActivity: () => void;
  /** The Usage view. */
  onUsage: () => void;
  /** The desktop app's Settings; absent in a browser. */
  onSettings?: () => void;
}

/** Search, sort and the free-for filter. */
function ListControls({ store, search }: { store: Store; search: Ref<HTMLInputElement> }) {
  return (
    <>
      <label class="sr-only" for="search">
        Search topic, host or meeting ID
      </label>
      <input id="search" ref={search} type="search" placeholder="Search topic, host or ID  ( / )" value={store.query.value} onInput={(e) => (store.query.value = e.currentTarget.value)} />
      <label class="sr-only" for="sort">
        Sort by
      </label>
      <select id="sort" value={store.sort.value} onChange={(e) => (store.sort.value = e.currentTarget.value as SortKey)}>
        <option value="topic">Topic</option>
        <option value="host">Host</option>
        <option value="recent">Recently live</option>
      </select>
      <label class="sr-only" for="free">
        Available meetings free for at least
      </label>
      <select id="free" value={String(store.free.value)} onChange={(e) => (store.free.value = Number(e.currentTarget.value) as FreeFor)}>
        <option value="0">Any available</option>
        <option value="30">Free 30 min+</option>
        <option value="60">Free 1 h+</option>
      </select>
    </>
  );
}

/** A count is shown only once Zoom has answered and is not failing now: never a green "0 live" by default. */
export function liveCountKnown(store: Store): boolean {
  const status = store.status.value;
  return (status?.ready ?? false) && !(status && currentError(status));
}

export function Header({ store, search, say, onAccount, onActivity, onUsage, onSettings }: HeaderProps) {
  const [refreshing, setRefreshing] = useState(false);
  const refresh = async () => {
    setRefreshing(true);
    try {
      await api.sync();
    } catch (e) {
      say(e instanceof Error ? e.message : 'Could not refresh');
    } finally {
      setTimeout(() => setRefreshing(false), 800);
    }
  };
  const live = store.counts.value.live;
  return (
    <header class="top">
      <h1>
        Zoom sessions{' '}
        {liveCountKnown(store) ? (
          <span class="badge" aria-label={`${live} live`}>{live} live</span>
        ) : (
          <span class="badge unknown" aria-label="live count not known yet">— live</span>
        )}
      </h1>
      <div class="tools">
        <ListControls store={store} search={search} />
        <button type="button" class="btn" onClick={() => void refresh()} disabled={refreshing} aria-busy={refreshing}>
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
        <button type="button" class="btn" onClick={onUsage}>
          Usage…
        </button>
        <button type="button" class="btn" onClick={onActivity}>
          Activity…
        </button>
        <button type="button" class="btn" onClick={onAccount}>
          Zoom account…
        </button>
        {onSettings && (
          <button type="button" class="btn" onClick={onSettings}>
            Settings…
          </button>
        )}
      </div>
      <StatusLine store={store} />
    </header>
  );
}
