// Access is a property of the route, never of how its URL is spelled. Every API route of the real service
// is asked in every odd spelling an attacker would try: without a token none answers data or changes state;
// with one, each answers as the canonical path does, or 404 (or, landing on /sessions/:meetingId, its 400).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { RouteEntry } from '../../../main/api/access.js';
import { parseServeArgs } from '../../../main/config.js';
import { startService, type RunningService } from '../../../main/service.js';
import { ZoomSimulator } from '../../../main/zoom-simulator/server.js';
import { errorOf, raw, type RawAnswer } from '../../helpers/api.js';
import { until } from '../../helpers/until.js';

const TOKEN = 'route-access-token-0123456789';

let sim: ZoomSimulator;
let svc: RunningService;
let dir: string;
let liveId: string;
let idleId: string;

before(async () => {
  sim = new ZoomSimulator();
  await sim.start();
  const host = sim.account.addUser({ email: 'ops@example.com' });
  const live = sim.account.addMeeting({ hostId: host.id, topic: 'Ops stand-up', type: 2 });
  sim.account.start(live.id, 3);
  liveId = String(live.id);
  idleId = String(sim.account.addMeeting({ hostId: host.id, topic: 'Later', type: 2 }).id);
  dir = await mkdtemp(path.join(os.tmpdir(), 'zs-access-'));
  svc = await startService(
    parseServeArgs(['--port', '0', '--data-dir', dir, '--api-token', TOKEN], {
      ZOOM_API_BASE_URL: sim.apiBaseUrl,
      ZOOM_OAUTH_URL: sim.oauthUrl,
      ZOOM_WEBHOOK_SECRET: 'route-access-webhook-secret',
    }),
    { vault: null, rendererDir: null, demoTickMs: 3_600_000 },
  );
  // Credentials given in this run (not from the environment): the setup routes could replace them.
  const saved = await call('PUT', '/api/v1/setup', { token: TOKEN, body: { accountId: sim.accountId, clientId: sim.clientId, clientSecret: sim.clientSecret } });
  assert.equal(saved.status, 200, saved.body);
  await until('the meeting live', () => svc.engine.get(liveId)?.status === 'live');
  await until('the idle meeting listed', () => svc.engine.get(idleId));
});

after(async () => {
  await svc.stop();
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
});

const port = () => Number(new URL(svc.url).port);

function call(method: string, p: string, opts: { token?: string; body?: unknown; type?: string } = {}): Promise<RawAnswer> {
  const headers: Record<string, string> = { Host: `127.0.0.1:${port()}` };
  if (opts.token) headers.SECURITY_TOKEN_AUTHENTICATION_KEY = opts.token;
  const body = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  if (body !== undefined) headers['Content-Type'] = opts.type ?? 'application/json';
  return raw({ port: port() }, { method, path: p, headers, body });
}

/** The ways one path can be spelled to reach, or seem to reach, the same route. */
function spellings(p: string): string[] {
  const segs = p.split('/').slice(1);
  const last = segs.length - 1;
  const out = new Set<string>();
  const withSeg = (i: number, seg: string) => '/' + segs.map((s, j) => (j === i ? seg : s)).join('/');
  segs.forEach((seg, i) => {
    if (/^[a-z]/i.test(seg)) {
      out.add(withSeg(i, `%${seg.charCodeAt(0).toString(16)}${seg.slice(1)}`)); // /%61pi/…, /api/v1/%73essions, …/%65nd
      out.add(withSeg(i, `%${seg.charCodeAt(0).toString(16).toUpperCase()}${seg.slice(1)}`));
      out.add(withSeg(i, seg[0]!.toUpperCase() + seg.slice(1))); // case
    }
    out.add(withSeg(i, [...seg].map((c) => `%${c.charCodeAt(0).toString(16)}`).join(''))); // every letter
  });
  out.add(p.toUpperCase());
  out.add('/' + p); // doubled slashes
  out.add(p.replace('/v1/', '//v1/'));
  out.add(withSeg(last, '/' + segs[last]));
  out.add(p.replace('/v1/', '/v1/./')); // dot segments
  out.add(p.replace('/v1/', '/x/../v1/'));
  out.add(p.replace('/v1/', '/v1/%2e/'));
  out.add(p.replace('/v1/', '/x/%2e%2e/v1/'));
  out.add(p.replace('/v1/', '/v1/..;/v1/'));
  out.add(p + '/'); // trailing slash
  out.add(p + ';x=1'); // ; parameters
  out.add(p.replace('/v1/', '/v1;a=b/'));
  out.add(p + '%3Fa=1'); // encoded ?
  out.add(p.replace('/v1/', '/v1%3F/'));
  out.add(p.replace('/v1/', '%2Fv1/')); // encoded slash
  out.add(p.replace('/v1/', '\\v1/'));
  out.add(p + '%00');
  out.add(p + '%23');
  out.delete(p);
  return [...out];
}

const concrete = (r: RouteEntry, id: string) => r.url.replace(':meetingId', id);

/** A body each write route refuses or ignores when it does run: no request here may change anything. */
function bodyFor(r: RouteEntry): unknown {
  if (r.url.endsWith('/setup') || r.url.endsWith('/setup/test')) return {};
  if (r.url.endsWith('/zoom/webhook')) return { event: 'meeting.ended', payload: { object: { id: liveId } } };
  return undefined;
}

const guarded = () => svc.api.routeTable().filter((r) => r.url.startsWith('/api/v1') && r.access !== 'public' && r.method !== 'HEAD');

