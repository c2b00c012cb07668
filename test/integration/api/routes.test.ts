import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { after, before, beforeEach, test } from 'node:test';
import type { Session } from '../../../shared/session.js';
import { zoomFaults } from '../../../main/zoom-simulator/faults.js';
import { call, raw, startApi, type ApiHarness } from '../../helpers/api.js';
import { until } from '../../helpers/until.js';
import type { AuditPage } from '../../../shared/api-schema.js';

let a: ApiHarness;
let liveId: string;
let idleId: string;

before(async () => {
  a = await startApi();
});
after(() => a.stop());

beforeEach(async () => {
  a.h.sim.faults.clear();
  const host = a.h.sim.account.users.size ? [...a.h.sim.account.users.values()][0]! : a.h.sim.account.addUser({ email: 'ops@example.com', firstName: 'Avery', lastName: 'Ops' });
  const live = a.h.sim.account.addMeeting({ hostId: host.id, topic: 'Grade 9 Maths' });
  const idle = a.h.sim.account.addMeeting({ hostId: host.id, topic: 'Staff huddle' });
  a.h.sim.account.start(live.id, 4);
  liveId = String(live.id);
  idleId = String(idle.id);
  await a.engine.syncNow();
});

async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  return (await res.json()) as T;
}

test('isalive answers 200 with the token in either header, 401 without or with a wrong one', async () => {
  assert.equal((await call(a, '/api/v1/isalive')).status, 200);
  assert.deepEqual(await json(await call(a, '/api/v1/isalive')), { alive: true });
  assert.equal((await call(a, '/api/v1/isalive', { token: null, headers: { Authorization: `Bearer ${a.token}` } })).status, 200);
  const none = await call(a, '/api/v1/isalive', { token: null });
  assert.equal(none.status, 401);
  assert.equal((await json<{ error: { code: string } }>(none)).error.code, 'unauthorized');
  assert.equal((await call(a, '/api/v1/isalive', { token: 'not-the-token-at-all' })).status, 401);
  assert.equal((await call(a, '/api/v1/isalive', { token: null, headers: { Authorization: 'Bearer ' } })).status, 401);
  assert.equal((await call(a, '/api/v1/isalive', { token: null, headers: { Authorization: `Basic ${a.token}` } })).status, 401);
});

test('the original routes: live sessions, available sessions, End; all JSON', async () => {
  const state = await json<{ sessions: Session[] }>(await call(a, '/api/v1/sessions/state'));
  assert.ok(state.sessions.some((s) => s.meetingId === liveId));
  assert.ok(state.sessions.every((s) => s.status === 'live'));
  const avail = await json<{ sessions: Session[]; status: { ready: boolean } }>(await call(a, '/api/v1/sessions/get-available'));
  assert.ok(avail.sessions.some((s) => s.meetingId === idleId));
  assert.ok(avail.sessions.every((s) => s.status === 'available'));
  assert.equal(avail.status.ready, true);
});

test('GET /sessions filters by status and by text over topic, host and meeting id (with spaces)', async () => {
  const all = await json<{ sessions: Session[] }>(await call(a, '/api/v1/sessions'));
  assert.equal(all.sessions[0]!.status, 'live', 'live first');
  const q = async (qs: string) => (await json<{ sessions: Session[] }>(await call(a, `/api/v1/sessions?${qs}`))).sessions.map((s) => s.meetingId);
  assert.ok((await q('q=maths')).includes(liveId));
  assert.ok(!(await q('q=maths')).includes(idleId));
  assert.ok((await q('q=avery')).includes(idleId), 'host name');
  assert.ok((await q('q=OPS%40EXAMPLE')).includes(idleId), 'host email, any case');
  const spaced = `${idleId.slice(0, 3)} ${idleId.slice(3, 7)} ${idleId.slice(7)}`;
  assert.deepEqual(await q(`q=${encodeURIComponent(spaced)}`), [idleId]);
  assert.deepEqual(await q('status=live&q=huddle'), []);
  assert.equal((await call(a, '/api/v1/sessions?status=dead')).status, 400);
});

