// The pacer against a clock that moves only when the test says: spacing, order, and a call a person waits for.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Pacer } from '../../../main/sync/pacer.js';

/** A clock whose one pending sleep ends when the test calls wake(): the clock then reads its end. */
function manualTime() {
  const t = { at: 0, sleeps: [] as number[], wake: null as (() => void) | null };
  return Object.assign(t, {
    now: () => t.at,
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        t.sleeps.push(ms);
        t.wake = () => {
          t.at += ms;
          t.wake = null;
          resolve();
        };
      }),
  });
}

const settle = () => new Promise((r) => setImmediate(r));

/** Wakes each sleep in turn until `done` settles. */
async function runUntil<T>(time: ReturnType<typeof manualTime>, done: Promise<T>): Promise<T> {
  let finished = false;
  void done.then(() => (finished = true));
  for (await settle(); !finished; await settle()) time.wake?.();
  return done;
}

test('calls are spaced evenly at the rate, in the order asked, the first at once', async () => {
  const time = manualTime();
  const pacer = new Pacer(4, time);
  const sent: [string, number][] = [];
  await runUntil(time, pacer.map(['a', 'b', 'c', 'd'], async (x) => void sent.push([x, time.now()])));
  assert.deepEqual(sent, [['a', 0], ['b', 250], ['c', 500], ['d', 750]]);
  assert.deepEqual(time.sleeps, [250, 250, 250]);
});

test('after a quiet spell the next call goes at once; a call too soon waits only for the rest of its slot', async () => {
  const time = manualTime();
  const pacer = new Pacer(2, time);
  await pacer.take();
  time.at += 5_000;
  await pacer.take();
  assert.deepEqual(time.sleeps, []);
  time.at += 100;
  await runUntil(time, pacer.take());
  assert.deepEqual(time.sleeps, [400]);
});

test('a call a person is waiting for takes the next slot, ahead of a queued batch, and still takes a slot', async () => {
  const time = manualTime();
  const pacer = new Pacer(10, time);
  const sent: [string, number][] = [];
  const batch = pacer.map(['b1', 'b2', 'b3', 'b4', 'b5', 'b6'], async (x) => void sent.push([x, time.now()]));
  await settle(); // b1 went at once; b2 waits for its slot
  const person = pacer.map(['now'], async (x) => void sent.push([x, time.now()]), true);
  await runUntil(time, Promise.all([batch, person]));
  assert.deepEqual(sent.map(([x]) => x), ['b1', 'now', 'b2', 'b3', 'b4', 'b5', 'b6']);
  assert.deepEqual(sent.map(([, at]) => at), [0, 100, 200, 300, 400, 500, 600], 'seven calls at 10/s, evenly');
});

test('a sleep that does not wait (tests) still lets every call go, one slot each', async () => {
  const frozen = { now: () => 0, sleep: async () => {} };
  const pacer = new Pacer(1, frozen);
  assert.deepEqual(await pacer.map([1, 2, 3], async (x) => x * 2), [2, 4, 6]);
});
