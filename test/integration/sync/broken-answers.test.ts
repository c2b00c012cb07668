// An answer Zoom would never send never erases what we know. Proxies, captive portals and flaky links answer
// 200 with an empty body, an HTML page or JSON cut off mid-way; each reader (the live list, the catalog, the
// history, who is in, sign-in, a meeting's details) is fed them through the simulator's wire, and the state
// must stand, the status must say what came, and the next good answer must be read as usual.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { EmbeddedStore } from '../../../main/store/embedded.js';
import { SyncEngine } from '../../../main/sync/engine.js';
import { BACKFILL_FILE, HistoryBackfill } from '../../../main/sync/history-backfill.js';
import { zoomFaults, type FaultRule } from '../../../main/zoom-simulator/faults.js';
import { ZoomError } from '../../../main/zoom/errors.js';
import type { SessionChange } from '../../../shared/session.js';
import { startSim, type SimHarness } from '../../helpers/sim.js';

let h: SimHarness;
let dir: string;
let store: EmbeddedStore;
let engine: SyncEngine;
let clock: number;
let changes: SessionChange[];
let hostId: string;

/** The client tries each call three times (maxRetries 2): a fault for three answers fails the call. */
const TRIES = 3;
const BROKEN: NonNullable<FaultRule['broken']>[] = ['empty', 'html', { truncateAt: 20 }];
const WORDS = /\((empty body|HTML page, \d+ bytes|cut-off JSON, \d+ bytes)\)/;

beforeEach(async () => {
  clock = Date.parse('2026-11-28T12:00:00Z');
  h = await startSim({ sim: { now: () => clock }, client: { timeoutMs: 2000, maxRetries: TRIES - 1 } });
  dir = await mkdtemp(path.join(os.tmpdir(), 'zs-broken-'));
  store = new EmbeddedStore({ dataDir: dir, now: () => clock });
  await store.open();
  engine = new SyncEngine({ zoom: h.client, store, now: () => clock, sleep: async () => {} });
  changes = [];
  engine.onChanges((c) => changes.push(...c));
  hostId = h.sim.account.addUser({ email: 'ops@example.com', firstName: 'Avery', lastName: 'Ops' }).id;
});

afterEach(async () => {
  await store.close();
  await h.stop();
  await rm(dir, { recursive: true, force: true });
});

const live = () => engine.list().filter((s) => s.status === 'live').map((s) => [s.topic, s.participants]);

test('the live list: a 200 that is not Zoom\'s changes nothing, is retried, and the status says what came', async () => {
  const a = h.sim.account;
  const ward = a.addMeeting({ hostId, topic: 'Ward round' });
  const desk = a.addMeeting({ hostId, topic: 'Front desk' });
  await engine.refreshCatalog();
  a.start(ward.id, 3);
  a.start(desk.id, 1);
  await engine.pollLive();
  assert.deepEqual(live(), [['Ward round', 3], ['Front desk', 1]]);
  for (const broken of BROKEN) {
    changes.length = 0;
    const asked = h.sim.callsTo('dashboard');
    h.sim.addFault(zoomFaults.brokenAnswer('dashboard', broken, TRIES));
    assert.equal((await engine.pollLive()).ok, false, JSON.stringify(broken));
    assert.equal(h.sim.callsTo('dashboard') - asked, TRIES, 'retried like a 5xx');
    assert.deepEqual(live(), [['Ward round', 3], ['Front desk', 1]], `still live after ${JSON.stringify(broken)}`);
    assert.deepEqual(changes, [], 'nothing announced as ended');
    assert.match(engine.status().lastError!.message, /^Zoom sent an unreadable answer to dashboard live meetings /);
    assert.match(engine.status().lastError!.message, WORDS);
  }
  a.join(ward.id, 1);
  assert.equal((await engine.pollLive()).ok, true);
  assert.deepEqual(live(), [['Ward round', 4], ['Front desk', 1]], 'the next good answer is read');
});

