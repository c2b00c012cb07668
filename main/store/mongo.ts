// The MongoDB store (official driver): one catalog and one set of tokens shared by a team's instances.
// Sessions are documents keyed by meeting id; each batch of changes is one bulkWrite; the team-mode
// lease is one document changed by a conditional upsert; other instances' changes arrive through a
// change stream on a replica set, else by reading every 2 s.
import { checkedJoinUrl } from '../../shared/zoom-links.js';
import { MongoClient, MongoServerError, type Collection, type Db, type Document } from 'mongodb';
import type { AuditEntry, UsageInstance } from '../../shared/api-schema.js';
import type { Session, SessionChange } from '../../shared/session.js';
import { importFromOriginal, type OriginalMeetingDoc, type OriginalUserDoc } from './original-import.js';
import { AUDIT_KEEP_MS, HISTORY_KEEP_MS, instanceKey, StoreError, type SessionStore, type TokenRecord } from './session-store.js';
import { storedAudit, storedInstance, storedSession, storedToken } from './stored-format.js';

export interface MongoStoreOptions {
  uri: string;
  dbName: string;
  /** The URI as it may be shown (password hidden). */
  shown: string;
  log?: (line: string) => void;
  now?: () => number;
  /** How long the usage history is kept (ZOOM_SESSIONS_HISTORY_DAYS). */
  historyKeepMs?: number;
  /** How long to look for a server before saying the database is unreachable. */
  serverSelectionTimeoutMs?: number;
}

type SessionDoc = Session & { _id: string };
type TokenDoc = TokenRecord & { _id: string };
/** `atDate` is the TTL index's field: MongoDB drops an entry AUDIT_KEEP_MS after it. */
type AuditDoc = AuditEntry & { atDate: Date };
/** `_id` is the instance key; `endedAtDate` (set once it ended) is the TTL index's field. */
type InstanceDoc = UsageInstance & { _id: string; endedAtDate?: Date };
interface LeaseDoc {
  _id: string;
  holder: string;
  expiresAt: Date;
}

const DUPLICATE_KEY = 11000;
/** The error a standalone server gives for a change stream (not a replica set). */
const NOT_A_REPLICA_SET = 40573;

export class MongoStore implements SessionStore {
  readonly kind = 'mongo' as const;
  private client: MongoClient | null = null;
  private db: Db | null = null;
  private readonly log: (line: string) => void;
  private readonly refusedLinks = new Set<string>();
  /** Documents that are not sessions (a foreign or damaged database): left out, each said once. */
  private readonly malformed = new Set<string>();

  constructor(private readonly opts: MongoStoreOptions) {
    this.log = opts.log ?? (() => undefined);
  }

  async open(): Promise<void> {
    if (this.client) return;
    let client: MongoClient;
    try {
      client = new MongoClient(this.opts.uri, {
        appName: 'zoom-sessions',
        retryWrites: true,
        serverSelectionTimeoutMS: this.opts.serverSelectionTimeoutMs ?? 5_000,
        connectTimeoutMS: 5_000,
        socketTimeoutMS: 20_000,
      });
    } catch (e) {
      // The driver reads the URI here; its words may quote it, so only the shown form leaves.
      const why = ((e as Error).message ?? String(e)).split(this.opts.uri).join(this.opts.shown).replace(/(\/\/[^:/@\s]+:)[^@\s]+@/g, '$1***@');
      throw new StoreError('invalid-uri', `MONGODB_URI ${this.opts.shown} cannot be used: ${why}`);
    }
    try {
      await client.connect();
      this.db = client.db(this.opts.dbName);
      this.client = client;
      await Promise.all([
        // _id is the meeting id (unique by construction); this one serves "live first, newest first" and polling followers.
        this.sessions().createIndex({ status: 1, updatedAt: -1 }, { name: 'status_updatedAt' }),
        this.sessions().createIndex({ updatedAt: -1 }, { name: 'updatedAt' }),
        this.auditCol().createIndex({ atDate: 1 }, { name: 'audit_ttl', expireAfterSeconds: AUDIT_KEEP_MS / 1000 }),
        this.historyCol().createIndex({ endedAtDate: 1 }, { name: 'history_ttl', expireAfterSeconds: Math.round((this.opts.historyKeepMs ?? HISTORY_KEEP_MS) / 1000) }),
        this.historyCol().createIndex({ startedAt: 1 }, { name: 'startedAt' }),
      ]);
      await this.importOriginalOnce();
    } catch (e) {
      await client.close().catch(() => undefined);
      this.client = null;
      throw this.unavailable(e);
    }
  }

