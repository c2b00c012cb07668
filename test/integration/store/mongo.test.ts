// The MongoDB store against a real server: the same contract suite as the embedded store, the lease
// primitive, change streams (or polling) and the import from the original exercise. Runs only with
// MONGODB_URI (no server can be installed on the development machine); each run uses its own database.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { test } from 'node:test';
import type { SessionChange } from '../../../shared/session.js';
import { redactMongoUri } from '../../../main/config.js';
import { MongoStore } from '../../../main/store/mongo.js';
import { hashToken } from '../../../main/store/tokens.js';
import { makeSession } from '../../helpers/sessions.js';
import { storeContract } from './store-contract.js';
import { until } from '../../helpers/until.js';

const URI = process.env.MONGODB_URI;
if (!URI) console.log('# skipped the MongoDB store tests: set MONGODB_URI (e.g. mongodb://127.0.0.1:27017) to run them');
const skip = URI ? false : 'MONGODB_URI is not set';
const uri = URI ?? 'mongodb://127.0.0.1:1';
const dbNames: string[] = [];
const freshDb = () => {
  const name = `zs_test_${randomBytes(4).toString('hex')}`;
  dbNames.push(name);
  return name;
};
const store = (dbName: string, log?: (l: string) => void) => new MongoStore({ uri, dbName, shown: redactMongoUri(uri), log, serverSelectionTimeoutMs: 3_000 });

async function dropAll(): Promise<void> {
  const c = new MongoClient(uri, { serverSelectionTimeoutMS: 3_000 });
  await c.connect();
  try {
    for (const n of dbNames.splice(0)) await c.db(n).dropDatabase();
  } finally {
    await c.close();
  }
}

if (URI) {
  storeContract('mongo', async () => {
    let name = '';
    return {
      async fresh() {
        name = freshDb();
        return store(name);
      },
      async reopen() {
        return store(name);
      },
      cleanup: dropAll,
    };
  });
}

test('mongo: the lease is held by one holder until it expires, then taken over', { skip }, async () => {
  const s = store(freshDb());
  await s.open();
  try {
    const t = Date.now();
    assert.deepEqual(await s.tryLease('a', 1_000, t), { kind: 'held' });
    assert.deepEqual(await s.tryLease('a', 1_000, t + 100), { kind: 'held' }, 'renewal');
    const other = await s.tryLease('b', 1_000, t + 200);
    assert.equal(other.kind, 'taken');
    assert.equal(other.kind === 'taken' && other.holder, 'a');
    assert.deepEqual(await s.tryLease('b', 1_000, t + 1_200), { kind: 'held' }, 'expired: taken over');
    // Racing for an expired lease: exactly one wins.
    const results = await Promise.all(['c', 'd', 'e'].map((h) => s.tryLease(h, 1_000, t + 5_000)));
    assert.equal(results.filter((r) => r.kind === 'held').length, 1);
  } finally {
    await s.close();
    await dropAll();
  }
});

test('mongo: another instance sees changes (change stream on a replica set, else a read every 2 s)', { skip }, async () => {
  const name = freshDb();
  const writer = store(name);
  const reader = store(name);
  await writer.open();
  await reader.open();
  const seen: SessionChange[] = [];
  const stop = reader.watch({ changes: (c) => seen.push(...c), whole: () => undefined }, 200);
  try {
    await new Promise((r) => setTimeout(r, 500));
    await writer.apply([{ type: 'upsert', session: makeSession('1', { topic: 'Seen' }) }]);
    await writer.apply([{ type: 'remove', meetingId: '1' }]);
    await until('the remove seen by the watcher', () => seen.some((c) => c.type === 'remove'), 5_000, 50);
    assert.ok(seen.some((c) => c.type === 'upsert' && c.session.topic === 'Seen'));
    assert.ok(seen.some((c) => c.type === 'remove' && c.meetingId === '1'));
  } finally {
    await stop();
    await writer.close();
    await reader.close();
    await dropAll();
  }
});

test("mongo: the original exercise's collections are imported once, and the log says so", { skip }, async () => {
  const name = freshDb();
  const c = new MongoClient(uri);
  await c.connect();
  await c.db(name).collection('meetings_resource').insertMany([{ entity_id: 81234567890, url: 'https://zoom.us/j/81234567890?pwd=x' }, { entity_id: 'junk' }]);
  await c.db(name).collection('users').insertOne({ api_token: 'ExampleAccess' });
  await c.close();
  const lines: string[] = [];
  const s = store(name, (l) => lines.push(l));
  await s.open();
  try {
    assert.equal((await s.get('81234567890'))!.joinUrl, 'https://zoom.us/j/81234567890?pwd=x');
    assert.deepEqual((await s.tokens()).map((t) => t.hash), [hashToken('ExampleAccess')]);
    assert.match(lines.join('\n'), /imported from the original exercise's collections: 1 meeting\(s\).*1 API token\(s\).*1 entry skipped/);
    await s.close();
    lines.length = 0;
    await s.open();
    assert.ok(!lines.some((l) => l.includes('imported')), 'once');
  } finally {
    await s.close();
    await dropAll();
  }
});

test('mongo: an unreachable server is a clear StoreError that never shows the password', async () => {
  const s = new MongoStore({ uri: 'mongodb://ops:hunter2-secret@127.0.0.1:1/', dbName: 'x', shown: redactMongoUri('mongodb://ops:hunter2-secret@127.0.0.1:1/'), serverSelectionTimeoutMs: 300 });
  await assert.rejects(s.open(), (e: Error) => {
    assert.equal(e.name, 'StoreError');
    assert.match(e.message, /^MongoDB at mongodb:\/\/ops:\*\*\*@127\.0\.0\.1:1\/ is unreachable: /);
    assert.ok(!e.message.includes('hunter2-secret'));
    return true;
  });
});
