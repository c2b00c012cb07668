import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { UsageInstance } from '../../../shared/api-schema.js';
import { checkedTimeZone, offsetFinder, usageReport, type UsageInput } from '../../../main/usage/usage-report.js';
import { csvCell, instancesCsv } from '../../../main/usage/instances-csv.js';

const at = (s: string) => Date.parse(s);
let n = 0;
const inst = (meetingId: string, start: string, end: string | null, over: Partial<UsageInstance> = {}): UsageInstance => ({
  uuid: `u${++n}`, meetingId, topic: `Room ${meetingId}`, hostName: meetingId === '1' ? 'Ada' : 'Ben', startedAt: start, endedAt: end, peakParticipants: 3, participantMinutes: null, endedBy: null, ...over,
});
const rooms = ['1', '2', '3'].map((id) => ({ meetingId: id, topic: `Room ${id}`, hostName: null }));
const input = (instances: UsageInstance[], over: Partial<UsageInput> = {}): UsageInput => ({
  instances, rooms, from: at('2026-11-23T00:00:00Z'), to: at('2026-11-30T00:00:00Z'), now: at('2026-11-28T12:00:00Z'), tz: 'UTC', groupBy: 'room', licenses: null, historySince: null, ...over,
});

test('rooms: hours live, meetings and peak participants, most used first; rooms without an instance are idle', () => {
  const r = usageReport(input([
    inst('1', '2026-11-24T09:00:00Z', '2026-11-24T10:30:00Z', { peakParticipants: 8 }),
    inst('1', '2026-11-25T09:00:00Z', '2026-11-25T09:30:00Z', { peakParticipants: 2 }),
    inst('2', '2026-11-24T09:00:00Z', '2026-11-24T09:45:00Z', { peakParticipants: null }),
  ]));
  assert.deepEqual(r.groups.map((g) => [g.key, g.meetings, g.hoursLive, g.peakParticipants, g.peakConcurrent]), [
    ['1', 2, 2, 8, 1],
    ['2', 1, 0.75, null, 1],
  ]);
  assert.deepEqual(r.totals, { meetings: 3, hoursLive: 2.75, peakConcurrent: 2, peakAt: '2026-11-24T09:00:00.000Z' });
  assert.deepEqual(r.idleRooms.map((x) => x.meetingId), ['3']);
});

test('peak concurrent: overlaps count, back-to-back ones do not; per day in the viewer\'s zone', () => {
  const r = usageReport(input([
    inst('1', '2026-11-24T09:00:00Z', '2026-11-24T10:00:00Z'),
    inst('2', '2026-11-24T10:00:00Z', '2026-11-24T11:00:00Z'), // starts as the first ends
    inst('3', '2026-11-25T09:00:00Z', '2026-11-25T11:00:00Z'),
    inst('1', '2026-11-25T10:00:00Z', '2026-11-25T10:30:00Z'),
    inst('2', '2026-11-25T10:15:00Z', '2026-11-25T10:20:00Z'),
  ]));
  const byDay = Object.fromEntries(r.peakByDay.map((d) => [d.day, d.peakConcurrent]));
  assert.deepEqual([byDay['2026-11-23'], byDay['2026-11-24'], byDay['2026-11-25'], byDay['2026-11-29']], [0, 1, 3, 0]);
  assert.equal(r.peakByDay.length, 7, 'every day of the window, used or not');
  assert.equal(r.totals.peakConcurrent, 3);
  // A meeting live across midnight counts in the day it runs into, and in the hour buckets it spans.
  const allNight = usageReport(input([inst('1', '2026-11-24T20:00:00Z', '2026-11-26T02:00:00Z')]));
  assert.deepEqual(allNight.peakByDay.filter((d) => d.peakConcurrent > 0).map((d) => d.day), ['2026-11-24', '2026-11-25', '2026-11-26']);
  const hours = usageReport(input([inst('1', '2026-11-24T09:30:00Z', '2026-11-24T11:30:00Z')], { groupBy: 'hour' }));
  assert.deepEqual(hours.groups.map((g) => [g.key, g.peakConcurrent]), [['2026-11-24T09', 1], ['2026-11-24T10', 1], ['2026-11-24T11', 1]]);
});

