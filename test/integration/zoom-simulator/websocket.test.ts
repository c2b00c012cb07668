// The simulator's WebSocket is as strict as Zoom's: every upgrade is taken, then `build_connection` says
// whether the subscription was accepted (and the socket closes when not); one connection per subscription;
// "Invalid Token" on a link whose token expired; events in Zoom's shape (string ids, guests without id).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { S2SOAuth } from '../../../main/zoom/auth.js';
import { ZoomSimulator } from '../../../main/zoom-simulator/server.js';
import { until } from '../../helpers/until.js';

let sim: ZoomSimulator;
let token: string;

before(async () => {
  sim = new ZoomSimulator();
  await sim.start();
  token = await new S2SOAuth({ oauthUrl: sim.oauthUrl, accountId: sim.accountId, clientId: sim.clientId, clientSecret: sim.clientSecret }).getToken();
});
after(() => sim.stop());

interface Client {
  ws: WebSocket;
  messages: Array<{ module: string; success?: boolean; content?: string }>;
  opened: boolean;
  closed: { code: number; reason: string } | null;
}

function connect(subscriptionId: string, accessToken: string): Client {
  const url = `${sim.wsUrl}?subscriptionId=${encodeURIComponent(subscriptionId)}&access_token=${encodeURIComponent(accessToken)}`;
  const c: Client = { ws: new WebSocket(url), messages: [], opened: false, closed: null };
  c.ws.on('open', () => (c.opened = true));
  c.ws.on('message', (d) => c.messages.push(JSON.parse((d as Buffer).toString('utf8')) as Client['messages'][number]));
  c.ws.on('close', (code, reason) => (c.closed = { code, reason: reason.toString() }));
  c.ws.on('error', () => undefined);
  return c;
}

const buildAnswer = (c: Client) => c.messages.find((m) => m.module === 'build_connection');

test('a wrong subscription or token: the upgrade is taken, build_connection says no in Zoom\'s words, then the socket closes', async () => {
  for (const [sub, tok, words] of [
    ['not-mine', token, 'Invalid subscriptionId'],
    [sim.events.subscriptionId, 'expired-or-made-up', 'Invalid Token'],
  ] as const) {
    const c = connect(sub, tok);
    await until('closed', () => c.closed);
    assert.equal(c.opened, true, 'the HTTP upgrade itself succeeded');
    assert.deepEqual(buildAnswer(c), { module: 'build_connection', success: false, content: words });
  }
  sim.events.faults.refuseConnections = 'Invalid subscriptionId';
  const refused = connect(sim.events.subscriptionId, token);
  await until('closed', () => refused.closed);
  assert.equal(buildAnswer(refused)?.success, false);
  sim.events.faults.refuseConnections = null;
});

test('one connection per subscription: a new one closes the old; only accepted links get events', async () => {
  const first = connect(sim.events.subscriptionId, token);
  await until('accepted', () => buildAnswer(first)?.success === true);
  const second = connect(sim.events.subscriptionId, token);
  await until('accepted', () => buildAnswer(second)?.success === true);
  await until('the first closed by Zoom', () => first.closed);
  assert.equal(first.closed!.code, 1000);
  assert.equal(second.closed, null);

  // Events as Zoom sends them.
  const host = sim.account.addUser({ email: 'ws@example.com' });
  const m = sim.account.addMeeting({ hostId: host.id, topic: 'Shape', type: 2 });
  sim.account.start(m.id, 2);
  await until('3 events', () => second.messages.filter((x) => x.module === 'message').length >= 3);
  const events = second.messages.filter((x) => x.module === 'message').map((x) => JSON.parse(x.content!) as { event: string; payload: { object: { id: unknown; participant?: Record<string, unknown> } } });
  assert.ok(events.every((e) => e.payload.object.id === String(m.id)), 'payload.object.id is a string');
  const joins = events.filter((e) => e.event === 'meeting.participant_joined').map((e) => e.payload.object.participant!);
  assert.equal(joins.length, 2);
  for (const p of joins) {
    assert.match(String(p.user_id), /^\d+$/, 'user_id always present');
    assert.equal(p.id, '', 'guests have an empty id');
  }
  assert.ok(joins.some((p) => !('participant_uuid' in p)), 'participant_uuid may be absent');

  // The token expires while the link is up: Zoom says so on the link.
  sim.events.expireLinkTokens();
  await until('told', () => second.messages.some((x) => x.content === 'Invalid Token'));
  second.ws.close();
});
