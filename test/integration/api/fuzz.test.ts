// Random methods, paths, headers and bodies over real HTTP: every answer is well-formed, none is a
// 5xx, and the sessions are the same afterwards.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { fakeRendererDir, raw, startApi, type ApiHarness } from '../../helpers/api.js';

let a: ApiHarness;

let dist: string;

before(async () => {
  dist = await fakeRendererDir();
  a = await startApi({ rendererDir: dist });
  const host = a.h.sim.account.addUser({ email: 'ops@example.com' });
  for (let i = 0; i < 5; i++) a.h.sim.account.addMeeting({ hostId: host.id, topic: `Room ${i}` });
  // Nothing is live, so no request can end a meeting: any change to the sessions would be a bug.
  await a.engine.syncNow();
});
after(async () => {
  await a.stop();
  await rm(dist, { recursive: true, force: true });
});

const printable = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABC0123456789-_.~!$&\'()*+,;=:@/%?#[]{}" <>\\^`|'.split('')), maxLength: 60 });

const pathArb = fc.oneof(
  fc.constantFrom(
    '/api/v1/isalive',
    '/api/v1/sessions',
    '/api/v1/sessions/state',
    '/api/v1/sessions/get-available',
    '/api/v1/sessions/81000000001',
    '/api/v1/sessions/81000000001/end',
    '/api/v1/status',
    '/api/v1/sync',
    '/api/v1/login',
    '/api/v1/logout',
    '/api/v1/openapi.json',
    '/',
    '/assets/app-3f9a1c.js',
  ),
  fc.tuple(fc.constantFrom('/api/v1/', '/api/v1/sessions/', '/', '/assets/'), printable).map(([p, tail]) => p + tail),
  fc.webPath(),
).map((p) => encodeURI(decodeURIComponentSafe(p)) || '/').map((p) => (p.startsWith('/') ? p : `/${p}`));

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const headerValue = fc.string({ unit: fc.constantFrom(...'abcXYZ019 -_=;:,./"\'*{}'.split('')), maxLength: 80 });

const requestArb = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
  path: pathArb,
  token: fc.constantFrom<'none' | 'valid' | 'wrong' | 'bearer' | 'junk'>('none', 'valid', 'wrong', 'bearer', 'junk'),
  host: fc.constantFrom('ours', 'localhost', 'foreign', 'garbage'),
  contentType: fc.constantFrom(undefined, 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', '*/*'),
  origin: fc.option(fc.constantFrom('http://evil.example', 'null', 'http://127.0.0.1'), { nil: undefined }),
  cookie: fc.option(headerValue.map((v) => `zs_session=${v}`), { nil: undefined }),
  extra: fc.dictionary(fc.constantFrom('if-none-match', 'last-event-id', 'accept', 'x-forwarded-for', 'range', 'accept-encoding'), headerValue, { maxKeys: 3 }),
  body: fc.oneof(
    fc.constant(undefined),
    fc.json({ maxDepth: 3 }),
    fc.string({ maxLength: 300 }),
    fc.integer({ min: 16_000, max: 20_000 }).map((n) => JSON.stringify({ token: 'x'.repeat(n) })),
  ),
});

test('fuzz: 400 random requests: well-formed answers, no 5xx, sessions unchanged', async () => {
  const before = JSON.stringify(a.engine.list().sort((x, y) => x.meetingId.localeCompare(y.meetingId)));
  await fc.assert(
    fc.asyncProperty(requestArb, async (r) => {
      const headers: Record<string, string> = { ...r.extra };
      headers.Host = { ours: `127.0.0.1:${a.port}`, localhost: `localhost:${a.port}`, foreign: 'evil.example', garbage: '%%%' }[r.host];
      if (r.token === 'valid') headers.SECURITY_TOKEN_AUTHENTICATION_KEY = a.token;
      if (r.token === 'wrong') headers.SECURITY_TOKEN_AUTHENTICATION_KEY = 'wrong-token-value';
      if (r.token === 'bearer') headers.Authorization = `Bearer ${a.token}`;
      if (r.token === 'junk') headers.Authorization = 'Bearer';
      if (r.contentType) headers['Content-Type'] = r.contentType;
      if (r.origin) headers.Origin = r.origin;
      if (r.cookie) headers.Cookie = r.cookie;
      // SSE would stay open: it is tested on its own.
      if (r.path.startsWith('/api/v1/events')) return;
      const res = await raw(a, { method: r.method, path: r.path, headers, body: r.body === undefined || r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body });
      assert.ok(res.status >= 200 && res.status < 500, `${r.method} ${r.path} -> ${res.status}: ${res.body.slice(0, 200)}`);
      const type = String(res.headers['content-type'] ?? '');
      if (type.startsWith('application/json') && r.method !== 'HEAD' && res.body) JSON.parse(res.body);
      if (r.path.startsWith('/api/') && res.status >= 400) assert.match(type, /^application\/json/, `${r.method} ${r.path} error is JSON`);
      assert.equal(res.headers['access-control-allow-origin'], undefined);
    }),
    { numRuns: 400, seed: 20261127 },
  );
  const after = JSON.stringify(a.engine.list().sort((x, y) => x.meetingId.localeCompare(y.meetingId)));
  assert.equal(after, before);
  const alive = await raw(a, { path: '/api/v1/isalive', headers: { Host: `127.0.0.1:${a.port}`, SECURITY_TOKEN_AUTHENTICATION_KEY: a.token } });
  assert.equal(alive.status, 200);
});
