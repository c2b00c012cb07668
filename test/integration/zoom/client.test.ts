import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ZoomError } from '../../../main/zoom/errors.js';
import type { CallBudget } from '../../../main/zoom/call-budget.js';
import { zoomFaults } from '../../../main/zoom-simulator/faults.js';
import { startSim, type SimHarness } from '../../helpers/sim.js';

let h: SimHarness;
let hostId: string;

before(async () => {
  h = await startSim({ client: { timeoutMs: 300, maxRetries: 3 } });
  hostId = h.sim.account.addUser({ email: 'host@example.com' }).id;
});
after(() => h.stop());

function reset() {
  h.sim.faults.clear();
  h.waits.length = 0;
}

test('paging follows next_page_token over 3+ pages of 300', async () => {
  reset();
  for (let i = 0; i < 700; i++) h.sim.account.addMeeting({ hostId, topic: `M${i}` });
  const before = h.sim.callsTo('user-meetings');
  const list = await h.client.listUserMeetings(hostId, 'scheduled');
  assert.equal(list.length, 700);
  assert.equal(new Set(list.map((m) => m.id)).size, 700);
  assert.equal(h.sim.callsTo('user-meetings') - before, 3);
  assert.ok(h.sim.calls.filter((c) => c.route === 'user-meetings').every((c) => c.status === 200));
});

test('a page token that outlived its 15 minutes (the budget made the pages wait) starts the list over from its first page', async () => {
  let clock = Date.parse('2026-12-08T09:00:00Z');
  let takes = 0;
  // The account's budget held the second page back 16 minutes (a busy minute after a restart, say).
  const slowBudget = { take: async () => void (++takes === 2 && (clock += 16 * 60_000)) } as unknown as CallBudget;
  const strict = await startSim({ sim: { now: () => clock }, client: { budget: slowBudget, now: () => clock } });
  try {
    const host = strict.sim.account.addUser({ email: 'many@example.com' }).id;
    for (let i = 0; i < 400; i++) strict.sim.account.addMeeting({ hostId: host, topic: `M${i}` });
    const list = await strict.client.listUserMeetings(host, 'scheduled');
    assert.equal(list.length, 400);
    assert.equal(new Set(list.map((m) => m.id)).size, 400, 'each once: the first page read again replaced, not added');
    assert.deepEqual(strict.sim.calls.filter((c) => c.route === 'user-meetings').map((c) => c.status), [200, 400, 200, 200]);
  } finally {
    await strict.stop();
  }
});

test('429 with Retry-After in seconds: waits that long, then succeeds', async () => {
  reset();
  h.sim.addFault(zoomFaults.rateLimited('users', { retryAfter: '2' }));
  assert.equal((await h.client.listActiveUsers()).length, 1);
  assert.deepEqual(h.waits, [2000]);
  const state = h.client.rateLimits.snapshot(Date.now()).find((r) => r.category === 'medium');
  assert.equal(state?.type, 'QPS');
});

test('429 with Retry-After as an HTTP date: waits until then', async () => {
  reset();
  const at = new Date(Date.now() + 4000).toUTCString();
  h.sim.addFault(zoomFaults.rateLimited('users', { retryAfter: at }));
  await h.client.listActiveUsers();
  assert.equal(h.waits.length, 1);
  assert.ok(h.waits[0]! > 2000 && h.waits[0]! <= 4000, String(h.waits[0]));
});

test('429 without Retry-After: exponential backoff with jitter', async () => {
  reset();
  h.sim.addFault(zoomFaults.rateLimited('users', { times: 3 }));
  await h.client.listActiveUsers();
  // random() is 0.5 in the harness: 3/4 of 500, 1000, 2000 ms.
  assert.deepEqual(h.waits, [375, 750, 1500]);
});

