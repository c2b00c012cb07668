// Forgotten meetings and free rooms, driven end to end through the simulator: Zoom's lists (polling) and
// Zoom's events, the engine's commits and its tick, and the store. Time is the engine's own clock.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { EmbeddedStore } from '../../../main/store/embedded.js';
import { SyncEngine } from '../../../main/sync/engine.js';
import { parseZoomEvent } from '../../../main/zoom/events/zoom-event.js';
import { zoomFaults } from '../../../main/zoom-simulator/faults.js';
import { startSim, type SimHarness } from '../../helpers/sim.js';

let h: SimHarness;
let store: EmbeddedStore;
let dir: string;
let engine: SyncEngine;
let clock: number;
let hostId: string;
const MIN = 60_000;
const iso = (t: number) => new Date(t).toISOString();

beforeEach(async () => {
  clock = Date.parse('2026-11-28T14:00:00Z');
  // Zoom's clock is the engine's: its start times and event times are in the same time.
  h = await startSim({ sim: { now: () => clock }, client: { timeoutMs: 2000, maxRetries: 2 } });
  dir = await mkdtemp(path.join(os.tmpdir(), 'zs-insight-'));
  store = new EmbeddedStore({ dataDir: dir });
  await store.open();
  hostId = h.sim.account.addUser({ email: 'ops@example.com', firstName: 'Avery', lastName: 'Ops' }).id;
  engine = new SyncEngine({ zoom: h.client, store, now: () => clock, sleep: async () => {} });
});

afterEach(async () => {
  await store.close();
  await h.stop();
  await rm(dir, { recursive: true, force: true });
});

const session = (id: number) => engine.get(String(id))!;

test('polling: one person left alone for 20 min needs attention, stored; a join clears it', async () => {
  const a = h.sim.account;
  const m = a.addMeeting({ hostId, topic: 'Ops stand-up', startTime: iso(clock - 5 * MIN), duration: 30 });
  a.start(m.id, 3, ['Ada', 'Ben', 'Cy']);
  await engine.syncNow();
  assert.equal(session(m.id).participants, 3);
  assert.equal(session(m.id).attention, null);
  assert.equal(session(m.id).bookedUntil, iso(clock + 25 * MIN), 'this instance is the 30-min booking that began 5 min ago');

  a.leave(m.id, 2);
  clock += 1 * MIN;
  await engine.pollLive();
  const aloneSince = iso(clock);
  assert.equal(session(m.id).participantsSince, aloneSince);
  clock += 19 * MIN;
  assert.equal(await engine.reviewInsight(), 0, '19 min alone: not yet');
  clock += 1 * MIN;
  await engine.pollLive();
  assert.equal(await engine.reviewInsight(), 1);
  assert.deepEqual(session(m.id).attention, { kind: 'alone', since: aloneSince, text: 'One person alone for over 20 min' });
  assert.equal(session(m.id).updatedAt, iso(clock), 'a change like any other: pushed and stored');
  assert.deepEqual((await store.get(String(m.id)))!.attention, session(m.id).attention);
  assert.equal(await engine.reviewInsight(), 0, 'the same episode is not written again');

  a.join(m.id, 1);
  await engine.pollLive();
  assert.equal(session(m.id).attention, null);
});

test('polling: a meeting live 15 min past its booked end is an overrun; empty (0 for 10 min) comes first', async () => {
  const a = h.sim.account;
  const m = a.addMeeting({ hostId, topic: 'Board review', startTime: iso(clock - 50 * MIN), duration: 45 });
  clock -= 48 * MIN; // it began two minutes into its booking
  a.start(m.id, 6);
  await engine.syncNow();
  clock += 48 * MIN;
  await engine.pollLive();
  assert.equal(session(m.id).attention, null, '5 min past its end');
  clock += 10 * MIN;
  await engine.reviewInsight();
  assert.equal(session(m.id).attention?.kind, 'overrun');
  assert.equal(session(m.id).attention?.since, iso(Date.parse('2026-11-28T14:00:00Z') - 5 * MIN));

  a.leave(m.id, 6, { keepOpen: true });
  await engine.pollLive();
  assert.equal(session(m.id).status, 'live');
  assert.equal(session(m.id).participants, 0);
  assert.equal(session(m.id).attention?.kind, 'overrun', 'empty for a moment: still the overrun');
  clock += 10 * MIN;
  await engine.reviewInsight();
  assert.equal(session(m.id).attention?.kind, 'empty');

  a.end(m.id);
  await engine.pollLive();
  assert.deepEqual([session(m.id).status, session(m.id).attention, session(m.id).participantsSince, session(m.id).bookedUntil], ['available', null, null, null]);
});

