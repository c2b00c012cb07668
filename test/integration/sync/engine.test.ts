import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import type { SessionChange } from '../../../shared/session.js';
import { genericJoinUrl } from '../../../shared/join-links.js';
import { EmbeddedStore } from '../../../main/store/embedded.js';
import { SessionError, SyncEngine } from '../../../main/sync/engine.js';
import { ZoomError } from '../../../main/zoom/errors.js';
import { zoomFaults } from '../../../main/zoom-simulator/faults.js';
import { startSim, type SimHarness } from '../../helpers/sim.js';
import { until } from '../../helpers/until.js';
import { SyncScheduler } from '../../../main/sync/scheduler.js';

let h: SimHarness;
let store: EmbeddedStore;
let dir: string;
let engine: SyncEngine;
let clock: number;
let changes: SessionChange[][];
let hostId: string;

function makeEngine(fallbackPassword: string | null = null): SyncEngine {
  const e = new SyncEngine({
    zoom: h.client,
    store,
    now: () => clock,
    sleep: async () => {},
    fallbackPassword,
  });
  e.onChanges((c) => changes.push(c));
  return e;
}

beforeEach(async () => {
  clock = Date.now();
  h = await startSim({ client: { timeoutMs: 2000, maxRetries: 2 } });
  dir = await mkdtemp(path.join(os.tmpdir(), 'zs-engine-'));
  store = new EmbeddedStore({ dataDir: dir });
  await store.open();
  changes = [];
  hostId = h.sim.account.addUser({ email: 'ops@example.com', firstName: 'Avery', lastName: 'Ops' }).id;
  engine = makeEngine();
});

afterEach(async () => {
  await store.close();
  await h.stop();
  await rm(dir, { recursive: true, force: true });
});

const byTopic = (topic: string) => engine.list().find((s) => s.topic === topic);

test('catalog: scheduled and recurring meetings and the personal room are available, each with a join link', async () => {
  const a = h.sim.account;
  const scheduled = a.addMeeting({ hostId, topic: 'Planning', type: 2 });
  a.addMeeting({ hostId, topic: 'Weekly', type: 8 });
  a.addMeeting({ hostId, topic: 'Drop-in', type: 3 });
  assert.deepEqual(await engine.refreshCatalog(), { ok: true, retryAt: null });
  await engine.detailsSettled(); // passcodes (and the personal room's link) follow the catalog
  const sessions = engine.list();
  assert.equal(sessions.length, 4);
  assert.ok(sessions.every((s) => s.status === 'available' && s.joinUrl?.startsWith('https://zoom.us/j/')));
  assert.equal(byTopic('Planning')!.joinUrl, a.joinUrl(scheduled));
  assert.equal(byTopic('Planning')!.source, 'scheduled');
  assert.equal(byTopic('Weekly')!.source, 'recurring');
  assert.equal(byTopic("Avery Ops's Personal Meeting Room")!.source, 'personal');
  // The personal room's link and every passcode came from GET /meetings/{id}, asked once per meeting.
  assert.equal(byTopic('Planning')!.passcode, scheduled.password);
  assert.equal(h.sim.callsTo('meeting'), 4);
  await engine.refreshCatalog();
  await engine.detailsSettled();
  assert.equal(h.sim.callsTo('meeting'), 4);
  // And it is stored.
  assert.equal((await store.list()).length, 4);
  assert.ok(engine.status().lastCatalogSyncAt);
});

test('a meeting live for more than a day stays live: a personal room left open over a weekend is the forgotten meeting to show', async () => {
  const a = h.sim.account;
  const weekend = a.addMeeting({ hostId, topic: 'Left open Friday' });
  const yesterday = a.addMeeting({ hostId, topic: 'Since yesterday morning' });
  await engine.refreshCatalog();
  a.start(weekend.id, 1, [], clock - 62 * 60 * 60_000);
  a.start(yesterday.id, 2, [], clock - 30 * 60 * 60_000);
  await engine.pollLive();
  assert.equal(byTopic('Left open Friday')!.status, 'live');
  assert.equal(byTopic('Left open Friday')!.liveSince, new Date(clock - 62 * 60 * 60_000).toISOString());
  assert.equal(byTopic('Since yesterday morning')!.status, 'live');
  a.end(weekend.id);
  a.end(yesterday.id);
});

