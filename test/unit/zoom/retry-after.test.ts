import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRetryAfter } from '../../../main/zoom/retry-after.js';
import { backoffDelay } from '../../../shared/backoff.js';

const now = Date.parse('2026-11-27T10:00:00Z');

test('Retry-After: seconds, HTTP date, ISO date, absent, garbage', () => {
  const table: [string | null | undefined, number | null][] = [
    ['5', 5000],
    ['0', 0],
    [' 12 ', 12_000],
    ['1.5', 1500],
    ['Fri, 27 Nov 2026 10:00:30 GMT', 30_000],
    ['2026-11-28T00:00:00Z', 14 * 3_600_000],
    ['Fri, 27 Nov 2026 09:00:00 GMT', 0], // in the past: no wait, never negative
    [undefined, null],
    [null, null],
    ['', null],
    ['soon', null],
  ];
  for (const [header, expected] of table) assert.equal(parseRetryAfter(header, now), expected, String(header));
});

test('backoff grows exponentially, is capped, and keeps half of its delay fixed', () => {
  const opts = { baseMs: 500, maxMs: 8000 };
  assert.equal(backoffDelay(0, opts, () => 0), 250);
  assert.equal(backoffDelay(0, opts, () => 1), 500);
  assert.equal(backoffDelay(3, opts, () => 0), 2000);
  assert.equal(backoffDelay(3, opts, () => 1), 4000);
  assert.equal(backoffDelay(10, opts, () => 1), 8000);
  assert.equal(backoffDelay(10, opts, () => 0), 4000);
});
