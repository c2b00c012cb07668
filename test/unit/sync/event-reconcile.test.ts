// Events against what we know: repeated, reordered and unknown ones never corrupt a count.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Session } from '../../../shared/session.js';
import { applyChanges } from '../../../shared/session-changes.js';
import { applyMeetingEvent, type Ledgers } from '../../../main/sync/event-reconcile.js';
import { eventKey, parseZoomEvent, type MeetingEvent } from '../../../main/zoom/events/zoom-event.js';
import { makeSession } from '../../helpers/sessions.js';

const NOW = new Date('2026-11-27T10:00:00.000Z');
const ev = (kind: MeetingEvent['kind'], over: Partial<MeetingEvent> = {}): MeetingEvent => ({
  kind,
  meetingId: '81000000001',
  uuid: 'inst-1',
  topic: 'Ward round',
  hostId: 'h1',
  at: NOW.getTime(),
  startTime: '2026-11-27T09:59:58Z',
  participant: null,
  name: null,
  userId: null,
  ...over,
});
const joined = (who: string, over: Partial<MeetingEvent> = {}) => ev('joined', { participant: who, ...over });
const left = (who: string, over: Partial<MeetingEvent> = {}) => ev('left', { participant: who, ...over });

/** Runs events in order from a starting state; returns the session and how many changes there were. */
function run(start: Session[], events: MeetingEvent[], ledgers: Ledgers = new Map()) {
  const state = new Map(start.map((s) => [s.meetingId, s]));
  let changes = 0;
  for (const e of events) {
    const c = applyMeetingEvent(state.get(e.meetingId), ledgers, e, NOW);
    changes += c.length;
    applyChanges(state, c);
  }
  return { s: state.get('81000000001'), changes, state };
}

const available = makeSession('81000000001', { status: 'available', uuid: 'inst-0', participants: 0 });
const liveNoCount = makeSession('81000000001', { status: 'live', uuid: 'inst-1', participants: null, liveSince: '2026-11-27T09:00:00Z' });
const liveWith = (n: number) => makeSession('81000000001', { status: 'live', uuid: 'inst-1', participants: n, liveSince: '2026-11-27T09:00:00Z' });

test('started makes a known meeting live at 0, then joins and leaves count', () => {
  const { s } = run([available], [ev('started'), joined('a'), joined('b'), joined('c'), left('b')]);
  assert.equal(s!.status, 'live');
  assert.equal(s!.uuid, 'inst-1');
  assert.equal(s!.liveSince, '2026-11-27T09:59:58Z');
  assert.equal(s!.participants, 2);
  assert.equal(s!.joinUrl, available.joinUrl, 'the link we had is kept');
});

test('started for a meeting never seen creates it as live-seen (its link is fetched by the engine)', () => {
  const { s } = run([], [ev('started', { topic: 'Instant call' })]);
  assert.equal(s!.source, 'live-seen');
  assert.equal(s!.topic, 'Instant call');
  assert.equal(s!.status, 'live');
  assert.equal(s!.joinUrl, null);
});