test('every route declares who may use it; a route that declares nothing is refused', async () => {
  const table = svc.api.routeTable();
  assert.ok(table.length > 15, `${table.length} routes`);
  const undeclared = table.filter((r) => r.access == null);
  assert.deepEqual(undeclared, [], 'routes without an access declaration');
  const publicApi = table.filter((r) => r.url.startsWith('/api/v1') && r.access === 'public').map((r) => `${r.method} ${r.url}`);
  assert.deepEqual(publicApi.sort(), ['GET /api/v1/openapi.json', 'HEAD /api/v1/openapi.json', 'POST /api/v1/login']);
  assert.deepEqual(table.filter((r) => r.access === 'webhook').map((r) => r.url), ['/api/v1/zoom/webhook']);
  // The lazy compilers count as custom ones, for which Fastify would not lower-case a headers schema's keys.
  assert.deepEqual(table.filter((r) => r.schemaParts.includes('headers')), [], 'routes with a headers schema');

  // Deny by default, shown on a server of its own with one route that says nothing.
  const { buildApi } = await import('../../../main/api/server.js');
  const api = await buildApi({ engine: svc.engine, auth: svc.auth, host: '127.0.0.1', refresh: async () => {}, rendererDir: null });
  api.get('/api/v1/forgot', async () => ({ secret: 'data' }));
  await api.listen({ port: 0, host: '127.0.0.1' });
  try {
    const p = (api.server.address() as { port: number }).port;
    const res = await raw({ port: p }, { path: '/api/v1/forgot', headers: { Host: `127.0.0.1:${p}`, SECURITY_TOKEN_AUTHENTICATION_KEY: TOKEN } });
    assert.equal(res.status, 403);
    assert.equal(errorOf(res.body).code, 'no-access-declared');
  } finally {
    await api.close();
  }
});

test('without a token, no spelling of any guarded route answers data or changes anything', async () => {
  const setupBefore = JSON.stringify(svc.setup.state());
  const endsBefore = sim.callsTo('end-meeting');
  let asked = 0;
  for (const r of guarded()) {
    const canonical = concrete(r, liveId);
    for (const p of [canonical, ...spellings(canonical)]) {
      for (const type of r.method === 'GET' ? [undefined] : ['application/json', 'text/plain']) {
        const body = bodyFor(r) ?? (type === 'text/plain' ? 'x=1' : undefined);
        const res = await call(r.method, p, { body, type });
        asked++;
        const what = `${r.method} ${p} (${type ?? 'no body'}): ${res.status} ${res.body.slice(0, 120)}`;
        const allowed = r.access === 'webhook' ? [400, 401, 404, 415] : [401, 403, 404];
        assert.ok(allowed.includes(res.status), what);
        assert.doesNotMatch(res.body, /"sessions?"|"setup"|"status":\{|joinUrl|passcode/, what);
        if (res.status !== 404 && r.access === 'token') assert.equal(errorOf(res.body).code, 'unauthorized', what);
      }
    }
  }
  assert.ok(asked > 400, `${asked} requests`);
  assert.equal(JSON.stringify(svc.setup.state()), setupBefore, 'the Zoom account in use is unchanged');
  assert.equal(sim.callsTo('end-meeting'), endsBefore, 'no End reached Zoom');
  assert.ok(sim.account.meeting(Number(liveId)).live);
  assert.equal(svc.engine.get(liveId)?.status, 'live');
});

test('with the token, every spelling answers as the canonical path does, or 404', async () => {
  // Reads compare whole answers' shape; writes use a meeting that is not live and bodies that are refused,
  // so a second answer is the same as the first. The demo switch is last: it does change the account.
  // The event stream never ends; its canonical answer is tested in sse.test.
  const routes = guarded().filter((r) => !r.url.endsWith('/events')).sort((x, y) => Number(x.url.endsWith('/setup/demo')) - Number(y.url.endsWith('/setup/demo')));
  for (const r of routes) {
    const canonical = concrete(r, idleId);
    const body = bodyFor(r);
    const first = await call(r.method, canonical, { token: TOKEN, body });
    assert.ok(first.status < 500, `${r.method} ${canonical}: ${first.status} ${first.body}`);
    const keys = (res: RawAnswer) => (res.headers['content-type']?.includes('json') && res.body ? Object.keys(JSON.parse(res.body) as object).sort() : []);
    for (const p of spellings(canonical)) {
      const res = await call(r.method, p, { token: TOKEN, body });
      const what = `${r.method} ${p}: ${res.status} (canonical ${first.status}) ${res.body.slice(0, 120)}`;
      // A spelling that lands on /sessions/:meetingId is that route refusing a meeting ID that is not one.
      const otherRoute = res.status === 400 && first.status !== 400 && res.body.includes('"invalid-meeting-id"');
      if (res.status === 404 || otherRoute) {
        assert.doesNotMatch(res.body, /"sessions?"|"setup"|joinUrl/, what);
        continue;
      }
      assert.equal(res.status, first.status, what);
      assert.deepEqual(keys(res), keys(first), what);
    }
  }
  assert.ok(sim.account.meeting(Number(liveId)).live, 'the live meeting was never ended');
});

test('unmatched paths answer 404 JSON, never data, with or without a token', async () => {
  for (const p of ['/api', '/api/v1', '/api/v1/', '/api/v2/sessions', '/api/v1/sessions/123/start', '/api/v1/nope', '/%2e%2e/api/v1/sessions']) {
    for (const token of [undefined, TOKEN]) {
      const res = await call('GET', p, { token });
      assert.equal(res.status, 404, `${p}: ${res.status}`);
      assert.equal(errorOf(res.body).code, 'not-found');
    }
  }
});
