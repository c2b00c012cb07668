import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sessionToUse } from '../../../main/app/session-to-use.js';
import { ZoomError } from '../../../shared/zoom-error.js';
import { makeSession } from '../../helpers/sessions.js';

test('the session with its details read now; on a Zoom error the session as it is, and why', async () => {
  const bare = makeSession('81000000001', { joinUrl: null, passcode: null });
  const full = { ...bare, joinUrl: 'https://zoom.us/j/81000000001?pwd=x', passcode: '123' };
  const ok = await sessionToUse({ get: () => bare, detailsNow: async () => full }, bare.meetingId);
  assert.deepEqual(ok, { session: full, problem: null });
  const failing = { get: () => bare, detailsNow: () => Promise.reject(new ZoomError('rate-limit', 'Zoom rate limit reached; retrying at 12:00.')) };
  const res = await sessionToUse(failing, bare.meetingId);
  assert.equal(res.session, bare);
  assert.equal(res.problem, 'The passcode could not be read from Zoom (Zoom rate limit reached; retrying at 12:00); Zoom will ask for it.');
  assert.deepEqual(await sessionToUse({ get: () => null, detailsNow: async () => null }, '1'), { session: null, problem: null });
});