test('live via the Dashboard: starts, counts, joins and ends show up on the next poll', async () => {
  const m = h.sim.account.addMeeting({ hostId, topic: 'Class' });
  await engine.refreshCatalog();
  h.sim.account.start(m.id, 3);
  await engine.pollLive();
  let s = byTopic('Class')!;
  assert.equal(s.status, 'live');
  assert.equal(s.participants, 3);
  assert.equal(engine.status().strategy, 'dashboard');
  assert.equal(engine.status().ready, true);
  h.sim.account.join(m.id, 2);
  await engine.pollLive();
  assert.equal(byTopic('Class')!.participants, 5);
  h.sim.account.end(m.id);
  clock += 12_000;
  await engine.pollLive();
  s = byTopic('Class')!;
  assert.equal(s.status, 'available');
  assert.equal(s.lastLiveAt, new Date(clock).toISOString());
  assert.equal((await store.get(String(m.id)))!.status, 'available');
  assert.ok(changes.length >= 3);
});

test('an instant meeting seen live gets its link once and stays available after it ends', async () => {
  const m = h.sim.account.addMeeting({ hostId, topic: 'Quick call', type: 1 });
  h.sim.account.start(m.id, 2);
  await engine.syncNow();
  const s = byTopic('Quick call')!;
  assert.equal(s.source, 'live-seen');
  assert.equal(s.joinUrl, h.sim.account.joinUrl(m));
  h.sim.account.end(m.id); // gone from Zoom
  await engine.syncNow();
  assert.equal(byTopic('Quick call')!.status, 'available');
  assert.equal(h.sim.callsTo('meeting'), 2, 'the personal room and the instant meeting, once each');
});

test('a meeting deleted in Zoom disappears at the next catalog refresh', async () => {
  const m = h.sim.account.addMeeting({ hostId, topic: 'Cancelled' });
  await engine.refreshCatalog();
  assert.ok(byTopic('Cancelled'));
  h.sim.account.deleteMeeting(m.id);
  await engine.refreshCatalog();
  assert.equal(byTopic('Cancelled'), undefined);
  assert.equal(await store.get(String(m.id)), null);
});

test('Dashboard not permitted (4711): falls back to per-host live lists, then back to the Dashboard later', async () => {
  const m = h.sim.account.addMeeting({ hostId, topic: 'Room' });
  h.sim.account.start(m.id, 4);
  h.sim.dashboardForbidden = true;
  const result = await engine.syncNow();
  assert.equal(result.ok, true);
  assert.equal(engine.status().strategy, 'per-host');
  assert.equal(byTopic('Room')!.status, 'live');
  assert.equal(byTopic('Room')!.participants, null, 'per-host lists carry no count');
  // Within the retry period the Dashboard is not asked again.
  const dashCalls = h.sim.callsTo('dashboard');
  await engine.pollLive();
  assert.equal(h.sim.callsTo('dashboard'), dashCalls);
  // Rights granted; after the retry period the Dashboard is used again, with counts.
  h.sim.dashboardForbidden = false;
  clock += 16 * 60_000;
  await engine.pollLive();
  assert.equal(engine.status().strategy, 'dashboard');
  assert.equal(byTopic('Room')!.participants, 4);
});

