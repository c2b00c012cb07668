// The page's two lists, one scroll: Live now (all of it, never clipped), then Available (virtualised).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Session } from '../../../shared/session.js';
import type { Store } from '../store.js';
import { liveCountKnown } from './Header.js';
import { AttentionStrip } from './AttentionStrip.js';
import { SessionRow, type RowActions } from './SessionRow.js';
import { VirtualList } from './VirtualList.js';

const ROW_HEIGHT = 64;
/** Live rows drawn in the first frame: more than a tall window shows. The rest follow right after it. */
const FIRST_LIVE_ROWS = 30;

/** What an empty Live list says: no match, nothing live, or not known yet. */
function noneLive(store: Store, q: string): string {
  if (q) return `No live meeting matches “${q}”.`;
  if (liveCountKnown(store)) return 'Nothing is live right now. Meetings show up here the moment they start.';
  const status = store.status.value;
  return status?.ready || !status?.lastError ? 'Checking Zoom for live meetings…' : 'Zoom has not answered yet: what is live is not known.';
}

/** What an empty Available list says: no match, no room free that long, nothing yet, or all live. */
function noneAvailable(store: Store, q: string): string {
  if (q) return `No available meeting matches “${q}”.`;
  if (store.free.value > 0) return `No meeting is free for ${store.free.value === 60 ? '1 h' : `${store.free.value} min`} from now.`;
  return store.counts.value.total === 0 ? 'No meetings yet: they appear after the first sync with Zoom.' : 'Every meeting is live.';
}

interface ListProps {
  store: Store;
  actions: RowActions;
}

export function SessionLists({ store, actions, say }: ListProps & { say: (text: string) => void }) {
  // Reads no signal itself: each section follows its own list, so a live meeting's new count draws Live
  // alone, and Available (with its virtual list) stays as it was.
  return (
    <main class="scroller">
      <AttentionStrip store={store} end={(s) => actions.end(s)} say={say} />
      <LiveSection store={store} actions={actions} />
      <AvailableSection store={store} actions={actions} />
    </main>
  );
}

/** The rows to draw now: all of them, but a list that grew by more than a screenful at once (the first load,
 * Zoom answering again) shows its first rows in one frame and the rest in the next. The page showed nothing
 * until all 200 live rows of a large account were made and laid out (list -> first row 313-333 ms; 212-257
 * ms with the first 30 first; 281-314 in later runs). A meeting or two starting is drawn at once. */
function useDrawnInTwo<T>(every: T[]): T[] {
  const drawn = useRef(0);
  const [, redraw] = useState(0);
  const jump = every.length - drawn.current > FIRST_LIVE_ROWS;
  useEffect(() => {
    drawn.current = every.length;
    if (!jump) return;
    // The rest once a frame has shown the first rows: a task queued from requestAnimationFrame runs after
    // that frame. Where no frame comes (a window hidden in the tray) the timer draws them anyway.
    const rest = () => (clearTimeout(timer), cancelAnimationFrame(frame), redraw((n) => n + 1));
    const timer = setTimeout(rest, 100);
    const frame = requestAnimationFrame(() => setTimeout(rest, 0));
    return () => (clearTimeout(timer), cancelAnimationFrame(frame));
  });
  return jump ? every.slice(0, FIRST_LIVE_ROWS) : every;
}

function LiveSection({ store, actions }: ListProps) {
  const every = store.liveIds.value;
  const q = store.query.value.trim();
  const live = useDrawnInTwo(every);
  return (
    <section aria-labelledby="live-h" class="live-section">
      <h2 id="live-h">Live now ({every.length})</h2>
      {live.length === 0 ? (
        <p class="empty">{noneLive(store, q)}</p>
      ) : (
        <div role="list" aria-label="Live meetings" class="list">
          {live.map((id) => (
            <LiveRow key={id} id={id} store={store} actions={actions} />
          ))}
        </div>
      )}
    </section>
  );
}

/** A live row follows its own session: a new count draws this row alone. */
function LiveRow({ id, store, actions }: ListProps & { id: string }) {
  return <SessionRow s={store.watch(id).value} clock={store.clock} actions={actions} />;
}

function AvailableSection({ store, actions }: ListProps) {
  const available: Session[] = store.available.value;
  const q = store.query.value.trim();
  return (
    <section aria-labelledby="avail-h" class="avail-section">
      <h2 id="avail-h">Available ({available.length})</h2>
      {available.length === 0 ? (
        <p class="empty">{noneAvailable(store, q)}</p>
      ) : (
        <VirtualList items={available} rowHeight={ROW_HEIGHT} label="Available meetings" render={(s, style) => <SessionRow key={s.meetingId} s={s} clock={store.clock} actions={actions} style={style} />} />
      )}
    </section>
  );
}
