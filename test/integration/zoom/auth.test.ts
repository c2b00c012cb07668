import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { S2SOAuth, StaticToken } from '../../../main/zoom/auth.js';
import { ZoomClient } from '../../../main/zoom/client.js';
import { ZoomError } from '../../../main/zoom/errors.js';
import { startSim, type SimHarness } from '../../helpers/sim.js';

let h: SimHarness;
let meetingId: string;

before(async () => {
  h = await startSim({ sim: { staticTokens: ['legacy-static-token'] } });
  const u = h.sim.account.addUser({ email: 'a@example.com' });
  meetingId = String(h.sim.account.addMeeting({ hostId: u.id, topic: 'T' }).id);
});
after(() => h.stop());

test('concurrent callers share one OAuth token request, and later calls reuse the token', async () => {
  const oauthBefore = h.sim.callsTo('oauth');
  await Promise.all(Array.from({ length: 20 }, () => h.client.getMeeting(meetingId)));
  await h.client.getMeeting(meetingId);
  assert.equal(h.sim.callsTo('oauth') - oauthBefore, 1);
});

test('the token is renewed before it expires', async () => {
  let now = Date.now();
  const auth = new S2SOAuth({ oauthUrl: h.sim.oauthUrl, accountId: h.sim.accountId, clientId: h.sim.clientId, clientSecret: h.sim.clientSecret, now: () => now });
  const first = await auth.getToken();
  now += 50 * 60_000; // 50 of 60 minutes: still good
  assert.equal(await auth.getToken(), first);
  now += 6 * 60_000; // within 5 minutes of expiry: renew
  const second = await auth.getToken();
  assert.notEqual(second, first);
  assert.equal(auth.fetches, 2);
});

test('an expired or revoked token is replaced once after a 401 and the call succeeds', async () => {
  await h.client.getMeeting(meetingId);
  const oauthBefore = h.sim.callsTo('oauth');
  h.sim.expireTokens();
  assert.equal((await h.client.getMeeting(meetingId)).id, Number(meetingId));
  h.sim.revokeTokens();
  assert.equal((await h.client.getMeeting(meetingId)).id, Number(meetingId));
  assert.equal(h.sim.callsTo('oauth') - oauthBefore, 2);
});

test('a second 401 in a row is final: no loop of renewals', async () => {
  const oauthBefore = h.sim.callsTo('oauth');
  h.sim.addFault({ route: 'meeting', status: 401, body: { code: 124, message: 'Invalid access token.' }, times: 2 });
  await assert.rejects(h.client.getMeeting(meetingId), (e: ZoomError) => e.kind === 'auth' && e.zoomCode === 124 && e.httpStatus === 401 && /refused a fresh one too: the app may be deactivated/.test(e.message));
  assert.equal(h.sim.callsTo('oauth') - oauthBefore, 1);
});

test("Zoom's code 124 renews the token whatever the HTTP status; a second one is a setup error in words", async () => {
  const oauthBefore = h.sim.callsTo('oauth');
  h.sim.addFault({ route: 'meeting', status: 400, body: { code: 124, message: 'Invalid access token.' }, times: 1 });
  assert.equal((await h.client.getMeeting(meetingId)).id, Number(meetingId));
  assert.equal(h.sim.callsTo('oauth') - oauthBefore, 1, 'one fresh token');
  h.sim.addFault({ route: 'meeting', status: 400, body: { code: 124, message: 'Invalid access token.' }, times: 2 });
  await assert.rejects(h.client.getMeeting(meetingId), (e: ZoomError) => e.kind === 'auth' && e.zoomCode === 124 && e.httpStatus === 400 && /Invalid access token, and refused a fresh one too/.test(e.message));
  assert.equal(h.sim.callsTo('oauth') - oauthBefore, 2, 'no loop of renewals');
});

test('bad credentials give a clear error naming the settings, without the secret', async () => {
  const auth = new S2SOAuth({ oauthUrl: h.sim.oauthUrl, accountId: h.sim.accountId, clientId: h.sim.clientId, clientSecret: 'wrong-secret-xyz' });
  const client = new ZoomClient({ apiBaseUrl: h.sim.apiBaseUrl, auth, sleep: async () => {} });
  await assert.rejects(client.listActiveUsers(), (e: ZoomError) => {
    assert.equal(e.kind, 'auth');
    assert.match(e.message, /invalid_client/);
    assert.match(e.message, /ZOOM_CLIENT_SECRET/);
    assert.ok(!e.message.includes('wrong-secret-xyz'));
    return true;
  });
  const badAccount = new S2SOAuth({ oauthUrl: h.sim.oauthUrl, accountId: 'nope', clientId: h.sim.clientId, clientSecret: h.sim.clientSecret });
  await assert.rejects(badAccount.getToken(), /Invalid account_id.*ZOOM_ACCOUNT_ID/);
});

test('a static ZOOM_API_TOKEN works as a bearer token; a wrong one fails at once with 401', async () => {
  const good = new ZoomClient({ apiBaseUrl: h.sim.apiBaseUrl, auth: new StaticToken('legacy-static-token') });
  assert.equal((await good.listActiveUsers()).length, 1);
  const bad = new ZoomClient({ apiBaseUrl: h.sim.apiBaseUrl, auth: new StaticToken('expired-jwt') });
  await assert.rejects(bad.listActiveUsers(), (e: ZoomError) => e.kind === 'auth' && e.httpStatus === 401);
});

test('an OAuth outage: one token request at a time for every caller, on one shared backoff; back within 10 s of recovery', async () => {
  let clock = Date.parse('2026-12-08T09:00:00Z');
  const outage = await startSim({ now: () => clock, client: { maxRetries: 0 } });
  try {
    outage.sim.account.addUser({ email: 'c@example.com' });
    outage.sim.addFault({ route: 'oauth', status: 503, body: { reason: 'busy' }, times: Infinity });
    // Four callers (the live round, the catalog, details, a person) every second for a minute.
    for (let s = 0; s < 60; s++) {
      await Promise.allSettled([0, 1, 2, 3].map(() => outage.client.listActiveUsers()));
      clock += 1_000;
    }
    const asked = outage.sim.callsTo('oauth');
    assert.ok(asked >= 6 && asked <= 12, `${asked} token requests in the outage minute (without the shared backoff: one a second, 60)`);
    outage.sim.faults.clear();
    let waited = 0;
    for (; waited <= 10; waited++) {
      const ok = await outage.client.listActiveUsers().then(() => true, () => false);
      if (ok) break;
      clock += 1_000;
    }
    assert.ok(waited <= 10, `a token ${waited} s after the endpoint came back`);
  } finally {
    await outage.stop();
  }
});

test('sign-in answering 5xx is retried like any call', async () => {
  h.sim.revokeTokens();
  const fresh = await startSim();
  try {
    fresh.sim.account.addUser({ email: 'b@example.com' });
    fresh.sim.addFault({ route: 'oauth', status: 503, body: { reason: 'busy' } });
    assert.equal((await fresh.client.listActiveUsers()).length, 1);
    assert.equal(fresh.sim.callsTo('oauth'), 2);
  } finally {
    await fresh.stop();
  }
});
