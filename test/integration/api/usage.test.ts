// GET /usage and /usage/instances.csv over a real store: the report, the spreadsheet, and that they agree.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { UsageInstance, UsageReport } from '../../../shared/api-schema.js';
import { call, startApi, type ApiHarness } from '../../helpers/api.js';

let a: ApiHarness;
const day = (d: number, h: number, m = 0) => new Date(Date.UTC(2026, 10, d, h, m)).toISOString();
const inst = (uuid: string, meetingId: string, topic: string, start: string, end: string | null, peak: number | null): UsageInstance => ({
  uuid, meetingId, topic, hostName: 'Ada Okafor', startedAt: start, endedAt: end, peakParticipants: peak, participantMinutes: null, endedBy: null,
});

before(async () => {
  a = await startApi();
  await a.store.saveInstances([
    inst('a', '81000000001', 'Ward round', day(23, 22, 30), day(24, 0, 30), 6), // crosses midnight UTC
    inst('b', '81000000002', 'Pharmacy, "north"', day(24, 9), day(24, 10), 2),
    inst('c', '81000000001', 'Ward round', day(24, 9, 30), day(24, 11), 9),
    inst('d', '81000000003', '=cmd()', day(20, 9), day(20, 10), 1), // before the window
  ]);
});
after(() => a.stop());

const q = `from=${day(23, 0)}&to=${day(25, 0)}`;

test('usage: per room, peaks per day, the heatmap and the license count; the CSV has the same instances and hours', async () => {
  const res = await call(a, `/api/v1/usage?${q}&groupBy=room&tz=Europe/Stockholm`);
  assert.equal(res.status, 200);
  const r = (await res.json()) as UsageReport;
  assert.deepEqual(r.groups.map((g) => [g.key, g.meetings, g.hoursLive, g.peakParticipants]), [['81000000001', 2, 3.5, 9], ['81000000002', 1, 1, 2]]);
  assert.deepEqual(r.totals, { meetings: 3, hoursLive: 4.5, peakConcurrent: 2, peakAt: day(24, 9, 30) });
  assert.deepEqual(r.peakByDay, [{ day: '2026-11-23', peakConcurrent: 1 }, { day: '2026-11-24', peakConcurrent: 2 }, { day: '2026-11-25', peakConcurrent: 0 }], 'Stockholm days: the window is 01:00 to 01:00; Ward round began at 23:30 on the 23rd');
  assert.equal(r.licenses, 12);
  assert.equal(r.heatmap.flat().reduce((x, y) => x + y, 0), 4.5);
  const csvRes = await call(a, `/api/v1/usage/instances.csv?${q}`);
  assert.equal(csvRes.status, 200);
  assert.match(csvRes.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
  assert.match(csvRes.headers.get('content-disposition') ?? '', /^attachment; filename="zoom-usage-2026-11-23-2026-11-25\.csv"$/);
  const csv = await csvRes.text();
  const rows = csv.replace(/^\ufeff/, '').trimEnd().split('\r\n');
  assert.equal(rows[0], 'uuid,meetingId,topic,hostName,startedAt,endedAt,minutesLive,peakParticipants,tookPart,participantMinutes,endedBy');
  assert.equal(rows.length - 1, r.totals.meetings, 'one row per instance in the window');
  assert.ok(rows.includes(`b,81000000002,"Pharmacy, ""north""",Ada Okafor,${day(24, 9)},${day(24, 10)},60,2,,,`), csv);
  const minutes = rows.slice(1).map((row) => Number(row.split(',').at(-5)));
  assert.equal(minutes.reduce((x, y) => x + y, 0) / 60, r.totals.hoursLive, 'the CSV and the report agree on the hours');
  assert.ok(!csv.includes('=cmd()'), 'outside the window');
});

test('usage: a bad window or zone is a 400 with the reason; no token, 401', async () => {
  const bad: [string, RegExp][] = [
    [`from=${day(25, 0)}&to=${day(23, 0)}`, /`to` must be after `from`/],
    [`from=2025-01-01T00:00:00Z&to=2026-11-25T00:00:00Z`, /at most 400 days/],
    [`${q}&tz=Mars/Olympus`, /Unknown time zone "Mars\/Olympus"/],
  ];
  for (const [query, why] of bad) {
    const res = await call(a, `/api/v1/usage?${query}`);
    assert.equal(res.status, 400, query);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, why);
  }
  for (const query of ['from=yesterday&to=today', `${q}&groupBy=week`, `from=${day(23, 0)}`]) assert.equal((await call(a, `/api/v1/usage?${query}`)).status, 400, query);
  assert.equal((await call(a, `/api/v1/usage?${q}`, { token: null })).status, 401);
  assert.equal((await call(a, `/api/v1/usage/instances.csv?${q}`, { token: null })).status, 401);
});
