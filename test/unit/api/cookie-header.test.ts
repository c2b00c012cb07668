// The login cookie read from and written to headers by hand (cookie-header.ts): the Cookie headers browsers
// and scripts really send, and only values a browser will keep.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCookie, setCookieHeader } from '../../../main/api/cookie-header.js';

test('the named cookie is found among others, however the header is spaced', () => {
  const cases: Array<[string | undefined, string | undefined]> = [
    [undefined, undefined],
    ['', undefined],
    ['zs_session=abc', 'abc'],
    ['theme=dark; zs_session=abc; lang=en', 'abc'],
    ['theme=dark;zs_session=abc', 'abc'],
    ['  zs_session =  abc  ', 'abc'],
    ['zs_session="abc"', 'abc'],
    ['zs_session=', ''],
    ['zs_session=abc; zs_session=def', 'abc'], // the first, as the cookie library did
    ['xzs_session=abc; zs_sessionx=def', undefined], // names match whole
    ['zs_session', undefined], // no "=": not a value
    ['zs_session=a=b', 'a=b'],
    ['zs_session=a%20b', 'a b'],
    ['zs_session=a%zzb', 'a%zzb'], // not decodable: kept, so the check refuses it rather than the parser throwing
  ];
  for (const [header, want] of cases) assert.equal(readCookie(header, 'zs_session'), want, String(header));
});

test('a Set-Cookie is HttpOnly, SameSite=Strict, for the whole site, and whole seconds', () => {
  assert.equal(setCookieHeader('zs_session', 'a-b_c', 2_592_000), 'zs_session=a-b_c; Max-Age=2592000; Path=/; HttpOnly; SameSite=Strict');
  assert.equal(setCookieHeader('zs_session', '', 0), 'zs_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict');
  assert.match(setCookieHeader('zs_session', 'v', 1.9), /Max-Age=1;/);
  assert.match(setCookieHeader('zs_session', 'v', -5), /Max-Age=0;/);
});

test('a value that would break the header is refused, not sent', () => {
  for (const bad of ['a;b', 'a b', 'a\r\nSet-Cookie: x=y', 'a"b', 'a,b', 'é']) {
    assert.throws(() => setCookieHeader('zs_session', bad, 60), /cookie-octets/, bad);
  }
});
