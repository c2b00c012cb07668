// The tray menu as a value: tables of what it shows for what the engine knows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AVAILABLE_IN_TRAY, buildTrayMenu, clip, type TrayItem } from '../../../main/app/tray-menu.js';
import type { SyncStatus } from '../../../shared/session.js';
import { makeSession, makeStatus } from '../../helpers/sessions.js';

const NOW = Date.parse('2026-11-27T10:30:00.000Z');
const status = (over: Partial<SyncStatus> = {}) => makeStatus({ lastLiveSyncAt: new Date(NOW - 3_000).toISOString(), ...over });
const labels = (items: TrayItem[]) => items.map((i) => (i.type === 'separator' ? '---' : i.label));
const live = (id: string, topic: string, participants: number | null, minutesAgo: number, over = {}) =>
  makeSession(id, { topic, status: 'live', participants, liveSince: new Date(NOW - minutesAgo * 60_000).toISOString(), ...over });

test('no sessions: says so, and every action is there', () => {
  const m = buildTrayMenu([], status(), NOW, { notificationsPaused: false });
  assert.deepEqual(labels(m.items), [
    'Live now (0)', 'Nothing is live', '---', 'Available (0)', '---', 'Up to date · polling every 12 s', '---',
    'Open dashboard', 'Refresh now', 'Usage…', 'Settings…', 'Pause notifications', '---', 'Quit',
  ]);
  assert.equal(m.title, '');
  assert.equal(m.tooltip, 'Zoom sessions: nothing live');
});

test('what limits the view shows under the status line, one line each', () => {
  const m = buildTrayMenu([], status({ notes: ["Zoom's daily limit for the Dashboard is spent until 00:00 UTC", 'instant meetings show only with Zoom events'] }), NOW, { notificationsPaused: false });
  const all = labels(m.items);
  const at = all.indexOf('Up to date · polling every 12 s');
  assert.deepEqual(all.slice(at, at + 4), ['Up to date · polling every 12 s', "Zoom's daily limit for the Dashboard is spent until 00:00 UTC", 'Instant meetings show only with Zoom events', '---']);
});

test('live sessions: "topic · 5 people · 12 min", each with Join / Copy link / Copy ID & passcode / End…', () => {
  const m = buildTrayMenu([live('2', 'Ward round', 5, 12), live('1', 'Board', 1, 75), live('3', 'Per-host', null, 0, { passcode: null }), live('4', 'Open room', 2, 3, { passcode: '' })], status(), NOW, { notificationsPaused: false });
  assert.deepEqual(labels(m.items).slice(0, 5), ['Live now (4)', 'Board · 1 person · 1 h 15 min', 'Open room · 2 people · 3 min', 'Per-host · 0 min', 'Ward round · 5 people · 12 min']);
  const ward = m.items[4]!;
  assert.deepEqual(labels(ward.submenu!), ['Join', 'Copy link', 'Copy ID & passcode', '---', 'End…']);
  assert.deepEqual(ward.submenu!.map((i) => i.action), [
    { kind: 'join', meetingId: '2' }, { kind: 'copy-link', meetingId: '2' }, { kind: 'copy-id', meetingId: '2' }, undefined, { kind: 'end', meetingId: '2' },
  ]);
  assert.equal(m.items[3]!.submenu![2]!.label, 'Copy ID & passcode', 'a passcode not read yet is read on Copy');
  assert.equal(m.items[2]!.submenu![2]!.label, 'Copy ID', 'Zoom says it has none: the ID only');
  assert.equal(m.title, '4');
  assert.equal(m.tooltip, 'Zoom sessions: 4 live');
});

test(`many available: the ${AVAILABLE_IN_TRAY} most relevant (next to start, then last live), then "More in dashboard…"`, () => {
  const sessions = Array.from({ length: 30 }, (_, i) => makeSession(String(100 + i), { topic: `Room ${i}`, lastLiveAt: new Date(NOW - i * 60_000).toISOString() }));
  sessions.push(makeSession('999', { topic: 'Starts soon', nextStartAt: new Date(NOW + 5 * 60_000).toISOString() }));
  sessions.push(makeSession('998', { topic: 'Started yesterday', nextStartAt: new Date(NOW - 86_400_000).toISOString() }));
  const m = buildTrayMenu(sessions, status(), NOW, { notificationsPaused: false });
  const l = labels(m.items);
  const from = l.indexOf('Available (32)');
  assert.deepEqual(l.slice(from + 1, from + 1 + AVAILABLE_IN_TRAY + 1), ['Starts soon', 'Room 0', 'Room 1', 'Room 2', 'Room 3', 'Room 4', 'Room 5', 'Room 6', 'Room 7', 'Room 8', 'More in dashboard…']);
  assert.deepEqual(m.items[l.indexOf('More in dashboard…')]!.action, { kind: 'open-dashboard' });
});

test('long topics are clipped with an ellipsis; whitespace is folded', () => {
  const long = 'Quarterly   planning for the north-east region operations and the new clinic opening in spring';
  const m = buildTrayMenu([live('1', long, 2, 1)], status(), NOW, { notificationsPaused: false });
  assert.equal(m.items[1]!.label, 'Quarterly planning for the north-east r… · 2 people · 1 min');
  assert.equal(clip('short'), 'short');
  assert.equal(clip('x'.repeat(80)).length, 60);
});

