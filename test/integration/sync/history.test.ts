// The usage history, end to end through the simulator: instances recorded from Zoom's lists, their peak and
// participant-minutes batched into one write a flush, who ended one through the app, and a restart that
// goes on with the instance still live rather than starting another.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { EmbeddedStore } from '../../../main/store/embedded.js';
import { SyncEngine } from '../../../main/sync/engine.js';
import { HistoryKeeper } from '../../../main/sync/history-keeper.js';
import { startSim, type SimHarness } from '../../helpers/sim.js';
import type { Clock } from '../../../shared/clock.js';
import { systemClock } from '../../../shared/clock.js';

let h: SimHarness;
const running: (() => Promise<void>)[] = [];
let dir: string;
let clock: number;
let hostId: string;
const MIN = 60_000;
const iso = (t: number) => new Date(t).toISOString();
const testClock: Clock = { ...systemClock, now: () => clock };
const all = () => ({ from: iso(clock - 400 * 24 * 60 * MIN), to: iso(clock + MIN) });

beforeEach(async () => {
  clock = Date.parse('2026-11-28T09:00:00Z');
  h = await startSim({ sim: { now: () => clock }, client: { timeoutMs: 2000, maxRetries: 2 } });
  dir = await mkdtemp(path.join(os.tmpdir(), 'zs-history-'));
  hostId = h.sim.account.addUser({ email: 'ops@example.com', firstName: 'Avery', lastName: 'Ops' }).id;
});

afterEach(async () => {
  for (const stop of running.splice(0)) await stop().catch(() => undefined);
  await h.stop();
  await rm(dir, { recursive: true, force: true });
});

async function run(): Promise<{ store: EmbeddedStore; engine: SyncEngine; keeper: HistoryKeeper; stop: () => Promise<void> }> {
  const store = new EmbeddedStore({ dataDir: dir, now: () => clock });
  await store.open();
  const engine = new SyncEngine({ zoom: h.client, store, now: () => clock, sleep: async () => {} });
  await engine.load();
  const keeper = new HistoryKeeper({ engine, store, historyKeepMs: 90 * 24 * 60 * MIN, flushMs: 3_600_000, clock: testClock });
  keeper.start();
  const stop = async () => (await keeper.stop(), await store.close());
  running.push(stop);
  return { store, engine, keeper, stop };
}

test('an instance from Zoom\'s lists: peak and participant-minutes written once a flush, and who ended it', async () => {
  const app = await run();
  const a = h.sim.account;
  const m = a.addMeeting({ hostId, topic: 'Ward round' });
  a.start(m.id, 2);
  await app.engine.syncNow();
  clock += 10 * MIN;
  a.join(m.id, 3);
  await app.engine.pollLive();
  clock += 10 * MIN;
  a.leave(m.id, 4);
  await app.engine.pollLive();
  let writes = 0;
  const save = app.store.saveInstances.bind(app.store);
  app.store.saveInstances = (i) => (writes++, save(i));
  await app.keeper.flush();
  assert.equal(writes, 1, 'three count changes, one write');
  const [live] = await app.store.instances(all());
  assert.deepEqual([live!.topic, live!.hostName, live!.peakParticipants, live!.participantMinutes, live!.endedAt], ['Ward round', 'Avery Ops', 5, 20 + 50, null]);
  clock += 5 * MIN;
  await app.engine.endMeeting(String(m.id), 'token:wall display');
  await app.keeper.flush();
  const [ended] = await app.store.instances(all());
  assert.deepEqual([ended!.endedAt, ended!.endedBy, ended!.participantMinutes], [iso(clock), 'token:wall display', 75]);
  await app.stop();
});

test('restart: the instance live across it stays one record; one that ended meanwhile is closed', async () => {
  const a = h.sim.account;
  const stays = a.addMeeting({ hostId, topic: 'Night desk' });
  const goes = a.addMeeting({ hostId, topic: 'Late call' });
  a.start(stays.id, 2);
  a.start(goes.id, 1);
  let app = await run();
  await app.engine.syncNow();
  clock += 30 * MIN;
  await app.stop(); // flushes on stop
  a.end(goes.id);
  clock += 5 * MIN;
  app = await run();
  await app.engine.pollLive();
  await app.keeper.flush();
  const got = await app.store.instances(all());
  assert.deepEqual(got.map((i) => [i.topic, i.endedAt == null, i.startedAt]).sort(), [
    ['Late call', false, got.find((i) => i.topic === 'Late call')!.startedAt],
    ['Night desk', true, got.find((i) => i.topic === 'Night desk')!.startedAt],
  ]);
  assert.equal(got.length, 2, 'no second record for the instance live across the restart');
  // Its minutes go on from the restart: the 5 min the app was stopped had no known count, so none are added.
  assert.equal(got.find((i) => i.topic === 'Night desk')!.participantMinutes, 2 * 30);
  await app.stop();
});
