import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';
import type { SseEvents } from '../../../shared/api-schema.js';
import { connectSse, type SseClient } from '../../helpers/sse-client.js';
import { startApi, type ApiHarness } from '../../helpers/api.js';
import { readSsePayload } from '../../../renderer/src/sse-payload.js';
import { until } from '../../helpers/until.js';

let a: ApiHarness;
let hostId: string;

before(async () => {
  a = await startApi({ sse: { heartbeatMs: 100, maxPendingBytes: 256 * 1024, dropAfterMs: 400 } });
  hostId = a.h.sim.account.addUser({ email: 'ops@example.com' }).id;
  await a.engine.syncNow();
});
after(() => a.stop());

const events = (headers: Record<string, string> = {}) => connectSse(`${a.url}/api/v1/events`, { SECURITY_TOKEN_AUTHENTICATION_KEY: a.token, ...headers });
/** An event's data as the dashboard reads it: checked against its schema (the service must send what it promises). */
const data = <K extends keyof SseEvents>(e: { event: string; data: string }) => {
  const d = readSsePayload(e.event as K, e.data);
  assert.ok(d, `the "${e.event}" event matches its schema: ${e.data.slice(0, 200)}`);
  return d;
};

async function startMeeting(topic: string, people = 2): Promise<string> {
  const m = a.h.sim.account.addMeeting({ hostId, topic });
  a.h.sim.account.start(m.id, people);
  await a.engine.pollLive();
  return String(m.id);
}

test('SSE needs the token like any route', async () => {
  const c = await connectSse(`${a.url}/api/v1/events`);
  assert.equal(c.status, 401);
  c.close();
});

test('first a snapshot with every session and the status, then session deltas with ids', async () => {
  const c = await events();
  try {
    assert.equal(c.status, 200);
    assert.match(String(c.res.headers['content-type']), /^text\/event-stream/);
    const snap = await c.waitFor((e) => e.event === 'snapshot');
    const body = data<'snapshot'>(snap);
    assert.equal(body.sessions.length, a.engine.list().length);
    assert.equal(body.status.ready, true);
    const id = await startMeeting('Delta');
    const delta = await c.waitFor((e) => e.event === 'session' && data<'session'>(e).session.meetingId === id);
    assert.equal(data<'session'>(delta).session.status, 'live');
    assert.match(delta.id!, /^[0-9a-f]+\.\d+$/);
    assert.equal(c.events.filter((e) => e.event === 'snapshot').length, 1);
  } finally {
    c.close();
  }
});

test('a meeting deleted in Zoom arrives as a removed event', async () => {
  const m = a.h.sim.account.addMeeting({ hostId, topic: 'Doomed' });
  await a.engine.refreshCatalog();
  const c = await events();
  try {
    await c.waitFor((e) => e.event === 'snapshot');
    a.h.sim.account.deleteMeeting(m.id);
    await a.engine.refreshCatalog();
    const removed = await c.waitFor((e) => e.event === 'removed');
    assert.deepEqual(data<'removed'>(removed), { meetingId: String(m.id) });
  } finally {
    c.close();
  }
});

test('Last-Event-ID resumes with the missed events and no snapshot; an unknown id gets a snapshot', async () => {
  const c = await events();
  const snap = await c.waitFor((e) => e.event === 'snapshot');
  c.close();
  const missed = await startMeeting('While away');
  const resumed = await events({ 'Last-Event-ID': snap.id! });
  try {
    const e = await resumed.waitFor((x) => x.event === 'session' && data<'session'>(x).session.meetingId === missed);
    assert.ok(e);
    assert.equal(resumed.events.filter((x) => x.event === 'snapshot').length, 0);
  } finally {
    resumed.close();
  }
  for (const id of ['deadbeef.3', 'garbage', `${snap.id!.split('.')[0]}.999999`]) {
    const fresh = await events({ 'Last-Event-ID': id });
    try {
      await fresh.waitFor((x) => x.event === 'snapshot');
    } finally {
      fresh.close();
    }
  }
});

