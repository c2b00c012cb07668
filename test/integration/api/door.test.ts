import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import { ApiAuth, COOKIE_TTL_MS, LOGIN_CODE_TTL_MS, MAX_COOKIES } from '../../../main/api/auth.js';
import { buildApi } from '../../../main/api/server.js';
import { StoreError } from '../../../main/store/session-store.js';
import { FlakyStore } from '../../helpers/flaky-store.js';
import { allowedHostNames, hostAllowed, normaliseHostName, sameOrigin } from '../../../main/api/door.js';
import { parseHost } from '../../../shared/host-header.js';
import { errorOf, fakeRendererDir, raw, startApi, type ApiHarness } from '../../helpers/api.js';

let a: ApiHarness;
let dist: string;

before(async () => {
  dist = await fakeRendererDir();
  await writeFile(path.join(os.tmpdir(), 'zs-secret.txt'), 'outside');
  a = await startApi({ rendererDir: dist });
});
after(async () => {
  await a.stop();
  await rm(dist, { recursive: true, force: true });
});

const host = () => `127.0.0.1:${a.port}`;
const get = (p: string, headers: Record<string, string> = {}) => raw(a, { path: p, headers: { Host: host(), ...headers } });

async function login(): Promise<string> {
  const res = await raw(a, { method: 'POST', path: '/api/v1/login', headers: { Host: host(), 'Content-Type': 'application/json' }, body: JSON.stringify({ token: a.token }) });
  assert.equal(res.status, 204);
  const cookie = String(res.headers['set-cookie']);
  const [pair, ...attributes] = cookie.split('; ');
  assert.match(pair!, /^zs_session=[\w-]{43}$/);
  assert.deepEqual(attributes.sort(), ['HttpOnly', 'Max-Age=2592000', 'Path=/', 'SameSite=Strict'], 'a login cookie for 30 days, never for scripts or other sites');
  return cookie.split(';')[0]!;
}

test('host names: loopback, the configured host, normalised with brackets; the port must be the one we listen on', () => {
  const allowed = allowedHostNames('127.0.0.1');
  assert.ok(hostAllowed('127.0.0.1:5000', 5000, allowed));
  assert.ok(hostAllowed('localhost:5000', 5000, allowed));
  assert.ok(hostAllowed('LOCALHOST:5000', 5000, allowed));
  assert.ok(hostAllowed('[::1]:5000', 5000, allowed));
  assert.ok(hostAllowed('localhost', 80, allowed), 'no port means 80');
  assert.ok(!hostAllowed('localhost', 5000, allowed));
  assert.ok(!hostAllowed('localhost:3000', 5000, allowed), 'another local port');
  assert.ok(!hostAllowed('localhost:5000x', 5000, allowed));
  assert.ok(!hostAllowed('evil.example:5000', 5000, allowed));
  assert.ok(!hostAllowed('127.0.0.1.evil.example:5000', 5000, allowed));
  assert.ok(!hostAllowed(undefined, 5000, allowed));
  assert.deepEqual(parseHost('[::1]:80'), { name: '::1', port: 80 });
  assert.deepEqual(parseHost('Example.com'), { name: 'example.com', port: null });
  assert.equal(normaliseHostName('[::1]:80'), '::1');
  assert.ok(allowedHostNames('0.0.0.0').has(os.hostname().toLowerCase()));
  assert.ok(sameOrigin(`http://127.0.0.1:5000`, '127.0.0.1:5000'));
  assert.ok(!sameOrigin('http://evil.example', '127.0.0.1:5000'));
  assert.ok(!sameOrigin(undefined, '127.0.0.1:5000'));
});

test('a request naming a foreign Host is refused (DNS rebinding), even with the token', async () => {
  const res = await raw(a, { path: '/api/v1/sessions', headers: { Host: 'rebind.evil.example', SECURITY_TOKEN_AUTHENTICATION_KEY: a.token } });
  assert.equal(res.status, 403);
  assert.equal(errorOf(res.body).code, 'forbidden-host');
  assert.equal((await raw(a, { path: '/', headers: { Host: 'rebind.evil.example:80' } })).status, 403);
  assert.equal((await get('/api/v1/isalive', { SECURITY_TOKEN_AUTHENTICATION_KEY: a.token, Host: `localhost:${a.port}` })).status, 200);
  assert.equal((await get('/api/v1/isalive', { SECURITY_TOKEN_AUTHENTICATION_KEY: a.token, Host: `localhost:${a.port + 1}` })).status, 403, 'another port');
});

