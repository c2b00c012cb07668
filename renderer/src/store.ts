// The dashboard's state: signals over one session map, fed only by the SSE stream (and End's answer).
// A factory with no DOM in it, so its logic is testable in plain Node.
import { batch, computed, signal, type Signal } from '@preact/signals';
import { isStale } from '../../shared/sync-status-text.js';
import type { SseEvents } from '../../shared/api-schema.js';
import type { Session, SyncStatus } from '../../shared/session.js';
import { sessionMatcher } from '../../shared/session-search.js';
import { SortedIndex } from './sorted-index.js';

export type Connection = 'connecting' | 'open' | 'reconnecting';
export type SortKey = 'topic' | 'host' | 'recent';
/** "Free for at least": minutes (0: any available meeting). */
export type FreeFor = 0 | 30 | 60;

/** Free for at least `minutes` from `now`: nothing booked, or the next booking far enough. */
export function freeFor(s: Session, minutes: number, now: number): boolean {
  return s.freeUntil == null || Date.parse(s.freeUntil) - now >= minutes * 60_000;
}


// Lower-cased keys, made once per session object (sessions are replaced, never mutated).
const topicKeys = new WeakMap<Session, string>();
const hostKeys = new WeakMap<Session, string>();
function topicKey(s: Session): string {
  let k = topicKeys.get(s);
  if (k === undefined) topicKeys.set(s, (k = s.topic.toLowerCase()));
  return k;
}
function hostKey(s: Session): string {
  let k = hostKeys.get(s);
  if (k === undefined) hostKeys.set(s, (k = (s.hostName ?? s.hostEmail ?? '').toLowerCase()));
  return k;
}

export const byKey: Record<SortKey, (a: Session, b: Session) => number> = {
  topic: (a, b) => cmp(topicKey(a), topicKey(b)) || cmp(a.meetingId, b.meetingId),
  host: (a, b) => cmp(hostKey(a), hostKey(b)) || byKey.topic(a, b),
  recent: (a, b) => cmp(b.liveSince ?? b.lastLiveAt ?? '', a.liveSince ?? a.lastLiveAt ?? '') || byKey.topic(a, b),
};

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An SSE event into the session map and the index; the status it carries, if any. */
function applyEvent<K extends keyof SseEvents>(sessions: Map<string, Session>, index: SortedIndex, event: K, data: SseEvents[K]): SyncStatus | null {
  if (event === 'snapshot') {
    const d = data as SseEvents['snapshot'];
    sessions.clear();
    for (const s of d.sessions) sessions.set(s.meetingId, s);
    index.rebuild(sessions.values());
    return d.status;
  }
  if (event === 'session') {
    const { session } = data as SseEvents['session'];
    index.move(sessions.get(session.meetingId), session);
    sessions.set(session.meetingId, session);
  } else if (event === 'removed') {
    const id = (data as SseEvents['removed']).meetingId;
    index.move(sessions.get(id), undefined);
    sessions.delete(id);
  } else if (event === 'status') return (data as SseEvents['status']).status;
  return null;
}

interface ViewInputs {
  version: Signal<number>;
  query: Signal<string>;
  free: Signal<FreeFor>;
  clock: Signal<number>;
  ordered: () => SortedIndex;
}

/** The same sessions in the same order: a view that did not change is handed on as the one it was, so
 * what shows it is not drawn again. */
