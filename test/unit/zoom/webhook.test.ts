// Webhook signatures, computed here independently with node:crypto as Zoom documents them.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { urlValidationAnswer, verifyWebhook, WebhookReceiver } from '../../../main/zoom/events/webhook.js';
import type { MeetingEvent } from '../../../main/zoom/events/zoom-event.js';

const SECRET = 'whsec-test-secret';
const NOW = 1_795_000_000_000;
const TS = String(NOW / 1000);
const body = JSON.stringify({ event: 'meeting.started', event_ts: NOW, payload: { object: { id: 81000000001, uuid: 'u1', topic: 'Lab' } } });
const sign = (ts: string, raw: string, secret = SECRET) => `v0=${createHmac('sha256', secret).update(`v0:${ts}:${raw}`).digest('hex')}`;

test('a good signature passes', () => {
  assert.deepEqual(verifyWebhook(SECRET, TS, sign(TS, body), body, NOW), { ok: true });
});

test('bad, missing and stale signatures, and a body changed by one byte, are refused with the reason', () => {
  const cases: [string, ReturnType<typeof verifyWebhook>][] = [
    ['wrong secret', verifyWebhook(SECRET, TS, sign(TS, body, 'other'), body, NOW)],
    ['one byte changed', verifyWebhook(SECRET, TS, sign(TS, body), body.replace('Lab', 'Lac'), NOW)],
    ['missing signature', verifyWebhook(SECRET, TS, undefined, body, NOW)],
    ['missing timestamp', verifyWebhook(SECRET, undefined, sign(TS, body), body, NOW)],
    ['6 minutes old', verifyWebhook(SECRET, String(NOW / 1000 - 360), sign(String(NOW / 1000 - 360), body), body, NOW)],
    ['6 minutes ahead', verifyWebhook(SECRET, String(NOW / 1000 + 360), sign(String(NOW / 1000 + 360), body), body, NOW)],
    ['timestamp not a number', verifyWebhook(SECRET, 'yesterday', sign('yesterday', body), body, NOW)],
    ['signature of another length', verifyWebhook(SECRET, TS, 'v0=abc', body, NOW)],
  ];
  for (const [name, verdict] of cases) assert.equal(verdict.ok, false, name);
  assert.match((cases[1]![1] as { reason: string }).reason, /does not match/);
  assert.match((cases[4]![1] as { reason: string }).reason, /older than 5 minutes/);
  assert.equal(verifyWebhook(SECRET, String(NOW / 1000 - 290), sign(String(NOW / 1000 - 290), body), body, NOW).ok, true, '4 min 50 s is in time');
});

test('endpoint.url_validation is answered with the HMAC of the plain token', () => {
  const expected = createHmac('sha256', SECRET).update('qgg8vlvZRS6UYooatFL8Aw').digest('hex');
  assert.deepEqual(urlValidationAnswer(SECRET, 'qgg8vlvZRS6UYooatFL8Aw'), { plainToken: 'qgg8vlvZRS6UYooatFL8Aw', encryptedToken: expected });
  const r = new WebhookReceiver(SECRET, () => assert.fail('not an event'), () => NOW);
  const raw = JSON.stringify({ event: 'endpoint.url_validation', payload: { plainToken: 'qgg8vlvZRS6UYooatFL8Aw' }, event_ts: NOW });
  assert.deepEqual(r.handle(raw, TS, sign(TS, raw)), { status: 200, body: { plainToken: 'qgg8vlvZRS6UYooatFL8Aw', encryptedToken: expected } });
  assert.equal(r.handle(raw, TS, sign(TS, raw, 'x')).status, 401, 'validation requests are verified too');
});

test('the receiver hands meeting events on, refuses bad signatures before reading, and acknowledges other events', () => {
  const got: MeetingEvent[] = [];
  const r = new WebhookReceiver(SECRET, (e) => got.push(e), () => NOW);
  assert.equal(r.handle(body, TS, sign(TS, body)).status, 200);
  assert.equal(got.length, 1);
  assert.equal(got[0]!.kind, 'started');
  assert.equal(r.handle(body, TS, 'v0=' + '0'.repeat(64)).status, 401);
  const other = JSON.stringify({ event: 'recording.completed', payload: {} });
  assert.equal(r.handle(other, TS, sign(TS, other)).status, 200);
  assert.equal(r.handle('{not json', TS, sign(TS, '{not json')).status, 400);
  assert.equal(got.length, 1);
});
