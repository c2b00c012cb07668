// Webhooks give no sign of life but their deliveries: after 15 quiet minutes the live list is polled
// again. Time is node:test's mock timers: the 15 minutes pass in a tick, not a wait.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mock, test } from 'node:test';
import { EmbeddedStore } from '../../../main/store/embedded.js';
import { SyncEngine } from '../../../main/sync/engine.js';
import { LiveEvents, WEBHOOK_QUIET_MS } from '../../../main/sync/live-events.js';
import { SyncScheduler } from '../../../main/sync/scheduler.js';
import { ZoomConnection } from '../../../main/zoom/connection.js';

const SECRET = 'whsec-quiet';
const T0 = Date.parse('2026-11-27T09:00:00Z');

function delivery(n: number): [string, string, string] {
  const raw = JSON.stringify({
    event: 'meeting.participant_joined',
    event_ts: Date.now(),
    payload: { account_id: 'acc', object: { id: '81234567890', uuid: 'u1', topic: 'Quiet room', participant: { user_id: String(n), id: '', join_time: new Date().toISOString() } } },
  });
  const ts = String(Math.floor(Date.now() / 1000));
  return [raw, ts, `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${raw}`).digest('hex')}`];
}

test('webhooks quiet for 15 minutes: events are no longer trusted and the live list is polled; the next delivery trusts them again', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-quiet-'));
  const store = new EmbeddedStore({ dataDir: dir });
  await store.open();
  t.after(async () => {
    mock.timers.reset();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  mock.timers.enable({ apis: ['setInterval', 'Date'], now: T0 });
  const logs: string[] = [];
  const engine = new SyncEngine({ zoom: new ZoomConnection(), store, log: (l) => logs.push(l) });
  const events = new LiveEvents({ engine, scheduler: new SyncScheduler(engine), webhookSecret: SECRET, tokens: () => null, log: (l) => logs.push(l) });
  t.after(() => events.stop());
  await events.start(null);
  assert.deepEqual([engine.status().eventSource, engine.status().liveVia], ['webhook', 'polling'], 'nothing delivered yet: polling');

  assert.equal(events.webhook!.handle(...delivery(1)).status, 200);
  assert.equal(engine.status().liveVia, 'events', 'a delivery: events are trusted');

  mock.timers.tick(WEBHOOK_QUIET_MS - 60_000);
  assert.equal(engine.status().liveVia, 'events', '14 quiet minutes: still trusted');
  mock.timers.tick(2 * 60_000);
  assert.equal(engine.status().liveVia, 'polling', 'past 15 quiet minutes: the live list is polled again');
  assert.ok(logs.includes('events: lost; polling the live list until they are back.'), logs.join('\n'));

  assert.equal(events.webhook!.handle(...delivery(2)).status, 200);
  assert.equal(engine.status().liveVia, 'events', 'the next delivery trusts them again');
});
