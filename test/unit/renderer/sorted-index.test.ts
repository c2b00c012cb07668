// The dashboard's sorted index against the plain way (sort everything after each change), over random
// runs of upserts and removals, in every sort order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Session } from '../../../shared/session.js';
import { SortedIndex } from '../../../renderer/src/sorted-index.js';
import { byKey, type SortKey } from '../../../renderer/src/store.js';
import { makeSession } from '../../helpers/sessions.js';

const op = fc.oneof(
  fc.record({
    kind: fc.constant('upsert' as const),
    id: fc.integer({ min: 1, max: 40 }),
    topic: fc.constantFrom('Maths', 'maths', 'Ops', 'Zoo', ''),
    host: fc.constantFrom('Ann', 'bob', null),
    live: fc.boolean(),
    since: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
  }),
  fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 1, max: 40 }) }),
);

for (const key of ['topic', 'host', 'recent'] as SortKey[]) {
  test(`sorted index (${key}): each change keeps both lists exactly as sorting everything would`, () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const sessions = new Map<string, Session>();
        const index = new SortedIndex(byKey[key]);
        for (const o of ops) {
          const was = { live: [...index.live], available: [...index.available], stamp: { ...index.stamp } };
          const id = String(81_000_000_000 + o.id);
          if (o.kind === 'remove') {
            index.move(sessions.get(id), undefined);
            sessions.delete(id);
          } else {
            const at = o.since == null ? null : `2026-11-27T0${o.since}:00:00.000Z`;
            const s = makeSession(id, { topic: o.topic, hostName: o.host, status: o.live ? 'live' : 'available', liveSince: o.live ? at : null, lastLiveAt: at });
            index.move(sessions.get(id), s);
            sessions.set(id, s);
          }
          const all = [...sessions.values()].sort(byKey[key]);
          assert.deepEqual(index.live.map((s) => s.meetingId), all.filter((s) => s.status === 'live').map((s) => s.meetingId));
          assert.deepEqual(index.available.map((s) => s.meetingId), all.filter((s) => s.status === 'available').map((s) => s.meetingId));
          // The dashboard hands on a list's view as it was while its stamp stands: a list that changed in any
          // way (a member, the order, a session replaced) must have a new stamp.
          for (const which of ['live', 'available'] as const) {
            const same = was[which].length === index[which].length && was[which].every((s, i) => s === index[which][i]);
            if (!same) assert.notEqual(index.stamp[which], was.stamp[which], `${which} changed: its stamp too`);
          }
        }
      }),
      { numRuns: 200, seed: 20261128 },
    );
  });
}
