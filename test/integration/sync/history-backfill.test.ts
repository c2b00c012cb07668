// The usage history's backfill from Zoom's Dashboard (past meetings), through the simulator's wire format:
// a page at a time within the on-demand share, newest day first, both of a day's listings (past, pastOne),
// resumable from the data dir (an expired page token starts its listing over), never replacing what the
// app recorded itself.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { EmbeddedStore } from '../../../main/store/embedded.js';
import { SyncEngine } from '../../../main/sync/engine.js';
import { BACKFILL_DAYS, BACKFILL_FILE, HistoryBackfill } from '../../../main/sync/history-backfill.js';
import { zoomFaults } from '../../../main/zoom-simulator/faults.js';
import { startSim, type SimHarness } from '../../helpers/sim.js';

let h: SimHarness;
let dir: string;
let store: EmbeddedStore;
let engine: SyncEngine;
let clock: number;
let hostId: string;
const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();
const progress: ({ done: number; total: number } | null)[] = [];
const backfill = () => new HistoryBackfill({ source: engine, store, dataDir: dir, now: () => clock, progress: (p) => progress.push(p), log: () => undefined });

beforeEach(async () => {
  clock = Date.parse('2026-11-28T12:00:00Z');
  h = await startSim({ sim: { now: () => clock }, client: { timeoutMs: 2000, maxRetries: 2 } });
  dir = await mkdtemp(path.join(os.tmpdir(), 'zs-backfill-'));
  store = new EmbeddedStore({ dataDir: dir, now: () => clock });
  await store.open();
  engine = new SyncEngine({ zoom: h.client, store, now: () => clock, sleep: async () => {} });
  hostId = h.sim.account.addUser({ email: 'ops@example.com', firstName: 'Avery', lastName: 'Ops' }).id;
  progress.length = 0;
});

afterEach(async () => {
  await store.close();
  await h.stop();
  await rm(dir, { recursive: true, force: true });
});

test('30 days read back a page at a time, newest first, within the share; what the app recorded is kept; a restart goes on', async () => {
  const a = h.sim.account;
  const m = a.addMeeting({ hostId, topic: 'Ward round' });
  for (let d = 1; d <= 35; d++) {
    const start = Date.parse('2026-11-28T09:00:00Z') - d * DAY;
    a.past.push({ uuid: `past-${d}`, id: m.id, topic: 'Ward round', hostId, startedAt: iso(start), endedAt: iso(start + 45 * 60_000), participants: 6 });
  }
  await store.saveInstances([{ uuid: 'past-2', meetingId: String(m.id), topic: 'Ward round', hostName: 'Avery Ops', startedAt: '2026-11-26T09:00:00.000Z', endedAt: '2026-11-26T09:45:00.000Z', peakParticipants: 4, participantMinutes: 150, endedBy: 'tray' }]);
  await engine.syncNow();
  const b = backfill();
  clock += 2 * 60_000;
  assert.equal(await b.step(), 'read');
  assert.equal(await b.step(), 'waiting', 'one call a minute, only when the share has been idle');
  // Each day is two listings: meetings more than one person attended (past), then those only one did (pastOne).
  assert.equal(h.sim.callsTo('dashboard'), 2, 'the live poll and one past page');
  // A person asks for names: that is a Heavy call, which leaves the Dashboard's minute (and the backfill) alone.
  a.start(m.id, 2);
  await engine.pollLive();
  clock += 2 * 60_000;
  await engine.participants(String(m.id));
  assert.equal(h.sim.callsTo('dashboard-participants'), 1);
  assert.equal(await b.step(), 'read');
  a.end(m.id);
  for (let i = 0; i < 20; i++) {
    clock += 2 * 60_000;
    assert.equal(await b.step(), 'read');
  }
  assert.deepEqual(progress.at(-1), { done: 11, total: BACKFILL_DAYS });
  assert.deepEqual(JSON.parse(await readFile(path.join(dir, BACKFILL_FILE), 'utf8')), { from: '2026-11-28', done: 11, type: 'past', page: null });
  // A restart: a new backfill goes on from day 12.
  const again = backfill();
  let last: string = '';
  for (let i = 0; i < 80 && last !== 'done'; i++) {
    clock += 2 * 60_000;
    last = await again.step();
  }
  assert.equal(last, 'done');
  assert.equal(progress.at(-1), null, 'the status note goes');
  const got = await store.instances({ from: '2026-10-01T00:00:00.000Z', to: '2026-11-28T00:00:00.000Z' });
  assert.deepEqual(got.map((i) => i.uuid).filter((u) => u!.startsWith('past-')).length, 30, 'the 30 days before the start, not the 5 before those');
  const mine = got.find((i) => i.uuid === 'past-2')!;
  assert.deepEqual([mine.peakParticipants, mine.participantMinutes, mine.endedBy], [4, 150, 'tray'], 'recorded by the app: kept');
  const read = got.find((i) => i.uuid === 'past-3')!;
  // Zoom's `participants` is everyone who took part: kept as that, the most at once not known.
  assert.deepEqual([read.hostName, read.peakParticipants, read.tookPart, read.participantMinutes, read.endedBy], ['Avery Ops', null, 6, null, null]);
  assert.equal(await again.step(), 'done');
});

