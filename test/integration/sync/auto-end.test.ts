// Auto-end, driven end to end through the simulator: the warning, the End in Zoom (with its audit entry),
// and what stops it (a join, Keep running, the except list, a restart), by polling and by Zoom's events.
// Time is the engine's own clock; the scheduler's tick is real (and short) in the last test.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { EmbeddedStore } from '../../../main/store/embedded.js';
import type { AutoEndPolicy } from '../../../main/sync/auto-end.js';
import { SyncEngine } from '../../../main/sync/engine.js';
import { SyncScheduler } from '../../../main/sync/scheduler.js';
import { zoomFaults } from '../../../main/zoom-simulator/faults.js';
import { parseZoomEvent } from '../../../main/zoom/events/zoom-event.js';
import { startSim, type SimHarness } from '../../helpers/sim.js';
import { until } from '../../helpers/until.js';

let h: SimHarness;
let store: EmbeddedStore;
let dir: string;
let clock: number;
let hostId: string;
const MIN = 60_000;
const iso = (t: number) => new Date(t).toISOString();
const policy = (over: Partial<AutoEndPolicy> = {}): AutoEndPolicy => ({ kinds: new Set(['empty', 'alone', 'overrun']), warningMs: 5 * MIN, except: new Set(), ...over });
const makeEngine = (p: AutoEndPolicy = policy()) => new SyncEngine({ zoom: h.client, store, now: () => clock, sleep: async () => {}, autoEnd: p });

beforeEach(async () => {
  clock = Date.parse('2026-11-28T14:00:00Z');
  h = await startSim({ sim: { now: () => clock }, client: { timeoutMs: 2000, maxRetries: 2 } });
  dir = await mkdtemp(path.join(os.tmpdir(), 'zs-autoend-'));
  store = new EmbeddedStore({ dataDir: dir, now: () => clock });
  await store.open();
  hostId = h.sim.account.addUser({ email: 'ops@example.com', firstName: 'Avery', lastName: 'Ops' }).id;
});

