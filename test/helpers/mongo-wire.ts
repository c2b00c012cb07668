// A scripted MongoDB stand-in on the wire (no MongoDB can run here or in CI): OP_MSG (and OP_QUERY for a
// legacy handshake), hello/isMaster, find, insert, update (replacements, $set, update pipelines with
// $$NOW), delete, findAndModify, aggregate with $changeStream, getMore, killCursors, createIndexes,
// collMod, listCollections — in memory, one replica-set member that is its own primary. Each fault team mode
// must survive can be cued: a change-stream error with a code, an invalidate, a closed cursor,
// CommandNotFound for `hello`, an election (NotWritablePrimary, then primary again after a pause), a majority
// write concern that times out. Only what zoom-sessions sends is understood; anything else answers an error.
import net from 'node:net';
import { BSON, Long, Timestamp, type Document } from 'bson';

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;

type Doc = Record<string, unknown>;
interface ChangeEvent {
  seq: number;
  coll: string;
  op: 'insert' | 'replace' | 'delete' | 'invalidate';
  id: unknown;
}
interface StreamCursor {
  kind: 'stream';
  ns: string;
  coll: string;
  after: number;
  fullDocument: boolean;
}

/** Faults the next matching command meets, then gone (one each). */
export interface MongoCues {
  /** The next getMore on a change stream answers this error code. */
  streamError: { code: number; codeName: string; labels?: string[] } | null;
  /** The next $changeStream aggregate answers this error code (40573: not a replica set). */
  aggregateError: { code: number; codeName: string; errmsg: string } | null;
  /** Every $changeStream aggregate and getMore answers this code while set (a fatal stream, forever). */
  streamAlwaysFails: { code: number; codeName: string } | null;
  /** The next getMore on a change stream ends it: cursor id 0 (the server closed it). */
  closeCursor: boolean;
  /** `hello` is CommandNotFound (MongoDB 4.4.0/4.4.1). */
  noHello: boolean;
  /** Until this time (ms) the member is a secondary: writes answer NotWritablePrimary. */
  electionUntil: number;
  /** The next majority write applies but its write concern times out (WriteConcernFailed, wtimeout). */
  majorityTimeout: boolean;
}

export interface MongoWire {
  port: number;
  uri: string;
  cues: MongoCues;
  /** The server's clock ($$NOW), settable: a member whose time differs from the clients'. */
  now: () => number;
  setClockOffset(ms: number): void;
  /** Commands received, by name (the tests count aggregates, collMods…). */
  commands: { name: string; body: Doc; at: number }[];
  /** The documents of db.coll (a test reads what was written). */
  docs(db: string, coll: string): Doc[];
  /** Writes as another client would, with its change event. */
  write(db: string, coll: string, doc: Doc): void;
  /** Drops a collection: streams on it see `invalidate`. */
  drop(db: string, coll: string): void;
  stop(): Promise<void>;
}

const err = (code: number, codeName: string, errmsg: string, labels?: string[]) => ({ ok: 0, code, codeName, errmsg, ...(labels ? { errorLabels: labels } : {}) });
const token = (seq: number) => ({ _data: seq.toString(16).padStart(16, '0') });
const seqOf = (t: unknown) => parseInt(String((t as { _data?: string })?._data ?? '-1'), 16);