test("a day's one-person meetings (pastOne) are read too, and a page token Zoom no longer honours starts that listing over", async () => {
  const a = h.sim.account;
  const m = a.addMeeting({ hostId, topic: 'Consults' });
  const day = Date.parse('2026-11-27T08:00:00Z');
  for (let k = 0; k < 350; k++) a.past.push({ uuid: `busy-${k}`, id: m.id, topic: 'Consults', hostId, startedAt: iso(day + k * 60_000), endedAt: iso(day + k * 60_000 + 30 * 60_000), participants: 2 });
  a.past.push({ uuid: 'no-show', id: m.id, topic: 'Consults', hostId, startedAt: iso(day + 600 * 60_000), endedAt: iso(day + 620 * 60_000), participants: 1 });
  const logs: string[] = [];
  await engine.syncNow();
  const b = new HistoryBackfill({ source: engine, store, dataDir: dir, now: () => clock, progress: () => undefined, log: (l) => logs.push(l) });
  clock += 2 * 60_000;
  assert.equal(await b.step(), 'read', 'the first 300');
  // A long busy spell (or a restart): the token is 20 minutes old, Zoom's live 15.
  clock += 20 * 60_000;
  assert.equal(await b.step(), 'waiting');
  assert.match(logs.at(-1)!, /no longer honours the page token for 2026-11-27; reading that day's meetings again from the first page/);
  for (let i = 0; i < 3; i++) {
    clock += 2 * 60_000;
    assert.equal(await b.step(), 'read');
  }
  const got = await store.instances({ from: '2026-11-27T00:00:00.000Z', to: '2026-11-28T00:00:00.000Z' });
  assert.equal(got.length, 351, 'each once: the first page read again was not saved twice');
  const alone = got.find((i) => i.uuid === 'no-show')!;
  assert.deepEqual([alone.tookPart, alone.peakParticipants], [1, null], 'the host who waited alone is in the history');
  assert.deepEqual(JSON.parse(await readFile(path.join(dir, BACKFILL_FILE), 'utf8')), { from: '2026-11-28', done: 1, type: 'past', page: null });
  const types = h.sim.calls.filter((c) => c.route === 'dashboard').length;
  assert.equal(types, 6, 'the live poll, then past (1, expired, 1, 2) and pastOne');
});

test('without the Dashboard the backfill waits (history starts when the app first watched)', async () => {
  h.sim.dashboardForbidden = true;
  await engine.syncNow();
  const b = backfill();
  clock += 2 * 60_000;
  assert.equal(await b.step(), 'waiting');
  assert.equal(h.sim.callsTo('dashboard'), 1, 'only the refused live poll');
});

test('while the live list is failing the backfill waits: the minute\'s Dashboard calls are the live list\'s', async () => {
  // The soak found the backfill taking a call while the live list had failed for a minute, putting the next
  // live read a minute further off.
  const a = h.sim.account;
  const m = a.addMeeting({ hostId, topic: 'Ward round' });
  const start = Date.parse('2026-11-27T09:00:00Z');
  a.past.push({ uuid: 'past-1', id: m.id, topic: 'Ward round', hostId, startedAt: iso(start), endedAt: iso(start + 45 * 60_000), participants: 6 });
  await engine.syncNow();
  h.sim.addFault(zoomFaults.serverError('dashboard', 503, 3));
  assert.equal((await engine.pollLive()).ok, false, 'every try of the live read failed');
  const b = backfill();
  clock += 2 * 60_000;
  const asked = h.sim.callsTo('dashboard');
  assert.equal(await b.step(), 'waiting');
  assert.equal(h.sim.callsTo('dashboard'), asked, 'no past page while the live list fails');
  assert.equal((await engine.pollLive()).ok, true);
  clock += 2 * 60_000;
  assert.equal(await b.step(), 'read', 'the live list read again: the backfill goes on');
});