test('a list answer names its event id: the stream opened after it brings only what changed since, nothing missed', async () => {
  const list = await fetch(`${a.url}/api/v1/sessions`, { headers: { SECURITY_TOKEN_AUTHENTICATION_KEY: a.token } });
  const after = list.headers.get('x-event-id');
  assert.match(String(after), /^[0-9a-f]+\.\d+$/);
  const listed = ((await list.json()) as { sessions: { meetingId: string }[] }).sessions.map((s) => s.meetingId);
  // A meeting starts between the list and the stream: the stream must bring it.
  const between = await startMeeting('Between list and stream');
  assert.ok(!listed.includes(between));
  const c = await connectSse(`${a.url}/api/v1/events?after=${after!}`, { SECURITY_TOKEN_AUTHENTICATION_KEY: a.token });
  try {
    assert.equal(c.status, 200);
    await c.waitFor((e) => e.event === 'session' && data<'session'>(e).session.meetingId === between);
    assert.equal(c.events.filter((e) => e.event === 'snapshot').length, 0);
    // A 304 names the current id too (a poller holding the list can still open the stream from it).
    const etag = list.headers.get('etag')!;
    const again = await fetch(`${a.url}/api/v1/sessions`, { headers: { SECURITY_TOKEN_AUTHENTICATION_KEY: a.token, 'If-None-Match': etag } });
    assert.equal(again.status, 200, 'a session changed since, so the list did too');
    const unchanged = await fetch(`${a.url}/api/v1/sessions`, { headers: { SECURITY_TOKEN_AUTHENTICATION_KEY: a.token, 'If-None-Match': again.headers.get('etag')! } });
    assert.equal(unchanged.status, 304);
    assert.match(String(unchanged.headers.get('x-event-id')), /^[0-9a-f]+\.\d+$/);
  } finally {
    c.close();
  }
});

test('`after` from another run or too old gets a snapshot; a malformed one is a 400; Last-Event-ID goes first', async () => {
  const snapFor = async (query: string, headers: Record<string, string> = {}) => {
    const c = await connectSse(`${a.url}/api/v1/events${query}`, { SECURITY_TOKEN_AUTHENTICATION_KEY: a.token, ...headers });
    try {
      await c.waitFor((e) => e.event === 'snapshot' || e.event === 'session');
      return c.events[0]!.event;
    } finally {
      c.close();
    }
  };
  assert.equal(await snapFor('?after=deadbeef.3'), 'snapshot');
  const bad = await fetch(`${a.url}/api/v1/events?after=${encodeURIComponent('x\ny')}`, { headers: { SECURITY_TOKEN_AUTHENTICATION_KEY: a.token } });
  assert.equal(bad.status, 400);
  assert.match(((await bad.json()) as { error: { message: string } }).error.message, /after/);
  // A reconnecting EventSource sends Last-Event-ID and keeps its URL: the header is the newer of the two.
  const c = await events();
  const snap = await c.waitFor((e) => e.event === 'snapshot');
  c.close();
  const missed = await startMeeting('Missed while reconnecting');
  const resumed = await connectSse(`${a.url}/api/v1/events?after=deadbeef.1`, { SECURITY_TOKEN_AUTHENTICATION_KEY: a.token, 'Last-Event-ID': snap.id! });
  try {
    await resumed.waitFor((x) => x.event === 'session' && data<'session'>(x).session.meetingId === missed);
    assert.equal(resumed.events.filter((x) => x.event === 'snapshot').length, 0);
  } finally {
    resumed.close();
  }
});

test('a heartbeat comment keeps idle connections open', async () => {
  const c = await events();
  try {
    await until(() => `two heartbeats (${String(c.comments)})`, () => c.comments.filter((x) => x === 'heartbeat').length >= 2, 2_000);
  } finally {
    c.close();
  }
});

