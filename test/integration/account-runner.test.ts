// AccountRunner against two simulated Zoom accounts and a real embedded store: switching accounts, and
// team mode's "read Zoom only while leading".
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { AccountRunner, type DemoAccount } from '../../main/account-runner.js';
import { EmbeddedStore } from '../../main/store/embedded.js';
import { SyncEngine } from '../../main/sync/engine.js';
import { LiveEvents } from '../../main/sync/live-events.js';
import { SyncScheduler } from '../../main/sync/scheduler.js';
import { CallBudgets } from '../../main/zoom/call-budget.js';
import { ZoomConnection } from '../../main/zoom/connection.js';
import { ZoomSimulator } from '../../main/zoom-simulator/server.js';
import { until } from '../helpers/until.js';

let first: ZoomSimulator;
let second: ZoomSimulator;
const dirs: string[] = [];

async function account(topic: string): Promise<ZoomSimulator> {
  const sim = new ZoomSimulator();
  await sim.start();
  const host = sim.account.addUser({ email: `${topic.toLowerCase()}@example.com`, firstName: topic, lastName: 'Host' });
  sim.account.start(sim.account.addMeeting({ hostId: host.id, topic, type: 2 }).id, 2);
  return sim;
}

const credentials = (sim: ZoomSimulator) => ({ kind: 's2s' as const, accountId: sim.accountId, clientId: sim.clientId, clientSecret: sim.clientSecret });

async function rig(t: TestContext, opts: { team: boolean; endpoints: ZoomSimulator }) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-runner-'));
  dirs.push(dir);
  const store = new EmbeddedStore({ dataDir: dir });
  await store.open();
  const connection = new ZoomConnection();
  const engine = new SyncEngine({ zoom: connection, store });
  const scheduler = new SyncScheduler(engine);
  const events = new LiveEvents({ engine, scheduler, webhookSecret: null, tokens: () => null, log: () => undefined });
  const logs: string[] = [];
  let demos = 0;
  const runner = new AccountRunner({
    engine, scheduler, events, connection,
    endpoints: { apiBaseUrl: opts.endpoints.apiBaseUrl, oauthUrl: opts.endpoints.oauthUrl },
    websocket: null,
    team: opts.team,
    budgets: new CallBudgets({ plan: 'business' }),
    startDemo: async (): Promise<DemoAccount> => {
      demos++;
      return { zoom: { apiBaseUrl: second.apiBaseUrl, oauthUrl: second.oauthUrl, auth: credentials(second) }, websocket: { url: second.wsUrl, subscriptionId: second.events.subscriptionId }, stop: async () => void demos-- };
    },
    log: (l) => logs.push(l),
  });
  const topics = () => engine.list().filter((s) => s.status === 'live').map((s) => s.topic).sort();
  const stop = async () => {
    scheduler.stop();
    await events.stop();
    await runner.stop();
    await store.close();
  };
  t.after(stop);
  return { engine, runner, connection, logs, topics, demos: () => demos };
}

before(async () => {
  first = await account('Alpha');
  second = await account('Bravo');
});

after(async () => {
  await first.stop();
  await second.stop();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

test('nothing is read until an account is set up; then its meetings; another account replaces them all', async (t) => {
  const r = await rig(t, { team: false, endpoints: first });
  await r.runner.begin(null, null);
  await r.runner.start();
  assert.equal(r.connection.configured, false);
  assert.equal(r.engine.status().configured, false);

  await r.runner.switchTo(credentials(first));
  await until('Alpha live', () => r.topics().join() === 'Alpha');
  // The second simulator is another account at other endpoints: the demo stands in for it here.
  await r.runner.switchTo({ kind: 'demo' });
  await until('Bravo alone', () => r.topics().join() === 'Bravo');
  assert.equal(r.engine.list().some((s) => s.topic === 'Alpha'), false, 'the old account\'s sessions are forgotten');
  assert.equal(r.demos(), 1);

  await r.runner.switchTo(credentials(first));
  await until('Alpha back', () => r.topics().join() === 'Alpha');
  assert.equal(r.demos(), 0, 'leaving the demo stops its simulator');
});

test('the same account again (saved credentials re-entered) keeps its sessions', async (t) => {
  const r = await rig(t, { team: false, endpoints: first });
  await r.runner.begin(credentials(first), first.accountId);
  await r.runner.start();
  await until('Alpha live', () => r.topics().join() === 'Alpha');
  let removed = 0;
  r.engine.onChanges((changes) => (removed += changes.filter((c) => c.type === 'remove').length));
  await r.runner.switchTo(credentials(first));
  await until('Alpha still', () => r.topics().join() === 'Alpha');
  assert.equal(removed, 0);
});

test('team mode: Zoom is read only while this instance holds the lease, and switching never empties the shared catalog', async (t) => {
  const r = await rig(t, { team: true, endpoints: first });
  await r.runner.begin(credentials(first), first.accountId);
  await r.runner.start();
  const calls = () => [...r.connection.current!.calls.values()].reduce((a, b) => a + b, 0);
  await new Promise((res) => setTimeout(res, 200));
  assert.equal(calls(), 0, 'a follower does not call Zoom');

  await r.runner.setLeader(true);
  await until('Alpha live as leader', () => r.topics().join() === 'Alpha');
  await r.runner.setLeader(false);
  // A call already on its way when the lease was lost may still land; nothing new may start after it.
  let last = -1;
  await until('the calls under way done', async () => {
    const was = last;
    last = calls();
    await new Promise((res) => setTimeout(res, 50));
    return was === last && calls() === last;
  });
  const before = calls();
  await new Promise((res) => setTimeout(res, 200));
  assert.equal(calls(), before, 'no more calls once the lease is lost');
  assert.equal(r.engine.status().liveVia, 'polling');

  // Another account on this desktop, while another instance leads: the shared sessions stay.
  await r.runner.switchTo({ kind: 'demo' });
  assert.deepEqual(r.topics(), ['Alpha'], 'the shared catalog is left as it is');
  assert.ok(r.logs.some((l) => /shared catalog is left as it is/.test(l)));
  assert.equal(calls(), 0, 'and a follower does not read the new account either');
});