test('midnight, window edges, a live instance, and time zones', () => {
  const crossing = inst('1', '2026-11-24T23:30:00Z', '2026-11-25T00:30:00Z');
  const utc = usageReport(input([crossing], { groupBy: 'day' }));
  assert.deepEqual(utc.groups.map((g) => [g.key, g.hoursLive]), [['2026-11-24', 0.5], ['2026-11-25', 0.5]]);
  assert.deepEqual([utc.heatmap[1]![23], utc.heatmap[2]![0]], [0.5, 0.5], 'Tuesday 23:00 and Wednesday 00:00');
  // In Stockholm (UTC+1) the same hour is 00:30–01:30 on the 25th: one day.
  const sthlm = usageReport(input([crossing], { groupBy: 'day', tz: 'Europe/Stockholm' }));
  assert.deepEqual(sthlm.groups.map((g) => [g.key, g.hoursLive]), [['2026-11-25', 1]]);
  assert.deepEqual([sthlm.heatmap[2]![0], sthlm.heatmap[2]![1]], [0.5, 0.5]);
  // Clipped to the window; a live one runs until now.
  const edge = usageReport(input([inst('1', '2026-11-22T22:00:00Z', '2026-11-23T01:00:00Z'), inst('2', '2026-11-28T10:00:00Z', null)]));
  assert.deepEqual(edge.groups.map((g) => [g.key, g.hoursLive]), [['2', 2], ['1', 1]]);
  assert.deepEqual(usageReport(input([inst('1', '2026-11-20T00:00:00Z', '2026-11-21T00:00:00Z')])).groups, [], 'outside the window');
});

test('groupBy host and hour; the offset of a zone follows DST; bad zones are refused', () => {
  const r = usageReport(input([inst('1', '2026-11-24T09:10:00Z', '2026-11-24T10:10:00Z'), inst('2', '2026-11-24T09:20:00Z', '2026-11-24T09:40:00Z')], { groupBy: 'hour' }));
  assert.deepEqual(r.groups.map((g) => [g.key, g.meetings, g.peakConcurrent]), [['2026-11-24T09', 2, 2], ['2026-11-24T10', 1, 1]]);
  const h = usageReport(input([inst('1', '2026-11-24T09:00:00Z', '2026-11-24T10:00:00Z'), inst('2', '2026-11-24T09:00:00Z', '2026-11-24T11:00:00Z')], { groupBy: 'host' }));
  assert.deepEqual(h.groups.map((g) => [g.key, g.hoursLive]), [['Ben', 2], ['Ada', 1]]);
  const off = offsetFinder('Europe/Stockholm');
  assert.deepEqual([off(at('2026-07-01T12:00:00Z')), off(at('2026-12-01T12:00:00Z'))], [7_200_000, 3_600_000]);
  assert.equal(checkedTimeZone('Mars/Olympus'), null);
  assert.equal(checkedTimeZone('America/New_York'), 'America/New_York');
});

test('CSV: RFC 4180, a BOM, CRLF, quoted fields, and no formulas from topics', () => {
  assert.deepEqual([csvCell('a,b'), csvCell('say "hi"'), csvCell('line\nbreak'), csvCell('=HYPERLINK("x")'), csvCell(null), csvCell(3)], ['"a,b"', '"say ""hi"""', '"line\nbreak"', `"'=HYPERLINK(""x"")"`, '', '3']);
  const csv = instancesCsv([inst('1', '2026-11-24T09:00:00Z', '2026-11-24T10:00:00Z', { uuid: 'x', topic: 'Board, weekly' })], at('2026-11-24T09:30:00Z'), at('2026-11-25T00:00:00Z'), at('2026-11-28T00:00:00Z'));
  assert.equal(csv, '\ufeffuuid,meetingId,topic,hostName,startedAt,endedAt,minutesLive,peakParticipants,tookPart,participantMinutes,endedBy\r\nx,1,"Board, weekly",Ada,2026-11-24T09:00:00Z,2026-11-24T10:00:00Z,30,3,,,\r\n');
  // A row from Zoom's summary of a past meeting: who took part, the peak not known.
  const summary = instancesCsv([inst('2', '2026-11-24T09:00:00Z', '2026-11-24T10:00:00Z', { uuid: 'z', peakParticipants: null, tookPart: 7 })], at('2026-11-24T09:00:00Z'), at('2026-11-25T00:00:00Z'), at('2026-11-28T00:00:00Z'));
  assert.equal(summary.split('\r\n')[1], 'z,2,Room 2,Ben,2026-11-24T09:00:00Z,2026-11-24T10:00:00Z,60,,7,,');
});

test('isoMs reads the stored form by hand and anything else as Date.parse does', async () => {
  const { isoMs } = await import('../../../main/usage/usage-report.js');
  for (const s of ['2026-11-28T09:07:05.123Z', '1999-12-31T23:59:59.999Z', '2026-11-28T09:07:05Z', '2026-11-28T10:07:05+01:00', 'soon']) {
    assert.deepEqual(isoMs(s), Date.parse(s), s);
  }
});
