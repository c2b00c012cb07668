// Team mode against a MongoDB wire stand-in (test/helpers/mongo-wire.ts: no MongoDB server can run here or in
// CI), with the official driver: the lease by the server's clock and a majority, change streams that always
// come back (each class of error, invalidate, a closed cursor, no change streams at all), no gap at start, a
// TTL setting that changed, an election waited through, the doctor on a server without `hello`. Elections and
// rollbacks on a real replica set were never run here (docs/scale.md).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MongoServerError } from 'mongodb';
import type { Session, SessionChange } from '../../../shared/session.js';
import { MongoStore } from '../../../main/store/mongo.js';
import { mongoFailure } from '../../../main/store/mongo-errors.js';
import { probeMongo } from '../../../main/store/mongo-probe.js';
import { startMongoWire, type MongoWire } from '../../helpers/mongo-wire.js';
import { makeSession } from '../../helpers/sessions.js';
import { until } from '../../helpers/until.js';

let wire: MongoWire;
let n = 0;
before(async () => {
  wire = await startMongoWire();
});
after(() => wire.stop());

async function open(opts: { db?: string; historyKeepMs?: number; logs?: string[] } = {}): Promise<MongoStore> {
  const s = new MongoStore({ uri: wire.uri, dbName: opts.db ?? `t${++n}`, shown: wire.uri, historyKeepMs: opts.historyKeepMs, log: (l) => opts.logs?.push(l) });
  await s.open();
  return s;
}
const aggregates = () => wire.commands.filter((c) => c.name === 'aggregate');

test('the lease goes by the server clock: a desktop 10 minutes ahead neither takes a live lease nor keeps a dead one', async () => {
  const s = await open();
  try {
    const ahead = Date.now() + 10 * 60_000;
    assert.deepEqual(await s.tryLease('a', 2_000, Date.now()), { kind: 'held' });
    const b = await s.tryLease('b', 2_000, ahead);
    assert.equal(b.kind, 'taken', 'by its own clock the lease ran out 10 minutes ago; by the server it did not');
    assert.ok(b.kind === 'taken' && b.holder === 'a' && b.expiresAt > ahead && b.expiresAt <= ahead + 2_000, 'the time left comes in the asker\'s clock');
    wire.setClockOffset(2_100); // the server's time passes the expiry
    assert.deepEqual(await s.tryLease('b', 2_000, Date.now() - 10 * 60_000), { kind: 'held' }, 'a desktop 10 minutes behind takes a lapsed lease');
    assert.equal((await s.tryLease('a', 2_000, Date.now())).kind, 'taken', 'the old holder does not keep it');
  } finally {
    wire.setClockOffset(0);
    await s.close();
  }
});

test('the lease is written with a majority: a renewal whose majority timed out is not a lease', async () => {
  const s = await open();
  try {
    assert.deepEqual(await s.tryLease('a', 15_000, Date.now()), { kind: 'held' });
    const sent = wire.commands.filter((c) => c.name === 'findAndModify').at(-1)!.body;
    assert.equal((sent.writeConcern as { w: string }).w, 'majority');
    wire.cues.majorityTimeout = true;
    await assert.rejects(s.tryLease('a', 15_000, Date.now()), (e: Error) => e.name === 'StoreError' && /unreachable/.test(e.message));
  } finally {
    await s.close();
  }
});

/** A follower's view: the store's watch, with what it heard. */
function follow(s: MongoStore) {
  const seen = { changes: [] as SessionChange[], wholes: [] as Session[][], notes: [] as (string | null)[] };
  const stop = s.watch({ changes: (c) => seen.changes.push(...c), whole: (w) => seen.wholes.push(w), note: (t) => seen.notes.push(t) }, 200);
  return { seen, stop };
}