test('events: joins and leaves keep the count and its since; alone is judged on the events alone', async () => {
  const a = h.sim.account;
  const m = a.addMeeting({ hostId, topic: 'Clinic room 2', type: 3 });
  await engine.syncNow();
  a.onEvent((body) => {
    const e = parseZoomEvent(body, clock);
    if (e) void engine.applyEvent({ ...e, at: clock });
  });
  a.start(m.id, 2, ['Dr Lee', 'Pat']);
  await engine.detailsSettled();
  await waitFor(() => session(m.id).participants === 2);
  clock += 2 * MIN;
  a.leave(m.id, 1);
  await waitFor(() => session(m.id).participants === 1);
  assert.equal(session(m.id).participantsSince, iso(clock));
  assert.equal(session(m.id).bookedUntil, null, 'a recurring meeting without fixed time has no booking');
  clock += 20 * MIN;
  await engine.reviewInsight();
  assert.equal(session(m.id).attention?.kind, 'alone');
  // Who is in, by name, from the same events: the one who left is gone.
  const who = (await engine.participants(String(m.id)))!;
  assert.deepEqual(who.participants.map((p) => p.name), ['Dr Lee']);
  assert.deepEqual([who.source, who.unnamed, who.note], ['events', 0, null]);
  assert.match(who.participants[0]!.joinedAt, /^2026-11-28T14:00:00/);
  // Names are personal data: never in the data dir.
  await store.close();
  for (const file of await readdir(dir, { recursive: true })) {
    const text = await readFile(path.join(dir, file), 'utf8').catch(() => '');
    assert.ok(!text.includes('Dr Lee') && !text.includes('Pat'), `${file} holds a participant's name`);
  }
  await store.open();
  a.end(m.id);
  await waitFor(() => session(m.id).status === 'available');
  await assert.rejects(engine.participants(String(m.id)), /is not live/);
});

