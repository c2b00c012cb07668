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