test('the auth matrix: no header, wrong, right, bearer, cookie, expired cookie, logged-out cookie', async () => {
  assert.equal((await get('/api/v1/sessions')).status, 401);
  assert.equal((await get('/api/v1/sessions', { SECURITY_TOKEN_AUTHENTICATION_KEY: 'wrong-wrong-wrong' })).status, 401);
  assert.equal((await get('/api/v1/sessions', { SECURITY_TOKEN_AUTHENTICATION_KEY: a.token })).status, 200);
  assert.equal((await get('/api/v1/sessions', { Authorization: `Bearer ${a.token}` })).status, 200);
  assert.equal((await get('/api/v1/sessions', { Cookie: 'zs_session=forged-value' })).status, 401);
  const cookie = await login();
  assert.equal((await get('/api/v1/sessions', { Cookie: cookie })).status, 200);
  assert.equal((await get('/api/v1/sessions', { Cookie: `other=1; ${cookie}; x=y` })).status, 200);
  // A wrong token in a header is not rescued by a good cookie.
  assert.equal((await get('/api/v1/sessions', { Cookie: cookie, SECURITY_TOKEN_AUTHENTICATION_KEY: 'wrong-wrong-wrong' })).status, 401);
  a.clock.now += COOKIE_TTL_MS + 1000;
  assert.equal((await get('/api/v1/sessions', { Cookie: cookie })).status, 401, 'expired');
  a.clock.now = Date.now();
  const second = await login();
  const out = await raw(a, { method: 'POST', path: '/api/v1/logout', headers: { Host: host(), Cookie: second, Origin: `http://${host()}` } });
  assert.equal(out.status, 204);
  assert.match(String(out.headers['set-cookie']), /Max-Age=0/);
  assert.equal((await get('/api/v1/sessions', { Cookie: second })).status, 401, 'logged out');
  const wrong = await raw(a, { method: 'POST', path: '/api/v1/login', headers: { Host: host(), 'Content-Type': 'application/json' }, body: '{"token":"nope"}' });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.headers['set-cookie'], undefined);
});

test('cookie-authenticated writes need our own Origin (CSRF); token writes do not', async () => {
  const cookie = await login();
  const post = (headers: Record<string, string>) => raw(a, { method: 'POST', path: '/api/v1/sync', headers: { Host: host(), ...headers } });
  const cross = await post({ Cookie: cookie, Origin: 'http://evil.example' });
  assert.equal(cross.status, 403);
  assert.equal(errorOf(cross.body).code, 'cross-origin');
  assert.equal((await post({ Cookie: cookie })).status, 403, 'no Origin at all');
  assert.equal((await post({ Cookie: cookie, Origin: `http://${host()}` })).status, 202);
  assert.equal((await post({ SECURITY_TOKEN_AUTHENTICATION_KEY: a.token, Origin: 'http://evil.example' })).status, 202);
  // Reads with the cookie need no Origin.
  assert.equal((await get('/api/v1/status', { Cookie: cookie })).status, 200);
});

test('the one-time login link sets the cookie and redirects to the clean URL, once', async () => {
  const code = a.auth.newLoginCode();
  const first = await get(`/?token=${code}`);
  assert.equal(first.status, 303);
  assert.equal(first.headers.location, '/');
  const cookie = String(first.headers['set-cookie']).split(';')[0]!;
  assert.match(String(first.headers['set-cookie']), /HttpOnly; SameSite=Strict/);
  assert.equal((await get('/api/v1/sessions', { Cookie: cookie })).status, 200);
  const again = await get(`/?token=${code}`);
  assert.equal(again.status, 303);
  assert.equal(again.headers['set-cookie'], undefined, 'used up');
  assert.equal(again.headers.location, '/#login-link-spent', 'the login page says the link was used or expired');
  assert.equal((await get('/?token=made-up')).headers['set-cookie'], undefined);
});

