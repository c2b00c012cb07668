// Team mode: the other instances' changes to the sessions, as they happen. A change stream, opened *before*
// the collection is read (so a write between the read and the watch is never lost), that always comes back:
// - resumable errors (the driver gave up on its own resume): reopened from the stream's own resume token
//   (`cs.resumeToken` advances with every batch, even a quiet one — not only with the last event's _id);
// - the stream's history is gone (286 ChangeStreamHistoryLost, 260 InvalidResumeToken, 280
//   ChangeStreamFatalError) or an `invalidate` (the collection dropped or renamed): the token is dropped, the
//   stream reopened, the whole collection read again;
// - a close we did not ask for (the server ended the cursor): reopened from the token, which loses nothing
//   (a token whose history is gone by then fails as above, and the collection is read again);
// - no change streams here (40573: not a replica set; or a server that refuses the command): read every
//   `pollMs`, and the status notes say so.
// Every reopen waits the shared backoff (shared/backoff.ts), so no error can make a fast loop.
import type { ChangeStream, ChangeStreamDocument, Collection } from 'mongodb';
import { MongoServerError } from 'mongodb';
import { backoffDelay, type BackoffOptions } from '../../shared/backoff.js';
import { systemClock, type Clock, type TimerHandle } from '../../shared/clock.js';
import type { Session, SessionChange } from '../../shared/session.js';

export type SessionDoc = Session & { _id: string };

export const HISTORY_LOST = new Set([286, 260, 280]);
/** "Not a replica set", and servers that do not have the aggregate stage or command at all. */
export const NO_CHANGE_STREAMS = new Set([40573, 40324, 59, 115]);
export const REOPEN_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 60_000 };
/** A stream that lived this long before it failed starts the backoff over. */
const HEALTHY_MS = 60_000;

export type StreamFailure = 'resume' | 'reread' | 'poll';

/** Which of the three a change-stream error is. Pure. */
export function classifyStreamError(e: unknown): StreamFailure {
  const code = e instanceof MongoServerError && typeof e.code === 'number' ? e.code : null;
  if (code != null && HISTORY_LOST.has(code)) return 'reread';
  if (code != null && NO_CHANGE_STREAMS.has(code)) return 'poll';
  if (/change streams? (?:are|is) (?:only )?supported|not supported on this|\$changeStream.*(?:not|un)(?:supported|recognized)/i.test((e as Error)?.message ?? '')) return 'poll';
  return 'resume';
}

/** The changes that make `current` into `whole` (a re-read of the whole collection). Pure. */
export function wholeAsChanges(current: readonly Session[], whole: readonly Session[]): SessionChange[] {
  const keep = new Set(whole.map((s) => s.meetingId));
  return [...whole.map((session) => ({ type: 'upsert' as const, session })), ...current.filter((s) => !keep.has(s.meetingId)).map((s) => ({ type: 'remove' as const, meetingId: s.meetingId }))];
}

export interface WatchHandlers {
  /** Changes as they happen. */
  changes(changes: SessionChange[]): void;
  /** The whole collection, read after the stream opened: what a follower has becomes this. */
  whole(sessions: Session[]): void;
  /** How changes are heard when not by a stream (null: by the stream again). */
  note?(text: string | null): void;
}

export interface WatchOptions {
  col: () => Collection<SessionDoc>;
  toSession: (d: SessionDoc) => Session | null;
  log: (line: string) => void;
  pollMs?: number;
  backoff?: BackoffOptions;
  clock?: Clock;
  random?: () => number;
}

/** Starts watching; returns the stop function. */
export function watchSessions(o: WatchOptions, h: WatchHandlers): () => Promise<void> {
  const w = new SessionWatch(o, h);
  w.open();
  return () => w.stop();
}

class SessionWatch {
  private stopped = false;
  private current: ChangeStream<SessionDoc> | null = null;
  private token: unknown = null; // the driver's ResumeToken: opaque
  private attempt = 0;
  private timer: TimerHandle | null = null;
  private openedAt = 0;
  private stopPoll: (() => void) | null = null;
  private readonly clock: Clock;
  private readonly pollMs: number;

  constructor(
    private readonly o: WatchOptions,
    private readonly h: WatchHandlers,
  ) {
    this.clock = o.clock ?? systemClock;
    this.pollMs = o.pollMs ?? 2_000;
  }

  readonly readWhole = async (): Promise<void> => {
    const docs = await this.o.col().find({}).toArray();
    this.h.whole(docs.flatMap((d) => this.o.toSession(d) ?? []));
  };

  readonly open = (): void => {
    if (this.stopped) return;
    const cs = this.o.col().watch<SessionDoc>([], { fullDocument: 'updateLookup', ...(this.token ? { resumeAfter: this.token } : {}) });
    this.current = cs;
    this.openedAt = this.clock.now();
    const fresh = this.token == null;
    let read = !fresh;
    // The first resume token comes with the server's answer to the aggregate: the stream is open. Only then
    // is the collection read (open before read: whatever is written from now on comes through the stream).
    // The driver keeps its cursor's 'init' to itself; this event it passes on.
    cs.on('resumeTokenChanged', (t: unknown) => {
      if (!this.mine(cs)) return;
      this.token = t;
      if (read) return;
      read = true;
      this.readWhole().catch((e: unknown) => this.over(cs, `could not be followed by a read (${(e as Error).message})`, true));
    });
    cs.on('change', (ev) => this.onChange(cs, ev));
    cs.on('error', (e) => this.onError(cs, e));
    // The driver closes a stream before it emits the error that ended it: the error, if one comes, decides.
    cs.on('close', () => setImmediate(() => this.over(cs, 'closed', false)));
  };