export async function startMongoWire(): Promise<MongoWire> {
  let offset = 0;
  const now = () => Date.now() + offset;
  const dbs = new Map<string, Map<string, Map<string, Doc>>>();
  const indexes = new Map<string, Map<string, Doc>>(); // ns -> name -> spec
  const events: ChangeEvent[] = [];
  const waiting = new Set<() => void>();
  const cursors = new Map<bigint, StreamCursor | { kind: 'done' }>();
  let nextCursor = 1n;
  let seq = 0;
  const cues: MongoCues = { streamError: null, aggregateError: null, streamAlwaysFails: null, closeCursor: false, noHello: false, electionUntil: 0, majorityTimeout: false };
  const commands: MongoWire['commands'] = [];

  const coll = (db: string, name: string) => {
    let d = dbs.get(db);
    if (!d) dbs.set(db, (d = new Map<string, Map<string, Doc>>()));
    let c = d.get(name);
    if (!c) d.set(name, (c = new Map<string, Doc>()));
    return c;
  };
  const key = (id: unknown) => JSON.stringify(id instanceof Date ? { $date: id.getTime() } : id);
  const emit = (db: string, c: string, op: ChangeEvent['op'], id: unknown) => {
    events.push({ seq: ++seq, coll: `${db}.${c}`, op, id });
    for (const w of waiting) w();
  };
  const put = (db: string, c: string, doc: Doc, op: ChangeEvent['op'] = 'replace') => {
    coll(db, c).set(key(doc._id), doc);
    emit(db, c, op, doc._id);
  };
  const hello = (isHello: boolean) => {
    const primary = now() >= cues.electionUntil;
    return {
      ok: 1,
      ...(isHello ? { isWritablePrimary: primary } : { ismaster: primary }),
      secondary: !primary,
      helloOk: true,
      setName: 'rs0',
      setVersion: 1,
      hosts: [`127.0.0.1:${port}`],
      ...(primary ? { primary: `127.0.0.1:${port}` } : {}),
      me: `127.0.0.1:${port}`,
      electionId: new BSON.ObjectId('7fffffff0000000000000001'),
      maxWireVersion: 21,
      minWireVersion: 0,
      maxBsonObjectSize: 16_777_216,
      maxMessageSizeBytes: 48_000_000,
      maxWriteBatchSize: 100_000,
      logicalSessionTimeoutMinutes: 30,
      localTime: new Date(now()),
      connectionId: 1,
    };
  };
  const clusterTime = () => ({ operationTime: new Timestamp({ t: Math.floor(now() / 1000), i: seq + 1 }) });

  async function run(cmd: Doc): Promise<Doc> {
    const name = Object.keys(cmd)[0]!;
    const db = typeof cmd.$db === 'string' ? cmd.$db : 'admin';
    commands.push({ name, body: cmd, at: now() });
    const writes = ['insert', 'update', 'delete', 'findAndModify', 'createIndexes', 'collMod'];
    if (writes.includes(name) && now() < cues.electionUntil) return err(10107, 'NotWritablePrimary', 'not primary', ['RetryableWriteError']);
    switch (name) {
      case 'hello':
        return cues.noHello ? err(59, 'CommandNotFound', "no such command: 'hello'") : hello(true);
      case 'isMaster':
      case 'ismaster':
        return hello(false);
      case 'ping':
      case 'endSessions':
        return { ok: 1 };
      case 'buildInfo':
      case 'buildinfo':
        return { ok: 1, version: '7.0.14', versionArray: [7, 0, 14, 0] };
      case 'listCollections':
        return { ok: 1, cursor: { id: Long.ZERO, ns: `${db}.$cmd.listCollections`, firstBatch: [...(dbs.get(db)?.keys() ?? [])].map((n) => ({ name: n, type: 'collection' })) } };
      case 'find':
        return find(db, cmd);
      case 'insert':
        for (const d of (cmd.documents as Doc[]) ?? []) put(db, String(cmd.insert), d, 'insert');
        return { ok: 1, n: (cmd.documents as Doc[]).length, ...clusterTime() };
      case 'update':
        return update(db, cmd);
      case 'delete': {
        let n = 0;
        for (const d of cmd.deletes as Doc[]) {
          const c = coll(db, String(cmd.delete));
          for (const [k, doc] of [...c]) {
            if (!matches(doc, d.q as Doc)) continue;
            c.delete(k);
            emit(db, String(cmd.delete), 'delete', doc._id);
            n++;
            if (d.limit === 1) break;
          }
        }
        return { ok: 1, n };
      }
      case 'findAndModify':
        return findAndModify(db, cmd);
      case 'createIndexes':
        return createIndexes(db, cmd);
      case 'collMod': {
        const spec = cmd.index as Doc;
        const idx = indexes.get(`${db}.${String(cmd.collMod)}`)?.get(String(spec.name));
        if (!idx) return err(27, 'IndexNotFound', `cannot find index ${String(spec.name)}`);
        const before = idx.expireAfterSeconds;
        idx.expireAfterSeconds = spec.expireAfterSeconds;
        return { ok: 1, expireAfterSeconds_old: before, expireAfterSeconds_new: spec.expireAfterSeconds };
      }
      case 'aggregate':
        return aggregate(db, cmd);
      case 'getMore':
        return getMore(db, cmd);
      case 'killCursors':
        for (const id of cmd.cursors as Long[]) cursors.delete(BigInt(id.toString()));
        return { ok: 1, cursorsKilled: cmd.cursors };
      default:
        return err(59, 'CommandNotFound', `no such command: '${name}' (the stand-in does not know it)`);
    }
  }

  function find(db: string, cmd: Doc): Doc {
    let docs = [...coll(db, String(cmd.find)).values()].filter((d) => matches(d, (cmd.filter as Doc) ?? {}));
    const sort = cmd.sort as Doc | undefined;
    if (sort) for (const [k, dir] of Object.entries(sort).reverse()) docs = docs.sort((a, b) => compare(a[k], b[k]) * Number(dir));
    if (typeof cmd.limit === 'number' && cmd.limit > 0) docs = docs.slice(0, cmd.limit);
    if (cmd.singleBatch || cmd.limit === 1) docs = docs.slice(0, 1);
    return { ok: 1, cursor: { id: Long.ZERO, ns: `${db}.${String(cmd.find)}`, firstBatch: docs.map((d) => project(d, cmd.projection as Doc | undefined)) } };
  }

  function update(db: string, cmd: Doc): Doc {
    let n = 0;
    let nModified = 0;
    const upserted: Doc[] = [];
    for (const [i, u] of (cmd.updates as Doc[]).entries()) {
      const c = coll(db, String(cmd.update));
      const found = [...c.values()].find((d) => matches(d, u.q as Doc));
      if (found) {
        put(db, String(cmd.update), applyUpdate(found, u.u, now()), 'replace');
        n++;
        nModified++;
      } else if (u.upsert) {
        const base = Object.fromEntries(Object.entries(u.q as Doc).filter(([k, v]) => !k.startsWith('$') && !(v && typeof v === 'object' && !(v instanceof Date))));
        const doc = applyUpdate(base, u.u, now());
        doc._id ??= new BSON.ObjectId();
        put(db, String(cmd.update), doc, 'insert');
        upserted.push({ index: i, _id: doc._id });
        n++;
      }
    }
    return { ok: 1, n, nModified, ...(upserted.length ? { upserted } : {}), ...clusterTime() };
  }

  function findAndModify(db: string, cmd: Doc): Doc {
    const c = coll(db, String(cmd.findAndModify));
    const found = [...c.values()].find((d) => matches(d, (cmd.query as Doc) ?? {}));
    let value: Doc | null = null;
    if (found) value = applyUpdate(found, cmd.update, now());
    else if (cmd.upsert) value = applyUpdate({ ...(cmd.query as Doc) }, cmd.update, now());
    if (value) put(db, String(cmd.findAndModify), value, found ? 'replace' : 'insert');
    const wc = cmd.writeConcern as Doc | undefined;
    const reply: Doc = { ok: 1, value: cmd.new ? value : (found ?? null), lastErrorObject: { n: value ? 1 : 0, updatedExisting: !!found }, ...clusterTime() };
    if (wc?.w === 'majority' && cues.majorityTimeout) {
      cues.majorityTimeout = false;
      reply.writeConcernError = { code: 64, codeName: 'WriteConcernFailed', errmsg: 'waiting for replication timed out', errInfo: { wtimeout: true } };
    }
    return reply;
  }

  function createIndexes(db: string, cmd: Doc): Doc {
    const ns = `${db}.${String(cmd.createIndexes)}`;
    const known = indexes.get(ns) ?? new Map<string, Doc>();
    indexes.set(ns, known);
    coll(db, String(cmd.createIndexes));
    for (const spec of cmd.indexes as Doc[]) {
      const had = known.get(String(spec.name));
      if (had && had.expireAfterSeconds !== spec.expireAfterSeconds) {
        return err(85, 'IndexOptionsConflict', `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(had)}`);
      }
      known.set(String(spec.name), { ...spec });
    }
    return { ok: 1, numIndexesBefore: known.size, numIndexesAfter: known.size };
  }

  function aggregate(db: string, cmd: Doc): Doc {
    const stage = ((cmd.pipeline as Doc[])[0] ?? {}).$changeStream as Doc | undefined;
    if (!stage) return err(59, 'CommandNotFound', 'the stand-in aggregates only $changeStream');
    if (cues.aggregateError) {
      const e = cues.aggregateError;
      cues.aggregateError = null;
      return err(e.code, e.codeName, e.errmsg);
    }
    if (cues.streamAlwaysFails) return err(cues.streamAlwaysFails.code, cues.streamAlwaysFails.codeName, 'the change stream cannot go on');
    const resume = stage.resumeAfter ?? stage.startAfter;
    const id = nextCursor++;
    const ns = `${db}.${String(cmd.aggregate)}`;
    cursors.set(id, { kind: 'stream', ns, coll: ns, after: resume ? seqOf(resume) : seq, fullDocument: stage.fullDocument === 'updateLookup' });
    return { ok: 1, cursor: { id: Long.fromBigInt(id), ns, firstBatch: [], postBatchResumeToken: token(resume ? seqOf(resume) : seq) }, ...clusterTime() };
  }

  async function getMore(db: string, cmd: Doc): Promise<Doc> {
    const id = BigInt((cmd.getMore as Long).toString());
    const cur = cursors.get(id);
    if (!cur || cur.kind !== 'stream') return err(43, 'CursorNotFound', `cursor id ${id} not found`);
    const fail = cues.streamError ?? cues.streamAlwaysFails;
    if (fail) {
      cues.streamError = null;
      cursors.delete(id);
      return err(fail.code, fail.codeName, `the change stream failed (${fail.codeName})`, (fail as { labels?: string[] }).labels);
    }
    if (cues.closeCursor) {
      cues.closeCursor = false;
      cursors.delete(id);
      return { ok: 1, cursor: { id: Long.ZERO, ns: cur.ns, nextBatch: [], postBatchResumeToken: token(cur.after) } };
    }
    const pending = () => events.filter((e) => e.seq > cur.after && e.coll === cur.coll);
    if (pending().length === 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          waiting.delete(done);
          clearTimeout(t);
          resolve();
        };
        const t = setTimeout(done, Math.min(Number(cmd.maxTimeMS ?? 1_000), 1_000));
        waiting.add(done);
      });
    }
    const batch = pending();
    const [dbName, c] = [cur.ns.split('.')[0]!, cur.ns.split('.').slice(1).join('.')];
    const out = batch.map((e) => ({
      _id: token(e.seq),
      operationType: e.op,
      clusterTime: new Timestamp({ t: Math.floor(now() / 1000), i: e.seq }),
      ...(e.op === 'invalidate' ? {} : { ns: { db: dbName, coll: c }, documentKey: { _id: e.id } }),
      ...((e.op === 'insert' || e.op === 'replace') && cur.fullDocument ? { fullDocument: coll(dbName, c).get(key(e.id)) ?? null } : {}),
    }));
    const invalidated = batch.some((e) => e.op === 'invalidate');
    cur.after = batch.length ? batch[batch.length - 1]!.seq : Math.max(cur.after, seq);
    if (invalidated) cursors.delete(id);
    return { ok: 1, cursor: { id: invalidated ? Long.ZERO : Long.fromBigInt(id), ns: cur.ns, nextBatch: out, postBatchResumeToken: token(cur.after) }, ...clusterTime() };
  }

  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 16 && buf.length >= buf.readInt32LE(0)) {
        const len = buf.readInt32LE(0);
        const msg = buf.subarray(0, len);
        buf = buf.subarray(len);
        void answer(socket, msg);
      }
    });
  });

  async function answer(socket: net.Socket, msg: Buffer): Promise<void> {
    const requestId = msg.readInt32LE(4);
    const opCode = msg.readInt32LE(12);
    if (opCode === OP_QUERY) {
      // Legacy handshake: flags, "admin.$cmd\0", skip, return, then the query document.
      const nameEnd = msg.indexOf(0, 20);
      const query: Doc = BSON.deserialize(msg.subarray(nameEnd + 9));
      const reply = Buffer.from(BSON.serialize(await run({ ...query, $db: 'admin' })));
      const head = Buffer.alloc(20);
      head.writeInt32LE(1, 16);
      socket.write(frame(requestId, OP_REPLY, Buffer.concat([head, reply])));
      return;
    }
    if (opCode !== OP_MSG) return;
    let off = 20;
    let body: Doc = {};
    while (off < msg.length) {
      const kind = msg.readUInt8(off++);
      if (kind === 0) {
        const size = msg.readInt32LE(off);
        body = { ...BSON.deserialize(msg.subarray(off, off + size), { promoteLongs: false }), ...body };
        off += size;
      } else {
        const size = msg.readInt32LE(off);
        const end = off + size;
        const id = msg.toString('utf8', off + 4, msg.indexOf(0, off + 4));
        let p = msg.indexOf(0, off + 4) + 1;
        const docs: Document[] = [];
        while (p < end) {
          const n = msg.readInt32LE(p);
          docs.push(BSON.deserialize(msg.subarray(p, p + n)));
          p += n;
        }
        body[id] = docs;
        off = end;
      }
    }
    const reply = await run(body);
    if (socket.destroyed) return;
    socket.write(frame(requestId, OP_MSG, Buffer.concat([Buffer.alloc(5), Buffer.from(BSON.serialize(reply))])));
  }

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    // Discovered as a replica set (no directConnection): writes wait for a primary, as on a real one.
    uri: `mongodb://127.0.0.1:${port}/`,
    cues,
    now,
    setClockOffset: (ms) => (offset = ms),
    commands,
    docs: (db, c) => [...coll(db, c).values()],
    write: (db, c, doc) => put(db, c, doc),
    drop(db, c) {
      dbs.get(db)?.delete(c);
      emit(db, c, 'invalidate', null);
    },
    async stop() {
      for (const w of waiting) w();
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

function frame(responseTo: number, opCode: number, body: Buffer): Buffer {
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + body.length, 0);
  header.writeInt32LE(Math.floor(Math.random() * 1e9), 4);
  header.writeInt32LE(responseTo, 8);
  header.writeInt32LE(opCode, 12);
  return Buffer.concat([header, body]);
}

