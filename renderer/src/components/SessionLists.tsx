// The page's two lists, one scroll: Live now, then Available; each draws only the rows in and near the window.
import type { RefObject } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Session } from '../../../shared/session.js';
import type { Store } from '../store.js';
import { liveCountKnown } from './Header.js';
import { AttentionStrip } from './AttentionStrip.js';
import { SessionRow, type RowActions } from './SessionRow.js';
import { VirtualList } from './VirtualList.js';
import { useScrollView } from './scroll-view.js';
import { rowsInView } from '../rows-in-view.js';

const ROW_HEIGHT = 64;
/** A live row and the gap under it (styles.css: .row's height, .live-item's margin), until it is measured. */
const LIVE_GAP = 4;
const LIVE_ROW = ROW_HEIGHT + LIVE_GAP;
/** Drawn above and below the window: a short scroll shows rows already there. */
const MARGIN = 8 * LIVE_ROW;

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

function LiveSection({ store, actions }: ListProps) {
  const ids = store.liveIds.value;
  const q = store.query.value.trim();
  return (
    <section aria-labelledby="live-h" class="live-section">
      <h2 id="live-h">Live now ({ids.length})</h2>
      {ids.length === 0 ? <p class="empty">{noneLive(store, q)}</p> : <LiveList ids={ids} store={store} actions={actions} />}
    </section>
  );
}

/** Live draws the rows in and near the window, like Available, but its rows differ in height (a row opened
 * to show who is in grows), so each drawn row's height is measured and kept. With all 200 live rows of a
 * large account in the page, Chromium's navigation predictor watched a random few of their 400 links and
 * drew an empty frame every ~100 ms while counts changed: a change that came just after one waited for the
 * next (p99 19 ms). And the first frame laid out all 200. */
function LiveList({ ids, store, actions }: ListProps & { ids: string[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const view = useScrollView(ref);
  const heights = useRowHeights(ref);
  // Open "who is in" panels, by meeting: kept here, so a row scrolled out of the page and back opens again.
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback(
    (id: string) =>
      setOpen((was) => {
        const next = new Set(was);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  // A meeting that left Live (it ended, or the search hides it) comes back closed, as a new row would.
  useEffect(() => {
    if ([...open].some((id) => !ids.includes(id))) setOpen(new Set([...open].filter((id) => ids.includes(id))));
  }, [ids, open]);
  const { first, end, before, after } = rowsInView(ids.map((id) => heights.get(id) ?? LIVE_ROW), view.top, view.height, MARGIN);
  return (
    <div ref={ref} role="list" aria-label="Live meetings" class="list" style={`padding-top:${before}px;padding-bottom:${after}px`}>
      {ids.slice(first, end).map((id) => (
        <LiveRow key={id} id={id} store={store} actions={actions} open={open.has(id)} toggle={toggle} />
      ))}
    </div>
  );
}

/** Each drawn row's height, its gap included, by meeting; read when Chromium lays the rows out (a resize
 * observer: no layout forced from script), and the list is drawn again when one changed. */
function useRowHeights(ref: RefObject<HTMLElement | null>): ReadonlyMap<string, number> {
  const [heights] = useState(() => new Map<string, number>());
  const [, remeasured] = useState(0);
  const [watched] = useState(() => new Set<Element>());
  const observer = useMemo(
    () =>
      new ResizeObserver((entries) => {
        let changed = false;
        for (const e of entries) {
          const id = (e.target as HTMLElement).dataset.meetingId;
          const h = (e.borderBoxSize[0]?.blockSize ?? LIVE_ROW - LIVE_GAP) + LIVE_GAP;
          if (!id || heights.get(id) === h) continue;
          heights.set(id, h);
          changed = true;
        }
        if (changed) remeasured((n) => n + 1);
      }),
    [heights],
  );
  // After each drawing of the list: watch the rows that came in, let go of those that left.
  useLayoutEffect(() => {
    const rows = new Set(ref.current?.children ?? []);
    for (const el of watched) {
      if (rows.has(el)) continue;
      observer.unobserve(el);
      watched.delete(el);
    }
    for (const el of rows) {
      if (watched.has(el)) continue;
      observer.observe(el);
      watched.add(el);
    }
  });
  useLayoutEffect(() => () => observer.disconnect(), [observer]);
  return heights;
}

/** A live row follows its own session: a new count draws this row alone. */
function LiveRow({ id, store, actions, open, toggle }: ListProps & { id: string; open: boolean; toggle: (id: string) => void }) {
  return <SessionRow s={store.watch(id).value} clock={store.clock} actions={actions} peopleOpen={open} togglePeople={toggle} />;
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
