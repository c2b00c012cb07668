import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Session, SessionChange } from '../../../shared/session.js';
import { applyChanges } from '../../../shared/session-changes.js';
import { makeSession } from '../../helpers/sessions.js';
import { needsDetails, reconcile, type CatalogMeeting, type LiveMeeting, type Snapshot } from '../../../main/sync/reconcile.js';

const T0 = '2026-11-27T09:00:00.000Z';
const NOW = new Date('2026-11-27T10:00:00.000Z');
const AT = NOW.toISOString();

/** The shared test session, with this file's host and link (the tables below compare against them). */
function session(id: string, over: Partial<Session> = {}): Session {
  return makeSession(id, { hostId: 'h1', hostEmail: 'h1@example.com', joinUrl: `https://zoom.us/j/${id}?pwd=abc`, firstSeenAt: T0, updatedAt: T0, ...over });
}

function live(id: string, over: Partial<LiveMeeting> = {}): LiveMeeting {
  return {
    meetingId: id,
    uuid: `uuid-${id}`,
    topic: `Meeting ${id}`,
    hostId: 'h1',
    hostName: 'Host One',
    hostEmail: 'h1@example.com',
    participants: 3,
    startedAt: '2026-11-27T09:55:00Z',
    joinUrl: null,
    ...over,
  };
}

function catalog(id: string, over: Partial<CatalogMeeting> = {}): CatalogMeeting {
  return {
    meetingId: id,
    topic: `Meeting ${id}`,
    hostId: 'h1',
    hostName: 'Host One',
    hostEmail: 'h1@example.com',
    joinUrl: `https://zoom.us/j/${id}?pwd=abc`,
    source: 'scheduled',
    nextStartAt: null,
    nextEndAt: null,
    ...over,
  };
}

/** Runs reconcile and returns the resulting state, so each row states the outcome, not the diff. */
function after(stored: Session[], snap: Snapshot, fallbackPassword?: string): { state: Map<string, Session>; changes: SessionChange[] } {
  const changes = reconcile(stored, snap, NOW, { fallbackPassword });
  const state = new Map(stored.map((s) => [s.meetingId, s]));
  applyChanges(state, changes);
  return { state, changes };
}

test('a meeting that goes live becomes live with its count, start time and instance', () => {
  const { state } = after([session('1')], { live: [live('1')] });
  const s = state.get('1')!;
  assert.equal(s.status, 'live');
  assert.equal(s.participants, 3);
  assert.equal(s.liveSince, '2026-11-27T09:55:00Z');
  assert.equal(s.uuid, 'uuid-1');
  assert.equal(s.lastLiveAt, AT);
  assert.equal(s.updatedAt, AT);
});

test('a live meeting missing from the live list has ended and becomes available', () => {
  const stored = [session('1', { status: 'live', participants: 4, liveSince: T0, uuid: 'u' })];
  const s = after(stored, { live: [] }).state.get('1')!;
  assert.equal(s.status, 'available');
  assert.equal(s.participants, 0);
  assert.equal(s.liveSince, null);
  assert.equal(s.lastLiveAt, AT);
});

test('participant counts follow the live list; a list without counts keeps the known count', () => {
  const stored = [session('1', { status: 'live', participants: 4, liveSince: T0, uuid: 'uuid-1' })];
  assert.equal(after(stored, { live: [live('1', { participants: 9 })] }).state.get('1')!.participants, 9);
  const kept = after(stored, { live: [live('1', { participants: null })] }).state.get('1')!;
  assert.equal(kept.participants, 4);
  assert.equal(kept.liveSince, T0, 'same instance: live-since unchanged');
});

test('a new instance (new uuid) of a live meeting restarts its live-since', () => {
  const stored = [session('1', { status: 'live', participants: 4, liveSince: T0, uuid: 'old' })];
  const s = after(stored, { live: [live('1', { uuid: 'new', participants: null })] }).state.get('1')!;
  assert.equal(s.liveSince, '2026-11-27T09:55:00Z');
  assert.equal(s.participants, null, 'count of a new instance is unknown until told');
});

test('nothing changed -> no changes (no needless writes or pushes)', () => {
  const stored = [session('1', { status: 'live', participants: 3, liveSince: T0, uuid: 'uuid-1', lastLiveAt: T0 })];
  assert.deepEqual(reconcile(stored, { live: [live('1', { startedAt: T0 })], catalog: [catalog('1')] }, NOW), []);
});

test('new catalog entries become available sessions with their source and link', () => {
  const { state } = after([], {
    catalog: [catalog('1'), catalog('2', { source: 'recurring', nextStartAt: '2026-11-28T09:00:00Z' }), catalog('3', { source: 'personal', joinUrl: null })],
  });
  assert.equal(state.size, 3);
  assert.equal(state.get('1')!.status, 'available');
  assert.equal(state.get('1')!.firstSeenAt, AT);
  assert.equal(state.get('2')!.source, 'recurring');
  assert.equal(state.get('2')!.nextStartAt, '2026-11-28T09:00:00Z');
  assert.equal(state.get('3')!.joinUrl, null);
});

