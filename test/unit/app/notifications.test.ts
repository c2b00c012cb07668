import assert from 'node:assert/strict';
import { test } from 'node:test';
import { noticesFor } from '../../../main/app/notifications.js';
import type { Session } from '../../../shared/session.js';
import { makeSession } from '../../helpers/sessions.js';

/** Which of these sessions were live before the change. */
const was = (...s: Session[]) => new Map(s.filter((x) => x.status === 'live').map((x) => [x.meetingId, x]));
const up = (s: Session) => ({ type: 'upsert' as const, session: s });
const on = { started: true, ended: true, attention: true, paused: false };

test('a session going live, or ending, is one notice each; clicking a live one joins it', () => {
  const a = makeSession('1', { topic: 'Ward round' });
  const n = noticesFor([up({ ...a, status: 'live' })], was(a), on);
  assert.deepEqual(n, [{ title: 'Ward round is live', body: 'Host One · click to join', meetingId: '1' }]);
  const live = { ...a, status: 'live' as const };
  assert.deepEqual(noticesFor([up(a)], was(live), on), [{ title: 'Ward round ended', body: 'It is available again.', meetingId: null }]);
});

test('counts changing, removals, and turned-off kinds make no notice; paused makes none', () => {
  const live = makeSession('1', { status: 'live', participants: 2 });
  assert.deepEqual(noticesFor([up({ ...live, participants: 3 }), { type: 'remove', meetingId: '9' }], was(live), on), []);
  assert.deepEqual(noticesFor([up(live)], was(makeSession('1')), { ...on, started: false }), []);
  assert.deepEqual(noticesFor([up(live)], was(makeSession('1')), { ...on, paused: true }), []);
});

test('a burst is summed up, not a flood', () => {
  const changes = Array.from({ length: 8 }, (_, i) => up(makeSession(String(i), { status: 'live', topic: `Room ${i}` })));
  const n = noticesFor(changes, new Map(), on);
  assert.equal(n.length, 3);
  assert.deepEqual(n[2], { title: '6 more changes', body: 'Open the dashboard to see them.', meetingId: null });
});

test('a meeting that begins to need attention is one notice per episode, in words; it can be turned off', () => {
  const since = '2026-11-28T13:13:00.000Z';
  const live = makeSession('1', { topic: 'Ops stand-up', status: 'live', participants: 1, participantsSince: since, updatedAt: '2026-11-28T14:00:00.000Z' });
  const flagged = { ...live, attention: { kind: 'alone' as const, since, text: 'One person alone for over 20 min' } };
  assert.deepEqual(noticesFor([up(flagged)], was(live), on), [
    { title: 'Ops stand-up needs attention', body: '1 person for 47 min. Open the dashboard to end it or keep it running.', meetingId: null },
  ]);
  assert.deepEqual(noticesFor([up({ ...flagged, updatedAt: '2026-11-28T14:05:00.000Z' })], was(flagged), on), [], 'the same episode');
  const empty = { ...flagged, participants: 0, attention: { kind: 'empty' as const, since: '2026-11-28T13:50:00.000Z', text: '' } };
  assert.equal(noticesFor([up(empty)], was(flagged), on).length, 1, 'another reason: another episode');
  assert.deepEqual(noticesFor([up(flagged)], was(live), { ...on, attention: false }), []);
});

test('an auto-end warning is one notice, even with attention notices off: it is the one chance to keep the meeting', () => {
  const since = '2026-11-28T13:50:00.000Z';
  const live = makeSession('1', { topic: 'Ops stand-up', status: 'live', participants: 0, participantsSince: since, updatedAt: '2026-11-28T14:00:00.000Z' });
  const warned = { ...live, attention: { kind: 'empty' as const, since, text: '' }, autoEndAt: '2026-11-28T14:05:00.000Z' };
  const notice = { title: 'Ending “Ops stand-up” in 5 min', body: 'Nobody in it for 10 min. Open the dashboard to keep it running.', meetingId: null };
  assert.deepEqual(noticesFor([up(warned)], was(live), on), [notice], 'instead of the attention notice, not beside it');
  assert.deepEqual(noticesFor([up(warned)], was(live), { ...on, attention: false }), [notice]);
  assert.deepEqual(noticesFor([up({ ...warned, updatedAt: '2026-11-28T14:01:00.000Z' })], was(warned), on), [], 'the same warning');
  assert.deepEqual(noticesFor([up(warned)], was(live), { ...on, paused: true }), []);
});
