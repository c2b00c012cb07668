// The list routes' cache: one copy of the sessions' bytes per query, shared with the SSE snapshot.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SessionViews } from '../../../main/api/session-views.js';
import type { SessionSource } from '../../../main/api/sse.js';
import type { Session, SessionChange, SyncStatus } from '../../../shared/session.js';
import { makeSession } from '../../helpers/sessions.js';

const topics = (b: Buffer) => (JSON.parse(b.toString()) as Session[]).map((x) => x.topic);
const answerOf = (b: Buffer) => JSON.parse(b.toString()) as { sessions: Session[]; status: unknown };

function source(sessions: Session[]) {
  const changes: ((c: SessionChange[]) => void)[] = [];
  const statuses: ((s: SyncStatus) => void)[] = [];
  let status = { ready: true, n: 0 } as unknown as SyncStatus;
  const src: SessionSource = {
    list: () => sessions,
    status: () => status,
    onChanges: (fn) => (changes.push(fn), () => undefined),
    onStatus: (fn) => (statuses.push(fn), () => undefined),
  };
  return {
    src,
    newStatus(n: number) {
      status = { ready: true, n } as unknown as SyncStatus;
      for (const fn of statuses) fn(status);
    },
    change(s: Session) {
      sessions = [...sessions.filter((x) => x.meetingId !== s.meetingId), s];
      for (const fn of changes) fn([{ type: 'upsert', session: s }]);
    },
  };
}

test('the snapshot bytes are the list answer\'s own (a view, not a copy), across new statuses', () => {
  const s = source([makeSession('81000000001', { topic: 'B' }), makeSession('81000000002', { topic: 'A', status: 'live', participants: 2 })]);
  const views = new SessionViews(s.src);
  const answer = views.list({});
  const all = views.allSessions();
  assert.equal(all.buffer, answer.body.buffer, 'same memory');
  assert.deepEqual(topics(all), ['A', 'B'], 'live first');
  assert.deepEqual(answerOf(answer.body).sessions, JSON.parse(all.toString()));

  s.newStatus(1);
  const after = views.list({});
  assert.equal(after.etag, answer.etag, 'a new status keeps the ETag');
  assert.deepEqual(answerOf(after.body).status, { ready: true, n: 1 });
  assert.equal(views.allSessions().buffer, after.body.buffer, 'still one copy, in the new answer');

  s.change(makeSession('81000000001', { topic: 'C' }));
  assert.notEqual(views.list({}).etag, answer.etag);
  assert.deepEqual(topics(views.allSessions()), ['A', 'C']);
});
