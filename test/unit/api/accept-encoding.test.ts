// Which content codings a client takes, read from Accept-Encoding as clients really write it (accept-encoding.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptsEncoding, type Coding } from '../../../main/api/accept-encoding.js';

type Case = [header: string | undefined, coding: Coding, takes: boolean, why?: string];

const check = (cases: Case[]) => {
  for (const [header, coding, takes, why] of cases) assert.equal(acceptsEncoding(header, coding), takes, why ?? `${header} / ${coding}`);
};

test('a coding is taken when listed without a zero weight, in any case and spacing', () => {
  check([
    ['gzip, deflate, br', 'br', true],
    ['gzip, deflate, br', 'gzip', true],
    ['  GZIP ; Q=0.5 ', 'gzip', true],
    ['x-gzip', 'gzip', true, 'x-gzip is gzip (RFC 9110 §8.4.1.3)'],
    ['br;q=1.0', 'br', true],
  ]);
});

test('a coding is refused when absent, weighted zero, or weighted unreadably', () => {
  check([
    [undefined, 'gzip', false],
    ['', 'gzip', false],
    ['identity', 'gzip', false],
    ['deflate', 'br', false],
    ['gzip;q=0', 'gzip', false],
    ['gzip;q=0.000, br', 'gzip', false],
    ['gzip;q=lots', 'gzip', false],
    ['gzipped, xbr', 'gzip', false, 'a name is a whole token, not a substring'],
    ['xbr', 'br', false],
  ]);
});

test('`*` stands for every coding not listed by name; a name listed beats it either way', () => {
  check([
    ['*', 'br', true],
    ['*;q=0', 'br', false],
    ['*, br;q=0', 'br', false],
    ['*;q=0, gzip', 'gzip', true],
    ['br;q=0, *', 'gzip', true],
  ]);
});
