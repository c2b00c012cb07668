// The MongoDB store (official driver): one catalog and one set of tokens shared by a team's instances.
// Sessions are documents keyed by meeting id; each batch of changes is one bulkWrite. Team mode's lease
// (mongo-lease.ts: the server's clock, a majority) and the other instances' changes (mongo-watch.ts: a change
// stream that always comes back, else a read every 2 s) have modules of their own.
import { checkedJoinUrl } from '../../shared/zoom-links.js';
import { MongoClient, MongoCompatibilityError, MongoServerError, type Collection, type Db, type Document, type ServerDescriptionChangedEvent } from 'mongodb';
import { mongoFailure } from './mongo-errors.js';
import { tryLease, type LeaseAnswer } from './mongo-lease.js';
import { watchSessions, type SessionDoc, type WatchHandlers } from './mongo-watch.js';
import type { AuditEntry, UsageInstance } from '../../shared/api-schema.js';
import type { Session, SessionChange } from '../../shared/session.js';
import { importFromOriginal, type OriginalMeetingDoc, type OriginalUserDoc } from './original-import.js';
import { AUDIT_KEEP_MS, HISTORY_KEEP_MS, instanceKey, StoreError, type SessionStore, type TokenRecord } from './session-store.js';
import { storedAudit, storedInstance, storedSession, storedToken } from './stored-format.js';
import { callTimesOf, savedTimes, type CallLedgerStore, type CallTimes } from './call-ledger.js';

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

type TokenDoc = TokenRecord & { _id: string };
/** `atDate` is the TTL index's field: MongoDB drops an entry AUDIT_KEEP_MS after it. */
type AuditDoc = AuditEntry & { atDate: Date };
/** `_id` is the instance key; `endedAtDate` (set once it ended) is the TTL index's field. */
type InstanceDoc = UsageInstance & { _id: string; endedAtDate?: Date };
const DUPLICATE_KEY = 11000;
const INDEX_OPTIONS_CONFLICT = 85;

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
        // A replica set's election takes 10-12 s: operations wait through it rather than fail as an outage.
        serverSelectionTimeoutMS: this.opts.serverSelectionTimeoutMs ?? 15_000,
        connectTimeoutMS: 5_000,
        socketTimeoutMS: 20_000,
      });
    } catch (e) {
      // The driver reads the URI here; its words may quote it, so only the shown form leaves.
      const why = ((e as Error).message ?? String(e)).split(this.opts.uri).join(this.opts.shown).replace(/(\/\/[^:/@\s]+:)[^@\s]+@/g, '$1***@');
      throw new StoreError('invalid-uri', `MONGODB_URI ${this.opts.shown} cannot be used: ${why}`);
    }
    try {
      await connected(client);
      this.db = client.db(this.opts.dbName);
      this.client = client;
      await Promise.all([
        // _id is the meeting id (unique by construction); this one serves "live first, newest first" and polling followers.
        this.sessions().createIndex({ status: 1, updatedAt: -1 }, { name: 'status_updatedAt' }),
        this.sessions().createIndex({ updatedAt: -1 }, { name: 'updatedAt' }),
        this.ttlIndex('zs_audit', 'atDate', 'audit_ttl', AUDIT_KEEP_MS / 1000),
        this.ttlIndex('zs_history', 'endedAtDate', 'history_ttl', Math.round((this.opts.historyKeepMs ?? HISTORY_KEEP_MS) / 1000)),
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

  /** The lease primitive (mongo-lease.ts): by the server's clock, written to a majority. Two instances
   * racing to create it: one upsert wins, the other hits the unique _id and reads the winner. */
  async tryLease(holder: string, ttlMs: number, now: number): Promise<LeaseAnswer> {
    return this.guard(async () => {
      try {
        return await tryLease(this.db!, holder, ttlMs, now);
      } catch (e) {
        if (!(e instanceof MongoServerError && e.code === DUPLICATE_KEY)) throw e;
        return tryLease(this.db!, holder, ttlMs, now);
      }
    });
  }

  /** The team's record of recent Zoom calls for one account (the call budget's ledger): whoever leads next
   * counts the minute the last leader began. One document in zs_meta; a save merges with what is there. */
  callLedger(account: string): CallLedgerStore {
    const id = `zoom-calls:${account}`;
    const meta = () => this.collection<{ _id: string; calls: CallTimes }>('zs_meta');
    const read = async () => callTimesOf((await meta().findOne({ _id: id }, { readPreference: 'primary' }))?.calls);
    return {
      load: () => this.guard(read),
      save: (log) =>
        this.guard(async () => {
          const calls = savedTimes(await read(), log, this.opts.now?.() ?? Date.now());
          await meta().updateOne({ _id: id }, { $set: { calls } }, { upsert: true });
        }),
    };
  }

  /** Other instances' changes (mongo-watch.ts): a change stream opened before the collection is read, that
   * always comes back; reads every `pollMs` where there are no change streams. Returns a stop function. */
  watch(handlers: WatchHandlers, pollMs = 2_000): () => Promise<void> {
    return watchSessions({ col: () => this.sessions(), toSession: (d) => this.toSession(d), log: this.log, pollMs }, handlers);
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

  /** A TTL index, its expiry changed in place when a start (or a team member) asks for another one
   * (ZOOM_SESSIONS_HISTORY_DAYS changed): createIndex refuses that with IndexOptionsConflict (85), collMod
   * does it. The last start's setting wins. */
  private async ttlIndex(collection: string, field: string, name: string, seconds: number): Promise<void> {
    try {
      await this.collection(collection).createIndex({ [field]: 1 }, { name, expireAfterSeconds: seconds });
    } catch (e) {
      if (!(e instanceof MongoServerError && e.code === INDEX_OPTIONS_CONFLICT)) throw e;
      await this.db!.command({ collMod: collection, index: { name, expireAfterSeconds: seconds } });
      this.log(`store: ${name} now keeps entries ${Math.round(seconds / 86_400)} days (it kept them for another time before).`);
    }
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

/** Connects; a server too old for the driver is said at its first answer, not after the server selection's
 * 15 s (which are there to wait through an election, not for a server that will never do). */
async function connected(client: MongoClient): Promise<void> {
  let onChange: ((ev: ServerDescriptionChangedEvent) => void) | null = null;
  const incompatible = new Promise<never>((_, reject) => {
    onChange = (ev) => {
      if (ev.newDescription.error instanceof MongoCompatibilityError) reject(ev.newDescription.error);
    };
    client.on('serverDescriptionChanged', onChange);
  });
  try {
    await Promise.race([client.connect(), incompatible]);
  } finally {
    client.off('serverDescriptionChanged', onChange!);
  }
}

function withoutId(d: SessionDoc): Record<string, unknown> {
  const { _id, ...s } = d as SessionDoc & Record<string, unknown>;
  void _id;
  return s;
}