test('Zoom\'s daily limit for the Dashboard: no Dashboard call until then, live meetings through per-host lists, the status says so', async () => {
  const m = h.sim.account.addMeeting({ hostId, topic: 'Room' });
  h.sim.account.start(m.id, 4);
  await engine.syncNow();
  assert.equal(engine.status().strategy, 'dashboard');
  const resume = new Date(Date.now() + 3_600_000);
  resume.setUTCSeconds(0, 0);
  h.sim.addFault(zoomFaults.rateLimited('dashboard', { type: 'Daily-limit', retryAfter: resume.toISOString() }));
  const result = await engine.pollLive();
  assert.equal(result.ok, true, 'the round still succeeds, per host');
  assert.equal(engine.status().strategy, 'per-host');
  assert.equal(byTopic('Room')!.status, 'live');
  assert.ok(engine.status().notes.includes(`Zoom's daily limit for the Dashboard is spent until ${resume.toISOString().slice(11, 16)} UTC`), engine.status().notes.join(' | '));
  const dashCalls = h.sim.callsTo('dashboard');
  clock += 30 * 60_000; // past the usual 15-minute retry, still before the limit resets
  await engine.pollLive();
  await engine.pollLive();
  assert.equal(h.sim.callsTo('dashboard'), dashCalls, 'the Dashboard is not asked while its daily limit is spent');
  assert.equal(byTopic('Room')!.status, 'live');
});

test('any Dashboard refusal that is not a rate limit (104, 124, a bare 403) means per-host lists, with Zoom\'s code in the status', async () => {
  for (const [status, code, words] of [[400, 124, 'Zoom code 124'], [400, 104, 'Zoom code 104'], [403, null, 'HTTP 403']] as const) {
    engine = makeEngine();
    // Code 124 first renews the token (it may be an invalid one); a fresh token refused too is the refusal.
    h.sim.addFault({ route: 'dashboard', status, body: code == null ? {} : { code, message: 'Not available on this plan.' }, times: code === 124 ? 2 : 1 });
    const result = await engine.pollLive();
    const asked = h.sim.calls.filter((c) => c.route === 'oauth' || c.route === 'dashboard').map((c) => c.route);
    if (code === 124) assert.deepEqual(asked, ['oauth', 'dashboard', 'oauth', 'dashboard'], 'one fresh token, then the refusal');
    assert.equal(result.ok, true, `${status}/${code}`);
    assert.equal(engine.status().strategy, 'per-host', `${status}/${code}`);
    assert.ok(engine.status().notes.includes(`Dashboard not available (${words})`), engine.status().notes.join(' | '));
  }
  // A per-second 429 or a 5xx is a passing fault, not a refusal.
  engine = makeEngine();
  h.sim.addFault(zoomFaults.serverError('dashboard', 503, 10));
  assert.equal((await engine.pollLive()).ok, false);
  assert.equal(engine.status().strategy, 'dashboard');
  h.sim.faults.clear();
});

test('End: 204 marks the session available at once and Zoom records the end', async () => {
  const m = h.sim.account.addMeeting({ hostId, topic: 'Forgotten' });
  h.sim.account.start(m.id, 2);
  await engine.syncNow();
  const ended = await engine.endMeeting(String(m.id), 'dashboard');
  assert.equal(ended!.status, 'available');
  assert.equal(byTopic('Forgotten')!.status, 'available');
  assert.deepEqual(h.sim.account.endedViaApi, [m.id]);
  assert.equal((await store.get(String(m.id)))!.status, 'available');
});

test('End: 3001 (meeting no longer exists) removes the session', async () => {
  const m = h.sim.account.addMeeting({ hostId, topic: 'Ghost', type: 1 });
  h.sim.account.start(m.id, 1);
  await engine.pollLive();
  h.sim.account.end(m.id); // the instant meeting is gone in Zoom
  assert.equal(await engine.endMeeting(String(m.id), 'dashboard'), null);
  assert.equal(byTopic('Ghost'), undefined);
  assert.equal(await store.get(String(m.id)), null);
});

test('End of a meeting that had just ended in Zoom (3001, the meeting still there): available, not removed, nothing failed', async () => {
  const m = h.sim.account.addMeeting({ hostId, topic: 'Just over' });
  await engine.refreshCatalog();
  h.sim.account.start(m.id, 1);
  await engine.pollLive();
  h.sim.account.end(m.id); // the host left a second before End was pressed
  const ended = await engine.endMeeting(String(m.id), 'dashboard');
  assert.equal(ended?.status, 'available');
  assert.equal(byTopic('Just over')?.status, 'available', 'a scheduled meeting stays on the list');
  assert.deepEqual(h.sim.calls.filter((c) => c.route === 'end-meeting' || c.route === 'meeting').slice(-2).map((c) => [c.route, c.status]), [['end-meeting', 404], ['meeting', 200]]);
  await until('the audit entry', async () => (await engine.audit({ limit: 1 })).length === 1);
  const [entry] = await engine.audit({ limit: 1 });
  assert.deepEqual([entry!.outcome, entry!.zoomCode, entry!.message], ['ended', 3001, 'It had already ended in Zoom.']);
});