test('the status line says what is wrong first', () => {
  const line = (st: SyncStatus | null) => labels(buildTrayMenu([], st, NOW, { notificationsPaused: false }).items).at(-9);
  assert.equal(line(null), 'Starting…');
  assert.equal(line(status({ configured: false })), 'Zoom is not set up: open the dashboard');
  assert.equal(line(status({ lastError: { message: 'Zoom is rate-limiting (429)', httpStatus: 429, zoomCode: 429, at: new Date(NOW).toISOString() } })), 'Zoom error: Zoom is rate-limiting (429)');
  assert.equal(line(status({ database: { unreachableSince: new Date(NOW - 60_000).toISOString(), pending: 3, message: 'x' } })), 'Shared database unreachable: changes kept');
  assert.equal(line(status({ lastLiveSyncAt: new Date(NOW - 60_000).toISOString() })), 'Stale: Updated 1 min ago · polling every 12 s');
  assert.equal(line(status({ liveVia: 'events', eventSource: 'websocket', liveIntervalMs: 120_000 })), 'Up to date · live via Zoom events (websocket), checked every 2 min');
  assert.equal(line(status({ team: 'follower' })), 'Up to date · shared with the team: another instance reads Zoom');
  assert.equal(line(status({ lastLiveSyncAt: null, ready: false })), 'First check in progress…');
});

test('Refresh is off until Zoom is set up; Pause notifications shows its state', () => {
  const off = buildTrayMenu([], status({ configured: false }), NOW, { notificationsPaused: true }).items;
  assert.equal(off.find((i) => i.label === 'Refresh now')!.enabled, false);
  assert.equal(off.find((i) => i.label === 'Pause notifications')!.checked, true);
});

test('meetings that need attention come first, longest first, with why in words, Keep running and End…', () => {
  const since = (min: number) => new Date(NOW - min * 60_000).toISOString();
  const alone = live('1', 'Ops stand-up', 1, 90, { participantsSince: since(47), attention: { kind: 'alone', since: since(47), text: '' } });
  const empty = live('2', 'Room 4', 0, 30, { participantsSince: since(12), attention: { kind: 'empty', since: since(12), text: '' } });
  const overrun = live('3', 'Board review', 8, 120, { bookedUntil: since(75), attention: { kind: 'overrun', since: since(75), text: '' } });
  const m = buildTrayMenu([alone, empty, overrun, live('4', 'Fine', 6, 5)], status(), NOW, { notificationsPaused: false });
  assert.deepEqual(labels(m.items).slice(0, 6), [
    'Needs attention (3)', 'Board review: 1 h 15 min past its booked end', 'Ops stand-up: 1 person for 47 min', 'Room 4: nobody in it for 12 min', '---', 'Live now (4)',
  ]);
  assert.deepEqual(m.items[2]!.submenu!.map((i) => i.action), [{ kind: 'join', meetingId: '1' }, { kind: 'keep', meetingId: '1' }, undefined, { kind: 'end', meetingId: '1' }]);
  assert.deepEqual(labels(m.items[2]!.submenu!), ['Join', 'Keep running', '---', 'End…']);
  assert.equal(labels(buildTrayMenu([live('4', 'Fine', 6, 5)], status(), NOW, { notificationsPaused: false }).items)[0], 'Live now (1)', 'none: no section');
  const warned = { ...empty, autoEndAt: new Date(NOW + 4 * 60_000).toISOString() };
  const w = buildTrayMenu([warned], status(), NOW, { notificationsPaused: false });
  const first = w.items[1]!.submenu![0]!;
  assert.match(first.label!, /^Ends by itself at \d{1,2}:\d{2}( [AP]M)? \(in 4 min\)$/);
  assert.equal(first.enabled, false, 'the auto-end warning heads its submenu, before Keep running');
});

test('a live meeting whose names are known has "5 people ▸" with the first names in join order; none known, no item', () => {
  const names = ['Ada', 'Ben', 'Cy', 'Dee', 'Eve', 'Fay', 'Gus', 'Hal', 'Ida', 'Jo', 'Kai', 'Lu'];
  const menu = (namesOf: (id: string) => readonly string[] | null) =>
    buildTrayMenu([live('1', 'Ward round', 14, 30)], status(), NOW, { notificationsPaused: false, namesOf }).items.find((i) => i.label?.startsWith('Ward round'))!;
  const people = menu(() => names).submenu!.find((i) => i.label === '14 people')!;
  assert.deepEqual(labels(people.submenu!), [...names.slice(0, 10), 'and 4 more (in the dashboard)']);
  assert.ok(people.submenu!.every((i) => i.enabled === false), 'names are shown, not actions');
  assert.deepEqual(labels(menu(() => ['Ada']).submenu!.find((i) => i.label === '14 people')!.submenu!), ['Ada', 'and 13 more (in the dashboard)']);
  assert.ok(!labels(menu(() => null).submenu!).some((l) => /people/.test(l ?? '')), 'none known: no people item');
});
