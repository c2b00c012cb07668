// The dashboard's state and formatting, in plain Node: no DOM needed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createStore } from '../../../renderer/src/store.js';
import { readSsePayload } from '../../../renderer/src/sse-payload.js';
import { ago, elapsed } from '../../../renderer/src/format.js';
import { formatMeetingId, isPersonalLink, webClientUrl, zoomAppUrl } from '../../../shared/join-links.js';
import { syncModeText } from '../../../shared/sync-status-text.js';
import { makeSession, makeStatus } from '../../helpers/sessions.js';

const flush = () => new Promise((r) => setTimeout(r, 0));
const status = makeStatus;

test('snapshot, then deltas: live and available lists follow, sorted, and search filters them', async () => {
  const store = createStore(() => Date.parse('2026-11-27T10:00:05Z'));
  store.receive('snapshot', {
    sessions: [makeSession('81000000002', { topic: 'b maths' }), makeSession('81000000001', { topic: 'A Physics', status: 'live', participants: 3 })],
    status: status(),
  });
  await flush();
  assert.deepEqual(store.live.value.map((s) => s.meetingId), ['81000000001']);
  assert.deepEqual(store.available.value.map((s) => s.topic), ['b maths']);
  store.receive('session', { session: makeSession('81000000003', { topic: 'a art' }) });
  store.receive('removed', { meetingId: '81000000002' });
  await flush();
  assert.deepEqual(store.available.value.map((s) => s.topic), ['a art'], 'case-insensitive order, removal applied');
  store.query.value = '810 0000 0001';
  assert.deepEqual(store.live.value.map((s) => s.meetingId), ['81000000001']);
  assert.deepEqual(store.available.value, []);
  store.query.value = 'HOST ONE';
  assert.equal(store.available.value.length, 1, 'host name, any case');
  assert.deepEqual(store.counts.value, { live: 1, total: 2 });
});

test('a view that did not change is the same array: a live count leaves Available and the attention strip as they were', async () => {
  const store = createStore(() => Date.parse('2026-11-27T10:00:05Z'));
  const alone = { kind: 'alone' as const, since: '2026-11-27T09:00:00Z', text: '1 person for 1 h 00 min' };
  store.receive('snapshot', {
    sessions: [makeSession('81000000001', { topic: 'Room A', status: 'live', participants: 1, attention: alone }), makeSession('81000000002', { topic: 'Room B', status: 'live', participants: 3 }), makeSession('81000000003', { topic: 'Room C' })],
    status: status(),
  });
  await flush();
  const [live, available, attention, counts] = [store.live.value, store.available.value, store.attention.value, store.counts.value];
  store.receive('session', { session: makeSession('81000000002', { topic: 'Room B', status: 'live', participants: 4 }) });
  await flush();
  assert.notEqual(store.live.value, live, 'Live changed: a new view');
  assert.equal(store.live.value.find((s) => s.meetingId === '81000000002')!.participants, 4);
  assert.equal(store.available.value, available, 'Available did not change: the same view');
  assert.equal(store.attention.value, attention, 'nothing new needs attention: the same list');
  assert.equal(store.counts.value, counts, 'the same counts');
  // Live's ids stay the same array; the row's own signal carries the new count.
  const ids = store.liveIds.value;
  const roomB = store.watch('81000000002');
  store.receive('session', { session: makeSession('81000000002', { topic: 'Room B', status: 'live', participants: 5 }) });
  await flush();
  assert.equal(store.liveIds.value, ids, 'the same ids in the same order: Live is not drawn again');
  assert.equal(roomB.value.participants, 5, "the row's signal follows its session");
  // Room C starts: both lists, the counts; and a search makes a new view of an unchanged list.
  store.receive('session', { session: makeSession('81000000003', { topic: 'Room C', status: 'live', participants: 2 }) });
  await flush();
  assert.notEqual(store.available.value, available);
  assert.deepEqual(store.available.value, []);
  assert.notEqual(store.liveIds.value, ids, 'a meeting started: new ids');
  store.receive('removed', { meetingId: '81000000002' });
  await flush();
  assert.deepEqual(store.liveIds.value, ['81000000001', '81000000003']);
  store.receive('session', { session: makeSession('81000000002', { topic: 'Room B', status: 'live', participants: 4 }) });
  await flush();
  assert.deepEqual(store.counts.value, { live: 3, total: 3 });
  const before = store.live.value;
  store.query.value = 'room b';
  assert.deepEqual(store.live.value.map((s) => s.meetingId), ['81000000002']);
  store.query.value = '';
  assert.deepEqual(store.live.value, before);
  // The attention list follows its own members.
  store.receive('session', { session: makeSession('81000000002', { topic: 'Room B', status: 'live', participants: 1, attention: { kind: 'alone', since: '2026-11-27T09:30:00Z', text: '1 person for 30 min' } }) });
  await flush();
  assert.deepEqual(store.attention.value.map((s) => s.meetingId), ['81000000001', '81000000002']);
});