test("End refused by Zoom for the host (3063 on-premise user, 3161 hosting not allowed): the meeting stays live and Zoom's words are passed on", async () => {
  for (const code of [3063, 3161] as const) {
    const m = h.sim.account.addMeeting({ hostId, topic: `Refused ${code}` });
    h.sim.account.endRefusals.set(hostId, { code, message: code === 3063 ? 'Can not end meeting for on-premise user.' : 'Meeting hosting and scheduling capabilities are not allowed for your user account.' });
    h.sim.account.start(m.id, 2);
    await engine.pollLive();
    await assert.rejects(engine.endMeeting(String(m.id), 'dashboard'), (e: ZoomError) => e.zoomCode === code && /End meeting failed: HTTP 400: (Can not end|Meeting hosting)/.test(e.message));
    assert.equal(byTopic(`Refused ${code}`)?.status, 'live');
    h.sim.account.endRefusals.clear();
    h.sim.account.end(m.id);
  }
});

test('End confirmed: an End Zoom accepted whose meeting the next read still finds live is said, in the audit and the status, and End works again', async () => {
  const m = h.sim.account.addMeeting({ hostId, topic: 'Stubborn' });
  h.sim.account.start(m.id, 2);
  await engine.syncNow();
  h.sim.account.endNotCarriedOut.add(m.id);
  assert.equal((await engine.endMeeting(String(m.id), 'dashboard'))?.status, 'available', 'Zoom answered 204');
  clock += 1_000;
  await engine.pollLive();
  assert.equal(byTopic('Stubborn')?.status, 'live', 'the read after it found it live: the row is live, End can be pressed');
  assert.ok(engine.status().notes.includes('“Stubborn”: Zoom accepted End, but the meeting is still live. End it again, or in Zoom.'), engine.status().notes.join(' | '));
  await until('the audit says so', async () => (await engine.audit({ limit: 5 })).length === 2);
  const [said, ended] = await engine.audit({ limit: 5 });
  assert.deepEqual([ended!.outcome, said!.outcome, said!.by, said!.message], ['ended', 'failed', 'dashboard', 'Zoom accepted End, but the meeting is still live.']);
  clock += 1_000;
  await engine.pollLive();
  assert.equal((await engine.audit({ limit: 5 })).length, 2, 'said once');
  h.sim.account.endNotCarriedOut.clear();
  await engine.endMeeting(String(m.id), 'dashboard');
  clock += 1_000;
  await engine.pollLive();
  assert.equal(byTopic('Stubborn')?.status, 'available');
  assert.ok(!engine.status().notes.some((n) => n.includes('Stubborn')), 'the note goes once it is over');
  assert.equal((await engine.audit({ limit: 5 })).length, 3, 'confirmed: nothing more to say');
});

test('End: a 429 keeps the session live and returns Zoom\'s error with its retry time', async () => {
  const m = h.sim.account.addMeeting({ hostId, topic: 'Busy' });
  h.sim.account.start(m.id, 2);
  await engine.pollLive();
  h.sim.addFault(zoomFaults.rateLimited('end-meeting', { retryAfter: '120' }));
  await assert.rejects(engine.endMeeting(String(m.id), 'dashboard'), (e: ZoomError) => e.kind === 'rate-limit' && e.httpStatus === 429 && e.retryAt != null);
  assert.equal(byTopic('Busy')!.status, 'live');
  assert.equal(h.sim.account.meeting(m.id).live?.participants, 2);
});