afterEach(async () => {
  await store.close();
  await h.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Meetings left running with nobody in them, as the engine sees them by polling, `minutes` later. */
async function leftEmpty(engine: SyncEngine, topics: string[], minutes: number): Promise<string[]> {
  const a = h.sim.account;
  const ms = topics.map((topic) => a.addMeeting({ hostId, topic }));
  for (const m of ms) a.start(m.id, 1);
  await engine.syncNow();
  for (const m of ms) a.leave(m.id, 1, { keepOpen: true });
  await engine.pollLive();
  clock += minutes * MIN;
  await engine.reviewInsight();
  return ms.map((m) => String(m.id));
}

test('polling: an empty meeting is warned about for 5 min, then ended in Zoom, recorded as policy:empty', async () => {
  const engine = makeEngine();
  const [id] = (await leftEmpty(engine, ['Ops stand-up'], 10)) as [string];
  const s = engine.get(id)!;
  assert.equal(s.attention?.kind, 'empty');
  assert.equal(s.autoEndAt, iso(clock + 5 * MIN), 'the warning stands 5 min from when it is flagged');
  assert.equal((await store.get(id))!.autoEndAt, s.autoEndAt, 'stored, so a restart knows it');
  clock += 4 * MIN;
  await engine.reviewInsight();
  assert.equal(await engine.autoEnd(), 0, 'not before the warning ran out');
  clock += 1 * MIN;
  assert.equal(await engine.autoEnd(), 1);
  assert.deepEqual(h.sim.account.endedViaApi, [Number(id)]);
  assert.equal(engine.get(id)!.status, 'available');
  assert.equal(engine.get(id)!.autoEndAt, null);
  await until('the End in the audit', async () => (await engine.audit({ limit: 1 }))[0]);
  assert.deepEqual((await engine.audit({ limit: 5 })).map(({ meetingId, topic, by, outcome }) => ({ meetingId, topic, by, outcome })), [
    { meetingId: id, topic: 'Ops stand-up', by: 'policy:empty', outcome: 'ended' },
  ]);
});

test('polling: someone joining during the warning, or Keep running, stops it; the except list never warns', async () => {
  const engine = makeEngine();
  const [joined, kept] = (await leftEmpty(engine, ['Clinic room', 'Board room'], 10)) as [string, string];
  assert.ok(engine.get(joined)!.autoEndAt && engine.get(kept)!.autoEndAt, 'both warned');
  h.sim.account.join(Number(joined), 1);
  await engine.pollLive();
  assert.deepEqual([engine.get(joined)!.attention, engine.get(joined)!.autoEndAt], [null, null]);
  await engine.keep(kept);
  assert.deepEqual([engine.get(kept)!.attention, engine.get(kept)!.autoEndAt, engine.get(kept)!.kept], [null, null, true]);
  clock += 15 * MIN;
  await engine.pollLive();
  await engine.reviewInsight();
  assert.equal(await engine.autoEnd(), 0);
  assert.deepEqual(h.sim.account.endedViaApi, []);

  const sparing = makeEngine(policy({ except: new Set([String(81_000_000_003)]) }));
  await sparing.load();
  const [spared] = (await leftEmpty(sparing, ['Front desk'], 30)) as [string];
  assert.equal(spared, '81000000003');
  assert.equal(sparing.get(spared)!.attention?.kind, 'empty', 'still flagged for a person to see');
  assert.equal(sparing.get(spared)!.autoEndAt, null);
  assert.equal(await sparing.autoEnd(), 0);
  assert.deepEqual(h.sim.account.endedViaApi, []);
});

test('events: a join during an overrun\'s warning keeps the meeting (it is in use); a leave does not', async () => {
  const engine = makeEngine(policy({ kinds: new Set(['overrun']) }));
  const a = h.sim.account;
  const m = a.addMeeting({ hostId, topic: 'Vendor review', startTime: iso(clock - 50 * MIN), duration: 45 });
  clock -= 48 * MIN;
  a.start(m.id, 4);
  await engine.syncNow();
  a.onEvent((body) => {
    const e = parseZoomEvent(body, clock);
    if (e) void engine.applyEvent({ ...e, at: clock });
  });
  clock += 48 * MIN + 10 * MIN; // 15 min past its booked end
  await engine.reviewInsight();
  const id = String(m.id);
  assert.equal(engine.get(id)!.attention?.kind, 'overrun');
  assert.equal(engine.get(id)!.autoEndAt, iso(clock + 5 * MIN));
  clock += MIN;
  a.leave(m.id, 1);
  await until('the leave applied', () => engine.get(id)!.participants === 3);
  assert.equal(engine.get(id)!.autoEndAt, iso(clock + 4 * MIN), 'a leave does not stop the warning');
  a.join(m.id, 1, ['Late Larry']);
  await until('the join applied', () => engine.get(id)!.participants === 4);
  assert.deepEqual([engine.get(id)!.kept, engine.get(id)!.attention, engine.get(id)!.autoEndAt], [true, null, null]);
  clock += 60 * MIN;
  await engine.reviewInsight();
  assert.equal(await engine.autoEnd(), 0);
  assert.deepEqual(a.endedViaApi, []);
});

test('restart: a warning that ran out while the app was stopped is given again in full, never acted on at once', async () => {
  let engine = makeEngine();
  const [id] = (await leftEmpty(engine, ['Night shift'], 10)) as [string];
  assert.equal(engine.get(id)!.autoEndAt, iso(clock + 5 * MIN));
  await store.close();
  clock += 3 * 60 * MIN;
  store = new EmbeddedStore({ dataDir: dir, now: () => clock });
  await store.open();
  engine = makeEngine();
  await engine.load();
  assert.equal(engine.get(id)!.autoEndAt, iso(clock - 3 * 60 * MIN + 5 * MIN), 'as stored');
  await engine.reviewInsight();
  assert.equal(engine.get(id)!.autoEndAt, iso(clock + 5 * MIN), 'warned again');
  assert.equal(await engine.autoEnd(), 0);
  clock += 5 * MIN;
  assert.equal(await engine.autoEnd(), 1);
});

test('a Zoom refusal leaves the meeting live, recorded as failed, and warned about again rather than retried every tick', async () => {
  const engine = makeEngine();
  const [id] = (await leftEmpty(engine, ['Locked room'], 10)) as [string];
  clock += 5 * MIN;
  h.sim.account.deleteMeeting(Number(id)); // Zoom now answers 3001 (gone): the session goes; no retry to make
  assert.equal(await engine.autoEnd(), 1);
  assert.equal(engine.get(id), null);
  const [other] = (await leftEmpty(engine, ['Server error'], 10)) as [string];
  clock += 5 * MIN;
  h.sim.addFault(zoomFaults.serverError('end-meeting', 500, 5));
  assert.equal(await engine.autoEnd(), 0);
  assert.equal(engine.get(other)!.status, 'live');
  clock += 2 * MIN;
  await engine.reviewInsight();
  assert.equal(engine.get(other)!.autoEndAt, iso(clock + 5 * MIN), 'a new warning, in full');
  await until('both in the audit', async () => (await engine.audit({ limit: 5 })).length === 2);
  assert.deepEqual((await engine.audit({ limit: 5 })).map((e) => [e.topic, e.by, e.outcome, e.zoomCode]), [
    ['Server error', 'policy:empty', 'failed', 500],
    ['Locked room', 'policy:empty', 'gone', 3001],
  ]);
});

test('the scheduler\'s tick ends what was warned about and left (the instance that reads Zoom does it)', async () => {
  const engine = makeEngine();
  const [id] = (await leftEmpty(engine, ['Forgotten webinar room'], 10)) as [string];
  clock += 5 * MIN;
  const scheduler = new SyncScheduler(engine, { insightTickMs: 20, catalogIntervalMs: 3_600_000 });
  await scheduler.start();
  try {
    await until('ended by the tick', () => engine.get(id)!.status === 'available');
    assert.deepEqual(h.sim.account.endedViaApi, [Number(id)]);
  } finally {
    scheduler.stop();
  }
});