test("a per-minute 429 without Retry-After (Resource-intensive): no retry within the minute; the category waits 30-60 s, Light calls go on", async () => {
  const strict = await startSim({ sim: { plan: 'business' } });
  try {
    const host = strict.sim.account.addUser({ email: 'ops@example.com' });
    const meeting = strict.sim.account.addMeeting({ hostId: host.id, topic: 'Ops' });
    const day = new Date().toISOString().slice(0, 10);
    // Zoom allows 20 Dashboard calls a minute on Business: the 21st is refused, as Zoom does, without Retry-After.
    for (let i = 0; i < 20; i++) await strict.client.listDashboardLiveMeetings(day, day);
    const t0 = Date.now();
    await assert.rejects(strict.client.listDashboardLiveMeetings(day, day), (e: ZoomError) => {
      assert.equal(e.kind, 'rate-limit');
      assert.match(e.message, /^Zoom's per-minute limit: waiting (3\d|4\d|5\d|60) s/);
      assert.ok(e.retryAt! - t0 >= 30_000 && e.retryAt! - t0 <= 61_000, `${e.retryAt! - t0} ms`);
      return true;
    });
    assert.deepEqual(strict.waits, [], 'no retry within the minute');
    assert.equal(strict.sim.callsTo('dashboard'), 21);
    await assert.rejects(strict.client.listDashboardLiveMeetings(day, day), /rate limit reached for resource-intensive calls/);
    assert.equal(strict.sim.callsTo('dashboard'), 21, 'blocked here: Zoom is not asked');
    assert.equal((await strict.client.getMeeting(String(meeting.id))).id, meeting.id, 'Light calls go on');
  } finally {
    await strict.stop();
  }
});

test('a daily limit (Retry-After hours away) fails at once and blocks the category until then', async () => {
  const own = await startSim();
  try {
    const host = own.sim.account.addUser({ email: 'd@example.com' }).id;
    const tomorrow = new Date(Date.now() + 6 * 3_600_000).toISOString();
    own.sim.addFault(zoomFaults.rateLimited('meeting', { retryAfter: tomorrow, type: 'Daily-limit' }));
    const m = own.sim.account.addMeeting({ hostId: host, topic: 'x' });
    await assert.rejects(own.client.getMeeting(String(m.id)), (e: ZoomError) => {
      assert.equal(e.kind, 'rate-limit');
      assert.equal(e.httpStatus, 429);
      assert.equal(e.retryAt, Date.parse(tomorrow));
      assert.match(e.message, /daily rate limit/);
      return true;
    });
    assert.deepEqual(own.waits, []);
    const calls = own.sim.calls.length;
    await assert.rejects(own.client.endMeeting(String(m.id)), /rate limit/);
    assert.equal(own.sim.calls.length - calls, 0, 'no call spent while blocked');
    const light = own.client.rateLimits.snapshot(Date.now()).find((r) => r.category === 'light');
    assert.equal(light?.retryAt, tomorrow);
    // Other categories are not blocked.
    assert.equal((await own.client.listActiveUsers()).length, 1);
  } finally {
    await own.stop();
  }
});

test('a daily limit without Retry-After blocks until 00:00 UTC, for the Dashboard and the Heavy calls that share its budget', async () => {
  const own = await startSim({ client: { timeoutMs: 300, maxRetries: 3 } });
  try {
    own.sim.addFault(zoomFaults.rateLimited('dashboard', { type: 'Daily-limit' }));
    const midnight = new Date();
    midnight.setUTCHours(24, 0, 0, 0);
    await assert.rejects(own.client.listDashboardLiveMeetings('2026-11-26', '2026-11-27'), (e: ZoomError) => {
      assert.equal(e.kind, 'rate-limit');
      assert.equal(e.daily, true);
      assert.equal(e.retryAt, midnight.getTime());
      assert.match(e.message, /daily rate limit for resource-intensive calls is spent/);
      return true;
    });
    assert.deepEqual(own.waits, [], 'not waited for');
    const calls = own.sim.calls.length;
    await assert.rejects(own.client.listDashboardLiveMeetings('2026-11-26', '2026-11-27'), (e: ZoomError) => e.daily && e.retryAt === midnight.getTime());
    assert.equal(own.sim.calls.length, calls, 'no further call until then');
    const blocked = own.client.rateLimits.snapshot(Date.now());
    assert.equal(blocked.find((r) => r.category === 'heavy')?.retryAt, midnight.toISOString(), 'Heavy shares the daily budget');
    assert.equal((await own.client.listActiveUsers()).length, 0, 'Medium calls go on');
  } finally {
    await own.stop();
  }
});

test('normal answers carry X-RateLimit-Category, -Type, -Limit and -Remaining, and the client keeps them', async () => {
  reset();
  await h.client.listActiveUsers();
  const medium = h.client.rateLimits.snapshot(Date.now()).find((r) => r.category === 'medium');
  assert.equal(medium?.type, 'QPS');
  assert.ok((medium?.limit ?? 0) > 0 && medium?.remaining != null, JSON.stringify(medium));
});

test('5xx is retried with backoff; persistent 5xx ends in a server error with the status', async () => {
  reset();
  h.sim.addFault(zoomFaults.serverError('users', 500, 2));
  assert.equal((await h.client.listActiveUsers()).length, 1);
  assert.equal(h.waits.length, 2);
  reset();
  h.sim.addFault(zoomFaults.serverError('users', 503, 10));
  await assert.rejects(h.client.listActiveUsers(), (e: ZoomError) => e.kind === 'server' && e.httpStatus === 503);
  assert.equal(h.waits.length, 3, 'maxRetries');
  h.sim.faults.clear();
});

test('an answer slower than the timeout is a timeout, retried, then reported', async () => {
  reset();
  h.sim.addFault(zoomFaults.slow('users', 1000, 1));
  assert.equal((await h.client.listActiveUsers()).length, 1);
  assert.equal(h.waits.length, 1);
  reset();
  h.sim.addFault(zoomFaults.slow('users', 1000, 10));
  await assert.rejects(h.client.listActiveUsers(), (e: ZoomError) => e.kind === 'timeout' && /did not answer in time/.test(e.message));
  h.sim.faults.clear();
});

test('a reset connection is retried', async () => {
  reset();
  h.sim.addFault(zoomFaults.reset('users'));
  assert.equal((await h.client.listActiveUsers()).length, 1);
  assert.equal(h.waits.length, 1);
});

test('Zoom errors keep their code and message: 404 3001, 400 4711, other 4xx', async () => {
  reset();
  await assert.rejects(h.client.endMeeting('99999999999'), (e: ZoomError) => e.kind === 'not-found' && e.zoomCode === 3001 && /no longer exists/.test(e.message));
  h.sim.dashboardForbidden = true;
  await assert.rejects(h.client.listDashboardLiveMeetings('2026-11-26', '2026-11-27'), (e: ZoomError) => e.kind === 'forbidden' && e.zoomCode === 4711);
  h.sim.dashboardForbidden = false;
  await assert.rejects(h.client.listUserMeetings('nobody', 'live'), (e: ZoomError) => e.kind === 'not-found' && e.zoomCode === 1001);
  h.sim.addFault({ route: 'users', status: 400, body: { code: 300, message: 'Invalid field.' } });
  await assert.rejects(h.client.listActiveUsers(), (e: ZoomError) => e.kind === 'bad-request' && e.zoomCode === 300 && /Invalid field/.test(e.message));
  assert.deepEqual(h.waits, [], '4xx are not retried');
});

test('End sends PUT /meetings/{id}/status {"action":"end"} and Zoom ends the meeting', async () => {
  reset();
  const m = h.sim.account.addMeeting({ hostId, topic: 'to end' });
  h.sim.account.start(m.id, 3);
  await h.client.endMeeting(String(m.id));
  assert.equal(h.sim.account.meeting(m.id).live, null);
  assert.deepEqual(h.sim.account.endedViaApi.slice(-1), [m.id]);
});

test('End answered 200 with a page in place of Zoom\'s empty 204 is not believed: it is asked again, and Zoom\'s answer decides', async () => {
  reset();
  const m = h.sim.account.addMeeting({ hostId, topic: 'behind a flaky link' });
  h.sim.account.start(m.id, 3);
  // Zoom carried the End out, but the answer came back as a page: asked again, Zoom says the meeting is not
  // live (3001), which the ender reads with the meeting's details. Believed, the page would have been "ended".
  h.sim.addFault(zoomFaults.brokenAnswer('end-meeting', 'html'));
  await assert.rejects(h.client.endMeeting(String(m.id)), (e: ZoomError) => e.kind === 'not-found' && e.zoomCode === 3001);
  assert.deepEqual(h.sim.calls.filter((c) => c.route === 'end-meeting').slice(-2).map((c) => c.status), [200, 404], 'the page, then Zoom\'s own answer');
  // An empty 200 is not Zoom's 204 either: a proxy answered it, perhaps for a 401 it swallowed (the soak found
  // one taken for an End while the meeting stayed live).
  h.sim.account.start(m.id, 3);
  h.sim.expireTokens();
  h.sim.addFault(zoomFaults.brokenAnswer('end-meeting', 'empty'));
  await h.client.endMeeting(String(m.id));
  assert.deepEqual(h.sim.calls.filter((c) => c.route === 'end-meeting').slice(-3).map((c) => c.status), [200, 401, 204], 'the empty 200 (for a 401), the 401 itself, then, signed in again, Zoom\'s 204');
  assert.equal(h.sim.account.meeting(m.id).live, null);
  // Every try answered with a page: a passing fault, said in words.
  h.sim.account.start(m.id, 3);
  h.sim.addFault(zoomFaults.brokenAnswer('end-meeting', 'html', 10));
  await assert.rejects(h.client.endMeeting(String(m.id)), (e: ZoomError) => e.kind === 'server' && /^Zoom sent an unreadable answer to end meeting \(HTML page, \d+ bytes\)\.$/.test(e.message));
});

test('a call that waited for its slot is sent with the token of the moment, not the one it had before the wait', async () => {
  // The soak found a live read that waited a minute for the Dashboard's budget sent with a token revoked
  // meanwhile: a 401, a renewal and one more call of the minute's five.
  let open!: () => void;
  const slot = new Promise<void>((r) => (open = r));
  const budget = { take: () => slot, recent: () => [] } as unknown as CallBudget;
  const waited = await startSim({ client: { budget } });
  try {
    const host = waited.sim.account.addUser({ email: 'wait@example.com' }).id;
    waited.sim.account.addMeeting({ hostId: host, topic: 'Waits' });
    const call = waited.client.listUserMeetings(host, 'scheduled');
    await new Promise((r) => setTimeout(r, 50)); // signed in, now waiting for the slot
    waited.sim.revokeTokens();
    waited.auth.invalidate(await waited.auth.getToken()); // someone else met the revocation and renewed
    await waited.auth.getToken();
    open();
    assert.equal((await call).length, 1);
    assert.deepEqual(waited.sim.calls.filter((c) => c.route === 'user-meetings').map((c) => c.status), [200], 'one call, no 401');
  } finally {
    await waited.stop();
  }
});

test('the calls we spend are counted by category', () => {
  assert.ok((h.client.calls.get('medium') ?? 0) > 0);
  assert.ok((h.client.calls.get('light') ?? 0) > 0);
});