test('End: a 500 keeps the state and passes Zoom\'s error on', async () => {
  const m = h.sim.account.addMeeting({ hostId, topic: 'Flaky' });
  h.sim.account.start(m.id, 2);
  await engine.pollLive();
  h.sim.addFault(zoomFaults.serverError('end-meeting', 500, 5));
  await assert.rejects(engine.endMeeting(String(m.id), 'dashboard'), (e: ZoomError) => e.kind === 'server' && e.httpStatus === 500);
  assert.equal(byTopic('Flaky')!.status, 'live');
});

test('End: concurrent clicks on one meeting make one Zoom call', async () => {
  const m = h.sim.account.addMeeting({ hostId, topic: 'Double click' });
  h.sim.account.start(m.id, 2);
  await engine.pollLive();
  h.sim.addFault(zoomFaults.slow('end-meeting', 100));
  const results = await Promise.all(Array.from({ length: 5 }, () => engine.endMeeting(String(m.id), 'dashboard')));
  assert.equal(h.sim.callsTo('end-meeting'), 1);
  assert.ok(results.every((r) => r?.status === 'available'));
});

test('End of an unknown or not-live meeting is refused without calling Zoom', async () => {
  const m = h.sim.account.addMeeting({ hostId, topic: 'Idle' });
  await engine.refreshCatalog();
  await assert.rejects(engine.endMeeting(String(m.id), 'dashboard'), (e: SessionError) => e.code === 'not-live');
  await assert.rejects(engine.endMeeting('12345678901', 'dashboard'), (e: SessionError) => e.code === 'not-found');
  assert.equal(h.sim.callsTo('end-meeting'), 0);
});

test('End audit: every End that reaches Zoom is recorded with who asked and what Zoom answered; refusals before Zoom are not', async () => {
  const a = h.sim.account;
  const [ok, ghost, busy, twice] = ['Ops', 'Ghost', 'Busy', 'Twice'].map((topic) => a.addMeeting({ hostId, topic, type: topic === 'Ghost' ? 1 : 2 }));
  for (const m of [ok!, ghost!, busy!, twice!]) a.start(m.id, 1);
  await engine.pollLive();
  await engine.endMeeting(String(ok!.id), 'tray');
  a.end(ghost!.id);
  clock += 1_000;
  await engine.endMeeting(String(ghost!.id), 'token:wall display');
  await assert.rejects(engine.endMeeting(String(ok!.id), 'dashboard'), (e: SessionError) => e.code === 'not-live');
  h.sim.addFault(zoomFaults.slow('end-meeting', 50));
  await Promise.all([engine.endMeeting(String(twice!.id), 'dashboard'), engine.endMeeting(String(twice!.id), 'tray')]);
  h.sim.addFault(zoomFaults.rateLimited('end-meeting', { retryAfter: '120' }));
  await assert.rejects(engine.endMeeting(String(busy!.id), 'policy:empty'));
  await until('four entries in the audit', async () => (await engine.audit({ limit: 10 })).length === 4);
  const got = (await engine.audit({ limit: 10 })).reverse();
  assert.deepEqual(
    got.map(({ meetingId, topic, by, outcome, zoomCode }) => ({ meetingId, topic, by, outcome, zoomCode })),
    [
      { meetingId: String(ok!.id), topic: 'Ops', by: 'tray', outcome: 'ended', zoomCode: null },
      { meetingId: String(ghost!.id), topic: 'Ghost', by: 'token:wall display', outcome: 'gone', zoomCode: 3001 },
      { meetingId: String(twice!.id), topic: 'Twice', by: 'dashboard', outcome: 'ended', zoomCode: null },
      { meetingId: String(busy!.id), topic: 'Busy', by: 'policy:empty', outcome: 'failed', zoomCode: 429 },
    ],
  );
  assert.match(got[3]!.message!, /rate limit/i);
  // Entries made in the same millisecond still page apart: times are strictly increasing.
  assert.equal(new Set(got.map((e) => e.at)).size, 4);
});

test('a live list fetched before an End completed does not bring the meeting back', async () => {
  const m = h.sim.account.addMeeting({ hostId, topic: 'Race' });
  h.sim.account.start(m.id, 2);
  await engine.pollLive();
  h.sim.addFault(zoomFaults.slow('dashboard', 300));
  const poll = engine.pollLive(); // its answer is computed now, with the meeting live
  await new Promise((r) => setTimeout(r, 50));
  clock += 1;
  await engine.endMeeting(String(m.id), 'dashboard');
  clock += 1;
  await poll;
  assert.equal(byTopic('Race')!.status, 'available');
});

