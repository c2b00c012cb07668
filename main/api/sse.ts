// Server-sent events: a snapshot on connect, then one event per change, resumable by Last-Event-ID (or
// `after`, the id a list answer carried) while the gap is still buffered. Each event is serialised once
// for all clients. A client that falls behind (more than maxPendingBytes unsent) gets no more deltas; when
// it drains it gets a fresh snapshot, and if it does not drain within dropAfterMs it is dropped: memory per
// client stays bounded.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { SseEvents } from '../../shared/api-schema.js';
import { chunksOf, textChunks } from './byte-chunks.js';
import type { Session, SessionChange, SyncStatus } from '../../shared/session.js';
import { systemClock, type Clock, type TimerHandle } from '../../shared/clock.js';

export interface SessionSource {
  list(): Session[];
  status(): SyncStatus;
  onChanges(fn: (changes: SessionChange[]) => void): () => void;
  onStatus(fn: (status: SyncStatus) => void): () => void;
}

export interface EventHubOptions {
  heartbeatMs?: number;
  /** Events kept for resuming. */
  replayEvents?: number;
  /** ...and at most this many bytes of them (default 1 MB): a burst of large events cannot grow it. */
  replayBytes?: number;
  /** A client with more than this many bytes not yet sent is behind: no deltas until it drains. */
  maxPendingBytes?: number;
  /** A client behind for this long is dropped. */
  dropAfterMs?: number;
  clock?: Clock;
  /** Every session as a JSON array (in pieces), already made for the list routes: the snapshot sends the same
   * bytes rather than a second copy of them. Without it the snapshot serialises the source's list. */
  sessionsJson?: () => Buffer[];
}

interface Client {
  res: ServerResponse;
  /** When it fell behind; null while it keeps up. */
  behindSince: number | null;
  /** Bytes of the last snapshot still allowed on top of the limit, until the socket drains. */
  grace: number;
}

interface Buffered {
  seq: number;
  frame: Buffer;
}

export class EventHub {
  /** Changes on each run, so an id from a previous run never resumes into this one. */
  private readonly runId = randomBytes(4).toString('hex');
  private seq = 0;
  private readonly buffer: Buffered[] = [];
  private bufferBytes = 0;
  private readonly clients = new Set<Client>();
  private readonly unsubscribe: (() => void)[];
  private readonly heartbeat: TimerHandle;
  private readonly clock: Clock;
  private lastStatus = '';
  /** The snapshot frame for the current seq: 500 clients reconnecting after a restart cost one. */
  private snapshotCache: { seq: number; parts: Buffer[]; bytes: number } | null = null;
  /** Counted for tests and the status line: clients dropped for being too slow. */
  dropped = 0;

  constructor(
    private readonly source: SessionSource,
    private readonly opts: EventHubOptions = {},
  ) {
    this.clock = opts.clock ?? systemClock;
    this.unsubscribe = [
      source.onChanges((changes) => {
        for (const c of changes) {
          if (c.type === 'upsert') this.publish('session', { session: c.session });
          else this.publish('removed', { meetingId: c.meetingId });
        }
      }),
      source.onStatus((status) => {
        const json = JSON.stringify(status);
        if (json === this.lastStatus) return; // unchanged: nothing to tell
        this.lastStatus = json;
        this.publish('status', { status });
      }),
    ];
    const heartbeat = Buffer.from(': heartbeat\n\n');
    this.heartbeat = this.clock.setInterval(() => {
      this.dropStuck();
      this.broadcast(heartbeat);
    }, opts.heartbeatMs ?? 15_000);
    (this.heartbeat as { unref?: () => void }).unref?.();
  }

