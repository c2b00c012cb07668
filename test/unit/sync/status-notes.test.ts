// The status line's progress notes: counts grouped as en-US writes them, without ICU (see status-board.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusNotes } from '../../../main/sync/status-board.js';

const quiet = { eventProblem: null, dashboard: { refusal: null, dailyUntil: null }, strategy: 'dashboard' as const, eventsTrusted: true, now: 0 };

test('progress counts are grouped by thousands, as toLocaleString("en-US") groups them', () => {
  for (const n of [0, 7, 999, 1000, 12_400, 100_000, 1_234_567]) {
    const [note] = statusNotes({ ...quiet, catalog: { done: n, total: n } });
    assert.equal(note, `catalog: ${n.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} hosts read`);
  }
});

test('catalog, passcodes and history progress read as words', () => {
  const notes = statusNotes({ ...quiet, catalog: { done: 412, total: 1000 }, details: { done: 9_500, total: 10_000 }, history: { done: 12, total: 30 } });
  assert.deepEqual(notes, ['catalog: 412 of 1,000 hosts read', 'passcodes: 9,500 of 10,000 meetings read', 'history: 12 of 30 days read']);
});
