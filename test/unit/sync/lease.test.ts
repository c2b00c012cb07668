// The team-mode lease: tables of takeover, clock skew and failed renewals, on an injected clock.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterAttempt, INITIAL_LEASE, nextAttemptAt, roleAt, type AttemptResult, type LeaseConfig, type LeaseState } from '../../../main/sync/lease.js';

const cfg: LeaseConfig = { ttlMs: 15_000, skewMs: 2_000 };
const held: AttemptResult = { kind: 'held' };
const error: AttemptResult = { kind: 'error' };
const taken = (expiresAt: number): AttemptResult => ({ kind: 'taken', holder: 'other', expiresAt });

/** Plays attempts [time, result] in order; returns the state after the last. */
const play = (steps: [number, AttemptResult][], from: LeaseState = INITIAL_LEASE) => steps.reduce((s, [t, r]) => afterAttempt(s, r, t, cfg), from);

test('a fresh instance tries at once and is a follower until it holds the lease', () => {
  assert.equal(roleAt(INITIAL_LEASE, 0), 'follower');
  assert.equal(nextAttemptAt(INITIAL_LEASE, 1_000, cfg), 1_000);
});

test('holding: leader until ttl minus skew from when it asked, renewing every third of the ttl', () => {
  const s = play([[1_000, held]]);
  assert.equal(roleAt(s, 1_000), 'leader');
  assert.equal(roleAt(s, 13_999), 'leader');
  assert.equal(roleAt(s, 14_000), 'follower', 'gives it up skew early');
  assert.equal(nextAttemptAt(s, 1_000, cfg), 6_000);
});

const table: { name: string; steps: [number, AttemptResult][]; at: number; role: 'leader' | 'follower'; next?: number }[] = [
  { name: 'renewals keep it', steps: [[0, held], [5_000, held], [10_000, held]], at: 20_000, role: 'leader', next: 20_000 },
  { name: 'a failed renewal keeps what is surely still ours', steps: [[0, held], [5_000, error]], at: 12_000, role: 'leader' },
  { name: 'failed renewals until the lease runs out: step down (no split brain)', steps: [[0, held], [5_000, error], [10_000, error]], at: 13_000, role: 'follower' },
  { name: 'found taken while we thought we held it: step down at once', steps: [[0, held], [5_000, taken(30_000)]], at: 5_001, role: 'follower', next: 32_000 },
  { name: 'a follower waits for the holder\'s expiry plus skew', steps: [[0, taken(15_000)]], at: 1_000, role: 'follower', next: 17_000 },
  { name: 'takeover when the holder died: within one lease period plus skew of its last renewal', steps: [[0, taken(15_000)], [17_000, held]], at: 17_000, role: 'leader' },
  { name: 'database down for a follower: retry every third of the ttl', steps: [[0, error]], at: 0, role: 'follower', next: 5_000 },
];

for (const row of table) {
  test(`lease: ${row.name}`, () => {
    const s = play(row.steps);
    assert.equal(roleAt(s, row.at), row.role);
    if (row.next != null) assert.equal(nextAttemptAt(s, row.at, cfg), row.next);
  });
}

test('clock skew up to skewMs never gives two leaders', () => {
  // A holds, asking at its t=0 (its lease says expires 15 000 by its clock). B's clock runs `d` ahead.
  for (const d of [-2_000, -1_000, 0, 1_000, 2_000]) {
    const a = play([[0, held]]);
    const aStepsDownAtRealTime = a.validUntil; // A's clock = real time
    const b = play([[0 + d, taken(15_000)]]);
    const bTakesAtItsClock = nextAttemptAt(b, 0 + d, cfg);
    const bTakesAtRealTime = bTakesAtItsClock - d;
    assert.ok(bTakesAtRealTime >= aStepsDownAtRealTime, `skew ${d}: B at ${bTakesAtRealTime}, A until ${aStepsDownAtRealTime}`);
  }
});
