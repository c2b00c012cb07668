// Which content codings a client takes, read from Accept-Encoding as clients really write it (accept-encoding.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptsEncoding } from '../../../main/api/accept-encoding.js';

test('a coding is taken when listed without a zero weight, in any case and spacing', () => {
  assert.equal(acceptsEncoding('gzip, deflate, br', 'br'), true);
  assert.equal(acceptsEncoding('gzip, deflate, br', 'gzip'), true);
  assert.equal(acceptsEncoding('  GZIP ; Q=0.5 ', 'gzip'), true);
  assert.equal(acceptsEncoding('x-gzip', 'gzip'), true, 'x-gzip is gzip (RFC 9110 §8.4.1.3)');
  assert.equal(acceptsEncoding('br;q=1.0', 'br'), true);
});

test('a coding is refused when absent, weighted zero, or weighted unreadably', () => {
  assert.equal(acceptsEncoding(undefined, 'gzip'), false);
  assert.equal(acceptsEncoding('', 'gzip'), false);
  assert.equal(acceptsEncoding('identity', 'gzip'), false);
  assert.equal(acceptsEncoding('deflate', 'br'), false);
  assert.equal(acceptsEncoding('gzip;q=0', 'gzip'), false);
  assert.equal(acceptsEncoding('gzip;q=0.000, br', 'gzip'), false);
  assert.equal(acceptsEncoding('gzip;q=lots', 'gzip'), false);
  assert.equal(acceptsEncoding('gzipped, xbr', 'gzip'), false, 'a name is a whole token, not a substring');
  assert.equal(acceptsEncoding('xbr', 'br'), false);
});

test('`*` stands for every coding not listed by name; a name listed beats it either way', () => {
  assert.equal(acceptsEncoding('*', 'br'), true);
  assert.equal(acceptsEncoding('*;q=0', 'br'), false);
  assert.equal(acceptsEncoding('*, br;q=0', 'br'), false);
  assert.equal(acceptsEncoding('*;q=0, gzip', 'gzip'), true);
  assert.equal(acceptsEncoding('br;q=0, *', 'gzip'), true);
});
