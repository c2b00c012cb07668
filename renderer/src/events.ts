// Live updates only from SSE. EventSource reconnects on its own after a dropped stream; when the
// service is down it gives up, so we reconnect ourselves with backoff and show "reconnecting".
import type { SseEvents } from '../../shared/api-schema.js';
import { readSsePayload } from './sse-payload.js';
import { backoffDelay } from '../../shared/backoff.js';
import type { Store } from './store.js';

const NAMES: (keyof SseEvents)[] = ['snapshot', 'session', 'removed', 'status'];

export function connectEvents(store: Store, onUnauthorized: () => void): () => void {
  let source: EventSource | null = null;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const open = () => {
    source = new EventSource('/api/v1/events', { withCredentials: true });
    store.connection.value = attempt === 0 ? 'connecting' : 'reconnecting';
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
    timer = setTimeout(open, delay);
  };
  open();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    source?.close();
  };
}