  async close(): Promise<void> {
    const c = this.client;
    this.client = null;
    this.db = null;
    await c?.close();
  }

  async list(): Promise<Session[]> {
    return this.guard(async () => (await this.sessions().find({}).toArray()).flatMap((d) => this.toSession(d) ?? []));
  }

  async get(meetingId: string): Promise<Session | null> {
    return this.guard(async () => {
      const d = await this.sessions().findOne({ _id: meetingId });
      return d ? this.toSession(d) : null;
    });
  }

  /** One bulkWrite: the last change per meeting wins, as it would applied one by one. */
  async apply(changes: readonly SessionChange[]): Promise<void> {
    if (changes.length === 0) return;
    const last = new Map<string, SessionChange>();
    for (const c of changes) last.set(c.type === 'upsert' ? c.session.meetingId : c.meetingId, c);
    const ops = [...last.entries()].map(([id, c]) =>
      c.type === 'upsert'
        ? { replaceOne: { filter: { _id: id }, replacement: { ...c.session }, upsert: true } }
        : { deleteOne: { filter: { _id: id } } },
    );
    await this.guard(() => this.sessions().bulkWrite(ops, { ordered: false }));
  }

  async addToken(token: TokenRecord): Promise<void> {
    await this.guard(() => this.tokensCol().replaceOne({ _id: token.hash }, { ...token }, { upsert: true }));
  }

  async tokens(): Promise<TokenRecord[]> {
    return this.guard(async () => (await this.tokensCol().find({}).toArray()).flatMap(({ _id, ...t }) => storedToken(t) ?? []));
  }

  async removeToken(hash: string): Promise<void> {
    await this.guard(() => this.tokensCol().deleteOne({ _id: hash }));
  }

  async revokeAllTokens(): Promise<void> {
    await this.guard(() => this.tokensCol().deleteMany({}));
  }

  async addAudit(entry: AuditEntry): Promise<void> {
    await this.guard(() => this.auditCol().insertOne({ ...entry, atDate: new Date(entry.at) }));
  }

  /** Newest first. The TTL monitor runs once a minute: entries past 90 days are also left out here. */
  async audit(query: { limit: number; before?: string | null }): Promise<AuditEntry[]> {
    const keptAfter = new Date((this.opts.now?.() ?? Date.now()) - AUDIT_KEEP_MS);
    const atDate = query.before ? { $gt: keptAfter, $lt: new Date(query.before) } : { $gt: keptAfter };
    return this.guard(async () => {
      const docs = await this.auditCol().find({ atDate }, { projection: { _id: 0, atDate: 0 } }).sort({ atDate: -1 }).limit(query.limit).toArray();
      return docs.flatMap((d) => storedAudit(d) ?? []);
    });
  }

