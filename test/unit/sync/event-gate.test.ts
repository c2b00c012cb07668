// besideEvents: a live list read at one moment, applied after what happened since. A table of cases.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Session } from '../../../shared/session.js';
import { besideEvents, EventGate } from '../../../main/sync/event-gate.js';
import type { LiveMeeting } from '../../../main/sync/reconcile.js';
import type { MeetingEvent } from '../../../main/zoom/events/zoom-event.js';
import { makeSession } from '../../helpers/sessions.js';

const READ = 1_000_000; // when the list was read

const listed = (id: string, participants: number | null = 3): LiveMeeting => ({
  meetingId: id, uuid: `u-${id}`, topic: `T ${id}`, hostId: 'h', hostName: 'H', hostEmail: 'h@example.com', participants, startedAt: null, joinUrl: null,
});
const liveSession = makeSession('9', { status: 'live', uuid: 'u-9', participants: 5, liveSince: '2026-11-27T09:00:00.000Z' });
const sessions = new Map<string, Session>([['9', liveSession], ['8', makeSession('8')]]);
const at = (entries: [string, number][]) => new Map(entries);

const cases: { name: string; live: LiveMeeting[]; endedAt?: [string, number][]; eventAt?: [string, number][]; want: [string, number | null][] }[] = [
  { name: 'nothing happened since the read: the list as read', live: [listed('1'), listed('2', 7)], want: [['1', 3], ['2', 7]] },
  { name: 'ended by us after the read: left out', live: [listed('1')], endedAt: [['1', READ + 1]], want: [] },
  { name: 'ended by us at the very moment of the read: left out', live: [listed('1')], endedAt: [['1', READ]], want: [] },
  { name: 'ended by us before the read, listed again: a new instance, kept', live: [listed('1')], endedAt: [['1', READ - 1]], want: [['1', 3]] },
  { name: 'an event changed it after the read: the event\'s count stays (null = unchanged)', live: [listed('1')], eventAt: [['1', READ + 5]], want: [['1', null]] },
  { name: 'an event before the read: the list\'s count wins', live: [listed('1')], eventAt: [['1', READ - 5]], want: [['1', 3]] },
  { name: 'started by an event after the read, missing from the list: kept live', live: [], eventAt: [['9', READ + 1]], want: [['9', null]] },
  { name: 'an event after the read on a meeting not live now: not brought back', live: [], eventAt: [['8', READ + 1]], want: [] },
  { name: 'an event after the read on a meeting we do not know: nothing to keep', live: [], eventAt: [['404', READ + 1]], want: [] },
  { name: 'ended by us and changed by an event after the read: left out', live: [listed('1')], endedAt: [['1', READ + 1]], eventAt: [['1', READ + 1]], want: [] },
];

for (const c of cases) {
  test(`besideEvents: ${c.name}`, () => {
    const got = besideEvents(c.live, READ, { endedAt: at(c.endedAt ?? []), eventAt: at(c.eventAt ?? []) }, (id) => sessions.get(id) ?? null);
    assert.deepEqual(got.map((l) => [l.meetingId, l.participants]), c.want);
  });
}

test('besideEvents keeps the session\'s own fields for a meeting only events know', () => {
  const [kept] = besideEvents([], READ, { endedAt: at([]), eventAt: at([['9', READ + 1]]) }, (id) => sessions.get(id) ?? null);
  assert.deepEqual(kept, { meetingId: '9', uuid: 'u-9', topic: liveSession.topic, hostId: liveSession.hostId, hostName: liveSession.hostName, hostEmail: liveSession.hostEmail, participants: null, startedAt: liveSession.liveSince, joinUrl: liveSession.joinUrl });
});

test('EventGate lets each event through once, and forgets marks no list in flight can predate', () => {
  let now = READ;
  const gate = new EventGate(() => now);
  const e: MeetingEvent = { kind: 'joined', meetingId: '9', uuid: 'u-9', topic: null, hostId: null, at: READ, startTime: null, participant: 'p1', name: null, userId: null };
  assert.equal(gate.firstTime(e), true);
  assert.equal(gate.firstTime({ ...e }), false, 'the same happening again');
  assert.equal(gate.firstTime({ ...e, participant: 'p2' }), true);
  gate.eventChanged('9');
  assert.deepEqual(gate.filter([], READ, (id) => sessions.get(id) ?? null).map((l) => l.meetingId), ['9']);
  now = READ + 11 * 60_000;
  assert.deepEqual(gate.filter([], now, (id) => sessions.get(id) ?? null), [], 'a mark older than the read is not applied');
  assert.deepEqual(gate.filter([], READ, (id) => sessions.get(id) ?? null), [], 'and, ten minutes older than a read, it is gone');
});