test('ZOOM_MEETING_PASSWORD fills pwd for meetings without a passcode', async () => {
  engine = makeEngine('s3cret');
  h.sim.account.addMeeting({ hostId, topic: 'Open', password: '' });
  await engine.refreshCatalog();
  await engine.detailsSettled();
  assert.match(byTopic('Open')!.joinUrl!, /^https:\/\/zoom\.us\/j\/\d+\?pwd=s3cret$/);
});

test('a join link from Zoom that is not an https Zoom link is kept as none, and logged once', async () => {
  const lines: string[] = [];
  engine = new SyncEngine({ zoom: h.client, store, now: () => clock, sleep: async () => {}, log: (l) => lines.push(l) });
  const hostile = { 'Phish': 'https://evil.example/my/phish', 'Script': 'javascript:alert(1)', 'Look-alike': 'https://zoom.us.evil.example/j/1' };
  for (const [topic, url] of Object.entries(hostile)) h.sim.account.addMeeting({ hostId, topic }).joinUrlOverride = url;
  h.sim.account.addMeeting({ hostId, topic: 'Regional', type: 2 }).joinUrlOverride = 'https://us06web.zoom.com/j/81234567890?pwd=x';
  await engine.refreshCatalog();
  await engine.detailsSettled();
  await engine.refreshCatalog();
  await engine.detailsSettled();
  // Refused from the list and from GET /meetings/{id}: the meeting keeps Zoom's generic link for its ID.
  for (const topic of Object.keys(hostile)) assert.equal(byTopic(topic)!.joinUrl, genericJoinUrl(byTopic(topic)!.meetingId), topic);
  assert.equal(byTopic('Regional')!.joinUrl, 'https://us06web.zoom.com/j/81234567890?pwd=x');
  const refused = lines.filter((l) => l.includes('not an https Zoom link'));
  assert.equal(refused.length, 3, refused.join('\n'));
  assert.ok(!refused.join('\n').includes('evil.example'), 'the hostile link itself is not written to the log');
  assert.ok(!JSON.stringify(await store.list()).includes('evil.example'), 'nor to the data dir');
});

test('a failed round is reported in the status with Zoom\'s code, and cleared by the next good one', async () => {
  h.sim.addFault(zoomFaults.serverError('dashboard', 503, 10));
  const r = await engine.pollLive();
  assert.equal(r.ok, false);
  const err = engine.status().lastError!;
  assert.equal(err.httpStatus, 503);
  assert.match(err.message, /HTTP 503/);
  h.sim.faults.clear();
  assert.equal((await engine.pollLive()).ok, true);
  assert.equal(engine.status().lastError, null);
});

test('the sync status never carries start_url or tokens', async () => {
  const m = h.sim.account.addMeeting({ hostId, topic: 'Secret-free', type: 1 });
  h.sim.account.start(m.id);
  await engine.syncNow();
  const text = JSON.stringify({ sessions: engine.list(), status: engine.status() });
  assert.ok(!text.includes('zak='));
  assert.ok(!text.includes('SECRET-ZAK'));
  assert.ok(!text.includes('sim_'));
});

test('a full disk: the engine keeps the truth in memory, pushes the change, and says the disk is full', async () => {
  const fullDir = await mkdtemp(path.join(os.tmpdir(), 'zs-full-'));
  const { symlink } = await import('node:fs/promises');
  await symlink('/dev/full', path.join(fullDir, 'journal.ndjson'));
  const fullStore = new EmbeddedStore({ dataDir: fullDir });
  await fullStore.open();
  try {
    const e = new SyncEngine({ zoom: h.client, store: fullStore, now: () => clock, sleep: async () => {} });
    const pushed: SessionChange[][] = [];
    e.onChanges((c) => pushed.push(c));
    const m = h.sim.account.addMeeting({ hostId, topic: 'Unsaved' });
    h.sim.account.start(m.id, 2);
    await e.pollLive();
    assert.equal(e.get(String(m.id))?.status, 'live');
    assert.ok(pushed.length > 0);
    assert.match(e.status().lastError!.message, /disk .* is full/);
  } finally {
    await fullStore.close();
    await rm(fullDir, { recursive: true, force: true });
  }
});

