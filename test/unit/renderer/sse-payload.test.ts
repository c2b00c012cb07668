// The dashboard's ahead-of-time payload checks (scripts/sse-checks.mjs) answer as TypeBox's Value.Check does
// on the same schemas: every valid payload passes, and every field missing, mistyped or added is refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Value } from 'typebox/value';
import { SseEventSchemas } from '../../../shared/api-schema.js';
import { readSsePayload } from '../../../renderer/src/sse-payload.js';
import { makeSession, makeStatus } from '../../helpers/sessions.js';

const session = makeSession('81000000001', { status: 'live', participants: 3, liveSince: '2026-11-28T09:00:00.000Z', joinUrl: 'https://zoom.us/j/81000000001?pwd=x', passcode: '123456' });
const payloads = {
  snapshot: { sessions: [session, makeSession('81000000002')], status: makeStatus() },
  session: { session },
  removed: { meetingId: '81000000001' },
  status: { status: makeStatus() },
};

/** Every field of every object in `value` deleted, set to a wrong type, and beside an unknown one. */
function* broken(value: unknown, path: string[] = []): Generator<[string, unknown]> {
  if (value === null || typeof value !== 'object') return;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  const copy = (): Record<string, unknown> => (Array.isArray(value) ? [...(value as unknown[])] : { ...(value) }) as Record<string, unknown>;
  if (!Array.isArray(value)) yield [`${path.join('.')}+extra`, { ...copy(), extra: 1 }];
  for (const [k, v] of entries) {
    if (!Array.isArray(value)) {
      const gone = copy();
      delete gone[k];
      yield [`${[...path, k].join('.')} missing`, gone];
    }
    for (const wrong of [42, 'x', {}, [], true] as unknown[]) {
      if (typeof wrong === typeof v && Array.isArray(wrong) === Array.isArray(v)) continue;
      yield [`${[...path, k].join('.')} = ${JSON.stringify(wrong)}`, { ...copy(), [k]: wrong }];
    }
    for (const [where, inner] of broken(v, [...path, k])) yield [where, { ...copy(), [k]: inner }];
  }
}

test('valid payloads pass both checks', () => {
  for (const [name, data] of Object.entries(payloads) as [keyof typeof payloads, unknown][]) {
    assert.equal(Value.Check(SseEventSchemas[name], data), true, name);
    assert.deepEqual(readSsePayload(name, JSON.stringify(data)), data, name);
  }
});

test('every field missing, mistyped or added: the generated check answers as Value.Check does', () => {
  let refused = 0;
  for (const [name, data] of Object.entries(payloads) as [keyof typeof payloads, unknown][]) {
    for (const [where, bad] of broken(data)) {
      const expected = Value.Check(SseEventSchemas[name], bad);
      assert.equal(readSsePayload(name, JSON.stringify(bad)) !== null, expected, `${name}: ${where}`);
      if (!expected) refused++;
    }
  }
  assert.ok(refused > 300, `${refused} broken payloads refused`);
  assert.equal(readSsePayload('session', '{"session": '), null, 'not JSON');
  assert.equal(readSsePayload('session', JSON.stringify({ session: { ...session, meetingId: '12ab' } })), null, 'a meeting ID that is not digits');
});
