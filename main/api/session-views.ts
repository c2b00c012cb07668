// What the list routes answer: filter and order (pure), and a cache of the serialised answers that
// is dropped on every change, so a busy dashboard or script costs one JSON.stringify per change.
import { createHash, randomBytes } from 'node:crypto';
import type { SessionsQuery } from '../../shared/api-schema.js';
import type { Session, SyncStatus } from '../../shared/session.js';
import { sessionMatcher } from '../../shared/session-search.js';
import { chunksOf, gzipChunks, textChunks, type Chunks } from './byte-chunks.js';
import type { SessionSource } from './sse.js';

/** Live first; then by topic, then id. Plain comparisons: fast for 10 000 sessions. */
export function orderSessions(sessions: Session[]): Session[] {
  return [...sessions].sort((a, b) => {
    if (a.status !== b.status) return a.status === 'live' ? -1 : 1;
    const ta = a.topic.toLowerCase();
    const tb = b.topic.toLowerCase();
    if (ta !== tb) return ta < tb ? -1 : 1;
    return a.meetingId < b.meetingId ? -1 : a.meetingId > b.meetingId ? 1 : 0;
  });
}

/** `q` matches topic, host name or email, or the meeting id typed with or without spaces. */
export function filterSessions(sessions: Session[], query: SessionsQuery): Session[] {
  const matches = sessionMatcher(query.q ?? '');
  return sessions.filter((s) => (!query.status || s.status === query.status) && (!matches || matches(s)));
}

export interface CachedBody extends Chunks {
  etag: string;
  /** The body gzipped, made once when a client first asks for it (10 000 sessions: 6.7 MB, ~0.9 MB gzipped). */
  gzip(): Promise<Chunks>;
}

/** A query's sessions, serialised once per change into pieces (see byte-chunks.ts); every answer to the query
 * is made of those same pieces with the current status around them: one copy of the bytes per query. */
interface Entry {
  sessions: Buffer[];
  etag: string;
  answer: CachedBody | null;
}

const OPEN = Buffer.from('{"sessions":');
const MIDDLE = Buffer.from(',"status":');
const CLOSE = Buffer.from('}');

export class SessionViews {
  private version = 0;
  /** In every ETag, so a restart (version from 0 again) never matches an old one. */
  private readonly runId = randomBytes(4).toString('hex');
  private cache = new Map<string, Entry>();
  private ordered: Session[] | null = null;
  private status: Buffer | null = null;

  constructor(private readonly source: SessionSource) {
    source.onChanges(() => this.invalidate());
    // The status rides in the body (always current) but not in the ETag: see list(). A new status costs
    // one small JSON, not the sessions serialised again.
    source.onStatus(() => {
      this.status = null;
      for (const e of this.cache.values()) e.answer = null;
    });
  }

  /** `{sessions, status}` for a query. Its ETag is weak and names the sessions alone: every live round
   * refreshes the status, and a poller that has the list still gets a 304 until a session changes (the
   * status has its own route and SSE event). */
  list(query: SessionsQuery): CachedBody {
    const entry = this.entry(query);
    this.status ??= Buffer.from(JSON.stringify(this.source.status() satisfies SyncStatus));
    if (!entry.answer) {
      const answer = chunksOf([OPEN, ...entry.sessions, MIDDLE, this.status, CLOSE]);
      let zipped: Promise<Chunks> | null = null;
      entry.answer = { ...answer, etag: entry.etag, gzip: () => (zipped ??= gzipChunks(answer.chunks)) };
    }
    return entry.answer;
  }

  /** Every session as JSON (an array, in pieces), shared with the list's cache: the SSE snapshot sends these bytes. */
  allSessions(): Buffer[] {
    return this.entry({}).sessions;
  }

  private entry(query: SessionsQuery): Entry {
    const key = `${query.status ?? ''}\u0000${query.q ?? ''}`;
    let entry = this.cache.get(key);
    if (!entry) {
      this.ordered ??= orderSessions(this.source.list());
      const queryTag = createHash('sha1').update(key).digest('hex').slice(0, 8);
      entry = { sessions: textChunks(JSON.stringify(filterSessions(this.ordered, query))), etag: `W/"${this.runId}.${this.version}.${queryTag}"`, answer: null };
      // Bounded: searches typed one letter at a time must not grow it forever.
      if (this.cache.size >= 64) this.cache.clear();
      this.cache.set(key, entry);
    }
    return entry;
  }

  private invalidate(): void {
    this.version++;
    this.cache.clear();
    this.ordered = null;
    this.status = null; // its live interval follows the live count
  }
}