  async saveInstances(instances: readonly UsageInstance[]): Promise<void> {
    if (instances.length === 0) return;
    const ops = instances.map((i) => {
      const doc: InstanceDoc = { ...i, _id: instanceKey(i), ...(i.endedAt ? { endedAtDate: new Date(i.endedAt) } : {}) };
      return { replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } };
    });
    await this.guard(() => this.historyCol().bulkWrite(ops, { ordered: true }));
  }

  async instances(range: { from: string; to: string }): Promise<UsageInstance[]> {
    const expired = new Date((this.opts.now?.() ?? Date.now()) - (this.opts.historyKeepMs ?? HISTORY_KEEP_MS)).toISOString();
    const filter = { startedAt: { $lt: range.to }, $or: [{ endedAt: null }, { endedAt: { $gt: range.from > expired ? range.from : expired } }] };
    return this.guard(async () => {
      const docs = await this.historyCol().find(filter, { projection: { _id: 0, endedAtDate: 0 } }).sort({ startedAt: 1 }).toArray();
      return docs.flatMap((d) => storedInstance(d) ?? []);
    });
  }

  /**
   * The lease primitive: take or renew the sync lease if it is ours or has expired (by our clock).
   * Two instances racing for an expired lease: one upsert wins, the other hits the unique _id.
   */
  async tryLease(holder: string, ttlMs: number, now: number): Promise<{ kind: 'held' } | { kind: 'taken'; holder: string; expiresAt: number }> {
    return this.guard(async () => {
      const col = this.db!.collection<LeaseDoc>('zs_lease');
      try {
        // Driver v6+: findOneAndUpdate resolves to the document itself (or null), not a ModifyResult.
        const doc = await col.findOneAndUpdate(
          { _id: 'sync', $or: [{ holder }, { expiresAt: { $lt: new Date(now) } }] },
          { $set: { holder, expiresAt: new Date(now + ttlMs) } },
          { upsert: true, returnDocument: 'after' },
        );
        if (doc?.holder === holder) return { kind: 'held' as const };
      } catch (e) {
        if (!(e instanceof MongoServerError && e.code === DUPLICATE_KEY)) throw e;
      }
      const current = await col.findOne({ _id: 'sync' });
      return { kind: 'taken' as const, holder: current?.holder ?? 'unknown', expiresAt: current?.expiresAt.getTime() ?? now };
    });
  }

  /**
   * Other instances' changes: a change stream where the server is a replica set (resuming after a
   * blip from its last token), else a read every `pollMs`. Returns a stop function.
   */
  watch(onChanges: (changes: SessionChange[]) => void, pollMs = 2_000): () => Promise<void> {
    let stopped = false;
    let stopStream: (() => Promise<void>) | null = null;
    let timer: NodeJS.Timeout | null = null;
    const poll = () => {
      let known = new Map<string, string>(); // id -> updatedAt
      let first = true;
      const tick = async () => {
        if (stopped) return;
        try {
          const docs = await this.sessions().find({}, { projection: { _id: 1, updatedAt: 1 } }).toArray();
          const now = new Map(docs.map((d) => [d._id, d.updatedAt]));
          const changed = first ? [] : docs.filter((d) => known.get(d._id) !== d.updatedAt).map((d) => d._id);
          const removed = first ? [] : [...known.keys()].filter((id) => !now.has(id));
          known = now;
          first = false;
          const full = changed.length ? await this.sessions().find({ _id: { $in: changed } }).toArray() : [];
          const upserts = full.flatMap((d) => this.toSession(d) ?? []).map((session) => ({ type: 'upsert' as const, session }));
          const out: SessionChange[] = [...upserts, ...removed.map((meetingId) => ({ type: 'remove' as const, meetingId }))];
          if (out.length) onChanges(out);
        } catch (e) {
          this.log(`store: reading changes failed (${(e as Error).message}); trying again.`);
        }
        if (!stopped) timer = setTimeout(() => void tick(), pollMs);
      };
      void tick();
    };
    const stream = (resumeAfter?: unknown) => {
      const cs = this.sessions().watch([], { fullDocument: 'updateLookup', ...(resumeAfter ? { resumeAfter } : {}) });
      let token: unknown = resumeAfter;
      cs.on('change', (ev) => {
        token = ev._id;
        if (ev.operationType === 'insert' || ev.operationType === 'replace' || ev.operationType === 'update') {
          const session = ev.fullDocument ? this.toSession(ev.fullDocument) : null;
          if (session) onChanges([{ type: 'upsert', session }]);
        } else if (ev.operationType === 'delete') {
          onChanges([{ type: 'remove', meetingId: String(ev.documentKey._id) }]);
        }
      });
      cs.on('error', (e) => {
        if (stopped) return;
        void cs.close().catch(() => undefined);
        if (e instanceof MongoServerError && e.code === NOT_A_REPLICA_SET) {
          this.log('store: the MongoDB server is not a replica set: reading changes every 2 s instead of a change stream.');
          stopStream = null;
          poll();
          return;
        }
        this.log(`store: change stream interrupted (${e.message}); resuming.`);
        timer = setTimeout(() => (stopStream = stream(token)), 1_000);
      });
      return () => cs.close();
    };
    stopStream = stream();
    return async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await stopStream?.().catch(() => undefined);
    };
  }

  private collection<T extends Document>(name: string): Collection<T> {
    if (!this.db) throw new StoreError('unavailable', 'The MongoDB store is not open.');
    return this.db.collection<T>(name);
  }

  private sessions(): Collection<SessionDoc> {
    return this.collection<SessionDoc>('zs_sessions');
  }

  private tokensCol(): Collection<TokenDoc> {
    return this.collection<TokenDoc>('zs_tokens');
  }

  private historyCol(): Collection<InstanceDoc> {
    return this.collection<InstanceDoc>('zs_history');
  }

  private auditCol(): Collection<AuditDoc> {
    return this.collection<AuditDoc>('zs_audit');
  }

  /** Coming from the original exercise: its meetings and API tokens, once per database. */
  private async importOriginalOnce(): Promise<void> {
    const db = this.db!;
    const meta = db.collection<{ _id: string; at: Date }>('zs_meta');
    if (await meta.findOne({ _id: 'original-imported' })) return;
    const names = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
    if (names.has('meetings_resource') || names.has('users')) {
      const meetings = names.has('meetings_resource') ? await db.collection<OriginalMeetingDoc>('meetings_resource').find({}).toArray() : [];
      const users = names.has('users') ? await db.collection<OriginalUserDoc>('users').find({}).toArray() : [];
      const found = importFromOriginal(meetings, users, new Date(this.opts.now?.() ?? Date.now()));
      const known = new Set((await this.sessions().find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id));
      const fresh = found.sessions.filter((s) => !known.has(s.meetingId));
      if (fresh.length) await this.apply(fresh.map((session) => ({ type: 'upsert' as const, session })));
      for (const hash of found.tokenHashes) await this.addToken({ hash, kind: 'api', expiresAt: null });
      this.log(
        `store: imported from the original exercise's collections: ${fresh.length} meeting(s) as available sessions, ${found.tokenHashes.length} API token(s) (kept hashed)${found.skipped ? `; ${found.skipped} entr${found.skipped === 1 ? 'y' : 'ies'} skipped (no usable meeting id)` : ''}${found.refusedLinks ? `; ${found.refusedLinks} link(s) that were not https Zoom links left out` : ''}.`,
      );
    }
    await meta.updateOne({ _id: 'original-imported' }, { $set: { at: new Date() } }, { upsert: true });
  }

  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw this.unavailable(e);
    }
  }

  /** A shared database is written by others: a join link that is not Zoom's is dropped (logged once). */
  /** A document as a session: checked against the session schema, and its link against Zoom's hosts. */
  private toSession(d: SessionDoc): Session | null {
    const s = storedSession(withoutId(d));
    if (!s) {
      const id = String(d._id);
      if (!this.malformed.has(id)) {
        this.malformed.add(id);
        this.log(`store: the document ${id} in MongoDB is not a session this version reads; it is left out.`);
      }
      return null;
    }
    const joinUrl = checkedJoinUrl(s.joinUrl);
    if (joinUrl === s.joinUrl) return s;
    if (!this.refusedLinks.has(s.meetingId)) {
      this.refusedLinks.add(s.meetingId);
      this.log(`store: meeting ${s.meetingId} in MongoDB has a join link that is not an https Zoom link; it is shown without one.`);
    }
    return { ...s, joinUrl: null };
  }

  private unavailable(e: unknown): StoreError {
    return mongoFailure(e, this.opts);
  }
}