test('a login link expires after 10 minutes', async () => {
  const code = a.auth.newLoginCode();
  a.clock.now += LOGIN_CODE_TTL_MS + 1000;
  try {
    const late = await get(`/?token=${code}`);
    assert.equal(late.status, 303);
    assert.equal(late.headers['set-cookie'], undefined);
    assert.equal(late.headers.location, '/#login-link-spent');
  } finally {
    a.clock.now = Date.now();
  }
  const fresh = await get(`/?token=${a.auth.newLoginCode()}`);
  assert.match(String(fresh.headers['set-cookie']), /^zs_session=/);
});

test('dashboard logins are capped at the newest 50, and expired ones are forgotten', async () => {
  await a.store.revokeAllTokens();
  await a.auth.load();
  const token = (await a.auth.ensureApiToken(null))!;
  const cookies: string[] = [];
  for (let i = 0; i < MAX_COOKIES + 5; i++) {
    a.clock.now += 1000; // each a second newer
    cookies.push((await a.auth.login(token))!);
  }
  const stored = async () => (await a.store.tokens()).filter((t) => t.kind === 'cookie').length;
  assert.equal(await stored(), MAX_COOKIES);
  for (const c of cookies.slice(0, 5)) assert.equal(a.auth.checkCookie(c), false, 'the oldest went');
  for (const c of cookies.slice(5)) assert.equal(a.auth.checkCookie(c), true);
  // Later, past their lifetime, a new login sweeps the expired ones out of the store.
  a.clock.now += COOKIE_TTL_MS + 60_000;
  await a.auth.login(token);
  assert.equal(await stored(), 1);
  a.clock.now = Date.now();
  a.token = token;
});

test('the dashboard: CSP, nosniff, index never cached, hashed assets cached for a year', async () => {
  const index = await get('/');
  assert.equal(index.status, 200);
  assert.match(String(index.headers['content-security-policy']), /default-src 'self'; script-src 'self'/);
  assert.equal(index.headers['x-content-type-options'], 'nosniff');
  assert.equal(index.headers['cache-control'], 'no-cache');
  assert.match(index.body, /<title>dash<\/title>/);
  const asset = await get('/assets/app-3f9a1c.js');
  assert.equal(asset.status, 200);
  assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.match(String(asset.headers['content-type']), /javascript/);
  assert.equal(asset.headers['content-encoding'], undefined, 'as it is to a client that asks for nothing else');
  const br = await get('/assets/app-3f9a1c.js', { 'Accept-Encoding': 'gzip, deflate, br' });
  assert.equal(br.headers['content-encoding'], 'br', 'the brotli the build wrote, not compressed per request');
  assert.equal(brotliDecompressSync(br.bytes).toString(), 'console.log(1)');
  assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');
  const gz = await get('/assets/app-3f9a1c.js', { 'Accept-Encoding': 'gzip' });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(gz.bytes).toString(), 'console.log(1)');
});

