// The list routes' cache: one copy of the sessions' bytes per query, shared with the SSE snapshot.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SessionViews } from '../../../main/api/session-views.js';
import type { SessionSource } from '../../../main/api/sse.js';
import type { Session, SessionChange, SyncStatus } from '../../../shared/session.js';
import { makeSession } from '../../helpers/sessions.js';

const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString();
const topics = (chunks: Buffer[]) => (JSON.parse(text(chunks)) as Session[]).map((x) => x.topic);
const answerOf = (chunks: Buffer[]) => JSON.parse(text(chunks)) as { sessions: Session[]; status: unknown };
/** The snapshot's pieces are the answer's own objects, not copies: same Buffer instances, in order. */
const sharesPieces = (answer: Buffer[], pieces: Buffer[]) => pieces.length > 0 && answer.indexOf(pieces[0]!) >= 0 && pieces.every((p, i) => answer[answer.indexOf(pieces[0]!) + i] === p);

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

test('the snapshot bytes are the list answer\'s own (the same pieces, not a copy), across new statuses', () => {
  const s = source([makeSession('81000000001', { topic: 'B' }), makeSession('81000000002', { topic: 'A', status: 'live', participants: 2 })]);
  const views = new SessionViews(s.src);
  const answer = views.list({});
  const all = views.allSessions();
  assert.ok(sharesPieces(answer.chunks, all), 'same memory');
  assert.equal(answer.length, Buffer.concat(answer.chunks).length);
  assert.deepEqual(topics(all), ['A', 'B'], 'live first');
  assert.deepEqual(answerOf(answer.chunks).sessions, JSON.parse(text(all)));

  s.newStatus(1);
  const after = views.list({});
  assert.equal(after.etag, answer.etag, 'a new status keeps the ETag');
  assert.deepEqual(answerOf(after.chunks).status, { ready: true, n: 1 });
  assert.ok(sharesPieces(after.chunks, all), 'still one copy of the sessions, in the new answer');

  s.change(makeSession('81000000001', { topic: 'C' }));
  assert.notEqual(views.list({}).etag, answer.etag);
  assert.deepEqual(topics(views.allSessions()), ['A', 'C']);
});
