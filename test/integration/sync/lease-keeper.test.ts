// Two instances and one lease on real timers: one leader at a time, takeover when the leader dies,
// step-down when renewals fail. The database primitive is a faithful in-memory copy of MongoStore's
// conditional upsert (no MongoDB server here; the real one runs in mongo.test.ts with MONGODB_URI).
import assert from 'node:assert/strict';
import { test } from 'node:test';
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

const config = { ttlMs: 300, skewMs: 50 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function instance(db: MemoryLease, name: string) {
  const roles: Role[] = [];
  const keeper = new LeaseKeeper({ primitive: db, holder: name, config, onRole: (r) => roles.push(r) });
  return { keeper, roles };
}

test('one leader at a time; when it dies the other takes over within one lease period plus skew', async () => {
  const db = new MemoryLease();
  const a = instance(db, 'a');
  const b = instance(db, 'b');
  a.keeper.start();
  await sleep(20);
  b.keeper.start();
  // Watch for overlap for a while.
  for (let i = 0; i < 30; i++) {
    await sleep(20);
    assert.ok(!(a.keeper.current === 'leader' && b.keeper.current === 'leader'), 'never two leaders');
  }
  assert.equal(a.keeper.current, 'leader');
  assert.equal(b.keeper.current, 'follower');
  const diedAt = Date.now();
  a.keeper.stop(); // a dies: its lease stays in the database until it expires
  const role = (k: LeaseKeeper): Role => k.current; // read afresh each time: timers change it
  while (role(b.keeper) !== 'leader') {
    await sleep(5);
    assert.ok(Date.now() - diedAt < config.ttlMs + config.skewMs + 150, 'taken over in time');
  }
  assert.equal(db.doc!.holder, 'b');
  b.keeper.stop();
});

test('renewals that fail: the leader steps down before its lease can expire; leads again when the database is back', async () => {
  const db = new MemoryLease();
  const a = instance(db, 'a');
  a.keeper.start();
  await sleep(30);
  assert.equal(a.keeper.current, 'leader');
  db.down = true;
  const lastExpiry = db.doc!.expiresAt;
  const role = (k: LeaseKeeper): Role => k.current;
  while (role(a.keeper) === 'leader') await sleep(5);
  assert.ok(Date.now() <= lastExpiry, 'stepped down before the lease ran out');
  db.down = false;
  while (role(a.keeper) !== 'leader') await sleep(5);
  assert.deepEqual(a.roles, ['leader', 'follower', 'leader']);
  a.keeper.stop();
});
