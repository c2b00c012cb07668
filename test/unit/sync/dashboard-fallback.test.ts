import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dashboardFallback } from '../../../main/sync/dashboard-fallback.js';
import { ZoomError } from '../../../main/zoom/errors.js';

const at = Date.parse('2026-11-28T00:00:00.000Z');

test('which Dashboard failures mean "use per-host lists", and in which words', () => {
  const table: Array<[string, unknown, ReturnType<typeof dashboardFallback>]> = [
    ['missing scope 4711', new ZoomError('forbidden', 'x', { httpStatus: 400, zoomCode: 4711 }), { text: 'Dashboard not available (Zoom code 4711)', daily: null }],
    ['plan without it, 124', new ZoomError('bad-request', 'x', { httpStatus: 400, zoomCode: 124 }), { text: 'Dashboard not available (Zoom code 124)', daily: null }],
    ['plan without it, 104', new ZoomError('bad-request', 'x', { httpStatus: 400, zoomCode: 104 }), { text: 'Dashboard not available (Zoom code 104)', daily: null }],
    ['a bare 403', new ZoomError('forbidden', 'x', { httpStatus: 403 }), { text: 'Dashboard not available (HTTP 403)', daily: null }],
    ['daily limit', new ZoomError('rate-limit', 'x', { httpStatus: 429, retryAt: at, daily: true }), { text: "Zoom's daily limit for the Dashboard is spent until 00:00 UTC", daily: at }],
    ['per-second 429', new ZoomError('rate-limit', 'x', { httpStatus: 429, retryAt: at }), null],
    ['a 422', new ZoomError('bad-request', 'x', { httpStatus: 422 }), null],
    ['5xx', new ZoomError('server', 'x', { httpStatus: 503 }), null],
    ['network', new ZoomError('network', 'x'), null],
    ['not a Zoom error', new Error('boom'), null],
  ];
  for (const [what, e, expected] of table) assert.deepEqual(dashboardFallback(e), expected, what);
});