test('GET /sessions/{id}: the session, 404 when unknown, 400 when not digits', async () => {
  const one = await json<{ session: Session }>(await call(a, `/api/v1/sessions/${liveId}`));
  assert.equal(one.session.participants, 4);
  const missing = await call(a, '/api/v1/sessions/12345678901');
  assert.equal(missing.status, 404);
  assert.equal((await json<{ error: { code: string } }>(missing)).error.code, 'not-found');
  const bad = await call(a, '/api/v1/sessions/12a45');
  assert.equal(bad.status, 400);
  assert.match((await json<{ error: { message: string } }>(bad)).error.message, /digits only/);
});

test('GET /status and POST /sync (202, runs a refresh)', async () => {
  const s = await json<{ status: { strategy: string; liveIntervalMs: number } }>(await call(a, '/api/v1/status'));
  assert.equal(s.status.strategy, 'dashboard');
  const before = a.refreshes;
  const sync = await call(a, '/api/v1/sync', { method: 'POST' });
  assert.equal(sync.status, 202);
  assert.ok((await json<{ status: unknown }>(sync)).status);
  assert.equal(a.refreshes, before + 1);
});

test('lists carry an ETag; an unchanged list answers 304; a change gives a new one', async () => {
  const first = await call(a, '/api/v1/sessions');
  const etag = first.headers.get('etag')!;
  assert.ok(etag);
  assert.equal(first.headers.get('cache-control'), 'no-cache');
  const again = await call(a, '/api/v1/sessions', { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  assert.equal(await again.text(), '');
  // What guides a cache (RFC 9110 §15.4.5), and nothing for the body it does not send.
  assert.equal(again.headers.get('etag'), etag);
  assert.equal(again.headers.get('cache-control'), 'no-cache');
  assert.equal(again.headers.get('vary'), 'Accept-Encoding');
  for (const name of ['x-content-type-options', 'x-frame-options', 'referrer-policy', 'cross-origin-opener-policy', 'cross-origin-resource-policy']) {
    assert.equal(again.headers.get(name), null, name);
    assert.ok(first.headers.get(name), `${name} on the 200`);
  }
  a.h.sim.account.join(Number(liveId), 1);
  await a.engine.pollLive();
  const changed = await call(a, '/api/v1/sessions', { headers: { 'If-None-Match': etag } });
  assert.equal(changed.status, 200);
  assert.notEqual(changed.headers.get('etag'), etag);
  const filtered = await call(a, '/api/v1/sessions?status=live');
  assert.notEqual(filtered.headers.get('etag'), changed.headers.get('etag'), 'each query has its own ETag');
});

test('live rounds that change no session leave the ETag as it was: a poller gets 304s; the status stays current in a full answer', async () => {
  const first = await call(a, '/api/v1/sessions/state');
  const etag = first.headers.get('etag')!;
  assert.match(etag, /^W\/"/, 'weak: the same sessions, whatever the status says');
  const { status: before } = await json<{ status: { lastLiveSyncAt: string } }>(first);
  await new Promise((r) => setTimeout(r, 5)); // the next round's time differs
  for (let i = 0; i < 3; i++) await a.engine.pollLive();
  const again = await call(a, '/api/v1/sessions/state', { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304, 'three live rounds, no change: still 304');
  const full = await call(a, '/api/v1/sessions/state');
  assert.equal(full.headers.get('etag'), etag);
  const { status: now } = await json<{ status: { lastLiveSyncAt: string } }>(full);
  assert.notEqual(now.lastLiveSyncAt, before.lastLiveSyncAt, 'a full answer carries the status of now');
});

test('End: 200 with the session now available; Zoom recorded the end; never a redirect', async () => {
  const res = await call(a, `/api/v1/sessions/${liveId}/end`, { method: 'POST' });
  assert.equal(res.status, 200);
  const { session } = await json<{ session: Session }>(res);
  assert.equal(session.status, 'available');
  assert.ok(a.h.sim.account.endedViaApi.includes(Number(liveId)));
});

test('End: 404 unknown, 409 not live, 404 meeting-gone for Zoom 3001', async () => {
  assert.equal((await call(a, '/api/v1/sessions/12345678901/end', { method: 'POST' })).status, 404);
  const notLive = await call(a, `/api/v1/sessions/${idleId}/end`, { method: 'POST' });
  assert.equal(notLive.status, 409);
  assert.equal((await json<{ error: { code: string } }>(notLive)).error.code, 'not-live');
  a.h.sim.account.deleteMeeting(Number(liveId));
  const gone = await call(a, `/api/v1/sessions/${liveId}/end`, { method: 'POST' });
  assert.equal(gone.status, 404);
  const body = await json<{ error: { code: string; zoomCode: number; message: string } }>(gone);
  assert.equal(body.error.code, 'meeting-gone');
  assert.equal(body.error.zoomCode, 3001);
  assert.equal((await call(a, `/api/v1/sessions/${liveId}`)).status, 404, 'removed from the list');
});

test('End: 429 with Retry-After while Zoom rate-limits; the session stays live', async () => {
  // Its own service: after this 429, End is held back for 90 s, as it should be.
  const own = await startApi();
  try {
    const host = own.h.sim.account.addUser({ email: 'x@example.com' });
    const m = own.h.sim.account.addMeeting({ hostId: host.id, topic: 'Busy' });
    own.h.sim.account.start(m.id, 2);
    await own.engine.pollLive();
    own.h.sim.addFault(zoomFaults.rateLimited('end-meeting', { retryAfter: '90' }));
    const res = await call(own, `/api/v1/sessions/${m.id}/end`, { method: 'POST' });
    assert.equal(res.status, 429);
    const retry = Number(res.headers.get('retry-after'));
    assert.ok(retry >= 89 && retry <= 90, String(retry));
    const body = await json<{ error: { code: string; retryAt: string; message: string } }>(res);
    assert.equal(body.error.code, 'zoom-rate-limited');
    assert.ok(Date.parse(body.error.retryAt) > Date.now());
    assert.equal(own.engine.get(String(m.id))!.status, 'live');
    // A second click within the wait is answered at once, without spending a call.
    const calls = own.h.sim.callsTo('end-meeting');
    assert.equal((await call(own, `/api/v1/sessions/${m.id}/end`, { method: 'POST' })).status, 429);
    assert.equal(own.h.sim.callsTo('end-meeting'), calls);
  } finally {
    await own.stop();
  }
});

test('End: other Zoom errors answer 502 with Zoom\'s code and message; state kept', async () => {
  a.h.sim.addFault({ route: 'end-meeting', status: 400, body: { code: 4711, message: 'Invalid access token, does not contain scopes:[meeting:update:status:admin].' } });
  const res = await call(a, `/api/v1/sessions/${liveId}/end`, { method: 'POST' });
  assert.equal(res.status, 502);
  const body = await json<{ error: { code: string; zoomCode: number; message: string } }>(res);
  assert.equal(body.error.zoomCode, 4711);
  assert.match(body.error.message, /meeting:update:status:admin/);
  a.h.sim.addFault(zoomFaults.serverError('end-meeting', 500, 5));
  const five = await call(a, `/api/v1/sessions/${liveId}/end`, { method: 'POST' });
  assert.equal(five.status, 502);
  assert.equal((await json<{ error: { code: string } }>(five)).error.code, 'zoom-server');
  assert.equal(a.engine.get(liveId)!.status, 'live');
});

test('End accepts the original clients\' empty body and a JSON one', async () => {
  const res = await call(a, `/api/v1/sessions/${liveId}/end`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '' });
  assert.equal(res.status, 200);
});

test('bad input: 16 KB+ body, malformed JSON, wrong media type, unknown route: 4xx JSON, no crash', async () => {
  const big = await call(a, '/api/v1/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: 'x'.repeat(17 * 1024) }) });
  assert.equal(big.status, 413);
  assert.equal((await json<{ error: { code: string } }>(big)).error.code, 'body-too-large');
  const broken = await call(a, '/api/v1/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"token": ' });
  assert.equal(broken.status, 400);
  assert.equal((await json<{ error: { code: string } }>(broken)).error.code, 'invalid-json');
  const xml = await call(a, '/api/v1/login', { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: '<token/>' });
  assert.equal(xml.status, 415);
  const text = await call(a, '/api/v1/login', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hello' });
  assert.equal(text.status, 400);
  const nowhere = await call(a, '/api/v1/nowhere');
  assert.equal(nowhere.status, 404);
  assert.equal((await json<{ error: { code: string } }>(nowhere)).error.code, 'not-found');
  assert.equal((await call(a, '/api/v1/isalive')).status, 200, 'still up');
});

test('no CORS: a preflight from another origin gets no allow headers', async () => {
  const pre = await raw(a, { method: 'OPTIONS', path: '/api/v1/sessions', headers: { Host: `127.0.0.1:${a.port}`, Origin: 'http://evil.example', 'Access-Control-Request-Method': 'GET' } });
  assert.equal(pre.headers['access-control-allow-origin'], undefined);
  const get = await raw(a, { path: '/api/v1/isalive', headers: { Host: `127.0.0.1:${a.port}`, Origin: 'http://evil.example', SECURITY_TOKEN_AUTHENTICATION_KEY: a.token } });
  assert.equal(get.headers['access-control-allow-origin'], undefined);
});

test('participants: 200 with who is in (from the Dashboard without events; without either, none and why); 404 unknown, 409 not live, 401 without the token', async () => {
  const res = await call(a, `/api/v1/sessions/${liveId}/participants`);
  assert.equal(res.status, 200);
  const body = await json<{ participants: { name: string }[]; source: string | null; unnamed: number; note: string | null }>(res);
  assert.deepEqual([body.participants.length, body.source, body.unnamed, body.note], [4, 'dashboard', 0, null]);
  assert.ok(body.participants.every((p) => /^Guest P-\d+$/.test(p.name)), JSON.stringify(body.participants));
  a.h.sim.dashboardForbidden = true;
  try {
    await a.engine.pollLive(); // refused: per-host lists from now on, which give no names
    const none = await json<{ participants: unknown[]; source: string | null; note: string }>(await call(a, `/api/v1/sessions/${liveId}/participants`));
    assert.deepEqual([none.participants, none.source], [[], null]);
    assert.match(none.note, /Names come with Zoom's meeting events/);
  } finally {
    a.h.sim.dashboardForbidden = false;
    await a.engine.pollLive();
  }
  assert.equal((await call(a, '/api/v1/sessions/12345678901/participants')).status, 404);
  assert.equal((await call(a, `/api/v1/sessions/${idleId}/participants`)).status, 409);
  assert.equal((await call(a, `/api/v1/sessions/${liveId}/participants`, { token: null })).status, 401);
});

test('Keep running: 200 with the session kept for this instance, never flagged; 404 unknown, 409 not live, 401 without the token', async () => {
  const res = await call(a, `/api/v1/sessions/${liveId}/keep`, { method: 'POST' });
  assert.equal(res.status, 200);
  const { session } = await json<{ session: Session }>(res);
  assert.equal(session.kept, true);
  assert.equal(session.attention, null);
  assert.equal((await call(a, `/api/v1/sessions/${liveId}/keep`, { method: 'POST' })).status, 200, 'twice: the same');
  assert.equal((await call(a, '/api/v1/sessions/12345678901/keep', { method: 'POST' })).status, 404);
  const notLive = await call(a, `/api/v1/sessions/${idleId}/keep`, { method: 'POST' });
  assert.equal(notLive.status, 409);
  assert.equal((await json<{ error: { code: string } }>(notLive)).error.code, 'not-live');
  assert.equal((await call(a, `/api/v1/sessions/${liveId}/keep`, { method: 'POST', token: null })).status, 401);
  // It holds for this instance only: the next one can be flagged again.
  a.h.sim.account.end(Number(liveId));
  a.h.sim.account.start(Number(liveId), 1);
  await a.engine.pollLive();
  assert.equal(a.engine.get(liveId)!.kept, false);
});

test('End audit: each End names who asked (the dashboard by its login, a token by its label) and Zoom\'s answer; paged; bad queries 400; 401 without the token', async () => {
  const labelled = await a.auth.issueApiToken('wall display');
  const host = [...a.h.sim.account.users.values()][0]!;
  const second = a.h.sim.account.addMeeting({ hostId: host.id, topic: 'Late class' });
  a.h.sim.account.start(second.id, 1);
  await a.engine.syncNow();
  assert.equal((await call(a, `/api/v1/sessions/${liveId}/end`, { method: 'POST', token: labelled })).status, 200);
  const login = await fetch(`${a.url}/api/v1/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: a.token }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const byCookie = await fetch(`${a.url}/api/v1/sessions/${second.id}/end`, { method: 'POST', headers: { Cookie: cookie, Origin: a.url } });
  assert.equal(byCookie.status, 200);
  await until('the second End in the audit', async () => (await a.engine.audit({ limit: 1 }))[0]?.meetingId === String(second.id));
  const page = await json<AuditPage>(await call(a, '/api/v1/audit?limit=1'));
  assert.equal(page.entries.length, 1);
  assert.deepEqual({ ...page.entries[0], at: undefined }, { at: undefined, meetingId: String(second.id), topic: 'Late class', by: 'dashboard', outcome: 'ended', zoomCode: null, message: null });
  const older = await json<AuditPage>(await call(a, `/api/v1/audit?limit=1&before=${encodeURIComponent(page.next!)}`));
  assert.equal(older.entries[0]!.by, 'token:wall display');
  assert.equal(older.entries[0]!.meetingId, liveId);
  for (const bad of ['limit=0', 'limit=501', 'limit=ten', 'before=yesterday']) assert.equal((await call(a, `/api/v1/audit?${bad}`)).status, 400, bad);
  assert.equal((await call(a, '/api/v1/audit', { token: null })).status, 401);
});

test('OpenAPI 3.1 document lists every route with its schemas', async () => {
  const doc = await json<{ openapi: string; paths: Record<string, Record<string, unknown>>; components: { securitySchemes: Record<string, unknown> } }>(
    await call(a, '/api/v1/openapi.json', { token: null }),
  );
  assert.equal(doc.openapi, '3.1.0');
  for (const route of ['/api/v1/isalive', '/api/v1/sessions', '/api/v1/sessions/state', '/api/v1/sessions/get-available', '/api/v1/sessions/{meetingId}', '/api/v1/sessions/{meetingId}/end', '/api/v1/sessions/{meetingId}/keep', '/api/v1/sessions/{meetingId}/participants', '/api/v1/audit', '/api/v1/status', '/api/v1/sync', '/api/v1/events', '/api/v1/login', '/api/v1/logout']) {
    assert.ok(doc.paths[route], route);
  }
  const end = doc.paths['/api/v1/sessions/{meetingId}/end']!.post as { responses: Record<string, unknown> };
  assert.deepEqual(Object.keys(end.responses).sort(), ['200', '400', '401', '404', '409', '429', '502']);
  assert.ok(doc.components.securitySchemes.legacyHeader);
  const one = doc.paths['/api/v1/sessions/{meetingId}']!.get as { parameters: { in: string; name: string; required: boolean }[] };
  assert.deepEqual(one.parameters.map((p) => [p.in, p.name, p.required]), [['path', 'meetingId', true]]);
  const list = doc.paths['/api/v1/sessions']!.get as { parameters: { in: string; name: string; required: boolean }[] };
  assert.deepEqual(list.parameters.map((p) => [p.in, p.name, p.required]), [['query', 'status', false], ['query', 'q', false]]);
  // The login needs no key; every other route is under the document's security.
  assert.deepEqual((doc.paths['/api/v1/login']!.post as { security?: unknown }).security, []);
  assert.equal((doc.paths['/api/v1/sessions']!.get as { security?: unknown }).security, undefined);
  const logout = doc.paths['/api/v1/logout']!.post as { responses: Record<string, { content?: unknown }> };
  assert.equal(logout.responses['204']!.content, undefined, 'No content has no body');
  assert.ok(!JSON.stringify(doc.paths).includes('"head"'), 'HEAD is left out');
});

test('lists are gzipped for clients that ask, made once per change; others get them as they are', async () => {
  const headers = { Host: `127.0.0.1:${a.port}`, SECURITY_TOKEN_AUTHENTICATION_KEY: a.token };
  const plain = await raw(a, { path: '/api/v1/sessions', headers });
  const zipped = await raw(a, { path: '/api/v1/sessions', headers: { ...headers, 'Accept-Encoding': 'gzip, deflate, br' } });
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.equal(zipped.headers.vary, 'Accept-Encoding');
  assert.equal(zipped.headers.etag, plain.headers.etag, 'one list, one ETag, however it is sent');
  assert.equal(gunzipSync(zipped.bytes).toString(), plain.body);
});