  async stop(): Promise<void> {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    this.stopPoll?.();
    const cs = this.current;
    this.current = null;
    await cs?.close().catch(() => undefined);
  }

  private mine(cs: ChangeStream<SessionDoc>): boolean {
    return this.current === cs && !this.stopped;
  }

  private onChange(cs: ChangeStream<SessionDoc>, ev: ChangeStreamDocument<SessionDoc>): void {
    if (!this.mine(cs)) return;
    this.token = cs.resumeToken ?? this.token;
    this.attempt = 0;
    if (ev.operationType === 'insert' || ev.operationType === 'replace' || ev.operationType === 'update') {
      const session = ev.fullDocument ? this.o.toSession(ev.fullDocument) : null;
      if (session) this.h.changes([{ type: 'upsert', session }]);
    } else if (ev.operationType === 'delete') {
      this.h.changes([{ type: 'remove', meetingId: String(ev.documentKey._id) }]);
    } else if (ev.operationType === 'invalidate' || ev.operationType === 'drop' || ev.operationType === 'rename' || ev.operationType === 'dropDatabase') {
      this.over(cs, `was invalidated (${ev.operationType})`, true);
    }
  }

  private onError(cs: ChangeStream<SessionDoc>, e: Error): void {
    if (!this.mine(cs)) return;
    const kind = classifyStreamError(e);
    const code = e instanceof MongoServerError ? ` (code ${String(e.code)})` : '';
    if (kind !== 'poll') return this.over(cs, kind === 'reread' ? `lost its history${code}` : `was interrupted${code}: ${e.message}`, kind === 'reread');
    this.current = null;
    void cs.close().catch(() => undefined);
    this.o.log(`store: this MongoDB offers no change streams${code}: reading changes every ${this.pollMs / 1000} s instead.`);
    this.h.note?.(`team: this MongoDB offers no change streams${code}; other instances' changes are read every ${this.pollMs / 1000} s`);
    this.stopPoll = pollSessions(this.o, this.h, this.readWhole, this.pollMs, this.clock);
  }

  /** This stream is done: the next one opens after the shared backoff (from a fresh start, when `fresh`). */
  private over(cs: ChangeStream<SessionDoc>, why: string, fresh: boolean): void {
    if (!this.mine(cs)) return;
    this.current = null;
    void cs.close().catch(() => undefined);
    if (fresh) this.token = null;
    if (this.clock.now() - this.openedAt >= HEALTHY_MS) this.attempt = 0;
    const wait = backoffDelay(this.attempt++, this.o.backoff ?? REOPEN_BACKOFF, this.o.random ?? Math.random);
    this.o.log(`store: the change stream ${why}; ${fresh ? 'reading the whole collection again and ' : ''}reopening in ${Math.round(wait / 100) / 10} s.`);
    this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(this.open, wait);
    (this.timer as { unref?: () => void }).unref?.();
  }
}

/** Where there are no change streams: every id and updatedAt each `pollMs`, whole documents for what changed.
 * The first read is the whole collection. Returns the stop function. */
function pollSessions(o: WatchOptions, h: WatchHandlers, readWhole: () => Promise<void>, pollMs: number, clock: Clock): () => void {
  let stopped = false;
  let timer: TimerHandle | null = null;
  let known: Map<string, string> | null = null; // id -> updatedAt
  const tick = async () => {
    if (stopped) return;
    try {
      const docs = await o.col().find({}, { projection: { _id: 1, updatedAt: 1 } }).toArray();
      const now = new Map(docs.map((d) => [d._id, d.updatedAt]));
      if (known == null) {
        await readWhole();
      } else {
        const was = known;
        const changed = docs.filter((d) => was.get(d._id) !== d.updatedAt).map((d) => d._id);
        const removed = [...was.keys()].filter((id) => !now.has(id));
        const full = changed.length ? await o.col().find({ _id: { $in: changed } }).toArray() : [];
        const out: SessionChange[] = [...full.flatMap((d) => o.toSession(d) ?? []).map((session) => ({ type: 'upsert' as const, session })), ...removed.map((meetingId) => ({ type: 'remove' as const, meetingId }))];
        if (out.length) h.changes(out);
      }
      known = now;
    } catch (e) {
      o.log(`store: reading changes failed (${(e as Error).message}); trying again.`);
    }
    if (!stopped) {
      timer = clock.setTimeout(() => void tick(), pollMs);
      (timer as { unref?: () => void }).unref?.();
    }
  };
  void tick();
  return () => {
    stopped = true;
    clock.clearTimeout(timer);
  };
}
