import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inNow } from '../../../main/sync/dashboard-roster.js';

test('the Dashboard\'s joins, as the people in now: those who left out, a rejoin once (its latest join), malformed rows skipped', () => {
  const rows = [
    { id: 'u-ada', user_name: 'Ada', join_time: '2026-11-28T10:00:00Z', leave_time: '2026-11-28T10:05:00Z' },
    { id: 'u-ada', user_name: 'Ada', join_time: '2026-11-28T10:06:00Z' },
    { user_id: '16778241', user_name: 'Guest', join_time: '2026-11-28T10:01:00Z' },
    { user_id: '16778242', user_name: 'Gone', join_time: '2026-11-28T09:00:00Z', leave_time: '2026-11-28T09:30:00Z' },
    { user_name: 'No time' },
    { user_name: 'Bad time', join_time: 'soon' },
    { id: 'x', join_time: '2026-11-28T10:02:00Z' },
    { user_name: 'L'.repeat(500), join_time: '2026-11-28T10:03:00Z' },
  ];
  assert.deepEqual(inNow(rows), [
    { name: 'Guest', joinedAt: '2026-11-28T10:01:00.000Z', userId: '16778241' },
    { name: 'L'.repeat(200), joinedAt: '2026-11-28T10:03:00.000Z' },
    { name: 'Ada', joinedAt: '2026-11-28T10:06:00.000Z', userId: 'u-ada' },
  ]);
  assert.deepEqual(inNow([]), []);
});
