// Coming from the original exercise: its documents as they were, mapped to ours.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importFromOriginal } from '../../../main/store/original-import.js';
import { hashToken } from '../../../main/store/tokens.js';

const NOW = new Date('2026-11-27T10:00:00.000Z');

test('meetings_resource entries become available sessions with their link; users\' api_token values become hashed tokens', () => {
  const r = importFromOriginal(
    [
      { entity_id: 81234567890, url: 'https://us02web.zoom.us/j/81234567890?pwd=abc' },
      { entity_id: '812 3456 7891', url: 'https://zoom.us/j/81234567891' },
      { entity_id: 81234567890, url: 'https://zoom.us/j/81234567890?pwd=newer' }, // a repeat: the last one wins
      { entity_id: 'not-a-meeting', url: 'https://zoom.us/j/1' },
      { url: 'https://zoom.us/j/2' },
      { entity_id: 81234567892, url: 'javascript:alert(1)' },
      { entity_id: 81234567893, url: 'https://zoom.us.evil.example/j/81234567893' },
    ],
    [{ api_token: 'ExampleAccess' }, { api_token: 'ExampleAccess' }, { api_token: '' }, {}, { api_token: 42 }],
    NOW,
  );
  assert.equal(r.skipped, 2);
  assert.equal(r.refusedLinks, 2);
  assert.deepEqual(r.sessions.map((s) => [s.meetingId, s.joinUrl, s.status, s.source]), [
    ['81234567890', 'https://zoom.us/j/81234567890?pwd=newer', 'available', 'live-seen'],
    ['81234567891', 'https://zoom.us/j/81234567891', 'available', 'live-seen'],
    ['81234567892', null, 'available', 'live-seen'],
    ['81234567893', null, 'available', 'live-seen'],
  ]);
  assert.ok(r.sessions.every((s) => s.firstSeenAt === NOW.toISOString() && s.participants === 0 && s.passcode === null));
  assert.deepEqual(r.tokenHashes, [hashToken('ExampleAccess')]);
  assert.ok(!JSON.stringify(r).includes('ExampleAccess'), 'the token itself is not kept');
});

test('nothing to import gives nothing', () => {
  assert.deepEqual(importFromOriginal([], [], NOW), { sessions: [], tokenHashes: [], skipped: 0, refusedLinks: 0 });
});
