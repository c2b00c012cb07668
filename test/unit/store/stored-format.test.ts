// What the stores read back goes through the session and token schemas: used, upgraded, or left out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { storedSession, storedToken } from '../../../main/store/stored-format.js';
import { makeSession } from '../../helpers/sessions.js';

test('a stored session is used as it is, an old one upgraded, anything else left out', () => {
  const s = makeSession('81234567890');
  assert.deepEqual(storedSession(s), s);
  const old: Partial<typeof s> = { ...s };
  delete old.passcode;
  assert.deepEqual(storedSession(old), { ...s, passcode: null }, 'written before passcodes were kept: not known yet');
  for (const bad of [null, 7, 'x', [], { ...s, status: 'maybe' }, { ...s, joinUrl: 42 }, { ...s, meetingId: 'abc' }, { ...s, participants: -3 }, { ...s, extra: true }, { meetingId: '1' }]) {
    assert.equal(storedSession(bad), null, JSON.stringify(bad));
  }
});

test('a stored token record is used as it is, anything else left out', () => {
  const t = { hash: 'h', kind: 'api', expiresAt: null };
  assert.deepEqual(storedToken(t), t);
  for (const bad of [null, { ...t, kind: 'root' }, { ...t, hash: 7 }, { hash: 'h' }]) assert.equal(storedToken(bad), null, JSON.stringify(bad));
});