test('a catalog meeting deleted in Zoom is removed, unless it is live right now', () => {
  const stored = [session('1'), session('2', { status: 'live', participants: 2 }), session('3', { source: 'personal' })];
  const { state, changes } = after(stored, { catalog: [], live: [live('2')] });
  assert.ok(!state.has('1'));
  assert.ok(!state.has('3'));
  assert.ok(state.has('2'));
  assert.deepEqual(changes.filter((c) => c.type === 'remove').map((c) => (c as { meetingId: string }).meetingId).sort(), ['1', '3']);
});

test('an instant meeting seen live stays available after it ends, and survives catalog refreshes', () => {
  const first = after([], { live: [live('9', { joinUrl: 'https://zoom.us/j/9?pwd=x' })] }).state;
  assert.equal(first.get('9')!.source, 'live-seen');
  const ended = after([...first.values()], { live: [] }).state;
  assert.equal(ended.get('9')!.status, 'available');
  const refreshed = after([...ended.values()], { catalog: [catalog('1')] }).state;
  assert.ok(refreshed.has('9'));
  assert.equal(refreshed.get('9')!.joinUrl, 'https://zoom.us/j/9?pwd=x');
});

test('a live-seen meeting found in the catalog takes the catalog source', () => {
  const stored = [session('5', { source: 'live-seen' })];
  assert.equal(after(stored, { catalog: [catalog('5', { source: 'recurring' })] }).state.get('5')!.source, 'recurring');
});

test('catalog changes of topic, host and link are taken; status is left alone', () => {
  const stored = [session('1', { status: 'live', participants: 5 })];
  const s = after(stored, { catalog: [catalog('1', { topic: 'Renamed', joinUrl: 'https://zoom.us/j/1?pwd=new' })] }).state.get('1')!;
  assert.equal(s.topic, 'Renamed');
  assert.equal(s.joinUrl, 'https://zoom.us/j/1?pwd=new');
  assert.equal(s.status, 'live');
  assert.equal(s.participants, 5);
});

test('a meeting first seen live without a link gets it and its passcode from details; Zoom saying nothing gives the generic link', () => {
  const snap: Snapshot = { live: [live('7'), live('8'), live('9')] };
  const ids = snap.live!.map((l) => l.meetingId);
  const first = after([], snap).state;
  assert.deepEqual(needsDetails(first, ids).sort(), ['7', '8', '9']);
  const filled = after([...first.values()], {
    details: [
      { meetingId: '7', joinUrl: 'https://zoom.us/j/7?pwd=enc', hostId: 'h9', hostEmail: null, passcode: 'k3y', bookings: null },
      { meetingId: '8', joinUrl: null, hostId: null, hostEmail: null, passcode: null, bookings: null },
      { meetingId: '9', joinUrl: 'https://zoom.us/j/9', hostId: null, hostEmail: null, passcode: '', bookings: null },
    ],
  }).state;
  assert.equal(filled.get('7')!.joinUrl, 'https://zoom.us/j/7?pwd=enc');
  assert.equal(filled.get('7')!.passcode, 'k3y');
  assert.equal(filled.get('8')!.joinUrl, 'https://zoom.us/j/8');
  assert.equal(filled.get('9')!.passcode, '', 'no passcode is known, not unknown');
  // 8: Zoom would not say its passcode; the engine's once-per-meeting memory stops it asking again.
  assert.deepEqual(needsDetails(filled, ids), ['8']);
});

test('catalog meetings with a link but no known passcode still need details once', () => {
  const { state } = after([], { catalog: [catalog('1')] });
  assert.deepEqual(needsDetails(state, ['1']), ['1']);
  const filled = after([...state.values()], { details: [{ meetingId: '1', joinUrl: null, hostId: null, hostEmail: null, passcode: 'abc', bookings: null }] }).state;
  assert.equal(filled.get('1')!.joinUrl, 'https://zoom.us/j/1?pwd=abc', 'the catalog link is kept');
  assert.deepEqual(needsDetails(filled, ['1']), []);
});

test('ZOOM_MEETING_PASSWORD fills pwd and the passcode only where Zoom gave none, URL-encoded', () => {
  const { state } = after([], { catalog: [catalog('1', { joinUrl: 'https://zoom.us/j/1' }), catalog('2')] }, 'p&ss word');
  assert.equal(state.get('1')!.joinUrl, 'https://zoom.us/j/1?pwd=p%26ss+word');
  assert.equal(state.get('1')!.passcode, 'p&ss word');
  assert.equal(state.get('2')!.joinUrl, 'https://zoom.us/j/2?pwd=abc');
  const known = after([session('3', { passcode: 'own' })], { catalog: [catalog('3')] }, 'p&ss word').state;
  assert.equal(known.get('3')!.passcode, 'own');
});

test('a live list from the Dashboard (no host id) keeps the host id we know', () => {
  const stored = [session('1', { hostId: 'known' })];
  assert.equal(after(stored, { live: [live('1', { hostId: null })] }).state.get('1')!.hostId, 'known');
});

test('a snapshot without a live list leaves live sessions live', () => {
  const stored = [session('1', { status: 'live', participants: 2 })];
  assert.equal(after(stored, { catalog: [catalog('1')] }).state.get('1')!.status, 'live');
});
