// One live round at a time. Two rounds at once each spend a Dashboard call of the minute's five; the soak found
// a restart's first round and the WebSocket's re-read running side by side, then their retries, until the
// live list starved for a minute. The engine here is a stand-in whose rounds end when the test says: only the
// scheduler's bookkeeping is under test (the real rounds are in test/integration/sync and zoom/events).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RoundResult, SyncEngine } from '../../../main/sync/engine.js';
import { SyncScheduler } from '../../../main/sync/scheduler.js';

function standIn(nextAt: number[] = [], intervalMs = 60_000) {
  const rounds: { priority: string; end: (r: RoundResult) => void }[] = [];
  let open = 0;
  let mostAtOnce = 0;
  const engine = {
    liveIntervalMs: () => intervalMs,
    board: { setNextLiveSync: (at: number | null) => void (at != null && nextAt.push(at)), recordError: () => {} },
    stopCalls: () => {},
    refreshCatalog: async () => ({ ok: true, retryAt: null }),
    pollLive: (priority: string) =>
      new Promise<RoundResult>((resolve) => {
        mostAtOnce = Math.max(mostAtOnce, ++open);
        rounds.push({ priority, end: (r) => (open--, resolve(r)) });
      }),
  };
  return { engine: engine as unknown as SyncEngine, rounds, mostAtOnce: () => mostAtOnce };
}

const tick = () => new Promise((r) => setImmediate(r));
const OK: RoundResult = { ok: true, retryAt: null };
const FAILED: RoundResult = { ok: false, retryAt: null };

test('a read asked for while a round is under way follows it, once for every asker; never two at once', async () => {
  const { engine, rounds, mostAtOnce } = standIn();
  const scheduler = new SyncScheduler(engine);
  const first = scheduler.pollNow();
  await tick();
  // The link came up, then again, while the first round waits for its slot.
  const a = scheduler.pollNow();
  const b = scheduler.pollNow();
  await tick();
  assert.equal(rounds.length, 1, 'the second read waits for the first');
  rounds[0]!.end(FAILED);
  assert.deepEqual(await first, FAILED);
  await tick();
  assert.equal(rounds.length, 2, 'then one more, begun after the askers asked');
  rounds[1]!.end(OK);
  assert.deepEqual([await a, await b], [OK, OK], 'both askers get the read begun after them');
  await tick();
  assert.equal(rounds.length, 2);
  assert.equal(mostAtOnce(), 1);
  scheduler.stop();
});

test('a person\'s Refresh now does not wait behind a background round', async () => {
  const { engine, rounds } = standIn();
  const scheduler = new SyncScheduler(engine);
  void scheduler.pollNow();
  await tick();
  const refresh = scheduler.refreshNow();
  await tick();
  await tick();
  assert.deepEqual(rounds.map((r) => r.priority), ['background', 'exempt']);
  rounds[1]!.end(OK);
  assert.deepEqual(await refresh, OK);
  rounds[0]!.end(OK);
  scheduler.stop();
});

test('failing live rounds back off to a minute at most (the catalog\'s 5 minutes would leave the view stale long after an outage)', async () => {
  const nextAt: number[] = [];
  const { engine, rounds } = standIn(nextAt, 15_000);
  const timers = { now: () => 0, setTimeout: () => ({}), clearTimeout: () => {}, setInterval: () => ({}), clearInterval: () => {} };
  const scheduler = new SyncScheduler(engine, { clock: timers as never });
  const started = scheduler.start();
  for (let i = 0; i < 8; i++) {
    await tick();
    const round = i === 0 ? started : scheduler.pollNow();
    await tick();
    rounds.at(-1)!.end(FAILED);
    await round;
  }
  assert.deepEqual(nextAt, [15_000, 30_000, 60_000, 60_000, 60_000, 60_000, 60_000, 60_000], 'a 15-s live interval, doubling from the second failure, to a minute');
  scheduler.stop();
});
