import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashToken, newApiToken, tokenMatches } from '../../../main/store/tokens.js';

test('API tokens are 32 random bytes, kept as sha256 hashes, matched exactly', () => {
  const a = newApiToken();
  const b = newApiToken();
  assert.notEqual(a, b);
  assert.equal(Buffer.from(a, 'base64url').length, 32);
  const hashes = [hashToken(a), hashToken('other-token-000000')];
  assert.equal(hashes[0]!.length, 64);
  assert.ok(!hashes[0]!.includes(a));
  assert.ok(tokenMatches(a, hashes));
  assert.ok(!tokenMatches(b, hashes));
  assert.ok(!tokenMatches(a.slice(0, -1), hashes));
  assert.ok(!tokenMatches('', hashes));
  assert.ok(!tokenMatches(a, []));
});