/** A driver failure as one line for a person: "too old" when the server was reached but is older than
 * the driver's floor, else "unreachable"; the URI only ever in its shown form (password hidden). */
export function mongoFailure(e: unknown, where: { uri: string; shown: string }): StoreError {
  if (e instanceof StoreError) return e;
  const why = (e as Error).message?.split('\n')[0] ?? String(e);
  const wire = /reports (?:maximum )?wire version (\d+)/.exec(why);
  if (wire) {
    const version = SERVER_BY_WIRE[Number(wire[1])] ?? `older than 4.4 (wire version ${wire[1]})`;
    return new StoreError('too-old', `MongoDB at ${where.shown} is version ${version}; zoom-sessions needs 4.4 or newer — see docs/migrate-from-the-original.md`);
  }
  return new StoreError('unavailable', `MongoDB at ${where.shown} is unreachable: ${why.split(where.uri).join(where.shown)}`);
}

/** What a server's maxWireVersion says about its version (MongoDB's wire protocol table). */
const SERVER_BY_WIRE: Record<number, string> = { 0: '2.4', 1: '2.6', 2: '2.6', 3: '3.0', 4: '3.2', 5: '3.4', 6: '3.6', 7: '4.0', 8: '4.2' };

function withoutId(d: SessionDoc): Record<string, unknown> {
  const { _id, ...s } = d as SessionDoc & Record<string, unknown>;
  void _id;
  return s;
}