function compare(a: unknown, b: unknown): number {
  const v = (x: unknown) => (x instanceof Date ? x.getTime() : x == null ? -Infinity : x);
  const [x, y] = [v(a), v(b)] as [number | string, number | string];
  return x < y ? -1 : x > y ? 1 : 0;
}

function same(a: unknown, b: unknown): boolean {
  return compare(a, b) === 0 && (a == null) === (b == null) && JSON.stringify(a) === JSON.stringify(b);
}

/** The query operators zoom-sessions sends: equality, $in, $lt/$lte/$gt/$gte, $or, $eq. */
function matches(doc: Doc, q: Doc): boolean {
  return Object.entries(q).every(([k, cond]) => {
    if (k === '$or') return (cond as Doc[]).some((c) => matches(doc, c));
    const v = doc[k];
    if (cond && typeof cond === 'object' && !(cond instanceof Date) && !Array.isArray(cond) && Object.keys(cond).some((o) => o.startsWith('$'))) {
      return Object.entries(cond as Doc).every(([op, x]) => {
        if (op === '$in') return (x as unknown[]).some((y) => same(v, y));
        if (op === '$eq') return same(v, x);
        if (v === undefined) return false;
        if (op === '$lt') return compare(v, x) < 0;
        if (op === '$lte') return compare(v, x) <= 0;
        if (op === '$gt') return compare(v, x) > 0;
        if (op === '$gte') return compare(v, x) >= 0;
        throw new Error(`the stand-in does not know ${op}`);
      });
    }
    return cond === null ? v == null : same(v, cond);
  });
}

