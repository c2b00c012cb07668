import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Session } from '../../../shared/session.js';
import { attentionOf, bookedUntilOf, DEFAULT_ATTENTION, derived, durationText, freeUntilOf, withLiveTimes } from '../../../main/sync/room-insight.js';
import { makeSession } from '../../helpers/sessions.js';

const NOW = Date.parse('2026-11-28T14:00:00Z');
const ago = (min: number) => new Date(NOW - min * 60_000).toISOString();
const ahead = (min: number) => new Date(NOW + min * 60_000).toISOString();
const live = (over: Partial<Session>) => makeSession('1', { status: 'live', liveSince: ago(120), uuid: 'u1', ...over });

test('attention: empty, alone and overrun at their thresholds, never on an unknown count', () => {
  const rows: [string, Partial<Session>, string | null][] = [
    ['empty 9 min', { participants: 0, participantsSince: ago(9) }, null],
    ['empty 10 min', { participants: 0, participantsSince: ago(10) }, 'empty'],
    ['alone 19 min', { participants: 1, participantsSince: ago(19) }, null],
    ['alone 20 min', { participants: 1, participantsSince: ago(20) }, 'alone'],
    ['two people for hours', { participants: 2, participantsSince: ago(300) }, null],
    ['count unknown for hours', { participants: null, participantsSince: null }, null],
    ['no since (count just read)', { participants: 0, participantsSince: null }, null],
    ['14 min past its booked end', { participants: 5, participantsSince: ago(60), bookedUntil: ago(14) }, null],
    ['15 min past its booked end', { participants: 5, participantsSince: ago(60), bookedUntil: ago(15) }, 'overrun'],
    ['past its end, unknown count', { participants: null, bookedUntil: ago(30) }, 'overrun'],
    ['empty beats overrun', { participants: 0, participantsSince: ago(11), bookedUntil: ago(30) }, 'empty'],
    ['alone beats overrun', { participants: 1, participantsSince: ago(25), bookedUntil: ago(30) }, 'alone'],
  ];
  for (const [name, over, kind] of rows) {
    assert.equal(attentionOf(live(over), NOW, DEFAULT_ATTENTION)?.kind ?? null, kind, name);
  }
  assert.equal(attentionOf(makeSession('2', { participants: 0, participantsSince: ago(60) }), NOW, DEFAULT_ATTENTION), null, 'available: never');
});

test('attention carries since and a reason in words; thresholds are settings', () => {
  const alone = attentionOf(live({ participants: 1, participantsSince: ago(47) }), NOW, DEFAULT_ATTENTION)!;
  assert.deepEqual(alone, { kind: 'alone', since: ago(47), text: 'One person alone for over 20 min' });
  const rules = { emptyMs: 90_000, aloneMs: 2 * 3_600_000, overrunMs: 90 * 60_000 };
  assert.equal(attentionOf(live({ participants: 0, participantsSince: ago(2) }), NOW, rules)?.text, 'Nobody in it for over 90 s');
  assert.equal(attentionOf(live({ participants: 1, participantsSince: ago(47) }), NOW, rules), null);
  assert.equal(attentionOf(live({ participants: 4, bookedUntil: ago(91) }), NOW, rules)?.text, 'Still live over 1 h 30 min after its booked end');
  assert.deepEqual([durationText(45_000), durationText(600_000), durationText(3_600_000)], ['45 s', '10 min', '1 h']);
});

test('free until: the next booked start, never for personal rooms, live rooms or past bookings', () => {
  assert.equal(freeUntilOf(makeSession('1', { nextStartAt: ahead(45) }), NOW), ahead(45));
  assert.equal(freeUntilOf(makeSession('1', { nextStartAt: ago(5) }), NOW), null, 'a booking that began is no longer ahead');
  assert.equal(freeUntilOf(makeSession('1', { nextStartAt: null, source: 'recurring' }), NOW), null);
  assert.equal(freeUntilOf(makeSession('1', { nextStartAt: ahead(45), source: 'personal' }), NOW), null);
  assert.equal(freeUntilOf(live({ nextStartAt: ahead(45) }), NOW), null);
});