test('data older than twice the live interval is stale', () => {
  let now = Date.parse('2026-11-27T10:00:10Z');
  const store = createStore(() => now);
  store.receive('status', { status: status() });
  assert.equal(store.stale.value, false);
  now = Date.parse('2026-11-27T10:00:40Z');
  store.tick();
  assert.equal(store.stale.value, true);
});

test('formats: meeting IDs as Zoom prints them, durations, Zoom app and web client links', () => {
  assert.equal(formatMeetingId('81234567890'), '812 3456 7890');
  assert.equal(formatMeetingId('3542471135'), '354 247 1135');
  // Durations read as words ("live for 1:42" read like hours).
  assert.equal(elapsed('2026-11-27T10:00:00Z', Date.parse('2026-11-27T10:12:34Z')), '12 min');
  assert.equal(elapsed('2026-11-27T08:00:00Z', Date.parse('2026-11-27T10:02:03Z')), '2 h 02 min');
  assert.equal(elapsed('2026-11-27T08:55:00Z', Date.parse('2026-11-27T10:00:59Z')), '1 h 05 min');
  assert.equal(elapsed('2026-11-27T10:00:00Z', Date.parse('2026-11-27T10:00:42Z')), 'under 1 min');
  assert.equal(ago('2026-11-27T10:00:00Z', Date.parse('2026-11-27T10:00:02Z')), '2 s ago');
  assert.equal(zoomAppUrl('81234567890', 'https://us06web.zoom.us/j/81234567890?pwd=enc.1'), 'zoommtg://zoom.us/join?action=join&confno=81234567890&pwd=enc.1');
  assert.equal(webClientUrl('81234567890', 'https://zoom.us/j/81234567890?pwd=abc'), 'https://app.zoom.us/wc/81234567890/join?pwd=abc');
  assert.equal(zoomAppUrl('81234567890', null), 'zoommtg://zoom.us/join?action=join&confno=81234567890');
  assert.ok(isPersonalLink('https://acme.zoom.us/my/avery'));
  assert.ok(!isPersonalLink('https://zoom.us/j/1'));
});

test('the sync mode in words: events, polling, per-host, events reconnecting', () => {
  assert.equal(syncModeText(status({ liveVia: 'events', eventSource: 'websocket', liveIntervalMs: 120_000 })), 'live via Zoom events (websocket), checked every 2 min');
  assert.equal(syncModeText(status()), 'polling every 12 s');
  assert.equal(syncModeText(status({ eventSource: 'websocket' })), 'polling every 12 s (websocket events reconnecting)');
  assert.equal(syncModeText(status({ strategy: 'per-host', liveIntervalMs: 30_000 })), 'polling each host every 30 s (no live counts without Dashboard access)');
});

test('SSE payloads are checked against their schemas: what the service sends passes, anything else is refused whole', () => {
  const s = makeSession('81234567890', { status: 'live', participants: 3 });
  assert.deepEqual(readSsePayload('session', JSON.stringify({ session: s })), { session: s });
  assert.deepEqual(readSsePayload('snapshot', JSON.stringify({ sessions: [s], status: status() })), { sessions: [s], status: status() });
  assert.deepEqual(readSsePayload('removed', '{"meetingId":"81234567890"}'), { meetingId: '81234567890' });
  for (const [name, text] of [
    ['session', '{"session":{"meetingId":"1"}}'],
    ['session', JSON.stringify({ session: { ...s, participants: -1 } })],
    ['session', JSON.stringify({ session: { ...s, status: 'maybe' } })],
    ['snapshot', JSON.stringify({ sessions: [s, { ...s, joinUrl: 42 }], status: status() })],
    ['status', '{"status":{}}'],
    ['removed', '{"meetingId":7}'],
    ['removed', 'not json'],
  ] as const) {
    assert.equal(readSsePayload(name, text), null, `${name}: ${text.slice(0, 60)}`);
  }
});