test('a client that does not read is dropped, not buffered without bound; the others catch up', async () => {
  // A raw socket that sends the request and then never reads.
  const slow = net.connect(a.port, '127.0.0.1');
  await new Promise<void>((r) => slow.once('connect', () => r()));
  slow.write(`GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:${a.port}\r\nSECURITY_TOKEN_AUTHENTICATION_KEY: ${a.token}\r\n\r\n`);
  slow.pause();
  const good = await events();
  try {
    await good.waitFor((e) => e.event === 'snapshot');
    const before = a.api.hub.dropped;
    // 50 live meetings with long topics; each round changes every count: ~0.5 MB of events a round,
    // enough to fill the kernel's socket buffers and then our 256 KB allowance.
    const flood = Array.from({ length: 50 }, (_, i) => a.h.sim.account.addMeeting({ hostId, topic: `Flood ${i} ${'x'.repeat(10_000)}` }));
    for (const m of flood) a.h.sim.account.start(m.id, 1);
    await until('the slow client dropped', async () => {
      for (const m of flood) a.h.sim.account.join(m.id, 1);
      await a.engine.pollLive();
      return a.api.hub.dropped !== before;
    });
    assert.equal(a.api.hub.dropped, before + 1, 'the slow client, and only it, was dropped');
    const last = await startMeeting('After the flood');
    // The reading client has the latest state: as a delta, or in the snapshot sent when it caught up.
    await good.waitFor(
      (e) =>
        (e.event === 'session' && data<'session'>(e).session.meetingId === last) ||
        (e.event === 'snapshot' && data<'snapshot'>(e).sessions.some((s) => s.meetingId === last)),
    );
  } finally {
    good.close();
    slow.destroy();
  }
});

test('200 concurrent SSE clients all receive one change', async () => {
  const clients: SseClient[] = await Promise.all(Array.from({ length: 200 }, () => events()));
  try {
    await Promise.all(clients.map((c) => c.waitFor((e) => e.event === 'snapshot')));
    const id = await startMeeting('Broadcast');
    await Promise.all(clients.map((c) => c.waitFor((e) => e.event === 'session' && data<'session'>(e).session.meetingId === id)));
  } finally {
    for (const c of clients) c.close();
  }
});

test('the replay buffer holds its frames\' own bytes: none keeps a slab of Node\'s shared pool alive', async () => {
  for (let i = 0; i < 5; i++) await startMeeting(`Pooled ${i}`);
  const kept = (a.api.hub as unknown as { buffer: { frame: Buffer }[] }).buffer;
  assert.ok(kept.length >= 5);
  for (const { frame } of kept) assert.equal(frame.buffer.byteLength, frame.byteLength, 'counted bytes are the bytes held');
});

test('the replay buffer is bounded in bytes too: past it, a resume gets a snapshot instead of the events', async () => {
  const small = await startApi({ sse: { heartbeatMs: 1_000, replayBytes: 4_000 } });
  try {
    const url = `http://127.0.0.1:${small.port}/api/v1/events`;
    const c = await connectSse(url, { SECURITY_TOKEN_AUTHENTICATION_KEY: small.token });
    const snap = await c.waitFor((e) => e.event === 'snapshot');
    c.close();
    const host = small.h.sim.account.addUser({ email: 'big@example.com' }).id;
    for (let i = 0; i < 3; i++) small.h.sim.account.start(small.h.sim.account.addMeeting({ hostId: host, topic: `Long ${i} ${'x'.repeat(3_000)}` }).id, 1);
    await small.engine.pollLive();
    const resumed = await connectSse(url, { SECURITY_TOKEN_AUTHENTICATION_KEY: small.token, 'Last-Event-ID': snap.id! });
    try {
      await resumed.waitFor((e) => e.event === 'snapshot');
    } finally {
      resumed.close();
    }
  } finally {
    await small.stop();
  }
});