test('the dashboard revalidates: a 304 for the bytes a browser holds, per coding; HEAD; a refused coding is not sent', async () => {
  const index = await get('/');
  assert.ok(index.headers.etag, 'index.html is no-cache: a validator makes its revalidation a 304');
  const again = await get('/', { 'If-None-Match': String(index.headers.etag) });
  assert.equal(again.status, 304);
  assert.equal(again.body, '');
  assert.equal(again.headers['cache-control'], 'no-cache');
  assert.equal((await get('/index.html', { 'If-None-Match': `"other", ${String(index.headers.etag)}` })).status, 304, 'one of a list');
  assert.equal((await get('/', { 'If-None-Match': '"other"' })).status, 200);

  const plain = await get('/assets/app-3f9a1c.js');
  const br = await get('/assets/app-3f9a1c.js', { 'Accept-Encoding': 'br' });
  assert.equal(plain.headers.vary, 'Accept-Encoding');
  assert.equal(br.headers.vary, 'Accept-Encoding');
  assert.notEqual(br.headers.etag, plain.headers.etag, 'other bytes, other validator');
  assert.equal((await get('/assets/app-3f9a1c.js', { 'Accept-Encoding': 'br', 'If-None-Match': String(br.headers.etag) })).status, 304);
  assert.equal((await get('/assets/app-3f9a1c.js', { 'If-None-Match': String(br.headers.etag) })).status, 200, 'the brotli validator does not cover the plain bytes');
  assert.equal((await get('/assets/app-3f9a1c.js', { 'Accept-Encoding': 'br;q=0, gzip' })).headers['content-encoding'], 'gzip');
  assert.equal((await get('/assets/app-3f9a1c.js', { 'Accept-Encoding': 'br;q=0, gzip;q=0' })).headers['content-encoding'], undefined);

  const head = await raw(a, { method: 'HEAD', path: '/assets/app-3f9a1c.js', headers: { Host: host(), 'Accept-Encoding': 'gzip' } });
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
  assert.equal(head.headers['content-encoding'], 'gzip');
  assert.equal(Number(head.headers['content-length']), (await get('/assets/app-3f9a1c.js', { 'Accept-Encoding': 'gzip' })).bytes.length);
  assert.equal((await get('/assets/app-3f9a1c.js.gz')).status, 404, 'a compressed copy is a coding of its file, not a page');
});

test('no directory traversal: every way out of the dashboard folder is a 404', async () => {
  for (const p of ['/../zs-secret.txt', '/assets/../../zs-secret.txt', '/%2e%2e/zs-secret.txt', '/assets/%2e%2e/%2e%2e/zs-secret.txt', '/..%2fzs-secret.txt', '/assets/..%5c..%5czs-secret.txt', '/index.html/../../zs-secret.txt', '//etc/passwd', '/assets/']) {
    const res = await get(p);
    assert.ok(res.status === 404 || res.status === 400, `${p}: ${res.status}`);
    assert.ok(!res.body.includes('outside'), p);
  }
});

test('not built yet: / says how to build, with the same strict headers', async () => {
  const bare = await startApi({ rendererDir: path.join(dist, 'nope') });
  try {
    const res = await raw(bare, { path: '/', headers: { Host: `127.0.0.1:${bare.port}` } });
    assert.equal(res.status, 503);
    assert.match(res.body, /npm run build/);
    assert.ok(res.headers['content-security-policy']);
  } finally {
    await bare.stop();
  }
});

test('a full disk at login: a JSON 507 that says so, one line in the log per episode, and no half-made login', async () => {
  const flaky = new FlakyStore(a.store);
  const auth = new ApiAuth(flaky);
  await auth.load();
  const api = await buildApi({ engine: a.engine, auth, host: '127.0.0.1', refresh: async () => {}, rendererDir: null });
  await api.listen({ port: 0, host: '127.0.0.1' });
  const port = (api.server.address() as AddressInfo).port;
  const logged: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => (logged.push(String(chunk)), true));
  try {
    const login = () => raw({ port }, { method: 'POST', path: '/api/v1/login', headers: { Host: `127.0.0.1:${port}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ token: a.token }) });
    flaky.fail = new StoreError('full', 'Could not save a login: the disk holding /data is full (ENOSPC).');
    for (let i = 0; i < 3; i++) {
      const res = await login();
      assert.equal(res.status, 507);
      assert.equal(errorOf(res.body).code, 'disk-full');
      assert.match(errorOf(res.body).message, /disk .* is full/);
      assert.equal(res.headers['set-cookie'], undefined);
    }
    assert.equal(logged.length, 1, logged.join(''));
    assert.doesNotMatch(logged[0]!, /\n\s+at /, 'no stack trace');
    flaky.fail = null;
    assert.equal((await login()).status, 204, 'space again: logins work');
    flaky.fail = new StoreError('full', 'Could not save a login: the disk is full (ENOSPC).');
    assert.equal((await login()).status, 507);
    assert.equal(logged.length, 2, 'a new episode is said once more');
  } finally {
    process.stderr.write = write;
    await api.close();
  }
});