test('Dashboard: without events, names are read from Zoom when asked, those who left left out, kept a minute per instance, a Heavy call that leaves the live minute alone, never stored', async () => {
  const a = h.sim.account;
  const m = a.addMeeting({ hostId, topic: 'Ward round' });
  const other = a.addMeeting({ hostId, topic: 'Pharmacy' });
  a.start(m.id, 3, ['Dr Okafor', 'Nurse Kim', 'Sam Patel']);
  a.start(other.id, 1, ['Lee']);
  clock += 5 * MIN;
  a.leave(m.id, 1); // Sam Patel left: the Dashboard still lists the join, with leave_time
  await engine.syncNow();
  const who = (await engine.participants(String(m.id)))!;
  assert.deepEqual([who.source, who.unnamed, who.note], ['dashboard', 0, null]);
  assert.deepEqual(who.participants.map((p) => [p.name, p.joinedAt]), [['Dr Okafor', iso(clock - 5 * MIN)], ['Nurse Kim', iso(clock - 5 * MIN)]]);
  assert.equal(h.sim.callsTo('dashboard-participants'), 1);
  clock += 30_000;
  assert.deepEqual((await engine.participants(String(m.id)))!.asOf, who.asOf, 'kept: the same answer within the minute');
  assert.equal(h.sim.callsTo('dashboard-participants'), 1, 'no second call within the minute');
  // Another meeting's names at once: the participants call is Heavy (Zoom's reference), not the live list's
  // Resource-intensive minute.
  assert.deepEqual((await engine.participants(String(other.id)))!.participants.map((p) => p.name), ['Lee']);
  assert.equal(h.sim.callsTo('dashboard-participants'), 2);
  clock += 30_000;
  // Zoom's refusal is said, not thrown.
  clock += 61_000;
  h.sim.addFault(zoomFaults.serverError('dashboard-participants', 500, 5));
  const failed = (await engine.participants(String(m.id)))!;
  assert.deepEqual([failed.source, failed.participants], [null, []]);
  assert.match(failed.note!, /^Zoom's Dashboard did not give the names: /);
  h.sim.faults.clear();
  // An app made with granular scopes, without the participants scope: names are off, with the scope to add;
  // the live list goes on, and Zoom is not asked again for names within ten minutes.
  h.sim.grantedScopes = h.sim.grantedScopes.filter((n) => n !== 'dashboard:read:list_meeting_participants:admin');
  clock += 61_000;
  const noScope = (await engine.participants(String(m.id)))!;
  assert.deepEqual([noScope.source, noScope.participants], [null, []]);
  assert.match(noScope.note!, /lacks the scope dashboard:read:list_meeting_participants:admin .*add it \(or dashboard_meetings:read:admin\)/);
  const asked = h.sim.callsTo('dashboard-participants');
  clock += 61_000;
  assert.match((await engine.participants(String(other.id)))!.note!, /lacks the scope/);
  assert.equal(h.sim.callsTo('dashboard-participants'), asked, 'not asked again');
  await engine.pollLive();
  assert.equal(session(m.id).status, 'live', 'the live list is another scope: it goes on');
  h.sim.grantedScopes.push('dashboard:read:list_meeting_participants:admin');
  await store.close();
  for (const file of await readdir(dir, { recursive: true })) {
    const text = await readFile(path.join(dir, file), 'utf8').catch(() => '');
    for (const name of ['Okafor', 'Nurse Kim', 'Lee']) assert.ok(!text.includes(name), `${file} holds a participant's name`);
  }
  await store.open();
});

test('free until, recurring: the coming occurrences from the meeting\'s details (deleted ones left out), through Zoom\'s wire format', async () => {
  const a = h.sim.account;
  const weekly = a.addMeeting({
    hostId, topic: 'Weekly tutoring', type: 8, startTime: iso(clock - 14 * 24 * 60 * MIN), duration: 45,
    occurrences: [
      { start: iso(clock + 30 * MIN), duration: 45, status: 'deleted' }, // today's is cancelled
      { start: iso(clock + 7 * 24 * 60 * MIN), duration: 45 },
      { start: iso(clock + 14 * 24 * 60 * MIN), duration: 45 },
    ],
  });
  await engine.syncNow();
  assert.deepEqual(session(weekly.id).bookings, [
    { startAt: iso(clock + 7 * 24 * 60 * MIN), endAt: iso(clock + (7 * 24 * 60 + 45) * MIN) },
    { startAt: iso(clock + 14 * 24 * 60 * MIN), endAt: iso(clock + (14 * 24 * 60 + 45) * MIN) },
  ]);
  assert.equal(session(weekly.id).freeUntil, iso(clock + 7 * 24 * 60 * MIN), 'not the series\' first start (past), not the cancelled one');
  assert.deepEqual((await store.get(String(weekly.id)))!.bookings, session(weekly.id).bookings, 'stored');
});

test('per-host lists give no count: a meeting is never judged empty or alone on a count it does not know', async () => {
  h.sim.dashboardForbidden = true;
  const a = h.sim.account;
  const m = a.addMeeting({ hostId, topic: 'Unknown count', type: 3 });
  a.start(m.id, 1);
  await engine.syncNow();
  assert.equal(engine.status().strategy, 'per-host');
  assert.equal(session(m.id).participants, null);
  clock += 3 * 60 * MIN;
  await engine.reviewInsight();
  assert.equal(session(m.id).attention, null);
  const who = (await engine.participants(String(m.id)))!;
  assert.deepEqual([who.participants, who.source], [[], null]);
  assert.match(who.note!, /Names come with Zoom's meeting events .* or its Dashboard/);
  assert.equal(await engine.participants('12345678901'), null);
  assert.equal(h.sim.callsTo('dashboard-participants'), 0, 'without the Dashboard it is not asked');
});

test('free until: an available room says when its next booking starts, until that booking begins', async () => {
  const a = h.sim.account;
  const m = a.addMeeting({ hostId, topic: 'Room A', startTime: iso(clock + 45 * MIN), duration: 60 });
  const drop = a.addMeeting({ hostId, topic: 'Drop-in', type: 3 });
  await engine.syncNow();
  assert.equal(session(m.id).freeUntil, iso(clock + 45 * MIN));
  assert.equal(session(m.id).nextEndAt, iso(clock + 105 * MIN));
  assert.equal(session(drop.id).freeUntil, null, 'nothing booked');
  const personal = engine.list().find((s) => s.source === 'personal')!;
  assert.equal(personal.freeUntil, null);
  clock += 46 * MIN;
  assert.equal(await engine.reviewInsight(), 1);
  assert.equal(session(m.id).freeUntil, null, 'its booking began: not free until then any more');
});

async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(done(), 'in time');
}