test('the live list, cut anywhere: no truncation of a real answer loses a session (seeded cuts)', async () => {
  const a = h.sim.account;
  const ids = ['Ward round', 'Front desk', 'Pharmacy'].map((topic) => a.addMeeting({ hostId, topic }).id);
  await engine.refreshCatalog();
  ids.forEach((id, i) => a.start(id, i + 1));
  await engine.pollLive();
  assert.equal(live().length, 3);
  // The real answer is 867 bytes (measured): cut it at 40 seeded points along it.
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
  for (let i = 0; i < 40; i++) {
    const cut = 1 + (next() % 866);
    h.sim.addFault(zoomFaults.brokenAnswer('dashboard', { truncateAt: cut }, TRIES));
    await engine.pollLive();
    assert.equal(live().length, 3, `cut at ${cut} bytes`);
    h.sim.faults.clear();
  }
});

test('the catalog: an HTML users page or a cut-off meetings page deletes nothing', async () => {
  const a = h.sim.account;
  for (let i = 0; i < 13; i++) a.addMeeting({ hostId, topic: `Room ${i}` });
  await engine.refreshCatalog();
  const before = engine.list().length;
  assert.equal(before, 14, '13 meetings and the personal room');
  h.sim.addFault(zoomFaults.brokenAnswer('users', 'html', TRIES));
  assert.equal((await engine.refreshCatalog()).ok, false);
  assert.equal(engine.list().length, before);
  assert.match(engine.status().lastError!.message, /unreadable answer to list users \(HTML page, \d+ bytes\)/);
  h.sim.addFault(zoomFaults.brokenAnswer('user-meetings', { truncateAt: 40 }, TRIES));
  await engine.refreshCatalog();
  assert.equal(engine.list().length, before, 'a host whose list was cut keeps its meetings');
  assert.equal((await store.list()).length, before);
});

test('the history: a day answered with a page that is not Zoom\'s is not passed over', async () => {
  const a = h.sim.account;
  const m = a.addMeeting({ hostId, topic: 'Consults' });
  const start = Date.parse('2026-11-27T09:00:00Z');
  a.past.push({ uuid: 'past-1', id: m.id, topic: 'Consults', hostId, startedAt: new Date(start).toISOString(), endedAt: new Date(start + 30 * 60_000).toISOString(), participants: 4 });
  await engine.syncNow();
  const logs: string[] = [];
  const b = new HistoryBackfill({ source: engine, store, dataDir: dir, now: () => clock, progress: () => undefined, log: (l) => logs.push(l) });
  clock += 2 * 60_000;
  h.sim.addFault(zoomFaults.brokenAnswer('dashboard', 'html', TRIES));
  assert.equal(await b.step(), 'waiting');
  assert.match(logs.at(-1)!, /2026-11-27 were not read \(Zoom sent an unreadable answer to dashboard past meetings \(HTML page/);
  await assert.rejects(readFile(path.join(dir, BACKFILL_FILE), 'utf8'), 'the cursor did not move');
  clock += 2 * 60_000;
  assert.equal(await b.step(), 'read');
  const got = await store.instances({ from: '2026-11-27T00:00:00.000Z', to: '2026-11-28T00:00:00.000Z' });
  assert.deepEqual(got.map((i) => i.uuid), ['past-1'], 'the day is read once Zoom answers');
});

test('who is in, sign-in and a meeting\'s details: a broken 200 is a passing fault, said in words', async () => {
  const a = h.sim.account;
  const m = a.addMeeting({ hostId, topic: 'Ward round' });
  a.start(m.id, 2, ['Dr Okafor', 'Nurse Kim']);
  await engine.syncNow();
  h.sim.addFault(zoomFaults.brokenAnswer('dashboard-participants', 'empty', TRIES));
  const who = (await engine.participants(String(m.id)))!;
  assert.deepEqual(who.participants, []);
  assert.match(who.note!, /unreadable answer to dashboard meeting participants \(empty body\)/);
  assert.deepEqual((await engine.participants(String(m.id)))!.participants.map((p) => p.name), ['Dr Okafor', 'Nurse Kim'], 'not kept: asked again');
  // Sign-in answered by a captive portal: retried, not "Zoom refused the credentials".
  h.sim.expireTokens();
  h.sim.addFault(zoomFaults.brokenAnswer('oauth', 'html', 1));
  assert.equal((await h.client.getMeeting(String(m.id))).id, m.id);
  h.sim.addFault(zoomFaults.brokenAnswer('meeting', { truncateAt: 30 }, TRIES));
  await assert.rejects(h.client.getMeeting(String(m.id)), (e: ZoomError) => e.kind === 'server' && /unreadable answer to get meeting \(cut-off JSON, 30 bytes\)/.test(e.message));
});