test('no gap at start: a change written after the first read and before the watch still arrives', async () => {
  const db = `gap${++n}`;
  const reader = await open({ db });
  const writer = await open({ db });
  const f0 = await reader.list(); // the engine's first read
  await writer.apply([{ type: 'upsert', session: makeSession('77', { topic: 'In the gap' }) }]);
  const { seen, stop } = follow(reader);
  try {
    assert.deepEqual(f0, []);
    await until('the whole collection read after the stream opened', () => seen.wholes.length > 0, 5_000);
    assert.deepEqual(seen.wholes[0]!.map((x) => x.topic), ['In the gap']);
  } finally {
    await stop();
    await reader.close();
    await writer.close();
  }
});

test('history lost (286, 260, 280): the token is dropped, the collection read again, the stream reopened fresh', async () => {
  for (const [code, codeName] of [[286, 'ChangeStreamHistoryLost'], [260, 'InvalidResumeToken'], [280, 'ChangeStreamFatalError']] as const) {
    const logs: string[] = [];
    const s = await open({ logs });
    const { seen, stop } = follow(s);
    try {
      await until('open', () => seen.wholes.length === 1, 5_000);
      const before = aggregates().length;
      wire.cues.streamError = { code, codeName };
      await until(`read again after ${code}`, () => seen.wholes.length === 2, 8_000);
      assert.match(logs.join('\n'), new RegExp(`lost its history \\(code ${code}\\)`));
      const reopened = aggregates().slice(before);
      assert.ok(reopened.length >= 1);
      assert.equal(((reopened[0]!.body.pipeline as { $changeStream: Record<string, unknown> }[])[0]!.$changeStream).resumeAfter, undefined, 'no resume token');
    } finally {
      await stop();
      await s.close();
    }
  }
});

test('a resumable error that reaches us: reopened from the stream\'s own token, which advanced with no event of ours', async () => {
  const logs: string[] = [];
  const s = await open({ logs });
  const { seen, stop } = follow(s);
  try {
    await until('open', () => seen.wholes.length === 1, 5_000);
    wire.write('elsewhere', 'other', { _id: 1 }); // the cluster moves on; our collection is quiet
    wire.write('elsewhere', 'other', { _id: 2 });
    await new Promise((r) => setTimeout(r, 1_500)); // a getMore answers with the newer postBatchResumeToken
    const before = aggregates().length;
    wire.cues.streamError = { code: 91, codeName: 'ShutdownInProgress' };
    await until('reopened', () => aggregates().length > before, 8_000);
    const resume = ((aggregates()[before]!.body.pipeline as { $changeStream: { resumeAfter?: { _data: string } } }[])[0]!.$changeStream).resumeAfter;
    assert.ok(resume, 'resumed, not restarted');
    assert.ok(parseInt(resume._data, 16) >= 2, `the token advanced past the other collection's writes (${resume._data})`);
    assert.equal(seen.wholes.length, 1, 'nothing to read again');
    assert.match(logs.join('\n'), /interrupted \(code 91\)/);
  } finally {
    await stop();
    await s.close();
  }
});

test('an invalidate (collection dropped) and a closed cursor are not silence: read again / reopen', async () => {
  const db = `inv${++n}`;
  const s = await open({ db });
  const { seen, stop } = follow(s);
  try {
    await until('open', () => seen.wholes.length === 1, 5_000);
    let before = aggregates().length;
    wire.drop(db, 'zs_sessions');
    await until('read again after the invalidate', () => seen.wholes.length === 2 && aggregates().length > before, 8_000);
    before = aggregates().length;
    wire.cues.closeCursor = true;
    await until('reopened after the server closed the cursor', () => aggregates().length > before, 8_000);
    const w = await open({ db });
    await w.apply([{ type: 'upsert', session: makeSession('5', { topic: 'After' }) }]);
    await until('a change on the reopened stream', () => seen.changes.some((c) => c.type === 'upsert' && c.session.topic === 'After'), 5_000);
    await w.close();
  } finally {
    await stop();
    await s.close();
  }
});

