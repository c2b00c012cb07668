// The sessions: the list first (one compressed HTTP answer), then SSE from the event id it names, so the
// stream brings only what changed since. EventSource reconnects on its own after a dropped stream; when
// the service is down it gives up, so we reconnect ourselves with backoff and show "reconnecting".
// Why not the SSE snapshot on first load: after dispatching one 6.7 MB event (10 000 sessions) Chromium's
// EventSource held the page ~0.4 s more before it could draw; the list comes gzipped and is read as bytes.
import type { SseEvents } from '../../shared/api-schema.js';
import { readSsePayload } from './sse-payload.js';
import { backoffDelay } from '../../shared/backoff.js';
import type { Store } from './store.js';

const NAMES: (keyof SseEvents)[] = ['snapshot', 'session', 'removed', 'status'];

const UNAUTHORIZED = Symbol('the login is gone');

/** The whole list into the store, as a snapshot; the event id it is current as of. null: not loaded (the
 * stream then starts with a snapshot of its own). */
async function loadList(store: Store): Promise<string | null | typeof UNAUTHORIZED> {
  try {
    const res = await fetch('/api/v1/sessions', { credentials: 'same-origin', cache: 'no-store' });
    if (res.status === 401) return UNAUTHORIZED;
    const after = res.headers.get('X-Event-Id');
    if (!res.ok || !after) return null;
    // Bytes, then one decode: Body.text() took ~1.6x as long for the same 5.4 MB here.
    const text = new TextDecoder().decode(await res.arrayBuffer());
    performance.mark('zs:snapshot'); // for bench/render, as for a snapshot event: arrived, not yet parsed
    const data = readSsePayload('snapshot', text);
    if (!data) return null;
    store.receive('snapshot', data);
    return after;
  } catch {
    return null; // not answering: the stream's own retries take over
  }
}

export function connectEvents(store: Store, onUnauthorized: () => void): () => void {
  let source: EventSource | null = null;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const open = async () => {
    store.connection.value = attempt === 0 ? 'connecting' : 'reconnecting';
    const after = await loadList(store);
    if (stopped) return;
    if (after === UNAUTHORIZED) return onUnauthorized();
    source = new EventSource(after ? `/api/v1/events?after=${encodeURIComponent(after)}` : '/api/v1/events', { withCredentials: true });
    source.onopen = () => {
      attempt = 0;
      store.connection.value = 'open';
    };
    for (const name of NAMES) {
      source.addEventListener(name, (e) => {
        // Marks for bench/render: when each event arrived (before parsing), to time until it is drawn.
        performance.mark(`zs:${name}`);
        const data = readSsePayload(name, (e as MessageEvent<string>).data);
        if (data) return store.receive(name, data);
        // Not what this dashboard understands (a newer or broken service): start over from a snapshot.
        console.warn(`zoom-sessions: a "${name}" event that is not in the expected shape was not applied; reloading the list.`);
        source?.close();
        store.connection.value = 'reconnecting';
        schedule();
      });
    }
    source.onerror = () => {
      if (source?.readyState === EventSource.CONNECTING) {
        store.connection.value = 'reconnecting';
        return; // the browser retries by itself (the server asked for 2 s)
      }
      source?.close();
      store.connection.value = 'reconnecting';
      // Closed for good: maybe the login expired, maybe the service is down. Ask, then retry.
      void fetch('/api/v1/isalive', { credentials: 'same-origin' })
        .then((r) => {
          if (r.status === 401) onUnauthorized();
          else schedule();
        })
        .catch(schedule);
    };
  };
  const schedule = () => {
    if (stopped) return;
    const delay = backoffDelay(attempt, { baseMs: 1000, maxMs: 30_000 }, Math.random);
    attempt++;
    timer = setTimeout(() => void open(), delay);
  };
  void open();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    source?.close();
  };
}