const table: { name: string; start: Session[]; events: MeetingEvent[]; status: Session['status'] | 'absent'; participants?: number | null }[] = [
  { name: 'a repeated join counts once', start: [available], events: [ev('started'), joined('a'), joined('a'), joined('a')], status: 'live', participants: 1 },
  { name: 'left before its joined (reordered) nets zero', start: [available], events: [ev('started'), joined('a'), left('b'), joined('b')], status: 'live', participants: 1 },
  { name: 'a leave of someone in before we watched lowers the count', start: [liveWith(4)], events: [left('x')], status: 'live', participants: 3 },
  { name: 'the count never goes negative', start: [liveWith(1)], events: [left('x'), left('y'), left('z')], status: 'live', participants: 0 },
  { name: 'an unknown count stays unknown on joins (per-host mode, joined before we watched)', start: [liveNoCount], events: [joined('a'), joined('b')], status: 'live', participants: null },
  { name: 'rejoining after leaving counts again', start: [available], events: [ev('started'), joined('a'), left('a'), joined('a', { at: NOW.getTime() + 5 })], status: 'live', participants: 1 },
  { name: 'ended moves a live meeting to available', start: [liveWith(3)], events: [ev('ended')], status: 'available', participants: 0 },
  { name: 'ended for a meeting we do not know changes nothing', start: [], events: [ev('ended')], status: 'absent' },
  { name: 'ended of an older instance leaves the new one live', start: [liveWith(2)], events: [ev('ended', { uuid: 'inst-0' })], status: 'live', participants: 2 },
  { name: 'ended arriving before its started: the late started does not revive it', start: [available], events: [ev('ended'), ev('started')], status: 'available' },
  { name: 'late participant events of an instance that is over change nothing', start: [available], events: [joined('a', { uuid: 'inst-0' }), left('b', { uuid: 'inst-0' })], status: 'available', participants: 0 },
  { name: 'a join that overtook its started starts the instance; the started keeps the count', start: [available], events: [joined('a'), joined('b'), ev('started')], status: 'live', participants: 2 },
  { name: 'joins after an ended that overtook them change nothing', start: [liveWith(2)], events: [ev('ended'), joined('late')], status: 'available', participants: 0 },
  { name: 'started of the instance already live (after a REST read) keeps its count', start: [liveWith(7)], events: [ev('started'), joined('n')], status: 'live', participants: 8 },
  { name: "a new instance starts its count over; the old instance's late join is ignored", start: [liveWith(7)], events: [ev('started', { uuid: 'inst-2' }), joined('a', { uuid: 'inst-2' }), joined('b')], status: 'live', participants: 1 },
];

for (const row of table) {
  test(`events: ${row.name}`, () => {
    const { s } = run(row.start, row.events);
    if (row.status === 'absent') return assert.equal(s, undefined);
    assert.equal(s!.status, row.status);
    if ('participants' in row) assert.equal(s!.participants, row.participants);
  });
}

test('an event that changes nothing yields no change (no SSE noise)', () => {
  assert.equal(run([liveWith(2)], [ev('started')]).changes, 0);
  assert.equal(run([liveWith(0)], [left('ghost')]).changes, 0);
});

test("parseZoomEvent reads Zoom's bodies and refuses what is not a meeting event we follow", () => {
  const body = {
    event: 'meeting.participant_joined',
    event_ts: 1_790_000_000_000,
    payload: {
      account_id: 'acc',
      object: { id: 81000000001, uuid: 'u==', host_id: 'h', topic: 'T', type: 2, participant: { user_id: '16778240', participant_uuid: 'P-1', user_name: 'Ann', join_time: '2026-11-27T10:00:01Z' } },
    },
  };
  const e = parseZoomEvent(body, 0)!;
  assert.deepEqual(e, { kind: 'joined', meetingId: '81000000001', uuid: 'u==', topic: 'T', hostId: 'h', at: Date.parse('2026-11-27T10:00:01Z'), startTime: null, participant: 'P-1', name: 'Ann', userId: '16778240' });
  assert.equal(parseZoomEvent({ ...body, event: 'meeting.created' }, 0), null);
  assert.equal(parseZoomEvent({ event: 'meeting.started', payload: { object: { id: 'abc' } } }, 0), null, 'a meeting id is digits');
  assert.equal(parseZoomEvent({ event: 'meeting.participant_left', payload: { object: { id: 1 } } }, 0), null, 'no participant');
  assert.equal(parseZoomEvent('nonsense', 0), null);
  assert.equal(parseZoomEvent({ event: 'meeting.ended', event_ts: 42, payload: { object: { id: '5', uuid: 'x' } } }, 0)!.at, 42, 'event_ts when the body has no time');
  assert.notEqual(eventKey(e), eventKey({ ...e, at: e.at + 1 }));
});
