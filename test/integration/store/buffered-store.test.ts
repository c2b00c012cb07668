// The database goes away and comes back: nothing is lost, nothing throws at the engine, and the status
// says since when. The database is the embedded store behind a switch (no MongoDB server here).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { BufferedStore, type StoreHealth } from '../../../main/store/buffered-store.js';
import { EmbeddedStore } from '../../../main/store/embedded.js';
import { StoreError } from '../../../main/store/session-store.js';
import { SyncEngine } from '../../../main/sync/engine.js';
import { makeSession } from '../../helpers/sessions.js';
import { FlakyStore } from '../../helpers/flaky-store.js';
import { startSim, type SimHarness } from '../../helpers/sim.js';
import { until as waitUntil } from '../../helpers/until.js';

let dir: string;
let db: FlakyStore;
let health: StoreHealth[];
let store: BufferedStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zs-buffer-'));
  db = new FlakyStore(new EmbeddedStore({ dataDir: dir }));
  health = [];
  store = new BufferedStore(db, { retry: { baseMs: 20, maxMs: 50 }, onHealth: (h) => health.push(h) });
  await store.open();
});

afterEach(async () => {
  db.down = false;
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const until = (what: string, fn: () => boolean | Promise<boolean>) => waitUntil(what, fn, 2_000, 10);

test('changes made while the database is down are written, newest per meeting, when it is back', async () => {
  await store.apply([{ type: 'upsert', session: makeSession('1', { topic: 'Before' }) }]);
  db.down = true;
  await store.apply([{ type: 'upsert', session: makeSession('1', { topic: 'During 1' }) }]);
  await store.apply([{ type: 'upsert', session: makeSession('2') }, { type: 'upsert', session: makeSession('3') }]);
  await store.apply([{ type: 'upsert', session: makeSession('1', { topic: 'During 2', status: 'live', participants: 4 }) }, { type: 'remove', meetingId: '3' }]);
  await store.addToken({ hash: 'a'.repeat(64), kind: 'cookie', expiresAt: null });
  const h = store.health();
  assert.ok(h.unreachableSince != null);
  assert.equal(h.pending, 4, 'three meetings coalesced to their last change, and one token');
  assert.match(h.message!, /unreachable/);
  db.down = false;
  await until('written', () => store.health().unreachableSince == null);
  assert.deepEqual((await db.list()).map((s) => [s.meetingId, s.topic]).sort(), [['1', 'During 2'], ['2', 'Meeting 2']]);
  assert.equal((await db.get('1'))!.participants, 4);
  assert.deepEqual((await db.tokens()).map((t) => t.hash), ['a'.repeat(64)]);
  assert.deepEqual(health.at(-1), { unreachableSince: null, pending: 0, message: null });
});

test('an outage longer than a few retries loses nothing; a change arriving mid-flush is kept for the next', async () => {
  db.down = true;
  for (let i = 0; i < 20; i++) await store.apply([{ type: 'upsert', session: makeSession(String(100 + (i % 5)), { topic: `v${i}` }) }]);
  await new Promise((r) => setTimeout(r, 150)); // several failed retries
  assert.equal(store.health().pending, 5);
  db.down = false;
  const flushing = store.flush();
  await store.apply([{ type: 'upsert', session: makeSession('100', { topic: 'after' }) }]);
  await flushing;
  await until('all written', () => store.health().pending === 0);
  const topics = Object.fromEntries((await db.list()).map((s) => [s.meetingId, s.topic]));
  assert.deepEqual(topics, { '100': 'after', '101': 'v16', '102': 'v17', '103': 'v18', '104': 'v19' });
});

test('past maxPending meetings the buffer stops growing and writes the whole current state on recovery', async () => {
  const state = new Map<string, ReturnType<typeof makeSession>>();
  const small = new BufferedStore(db, { maxPending: 3, retry: { baseMs: 20, maxMs: 20 }, currentState: () => [...state.values()] });
  await small.apply([{ type: 'upsert', session: makeSession('old') }]);
  db.down = true;
  for (let i = 0; i < 10; i++) {
    const s = makeSession(String(i));
    state.set(s.meetingId, s);
    await small.apply([{ type: 'upsert', session: s }]);
  }
  assert.equal(small.health().pending, 3, 'bounded');
  db.down = false;
  await until('recovered', () => small.health().unreachableSince == null);
  assert.deepEqual((await db.list()).map((s) => s.meetingId).sort(), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], 'the whole state, and "old" (gone from it) removed');
});

test('other store errors (a full disk) still reach the caller', async () => {
  db.fail = new StoreError('full', 'The disk holding the data dir is full.');
  await assert.rejects(store.apply([{ type: 'upsert', session: makeSession('1') }]), /is full/);
  assert.equal(store.health().unreachableSince, null);
  db.fail = null;
});

test('the engine keeps working through an outage, its status says since when, and End still works', async () => {
  const h: SimHarness = await startSim();
  try {
    let engine: SyncEngine | null = null;
    const buffered = new BufferedStore(db, { retry: { baseMs: 20, maxMs: 20 }, onHealth: (x) => engine?.board.setDatabaseHealth(x) });
    engine = new SyncEngine({ zoom: h.client, store: buffered, sleep: async () => {} });
    const host = h.sim.account.addUser({ email: 'ops@example.com' });
    const m = h.sim.account.addMeeting({ hostId: host.id, topic: 'Kept in memory' });
    h.sim.account.start(m.id, 2);
    db.down = true;
    assert.equal((await engine.pollLive()).ok, true, 'a database outage is not a sync failure');
    assert.equal(engine.get(String(m.id))!.status, 'live');
    const st = engine.status();
    assert.equal(st.lastError, null);
    assert.ok(st.database && st.database.pending >= 1 && Date.parse(st.database.unreachableSince) > 0);
    const ended = await engine.endMeeting(String(m.id), 'dashboard');
    assert.equal(ended!.status, 'available');
    assert.deepEqual(h.sim.account.endedViaApi, [m.id]);
    db.down = false;
    await until('back', () => engine.status().database == null);
    assert.equal((await db.get(String(m.id)))!.status, 'available', 'the End made during the outage is written');
  } finally {
    await h.stop();
  }
});
