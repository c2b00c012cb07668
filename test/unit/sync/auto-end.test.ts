import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Session } from '../../../shared/session.js';
import { autoEndAtOf, dueForAutoEnd, NO_AUTO_END, type AutoEndPolicy } from '../../../main/sync/auto-end.js';
import { DEFAULT_ATTENTION, derived } from '../../../main/sync/room-insight.js';
import { makeSession } from '../../helpers/sessions.js';

const NOW = Date.parse('2026-11-28T14:00:00Z');
const at = (min: number) => new Date(NOW + min * 60_000).toISOString();
const ID = '81000000001';
const policy = (over: Partial<AutoEndPolicy> = {}): AutoEndPolicy => ({ kinds: new Set(['empty', 'alone', 'overrun']), warningMs: 5 * 60_000, except: new Set(), ...over });
const live = (over: Partial<Session> = {}) => makeSession(ID, { status: 'live', liveSince: at(-120), uuid: 'u1', participants: 1, participantsSince: at(-60), ...over });
const flagged = (kind: 'empty' | 'alone' | 'overrun', since = at(-60), over: Partial<Session> = {}) =>
  live({ participants: kind === 'empty' ? 0 : kind === 'alone' ? 1 : 6, attention: { kind, since, text: '…' }, ...over });

test('auto-end: the warning starts when a listed kind is flagged, and only then', () => {
  const rows: [string, Session | undefined, Session, AutoEndPolicy, string | null][] = [
    ['off by default', undefined, flagged('empty'), NO_AUTO_END, null],
    ['flagged empty, listed', undefined, flagged('empty'), policy(), at(5)],
    ['flagged alone, only empty listed', undefined, flagged('alone'), policy({ kinds: new Set(['empty']) }), null],
    ['flagged overrun, listed', undefined, flagged('overrun'), policy(), at(5)],
    ['not flagged', undefined, live(), policy(), null],
    ['excepted meeting', undefined, flagged('empty'), policy({ except: new Set([ID]) }), null],
    ['kept running', undefined, flagged('empty', at(-60), { kept: true }), policy(), null],
    ['a 2-min warning', undefined, flagged('empty'), policy({ warningMs: 120_000 }), at(2)],
    ['the same episode keeps its time', flagged('empty', at(-60), { autoEndAt: at(3) }), flagged('empty'), policy(), at(3)],
    ['a new episode (new since) is warned anew', flagged('empty', at(-60), { autoEndAt: at(3) }), flagged('empty', at(-20)), policy(), at(5)],
    ['another kind is warned anew', flagged('alone', at(-60), { autoEndAt: at(3) }), flagged('empty'), policy(), at(5)],
    ['just run out: kept, to be ended now', flagged('empty', at(-60), { autoEndAt: at(-0.5) }), flagged('empty'), policy(), at(-0.5)],
    ['run out long ago (restart, sleep): warned again in full', flagged('empty', at(-60), { autoEndAt: at(-90) }), flagged('empty'), policy(), at(5)],
  ];
  for (const [name, before, s, p, expected] of rows) {
    assert.equal(autoEndAtOf(before, s, NOW, p).autoEndAt, expected, name);
  }
});

test('auto-end: a join during an overrun\'s warning keeps that instance; during an empty or alone one the flag goes by itself', () => {
  const warned = flagged('overrun', at(-20), { participants: 6, autoEndAt: at(3) });
  assert.deepEqual(autoEndAtOf(warned, { ...warned, participants: 7 }, NOW, policy()), { autoEndAt: null, kept: true });
  assert.deepEqual(autoEndAtOf(warned, { ...warned, participants: 5 }, NOW, policy()), { autoEndAt: at(3), kept: false }, 'a leave does not');
  assert.deepEqual(autoEndAtOf(warned, { ...warned, participants: null }, NOW, policy()), { autoEndAt: at(3), kept: false }, 'an unknown count does not');
  // Through derived, as the engine writes: someone joins the room left empty, the flag and the warning go.
  const tick = (s: Session) => derived(s, s, NOW, DEFAULT_ATTENTION, policy());
  const emptyWarned = tick(live({ participants: 0, participantsSince: at(-11) }));
  assert.equal(emptyWarned.autoEndAt, at(5));
  const joined = derived(emptyWarned, { ...emptyWarned, participants: 1 }, NOW + 60_000, DEFAULT_ATTENTION, policy());
  assert.deepEqual([joined.attention, joined.autoEndAt, joined.kept], [null, null, false]);
  const overrun = tick(live({ participants: 4, participantsSince: at(-60), bookedUntil: at(-20) }));
  assert.equal(overrun.autoEndAt, at(5));
  const inUse = derived(overrun, { ...overrun, participants: 5 }, NOW + 60_000, DEFAULT_ATTENTION, policy());
  assert.deepEqual([inUse.attention, inUse.autoEndAt, inUse.kept], [null, null, true]);
  const ended = derived(overrun, { ...overrun, status: 'available', participants: 0, liveSince: null }, NOW + 60_000, DEFAULT_ATTENTION, policy());
  assert.deepEqual([ended.attention, ended.autoEndAt], [null, null], 'not live: nothing to end');
});

test('auto-end: due once its warning ran out, still flagged in a listed kind, live and not kept', () => {
  const due = flagged('empty', at(-60), { autoEndAt: at(-0.1) });
  const rows: [string, Session, AutoEndPolicy, boolean][] = [
    ['ran out', due, policy(), true],
    ['exactly now', { ...due, autoEndAt: at(0) }, policy(), true],
    ['not yet', { ...due, autoEndAt: at(1) }, policy(), false],
    ['kept meanwhile', { ...due, kept: true }, policy(), false],
    ['flag gone', { ...due, attention: null }, policy(), false],
    ['no longer live', { ...due, status: 'available' }, policy(), false],
    ['kind no longer listed', due, policy({ kinds: new Set(['alone']) }), false],
    ['policy off', due, NO_AUTO_END, false],
    ['excepted since', due, policy({ except: new Set([ID]) }), false],
  ];
  for (const [name, s, p, expected] of rows) assert.equal(dueForAutoEnd([s], NOW, p).length === 1, expected, name);
  assert.deepEqual(dueForAutoEnd([due], NOW, policy()), [{ meetingId: ID, kind: 'empty' }]);
});
