// A minimal SSE reader over node:http for tests: collects events as they arrive.
import http from 'node:http';

export interface SseEvent {
  /** Wall-clock arrival (ms, sub-ms precision). */
  at: number;
  id: string | null;
  event: string;
  data: string;
}

export interface SseClient {
  events: SseEvent[];
  comments: string[];
  status: number;
  /** Resolves when an event matching pred has arrived (checks those already received first). */
  waitFor(pred: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
  req: http.ClientRequest;
  res: http.IncomingMessage;
}

export function connectSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
      const events: SseEvent[] = [];
      const comments: string[] = [];
      const waiters: { pred: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const ev: SseEvent = { at: performance.timeOrigin + performance.now(), id: null, event: 'message', data: '' };
          let isEvent = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) {
              comments.push(line.slice(1).trim());
              continue;
            }
            const field = /^(id|event|data): (.*)$/.exec(line);
            if (!field) continue;
            isEvent = true;
            if (field[1] === 'id') ev.id = field[2]!;
            else if (field[1] === 'event') ev.event = field[2]!;
            else ev.data += field[2]!;
          }
          if (!isEvent) continue;
          events.push(ev);
          for (const w of [...waiters]) {
            if (!w.pred(ev)) continue;
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(ev);
          }
        }
      });
      resolve({
        events,
        comments,
        status: res.statusCode ?? 0,
        req,
        res,
        waitFor(pred, timeoutMs = 5000) {
          const found = events.find(pred);
          if (found) return Promise.resolve(found);
          return new Promise((ok, fail) => {
            const t = setTimeout(() => fail(new Error('SSE event not received in time')), timeoutMs);
            waiters.push({
              pred,
              resolve: (e) => {
                clearTimeout(t);
                ok(e);
              },
            });
          });
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}
