import assert from 'node:assert/strict';
import { test } from 'node:test';
import { liveIntervalMs, mediumCallsPerSecond } from '../../../main/sync/rate-budget.js';
import { LIVE_MAX_BACKOFF_MS, nextDelay } from '../../../main/sync/scheduler.js';

test('live interval stays within a quarter of each rate budget', () => {
  const rows: [Parameters<typeof liveIntervalMs>[0], number][] = [
    // Dashboard (Resource-intensive, 20/min on Business+): a quarter is 5 calls/min, one of them kept for
    // on-demand reads (who is in a meeting) -> 4 a minute for the live poll: 15 s.
    [{ strategy: 'dashboard', hosts: 3, live: 4, plan: 'business', preferredMs: 10_000 }, 15_000],
    [{ strategy: 'dashboard', hosts: 3, live: 4, plan: 'business', preferredMs: 30_000 }, 30_000],
    // 500 live meetings = 2 pages per poll -> 30 s.
    [{ strategy: 'dashboard', hosts: 1000, live: 500, plan: 'business', preferredMs: 10_000 }, 30_000],
    // Per host (Medium, 20/s on Pro -> 5/s): 3 hosts fit in 10 s.
    [{ strategy: 'per-host', hosts: 3, live: 0, plan: 'pro', preferredMs: 10_000 }, 10_000],
    // 200 hosts on Pro: 200 calls at 5/s -> 40 s.
    [{ strategy: 'per-host', hosts: 200, live: 0, plan: 'pro', preferredMs: 10_000 }, 40_000],
    // 1000 hosts on Business (60/s -> 15/s): 66.7 s.
    [{ strategy: 'per-host', hosts: 1000, live: 0, plan: 'business', preferredMs: 10_000 }, 66_667],
  ];
  for (const [input, expected] of rows) assert.equal(liveIntervalMs(input), expected, JSON.stringify(input));
});

test('medium burst rate is a quarter of the per-second limit', () => {
  assert.equal(mediumCallsPerSecond('pro'), 5);
  assert.equal(mediumCallsPerSecond('business'), 15);
});

test('next round: the interval when healthy, doubling after failures up to 5 min, never before Retry-After', () => {
  const now = 1_000_000;
  const rows: [number, number, number | null, number][] = [
    [10_000, 0, null, 10_000],
    [10_000, 1, null, 10_000],
    [10_000, 2, null, 20_000],
    [10_000, 4, null, 80_000],
    [10_000, 30, null, 300_000],
    [10_000, 1, now + 45_000, 45_000],
    [10_000, 0, now - 5_000, 10_000],
    [10_000, 1, now + 3 * 3_600_000, 3 * 3_600_000], // a daily limit: wait for it
  ];
  for (const [interval, failures, retryAt, expected] of rows) assert.equal(nextDelay(interval, failures, retryAt, now), expected);
});

test('the live list backs off to a minute at most, still never before Retry-After; a longer live interval is its own floor', () => {
  const now = 1_000_000;
  const rows: [number, number, number | null, number][] = [
    [15_000, 1, null, 15_000],
    [15_000, 3, null, 60_000],
    [15_000, 30, null, 60_000],
    [15_000, 30, now + 45_000, 60_000],
    [15_000, 30, now + 3 * 3_600_000, 3 * 3_600_000],
    [120_000, 5, null, 120_000], // events trusted: the drift check's own interval
  ];
  for (const [interval, failures, retryAt, expected] of rows) assert.equal(nextDelay(interval, failures, retryAt, now, LIVE_MAX_BACKOFF_MS), expected);
});
