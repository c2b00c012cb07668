// Two instances and one lease: one leader at a time, takeover when the leader dies, step-down when
// renewals fail. Time is node:test's mock timers (a 30 s lease passes in a moment, and exactly); the
// database primitive is a faithful in-memory copy of MongoStore's conditional upsert (no MongoDB server
// here; the real one runs in mongo.test.ts with MONGODB_URI).
import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import type { AttemptResult, Role } from '../../../main/sync/lease.js';
import { LeaseKeeper, type LeasePrimitive } from '../../../main/sync/lease-keeper.js';

class MemoryLease implements LeasePrimitive {
  doc: { holder: string; expiresAt: number } | null = null;
  down = false;
  async tryLease(holder: string, ttlMs: number, now: number): Promise<AttemptResult> {
    if (this.down) throw new Error('MongoDB at mongodb://db is unreachable');
    if (!this.doc || this.doc.holder === holder || this.doc.expiresAt < now) {
      this.doc = { holder, expiresAt: now + ttlMs };
      return { kind: 'held' };
    }
    return { kind: 'taken', ...this.doc };
  }
}

const config = { ttlMs: 30_000, skewMs: 5_000 };
const STEP_MS = 250;

function instance(db: MemoryLease, name: string) {
  const roles: Role[] = [];
  const keeper = new LeaseKeeper({ primitive: db, holder: name, config, onRole: (r) => roles.push(r) });
  return { keeper, roles };
}

/** Moves the mocked clock in steps, letting each step's lease answers (promises) settle; `each` runs after every step. */
async function advance(ms: number, each: () => boolean | void = () => undefined): Promise<void> {
  for (let t = 0; t < ms; t += STEP_MS) {
    mock.timers.tick(STEP_MS);
    for (let i = 0; i < 5; i++) await Promise.resolve();
    if (each() === true) return;
  }
}

test('one leader at a time; when it dies the other takes over within one lease period plus skew', async (t) => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: Date.parse('2026-11-27T09:00:00Z') });
  t.after(() => mock.timers.reset());
  const db = new MemoryLease();
  const a = instance(db, 'a');
  const b = instance(db, 'b');
  a.keeper.start();
  await advance(STEP_MS);
  b.keeper.start();
  const role = (k: LeaseKeeper): Role => k.current; // read afresh each time: timers change it
  await advance(3 * config.ttlMs, () => assert.ok(!(role(a.keeper) === 'leader' && role(b.keeper) === 'leader'), 'never two leaders'));
  assert.equal(role(a.keeper), 'leader');
  assert.equal(role(b.keeper), 'follower');

  const diedAt = Date.now();
  a.keeper.stop(); // a dies: its lease stays in the database until it expires
  await advance(2 * config.ttlMs, () => role(b.keeper) === 'leader');
  assert.equal(role(b.keeper), 'leader');
  assert.ok(Date.now() - diedAt <= config.ttlMs + config.skewMs + STEP_MS, `taken over in ${Date.now() - diedAt} ms: within a lease period plus skew`);
  assert.equal(db.doc!.holder, 'b');
  b.keeper.stop();
});

test('renewals that fail: the leader steps down before its lease can expire; leads again when the database is back', async (t) => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: Date.parse('2026-11-27T09:00:00Z') });
  t.after(() => mock.timers.reset());
  const db = new MemoryLease();
  const a = instance(db, 'a');
  a.keeper.start();
  await advance(STEP_MS);
  assert.equal(a.keeper.current, 'leader');
  db.down = true;
  const lastExpiry = db.doc!.expiresAt;
  const role = (k: LeaseKeeper): Role => k.current;
  await advance(2 * config.ttlMs, () => role(a.keeper) !== 'leader');
  assert.equal(role(a.keeper), 'follower');
  assert.ok(Date.now() <= lastExpiry, 'stepped down before the lease ran out');
  db.down = false;
  await advance(2 * config.ttlMs, () => role(a.keeper) === 'leader');
  assert.deepEqual(a.roles, ['leader', 'follower', 'leader']);
  a.keeper.stop();
});
