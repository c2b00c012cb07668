// Team mode: the other instances' changes to the sessions, as they happen. A change stream, opened *before*
// the collection is read (so a write between the read and the watch is never lost), that always comes back:
// - resumable errors (the driver gave up on its own resume): reopened from the stream's own resume token
//   (`cs.resumeToken` advances with every batch, even a quiet one — not only with the last event's _id);
// - the stream's history is gone (286 ChangeStreamHistoryLost, 260 InvalidResumeToken, 280
//   ChangeStreamFatalError), an `invalidate` (the collection dropped or renamed), or a close we did not ask
//   for: the token is dropped, the stream reopened, the whole collection read again;
// - no change streams here (40573: not a replica set; or a server that refuses the command): read every
//   `pollMs`, and the status notes say so.
// Every reopen waits the shared backoff (shared/backoff.ts), so no error can make a fast loop.
import type { ChangeStream, Collection, ResumeToken } from 'mongodb';
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
  const clock = o.clock ?? systemClock;
  const pollMs = o.pollMs ?? 2_000;
  let stopped = false;
  let current: ChangeStream<SessionDoc> | null = null;
  let token: ResumeToken | null = null;
  let attempt = 0;
  let timer: TimerHandle | null = null;
  let openedAt = 0;

  const later = (fn: () => void, ms: number) => {
    clock.clearTimeout(timer);
    timer = clock.setTimeout(fn, ms);
    (timer as { unref?: () => void }).unref?.();
  };

  const readWhole = async () => {
    const docs = await o.col().find({}).toArray();
    h.whole(docs.flatMap((d) => o.toSession(d) ?? []));
  };

  const reopen = (why: string, fresh: boolean) => {
    if (stopped) return;
    if (fresh) token = null;
    if (clock.now() - openedAt >= HEALTHY_MS) attempt = 0;
    const wait = backoffDelay(attempt++, o.backoff ?? REOPEN_BACKOFF, o.random ?? Math.random);
    o.log(`store: the change stream ${why}; ${fresh ? 'reading the whole collection again and ' : ''}reopening in ${Math.round(wait / 100) / 10} s.`);
    later(open, wait);
  };

  const open = () => {
    if (stopped) return;
    const cs = o.col().watch<SessionDoc>([], { fullDocument: 'updateLookup', ...(token ? { resumeAfter: token } : {}) });
    current = cs;
    openedAt = clock.now();
    const fresh = token == null;
    const mine = () => current === cs && !stopped;
    /** This stream is done: the next is opened after the backoff. */
    const over = (why: string, freshNext: boolean) => {
      if (!mine()) return;
      current = null;
      void cs.close().catch(() => undefined);
      reopen(why, freshNext);
    };
    cs.on('init', () => {
      // Open before read: whatever is written from now on comes through the stream.
      if (fresh && mine()) readWhole().catch((e: unknown) => over(`could not be followed by a read (${(e as Error).message})`, true));
    });
    cs.on('resumeTokenChanged', (t: ResumeToken) => {
      if (mine()) token = t;
    });
    cs.on('change', (ev) => {
      if (!mine()) return;
      token = cs.resumeToken ?? token;
      attempt = 0;
      if (ev.operationType === 'insert' || ev.operationType === 'replace' || ev.operationType === 'update') {
        const session = ev.fullDocument ? o.toSession(ev.fullDocument) : null;
        if (session) h.changes([{ type: 'upsert', session }]);
      } else if (ev.operationType === 'delete') {
        h.changes([{ type: 'remove', meetingId: String(ev.documentKey._id) }]);
      } else if (ev.operationType === 'invalidate' || ev.operationType === 'drop' || ev.operationType === 'rename' || ev.operationType === 'dropDatabase') {
        over(`was invalidated (${ev.operationType})`, true);
      }
    });
    cs.on('error', (e) => {
      if (!mine()) return;
      const kind = classifyStreamError(e);
      const code = e instanceof MongoServerError ? ` (code ${e.code})` : '';
      if (kind === 'poll') {
        current = null;
        void cs.close().catch(() => undefined);
        o.log(`store: this MongoDB offers no change streams${code}: reading changes every ${pollMs / 1000} s instead.`);
        h.note?.(`team: this MongoDB offers no change streams${code}; other instances' changes are read every ${pollMs / 1000} s`);
        poll();
        return;
      }
      over(kind === 'reread' ? `lost its history${code}` : `was interrupted${code}: ${e.message}`, kind === 'reread');
    });
    cs.on('close', () => over('closed', false));
  };

  const poll = () => {
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
      if (!stopped) later(() => void tick(), pollMs);
    };
    void tick();
  };

  open();
  return async () => {
    stopped = true;
    clock.clearTimeout(timer);
    const cs = current;
    current = null;
    await cs?.close().catch(() => undefined);
  };
}