function sameItems<T>(a: T[], b: T[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** What the page shows of the ordered sessions: Live and Available, searched and filtered, and the live
 * meetings that need attention. Each is made again only when its own list changed: a live meeting's new
 * count leaves Available (and its virtual list) as it was. */
function views({ version, query, free, clock, ordered }: ViewInputs) {
  /** One pass over the list for a search; none without one; none when neither it nor the search changed. */
  const view = (which: 'live' | 'available') => {
    let made: { stamp: number; query: string; items: Session[] } | null = null;
    return computed(() => {
      void version.value;
      const q = query.value;
      const index = ordered();
      const stamp = index.stamp[which];
      if (made?.stamp === stamp && made.query === q) return made.items;
      const matches = sessionMatcher(q);
      const items = index[which];
      made = { stamp, query: q, items: matches ? items.filter(matches) : items.slice() };
      return made.items;
    });
  };
  const live = view('live');
  /** Live's meeting ids in order, the same array while they stay the same: a new count in a live row changes
   * that row's session (see rowSignals), not this list, so Live does not compare its 200 rows again. */
  let liveIdsWere: string[] = [];
  const liveIds = computed(() => {
    const ids = live.value.map((s) => s.meetingId);
    if (!sameItems(ids, liveIdsWere)) liveIdsWere = ids;
    return liveIdsWere;
  });
  const everyAvailable = view('available');
  /** "Which room can I take now": one more pass, only while the filter is on (it follows the clock). */
  const available = computed(() => {
    const minutes = free.value;
    if (minutes === 0) return everyAvailable.value;
    const now = clock.value;
    return everyAvailable.value.filter((s) => freeFor(s, minutes, now));
  });
  /** Live meetings that need a person's eye, longest first; not narrowed by a search. */
  let needing: Session[] = [];
  const attention = computed(() => {
    void version.value;
    const next = ordered()
      .live.filter((s) => s.attention != null)
      .sort((a, b) => cmp(a.attention!.since, b.attention!.since) || cmp(a.meetingId, b.meetingId));
    if (!sameItems(next, needing)) needing = next;
    return needing;
  });
  return { live, liveIds, available, attention };
}

/** How many are live, of how many: the same object while neither number changed. */
function countsOf(version: Signal<number>, index: SortedIndex, sessions: Map<string, Session>) {
  let counted = { live: 0, total: 0 };
  return computed(() => {
    void version.value;
    if (counted.live !== index.live.length || counted.total !== sessions.size) counted = { live: index.live.length, total: sessions.size };
    return counted;
  });
}

/** One session as a signal of its own, for the row that shows it: only that row follows its changes. */
function rowSignals(sessions: Map<string, Session>) {
  const watched = new Map<string, Signal<Session>>();
  return {
    watch: (id: string): Signal<Session> => {
      let one = watched.get(id);
      if (!one) watched.set(id, (one = signal(sessions.get(id)!)));
      return one;
    },
    /** After an event is applied to the map: the rows it touched get their session. */
    follow: <K extends keyof SseEvents>(event: K, data: SseEvents[K]): void => {
      if (event === 'session') {
        const { session } = data as SseEvents['session'];
        const one = watched.get(session.meetingId);
        if (one) one.value = session;
      } else if (event !== 'status') {
        // A snapshot or a removal: every watched row again (a gone one is dropped; its row goes with it).
        for (const [id, one] of watched) {
          const now = sessions.get(id);
          if (now) one.value = now;
          else watched.delete(id);
        }
      }
    },
  };
}

export function createStore(now: () => number = Date.now) {
  const sessions = new Map<string, Session>();
  /** Bumped (once per task, however many events came) whenever the map changes. */
  const version = signal(0);
  const status = signal<SyncStatus | null>(null);
  const connection = signal<Connection>('connecting');
  const query = signal('');
  const sort = signal<SortKey>('topic');
  const free = signal<FreeFor>(0);
  const clock = signal(now());
  let pending = false;

  const changed = () => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      version.value++;
    });
  };

  // Kept in order per change; another sort rebuilds it once.
  const index = new SortedIndex(byKey.topic);
  let sortedBy: SortKey = 'topic';
  const ordered = () => {
    if (sortedBy !== sort.value) index.rebuild(sessions.values(), byKey[(sortedBy = sort.value)]);
    return index;
  };
  const { live, liveIds, available, attention } = views({ version, query, free, clock, ordered });
  const rows = rowSignals(sessions);
  const counts = countsOf(version, index, sessions);
  /** Set up or not (undefined until the first status): the page's frame follows this, not every status. */
  const configured = computed(() => status.value?.configured);
  /** Data older than twice the live interval is marked stale. */
  const stale = computed(() => (status.value ? isStale(status.value, clock.value) : false));

  function receive<K extends keyof SseEvents>(event: K, data: SseEvents[K]): void {
    batch(() => {
      const next = applyEvent(sessions, index, event, data);
      if (next) status.value = next;
      rows.follow(event, data);
    });
    if (event !== 'status') changed();
  }

  return {
    version,
    status,
    connection,
    query,
    sort,
    free,
    clock,
    live,
    liveIds,
    watch: rows.watch,
    available,
    attention,
    counts,
    configured,
    stale,
    receive,
    get: (id: string) => sessions.get(id) ?? null,
    tick: () => (clock.value = now()),
  };
}

export type Store = ReturnType<typeof createStore>;
