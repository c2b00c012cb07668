// The soak's schedule and its measures: the schedule is the same for a seed and meets every fault even in CI's
// two minutes; the measures are checked on tables, so a figure in the closing note means what it says.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { differences, outageRecoveries, retryAfterBreaches, worstMinutes, worstWindow } from '../../../bench/soak/measures.js';
import { FAULT_KINDS, soakPlan } from '../../../bench/soak/plan.js';
import type { SimCall } from '../../../main/zoom-simulator/server.js';

const count = <T>(xs: T[], pred: (x: T) => boolean) => xs.filter(pred).length;

test('a seed is one schedule; two minutes meet every fault once, a kill and three Ends, and end quiet', () => {
  assert.deepEqual(soakPlan(2, 7), soakPlan(2, 7));
  assert.notDeepEqual(soakPlan(2, 7), soakPlan(2, 8));
  const { actions, faultsEndAt, endAt } = soakPlan(2, 7);
  assert.equal(endAt, 120_000);
  assert.equal(faultsEndAt, 60_000, 'the last minute is quiet: the Dashboard budget\'s window');
  assert.deepEqual(actions.filter((a) => a.kind === 'fault').map((a) => a.kind === 'fault' && a.fault).sort(), [...FAULT_KINDS].sort());
  assert.equal(count(actions, (a) => a.kind === 'kill'), 1);
  assert.equal(count(actions, (a) => a.kind === 'api-end'), 3);
  assert.ok(actions.every((a, i) => a.at < faultsEndAt && (i === 0 || actions[i - 1]!.at <= a.at)), 'in time order, none in the quiet');
});

test('twenty minutes: two kills, fourteen Ends, every fault many times, three quiet minutes', () => {
  const { actions, faultsEndAt } = soakPlan(20, 7);
  assert.equal(faultsEndAt, 17 * 60_000);
  assert.equal(count(actions, (a) => a.kind === 'kill'), 2);
  assert.equal(count(actions, (a) => a.kind === 'api-end'), 14);
  for (const kind of FAULT_KINDS) assert.ok(count(actions, (a) => a.kind === 'fault' && a.fault === kind) >= 8, kind);
  const kills = actions.filter((a) => a.kind === 'kill').map((a) => a.at);
  assert.ok(actions.filter((a) => a.kind === 'api-end').every((e) => kills.every((k) => Math.abs(e.at - k) >= 1_000)), 'no End at a kill\'s moment');
});

const call = (route: SimCall['route'], at: number, status = 200, retryAfter?: string): SimCall => ({ method: 'GET', route, path: '/', query: '', status, at, ...(retryAfter ? { retryAfter } : {}) });

test('the worst minute is the most calls in any 60 s, by rate category', () => {
  assert.equal(worstWindow([]), 0);
  assert.equal(worstWindow([0, 59_999]), 2);
  assert.equal(worstWindow([0, 60_000]), 1, 'a minute is [t, t + 60 s)');
  assert.equal(worstWindow([5, 0, 70_000, 80_000, 100_000, 129_999]), 4, 'any order');
  assert.deepEqual(worstMinutes([call('dashboard', 0), call('dashboard', 1_000), call('meeting', 0), call('end-meeting', 0), call('oauth', 0), call('unknown', 0)]), { 'resource-intensive': 2, light: 2, 'sign-in': 1 });
});

test('Retry-After is breached by a call of the same category before it ran out, not by another category', () => {
  const calls = [call('dashboard', 0, 429, '2'), call('meeting', 500), call('dashboard', 2_000), call('meeting', 3_000, 429, '1'), call('end-meeting', 3_900)];
  assert.deepEqual(retryAfterBreaches(calls), { answers: 2, breaches: [{ at: 3_000, category: 'light', after: 900, askedMs: 1_000 }] });
  assert.deepEqual(retryAfterBreaches([call('dashboard', 0, 429)]), { answers: 0, breaches: [] }, 'a 429 without it is not counted');
});

test('differences name what is missing, extra, of another status, or another count while live', () => {
  const want = new Map([['1', { status: 'live', participants: 3 }], ['2', { status: 'available', participants: 0 }], ['3', { status: 'available', participants: 0 }]]);
  const got = new Map([['1', { status: 'live', participants: 2 }], ['2', { status: 'available', participants: 5 }], ['4', { status: 'live', participants: 1 }]]);
  assert.deepEqual(differences(want, got), ['1 2 in, not 3', '3 missing', '4 not in Zoom']);
  assert.deepEqual(differences(want, new Map(want)), []);
});

test('after a sign-in outage: the token requests while down, and how soon a token and a live read came', () => {
  const calls = [call('oauth', 1_000, 503), call('oauth', 3_000, 503), call('oauth', 10_500), call('dashboard', 9_000), call('dashboard', 12_000)];
  assert.deepEqual(outageRecoveries(calls, [{ from: 0, to: 10_000 }]), [{ tokenRequests: 2, firstToken: 500, firstLiveRead: 2_000 }]);
  assert.deepEqual(outageRecoveries([], [{ from: 0, to: 1 }]), [{ tokenRequests: 0, firstToken: null, firstLiveRead: null }]);
});