test('a large catalog is shown a batch of hosts at a time, with its progress; nothing is taken away until every host is read', async () => {
  const a = h.sim.account;
  for (let i = 0; i < 119; i++) {
    const u = a.addUser({ email: `host${i}@example.com`, firstName: `Host${i}` });
    a.addMeeting({ hostId: u.id, topic: `Room of host ${i}`, type: 2 });
  }
  const gone = a.addMeeting({ hostId, topic: 'Deleted meanwhile', type: 2 });
  await engine.refreshCatalog();
  await engine.detailsSettled();
  assert.ok(engine.get(String(gone.id)));
  a.deleteMeeting(gone.id);

  const seen: { sessions: number; notes: string[] }[] = [];
  const off = engine.onStatus((s) => seen.push({ sessions: engine.list().length, notes: s.notes }));
  changes = [];
  const removedEarly: boolean[] = [];
  engine.onChanges((c) => removedEarly.push(c.some((x) => x.type === 'remove')));
  await engine.refreshCatalog();
  off();
  const progress = seen.flatMap((s) => s.notes.filter((n) => n.startsWith('catalog:')));
  assert.deepEqual([...new Set(progress)], ['catalog: 50 of 120 hosts read', 'catalog: 100 of 120 hosts read']);
  assert.equal(removedEarly.slice(0, -1).some(Boolean), false, `no batch before the last removes anything: ${JSON.stringify(removedEarly)}`);
  assert.equal(removedEarly.at(-1), true, 'the complete catalog removes what Zoom deleted');
  assert.equal(engine.get(String(gone.id)), null);
  assert.ok(!engine.status().notes.some((n) => n.startsWith('catalog:')), 'the progress note goes when the catalog is read');
});

test('passcodes follow the catalog in the background, a batch at a time, meetings without a link first', async () => {
  const a = h.sim.account;
  for (let i = 0; i < 150; i++) a.addMeeting({ hostId, topic: `Class ${i}`, type: 2, password: `pw${i}` });
  await engine.refreshCatalog();
  const right = engine.list();
  assert.ok(right.filter((s) => s.passcode == null).length > 100, 'the catalog is shown before its passcodes are read');
  assert.ok(engine.status().notes.some((n) => /^passcodes: \d+ of 151 meetings read$/.test(n)), engine.status().notes.join(' | '));
  await engine.detailsSettled();
  assert.equal(engine.list().filter((s) => s.passcode == null).length, 0);
  assert.equal(engine.list().find((s) => s.source === 'personal')!.joinUrl != null, true, 'the personal room (no link in the list) got its link');
  assert.ok(!engine.status().notes.some((n) => n.startsWith('passcodes:')));
});

test('the scheduler reads what is live first: a slow catalog does not hold back the live view', async () => {
  const m = h.sim.account.addMeeting({ hostId, topic: 'Live at start', type: 2 });
  h.sim.account.start(m.id, 5);
  h.sim.addFault({ ...zoomFaults.slow('user-meetings', 1_500), times: 5 });
  const scheduler = new SyncScheduler(engine, { catalogIntervalMs: 60_000 });
  const started = Date.now();
  const running = scheduler.start();
  try {
    await until('live shown', () => engine.get(String(m.id))?.status === 'live' && engine.status().ready, 5_000, 10);
    const liveAfter = Date.now() - started;
    assert.equal(engine.status().lastCatalogSyncAt, null, `live in ${liveAfter} ms, the catalog still being read`);
    assert.ok(liveAfter < 1_500, `live in ${liveAfter} ms: before the catalog's first answer`);
    await running;
    assert.ok(engine.status().lastCatalogSyncAt, 'then the catalog');
  } finally {
    scheduler.stop();
  }
});