test('booked until: the booking the instance began in (or up to an hour early), else none', () => {
  const booking = { nextStartAt: ago(60), nextEndAt: ago(0) };
  assert.equal(bookedUntilOf({ ...booking, liveSince: ago(58) }), ago(0), 'began on time');
  assert.equal(bookedUntilOf({ ...booking, liveSince: ago(110) }), ago(0), '50 min early');
  assert.equal(bookedUntilOf({ ...booking, liveSince: ago(130) }), null, '70 min early: another use of the room');
  assert.equal(bookedUntilOf({ nextStartAt: ahead(60 * 24), nextEndAt: ahead(60 * 25), liveSince: ago(30) }), null, 'Zoom moved on to the next occurrence');
  assert.equal(bookedUntilOf({ nextStartAt: ago(60), nextEndAt: null, liveSince: ago(58) }), null, 'no duration');
});

test('recurring occurrences: free until the next one not deleted, whatever the catalog\'s start says; booked until the one an instance began in', () => {
  // Zoom's list can give a recurring series' first start (long past); its details list the coming occurrences.
  const series = makeSession('1', { source: 'recurring', nextStartAt: ago(7 * 24 * 60), nextEndAt: ago(7 * 24 * 60 - 60), bookings: [
    { startAt: ago(30), endAt: ahead(30) },
    { startAt: ahead(90), endAt: ahead(150) },
    { startAt: ahead(24 * 60 + 90), endAt: ahead(24 * 60 + 150) },
  ] });
  assert.equal(freeUntilOf(series, NOW), ahead(90), 'the one under way is not ahead; the next is');
  assert.equal(freeUntilOf({ ...series, bookings: null }, NOW), null, 'without details: only the catalog, which is past');
  assert.equal(freeUntilOf({ ...series, nextStartAt: ahead(60) }, NOW), ahead(60), 'the soonest of both');
  assert.equal(bookedUntilOf({ ...series, liveSince: ago(25) }), ahead(30), 'began in the occurrence under way');
  assert.equal(bookedUntilOf({ ...series, liveSince: ahead(80) }), ahead(150), 'began 10 min early for the next');
  assert.equal(bookedUntilOf({ ...series, liveSince: ago(200) }), null, 'began well before any booking');
});

test('live times: the count keeps its since while it holds, and a new instance starts over', () => {
  const at = ago(0);
  const before = live({ participants: 1, participantsSince: ago(30), bookedUntil: ago(5) });
  assert.equal(withLiveTimes(before, { ...before, topic: 'renamed' }, at).participantsSince, ago(30), 'same count');
  assert.equal(withLiveTimes(before, { ...before, participants: 2 }, at).participantsSince, at, 'a join');
  assert.equal(withLiveTimes(before, { ...before, participants: null }, at).participantsSince, null, 'unknown');
  const next = withLiveTimes(before, { ...before, uuid: 'u2', liveSince: ago(1), nextStartAt: null, nextEndAt: null }, at);
  assert.deepEqual([next.participantsSince, next.bookedUntil], [at, null], 'another instance: its own times');
  // The catalog moving on to the next occurrence does not take this instance's booked end away.
  assert.equal(withLiveTimes(before, { ...before, nextStartAt: ahead(1440), nextEndAt: ahead(1500) }, at).bookedUntil, ago(5));
  // A catalog read after the live list (first start) gives a live instance its booking.
  const unbooked = live({ participants: 3, participantsSince: ago(10), liveSince: ago(40) });
  assert.equal(withLiveTimes(unbooked, { ...unbooked, nextStartAt: ago(45), nextEndAt: ago(15) }, at).bookedUntil, ago(15));
  const ended = withLiveTimes(before, { ...before, status: 'available', participants: 0, liveSince: null }, at);
  assert.deepEqual([ended.participantsSince, ended.bookedUntil], [null, null]);
});

test('derived: the same object when nothing changes, so a tick writes nothing', () => {
  const s = derived(undefined, live({ participants: 3, participantsSince: null }), NOW, DEFAULT_ATTENTION);
  assert.equal(s.participantsSince, ago(0));
  assert.equal(derived(s, s, NOW + 60_000, DEFAULT_ATTENTION), s);
  const alone = derived(s, { ...s, participants: 1 }, NOW + 60_000, DEFAULT_ATTENTION);
  assert.equal(alone.attention, null);
  const later = derived(alone, alone, NOW + 21 * 60_000, DEFAULT_ATTENTION);
  assert.equal(later.attention?.kind, 'alone');
  assert.equal(later.attention?.since, new Date(NOW + 60_000).toISOString());
  assert.equal(derived(later, later, NOW + 22 * 60_000, DEFAULT_ATTENTION), later, 'the same episode');
});
