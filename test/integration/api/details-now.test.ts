// POST /sessions/{id}/details: a meeting whose passcode the background has not read gets it at once, for Join
// and Copy; Zoom's refusal is the person's to hear; one call, and none when it is known.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Session } from '../../../shared/session.js';
import { zoomFaults } from '../../../main/zoom-simulator/faults.js';
import { call, startApi, type ApiHarness } from '../../helpers/api.js';

let a: ApiHarness;
let id: string;

before(async () => {
  a = await startApi();
  const host = a.h.sim.account.addUser({ email: 'clinic@example.com' });
  id = String(a.h.sim.account.addMeeting({ hostId: host.id, topic: 'Morning clinic', password: '246810' }).id);
  // The background's reads of the meeting fail (passing errors): it is listed without link or passcode.
  a.h.sim.addFault(zoomFaults.serverError('meeting', 500, 100));
  await a.engine.syncNow();
});
after(() => a.stop());

const details = (meetingId: string) => call(a, `/api/v1/sessions/${meetingId}/details`, { method: 'POST' });

test('a passing Zoom error reaches the person (502 with what Zoom said); the session stays as it was', async () => {
  assert.equal(a.engine.get(id)?.passcode, null, 'the background could not read it');
  const res = await details(id);
  assert.equal(res.status, 502);
  const body = (await res.json()) as { error: { code: string; message: string } };
  assert.match(body.error.message, /HTTP 500/);
  assert.equal(a.engine.get(id)?.passcode, null);
});

test('read at once when not known: one call, the passcode and link in the answer and in the list', async () => {
  a.h.sim.faults.clear();
  const before = a.h.sim.callsTo('meeting');
  const res = await details(id);
  assert.equal(res.status, 200);
  const { session } = (await res.json()) as { session: Session };
  assert.equal(session.passcode, '246810');
  assert.match(session.joinUrl ?? '', /^https:\/\/.*zoom\.us\/j\/\d+/);
  assert.equal(a.h.sim.callsTo('meeting') - before, 1);
  assert.equal(a.engine.get(id)?.passcode, '246810');

  const again = await details(id);
  assert.equal(again.status, 200);
  assert.equal(a.h.sim.callsTo('meeting') - before, 1, 'known now: no second call');
});

test('two clicks at once make one call', async () => {
  const host = [...a.h.sim.account.users.values()][0]!;
  const other = String(a.h.sim.account.addMeeting({ hostId: host.id, topic: 'Evening clinic', password: '13579' }).id);
  a.h.sim.addFault(zoomFaults.serverError('meeting', 500, 100));
  await a.engine.syncNow();
  a.h.sim.faults.clear();
  const before = a.h.sim.callsTo('meeting');
  const [x, y] = await Promise.all([details(other), details(other)]);
  assert.deepEqual([x.status, y.status], [200, 200]);
  assert.equal(a.h.sim.callsTo('meeting') - before, 1);
});

test('an unknown meeting is 404, a malformed ID 400, and without a token 401', async () => {
  assert.equal((await details('99999999999')).status, 404);
  assert.equal((await details('12ab')).status, 400);
  assert.equal((await call(a, `/api/v1/sessions/${id}/details`, { method: 'POST', token: null })).status, 401);
});