test('no change streams here (40573): reads every 2 s instead, and the status notes say so', async () => {
  const db = `poll${++n}`;
  const s = await open({ db });
  wire.cues.aggregateError = { code: 40573, codeName: 'Location40573', errmsg: 'The $changeStream stage is only supported on replica sets' };
  const { seen, stop } = follow(s);
  try {
    await until('a note', () => seen.notes.length > 0, 5_000);
    assert.match(seen.notes[0]!, /no change streams \(code 40573\).*every 0\.2 s/);
    const w = await open({ db });
    await w.apply([{ type: 'upsert', session: makeSession('6', { topic: 'Polled' }) }]);
    await until('the change read by polling', () => seen.changes.some((c) => c.type === 'upsert' && c.session.topic === 'Polled'), 5_000);
    await w.close();
  } finally {
    await stop();
    await s.close();
  }
});

test('a stream that always fails (280) reopens on the shared backoff, never in a fast loop', async (t) => {
  const s = await open();
  wire.cues.streamAlwaysFails = { code: 280, codeName: 'ChangeStreamFatalError' };
  const before = aggregates().length;
  const { stop } = follow(s);
  try {
    await new Promise((r) => setTimeout(r, 12_000));
    const attempts = aggregates().length - before;
    t.diagnostic(`reopen attempts in 12 s under a fatal stream error: ${attempts}`);
    assert.ok(attempts >= 3 && attempts <= 5, `${attempts} attempts in 12 s (1, 2, 4, 8 s apart, each half jittered)`);
  } finally {
    wire.cues.streamAlwaysFails = null;
    await stop();
    await s.close();
  }
});

test('ZOOM_SESSIONS_HISTORY_DAYS changed between starts: the TTL index is changed with collMod, open() does not fail', async () => {
  const db = `ttl${++n}`;
  const logs: string[] = [];
  await (await open({ db, historyKeepMs: 30 * 86_400_000 })).close();
  const s = await open({ db, historyKeepMs: 60 * 86_400_000, logs });
  await s.close();
  const mod = wire.commands.filter((c) => c.name === 'collMod').at(-1)!.body;
  assert.deepEqual(mod.index, { name: 'history_ttl', expireAfterSeconds: 60 * 86_400 });
  assert.match(logs.join('\n'), /history_ttl now keeps entries 60 days/);
});

test('an election of 11 s is waited through, not an outage', async () => {
  const s = await open();
  try {
    wire.cues.electionUntil = wire.now() + 11_000;
    const started = Date.now();
    await s.apply([{ type: 'upsert', session: makeSession('9') }]);
    assert.ok(Date.now() - started >= 10_000, 'it waited for the new primary');
    assert.deepEqual((await s.list()).map((x) => x.meetingId), ['9']);
  } finally {
    wire.cues.electionUntil = 0;
    await s.close();
  }
});

test('the doctor on a server without hello (4.4.0/4.4.1): isMaster instead', async () => {
  wire.cues.noHello = true;
  try {
    const p = await probeMongo({ uri: wire.uri, dbName: 'doc', shown: wire.uri });
    assert.deepEqual(p, { ok: true, version: '7.0.14', replicaSet: 'rs0', leaseHolder: null });
  } finally {
    wire.cues.noHello = false;
  }
});

test('only an outage is "unreachable": a refusal is named with its code and what to do', () => {
  const where = { uri: 'mongodb://h/', shown: 'mongodb://h/' };
  const refused = mongoFailure(new MongoServerError({ code: 13, codeName: 'Unauthorized', errmsg: 'not authorized on zs to execute command' }), where);
  assert.equal(refused.code, 'refused');
  assert.match(refused.message, /refused the request \(code 13 Unauthorized\).*give it readWrite/);
  const election = mongoFailure(new MongoServerError({ code: 10107, codeName: 'NotWritablePrimary', errmsg: 'not primary' }), where);
  assert.equal(election.code, 'unavailable');
});
