import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Session } from '../../../shared/session.js';
import { HistoryRecorder } from '../../../main/sync/history-recorder.js';
import { makeSession } from '../../helpers/sessions.js';

const T0 = Date.parse('2026-11-28T10:00:00Z');
const min = (m: number) => T0 + m * 60_000;
const iso = (t: number) => new Date(t).toISOString();
const live = (over: Partial<Session> = {}) => makeSession('81000000001', { status: 'live', uuid: 'u1', liveSince: iso(T0), participants: 2, topic: 'Ward round', ...over });
const up = (session: Session) => ({ type: 'upsert' as const, session });

test('an instance: its peak, participant-minutes at the counts held, one record a take (only when changed), closed once with who ended it', () => {
  const r = new HistoryRecorder();
  r.observe([up(live())], min(0));
  r.observe([up(live({ participants: 5 }))], min(10)); // 2 people for 10 min
  r.observe([up(live({ participants: 5, attention: null }))], min(12)); // not a count change
  const first = r.take(min(20)); // 5 people for 10 min so far
  assert.deepEqual(first.map((i) => [i.peakParticipants, i.participantMinutes, i.endedAt]), [[5, 70, null]]);
  assert.deepEqual(r.take(min(25)), [], 'nothing changed since');
  r.observe([up(live({ participants: 1 }))], min(30));
  r.endedThrough('81000000001', 'policy:alone');
  r.observe([up(live({ status: 'available', participants: 0, liveSince: null, lastLiveAt: iso(min(40)) }))], min(41));
  const [ended] = r.take(min(45));
  assert.deepEqual(
    { ...ended, uuid: ended!.uuid },
    { uuid: 'u1', meetingId: '81000000001', topic: 'Ward round', hostName: 'Host One', startedAt: iso(T0), endedAt: iso(min(40)), peakParticipants: 5, participantMinutes: 20 + 100 + 10, endedBy: 'policy:alone' },
  );
  assert.deepEqual(r.take(min(50)), []);
});

test('a new instance of the same meeting closes the old one; an unknown count gives no peak and no minutes', () => {
  const r = new HistoryRecorder();
  r.observe([up(live({ participants: null }))], min(0));
  r.observe([up(live({ uuid: 'u2', liveSince: iso(min(30)), participants: null }))], min(31));
  const out = r.take(min(32));
  assert.deepEqual(out.map((i) => [i.uuid, i.endedAt, i.peakParticipants, i.participantMinutes]), [
    ['u1', iso(min(31)), null, null],
    ['u2', null, null, null],
  ]);
  r.observe([{ type: 'remove', meetingId: '81000000001' }], min(40));
  assert.deepEqual(r.take(min(41)).map((i) => [i.uuid, i.endedAt]), [['u2', iso(min(40))]]);
});

test('after a restart: a stored live instance goes on when the session is still that instance, else it is closed', () => {
  const stored = { uuid: 'u1', meetingId: '81000000001', topic: 'Ward round', hostName: null, startedAt: iso(T0), endedAt: null, peakParticipants: 7, participantMinutes: 300, endedBy: null };
  const other = { ...stored, uuid: 'u9', meetingId: '81000000002' };
  const r = new HistoryRecorder();
  r.resume([stored, other], (id) => (id === '81000000001' ? live({ participants: 3 }) : makeSession(id, { lastLiveAt: iso(min(50)) })), min(60));
  assert.deepEqual(r.take(min(60)).map((i) => [i.uuid, i.endedAt]), [['u9', iso(min(50))]], 'the one not live: ended when last seen');
  r.observe([up(live({ participants: 4 }))], min(70)); // 3 people for 10 min since the restart
  assert.deepEqual(r.take(min(70)).map((i) => [i.uuid, i.startedAt, i.peakParticipants, i.participantMinutes]), [['u1', iso(T0), 7, 330]], 'one record, its start kept');
});

test('records the store could not take are given back and go with the next take', () => {
  const r = new HistoryRecorder();
  r.observe([up(live())], min(0));
  const failed = r.take(min(1));
  r.giveBack(failed);
  assert.equal(r.take(min(2)).length, 1);
});