  /** Takes over a response: headers, then a snapshot or the missed events, then live events. */
  attach(res: ServerResponse, lastEventId: string | undefined): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
      'X-Content-Type-Options': 'nosniff',
    });
    res.write('retry: 2000\n\n');
    const client: Client = { res, behindSince: null, grace: 0 };
    const missed = this.missedSince(lastEventId);
    if (missed) for (const b of missed) res.write(b.frame);
    else this.sendSnapshot(client);
    this.clients.add(client);
    res.on('close', () => this.clients.delete(client));
  }

  /** The id of the newest event: a list read now is current as of it, so a client that loaded the list can
   * open the stream after it and get only what changed since (`/events?after=`). */
  lastEventId(): string {
    return `${this.runId}.${this.seq}`;
  }

  close(): void {
    this.clock.clearInterval(this.heartbeat);
    for (const u of this.unsubscribe) u();
    for (const c of this.clients) c.res.end();
    this.clients.clear();
  }

  private publish<K extends keyof SseEvents>(event: K, data: SseEvents[K]): void {
    const seq = ++this.seq;
    const frame = this.frame(event, data, seq);
    this.buffer.push({ seq, frame });
    this.bufferBytes += frame.length;
    const maxEvents = this.opts.replayEvents ?? 2000;
    const maxBytes = this.opts.replayBytes ?? 1024 * 1024;
    while (this.buffer.length > maxEvents || (this.bufferBytes > maxBytes && this.buffer.length > 1)) this.bufferBytes -= this.buffer.shift()!.frame.length;
    this.broadcast(frame);
  }

  /** Encoded once, written to every client as the same bytes. A buffer of its own, not a slice of Node's
   * 8 KB pool: a kept frame would keep its whole slab (measured: 193 slabs, 1.5 MB, held by a buffer
   * bounded at 1 MB). */
  private frame<K extends keyof SseEvents>(event: K, data: SseEvents[K], seq: number): Buffer {
    const text = `id: ${this.runId}.${seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
    bytes.write(text);
    return bytes;
  }

  /** The buffered events after `lastEventId`, or null when a snapshot is needed instead. */
  private missedSince(lastEventId: string | undefined): Buffered[] | null {
    const m = /^([0-9a-f]+)\.(\d+)$/.exec(lastEventId ?? '');
    if (!m || m[1] !== this.runId) return null;
    const after = Number(m[2]);
    if (after > this.seq) return null;
    if (after === this.seq) return [];
    const first = this.buffer[0];
    if (!first || first.seq > after + 1) return null; // the gap is no longer buffered
    return this.buffer.filter((b) => b.seq > after);
  }

  /** A snapshot may be large (10 000 sessions: ~4 MB): it does not count against the limit until sent. */
  private sendSnapshot(client: Client): void {
    if (this.snapshotCache?.seq !== this.seq) {
      const parts = this.opts.sessionsJson
        ? [
            Buffer.from(`id: ${this.runId}.${this.seq}\nevent: snapshot\ndata: {"sessions":`),
            ...this.opts.sessionsJson(),
            Buffer.from(`,"status":${JSON.stringify(this.source.status())}}\n\n`),
          ]
        : textChunks(`id: ${this.runId}.${this.seq}\nevent: snapshot\ndata: ${JSON.stringify({ sessions: this.source.list(), status: this.source.status() })}\n\n`);
      this.snapshotCache = { seq: this.seq, parts, bytes: chunksOf(parts).length };
    }
    const { parts, bytes } = this.snapshotCache;
    client.grace = bytes;
    client.res.once('drain', () => (client.grace = 0));
    // Corked: the pieces leave in one writev rather than a write each.
    client.res.cork();
    for (const part of parts) client.res.write(part);
    client.res.uncork();
  }

  private broadcast(frame: Buffer): void {
    const limit = this.opts.maxPendingBytes ?? 1024 * 1024;
    for (const client of this.clients) {
      if (client.behindSince != null) continue;
      const { res } = client;
      if (res.writableLength > limit + client.grace) {
        client.behindSince = this.clock.now();
        res.once('drain', () => {
          if (!this.clients.has(client)) return;
          client.behindSince = null;
          this.sendSnapshot(client); // what it missed, in one go
        });
        continue;
      }
      res.write(frame);
    }
  }

  private dropStuck(): void {
    const limit = this.opts.dropAfterMs ?? 30_000;
    for (const client of this.clients) {
      if (client.behindSince != null && this.clock.now() - client.behindSince > limit) {
        this.dropped++;
        this.clients.delete(client);
        client.res.destroy();
      }
    }
  }
}
