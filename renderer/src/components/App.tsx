// The dashboard: what is live now, what is available, join in one click, end with a confirm.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Session } from '../../../shared/session.js';
import { api } from '../api.js';
import type { SortKey, Store } from '../store.js';
import { EndDialog } from './EndDialog.js';
import { Setup } from './Setup.js';
import { SettingsScreen } from './SettingsScreen.js';
import type { ZoomSessionsBridge } from '../../../shared/ipc-contract.js';
import { SessionRow, type RowActions } from './SessionRow.js';
import { Banner, StatusLine } from './StatusLine.js';
import { currentError } from '../../../shared/sync-status-text.js';
import { VirtualList } from './VirtualList.js';

const ROW_HEIGHT = 64;

export function App({ store, shell }: { store: Store; shell?: ZoomSessionsBridge }) {
  const openLink = useMemo(() => (shell ? (url: string) => void shell.openZoomLink(url) : undefined), [shell]);
  const [ending, setEnding] = useState<Session | null>(null);
  const [toast, setToast] = useState('');
  const [refreshing, setRefreshing] = useState(false);
  const [settingUp, setSettingUp] = useState(false);
  // The desktop app's Settings (tray "Settings…" opens #settings).
  const [inSettings, setInSettings] = useState(() => shell != null && location.hash === '#settings');
  useEffect(() => {
    if (!shell) return;
    const onHash = () => setInSettings(location.hash === '#settings');
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [shell]);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if (e.key === '/' && !typing && !ending) {
        e.preventDefault();
        search.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [ending]);

  const say = (text: string) => {
    setToast(text);
    setTimeout(() => setToast((t) => (t === text ? '' : t)), 2500);
  };
  // Stable across renders, so rows that did not change are not drawn again.
  const actions: RowActions = useMemo(() => ({
    copy: (text, what) =>
      void navigator.clipboard.writeText(text).then(
        () => say(`${what} copied`),
        () => say(`Could not copy the ${what.toLowerCase()}`),
      ),
    end: (s) => setEnding(s),
    openLink: (url, e) => {
      // In the desktop app links go through the shell, which opens only Zoom links.
      if (openLink) {
        e.preventDefault();
        openLink(url);
      }
    },
  }), [openLink]);
  const end = async (id: string) => {
    const { session } = await api.end(id);
    store.receive('session', { session });
    say(`Ended “${session.topic}”`);
  };
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

  // bench/render times from an event's arrival to this mark, set once its render is committed.
  useEffect(() => {
    performance.mark('zs:rendered');
  });

  const live = store.live.value;
  const available = store.available.value;
  const now = store.clock.value;
  const q = store.query.value.trim();
  const { total } = store.counts.value;
  const ready = store.status.value?.ready ?? false;
  const configured = store.status.value?.configured;
  // A count is shown only once Zoom has answered and is not failing now: never a green "0 live" by default.
  const known = ready && !(store.status.value && currentError(store.status.value));

  // First run shows setup until the service says it is configured; later it is opened from the header.
  if (configured === false || settingUp) return <Setup onClose={configured ? () => setSettingUp(false) : undefined} />;
  if (inSettings && shell) {
    return (
      <SettingsScreen
        shell={shell}
        onClose={() => {
          history.replaceState(null, '', location.pathname);
          setInSettings(false);
        }}
      />
    );
  }

  return (
    <div class="app">
      <header class="top">
        <h1>
          Zoom sessions{' '}
          {known ? (
            <span class="badge" aria-label={`${store.counts.value.live} live`}>{store.counts.value.live} live</span>
          ) : (
            <span class="badge unknown" aria-label="live count not known yet">— live</span>
          )}
        </h1>
        <div class="tools">
          <label class="sr-only" for="search">
            Search topic, host or meeting ID
          </label>
          <input id="search" ref={search} type="search" placeholder="Search topic, host or ID  ( / )" value={store.query.value} onInput={(e) => (store.query.value = (e.currentTarget).value)} />
          <label class="sr-only" for="sort">
            Sort by
          </label>
          <select id="sort" value={store.sort.value} onChange={(e) => (store.sort.value = (e.currentTarget).value as SortKey)}>
            <option value="topic">Topic</option>
            <option value="host">Host</option>
            <option value="recent">Recently live</option>
          </select>
          <button type="button" class="btn" onClick={() => void refresh()} disabled={refreshing} aria-busy={refreshing}>
            {refreshing ? 'Refreshing…' : 'Refresh'}
          </button>
          <button type="button" class="btn" onClick={() => setSettingUp(true)}>
            Zoom account…
          </button>
          {shell && (
            <button type="button" class="btn" onClick={() => setInSettings(true)}>
              Settings…
            </button>
          )}
        </div>
        <StatusLine store={store} />
      </header>
      <Banner store={store} />
      <main class="scroller">
        <section aria-labelledby="live-h" class="live-section">
          <h2 id="live-h">Live now ({live.length})</h2>
          {live.length === 0 ? (
            <p class="empty">{q ? `No live meeting matches “${q}”.` : known ? 'Nothing is live right now. Meetings show up here the moment they start.' : ready || !store.status.value?.lastError ? 'Checking Zoom for live meetings…' : 'Zoom has not answered yet: what is live is not known.'}</p>
          ) : (
            <div role="list" aria-label="Live meetings" class="list">
              {live.map((s) => (
                <SessionRow key={s.meetingId} s={s} now={now} actions={actions} />
              ))}
            </div>
          )}
        </section>
        <section aria-labelledby="avail-h" class="avail-section">
          <h2 id="avail-h">Available ({available.length})</h2>
          {available.length === 0 ? (
            <p class="empty">{q ? `No available meeting matches “${q}”.` : total === 0 ? 'No meetings yet: they appear after the first sync with Zoom.' : 'Every meeting is live.'}</p>
          ) : (
            <VirtualList items={available} rowHeight={ROW_HEIGHT} label="Available meetings" render={(s, style) => <SessionRow key={s.meetingId} s={s} now={now} actions={actions} style={style} />} />
          )}
        </section>
      </main>
      <div class="toast" role="status" aria-live="polite">
        {toast}
      </div>
      {ending && <EndDialog session={store.get(ending.meetingId) ?? ending} onClose={() => setEnding(null)} end={end} />}
    </div>
  );
}