function project(doc: Doc, p: Doc | undefined): Doc {
  if (!p || Object.keys(p).length === 0) return doc;
  const including = Object.entries(p).some(([k, v]) => k !== '_id' && v);
  if (including) return Object.fromEntries(Object.entries(doc).filter(([k]) => p[k] || (k === '_id' && p._id !== 0)));
  return Object.fromEntries(Object.entries(doc).filter(([k]) => p[k] !== 0));
}

/** A replacement, a $set, or an update pipeline of $set stages (with the expressions the lease uses). */
function applyUpdate(doc: Doc, u: unknown, now: number): Doc {
  if (Array.isArray(u)) {
    let out = { ...doc };
    for (const stage of u as Doc[]) {
      const set = stage.$set as Doc;
      const input = out;
      out = { ...out, ...Object.fromEntries(Object.entries(set).map(([k, e]) => [k, evaluate(e, input, now)])) };
    }
    return out;
  }
  const upd = u as Doc;
  if (Object.keys(upd).some((k) => k.startsWith('$'))) {
    const out = { ...doc };
    for (const [k, v] of Object.entries((upd.$set as Doc) ?? {})) out[k] = v;
    return out;
  }
  return { _id: doc._id, ...upd };
}

function evaluate(e: unknown, doc: Doc, now: number): unknown {
  if (e === '$$NOW') return new Date(now);
  if (typeof e === 'string' && e.startsWith('$')) return doc[e.slice(1)];
  if (!e || typeof e !== 'object' || e instanceof Date || Array.isArray(e)) return e;
  const [op, args] = Object.entries(e as Doc)[0]!;
  const a = (args as unknown[]).map((x) => evaluate(x, doc, now));
  switch (op) {
    case '$cond':
      return a[0] ? a[1] : a[2];
    case '$or':
      return a.some(Boolean);
    case '$eq':
      return same(a[0], a[1]);
    case '$lte':
      return compare(a[0], a[1]) <= 0;
    case '$lt':
      return compare(a[0], a[1]) < 0;
    case '$ifNull':
      return a[0] ?? a[1];
    case '$add':
      return a.some((x) => x instanceof Date) ? new Date(a.reduce<number>((s, x) => s + (x instanceof Date ? x.getTime() : Number(x)), 0)) : a.reduce<number>((s, x) => s + Number(x), 0);
    default:
      throw new Error(`the stand-in does not know ${op}`);
  }
}
