// A Zoom stand-in written only from Zoom's documented wire format (not our simulator), to show the
// client and the whole service work against any server that follows it.
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parseServeArgs } from '../../../main/config.js';
import { startService } from '../../../main/service.js';

interface Seen {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: string;
}

async function documentedZoom() {
  const seen: Seen[] = [];
  const meetings = Array.from({ length: 7 }, (_, i) => ({
    uuid: `u${i}==`,
    id: 85_000_000_000 + i,
    host_id: 'KDcuGIm1QgePTO8WbOqwIQ',
    topic: `Room ${i}`,
    type: 2,
    start_time: '2026-12-01T10:00:00Z',
    duration: 60,
    timezone: 'UTC',
    created_at: '2026-11-01T10:00:00Z',
    join_url: `https://us06web.zoom.us/j/${85_000_000_000 + i}?pwd=enc${i}`,
  }));
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      seen.push({ method: req.method!, url, headers: req.headers, body });
      const json = (status: number, data: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(data));
      };
      if (url.pathname === '/oauth/token') return json(200, { access_token: 'eyJ.doc.token', token_type: 'bearer', expires_in: 3599, scope: 'x' });
      if (req.headers.authorization !== 'Bearer eyJ.doc.token') return json(401, { code: 124, message: 'Invalid access token.' });
      if (url.pathname === '/v2/users') {
        return json(200, { page_count: 1, page_number: 1, page_size: 300, total_records: 1, next_page_token: '', users: [{ id: 'KDcuGIm1QgePTO8WbOqwIQ', first_name: 'Jill', last_name: 'Chill', display_name: 'Jill Chill', email: 'jchill@example.com', type: 2, pmi: 3542471135, status: 'active' }] });
      }
      if (url.pathname === '/v2/users/KDcuGIm1QgePTO8WbOqwIQ/meetings') {
        // Pages of 3, whatever page_size asks: the client must follow next_page_token.
        const from = Number(url.searchParams.get('next_page_token') || 0);
        const list = url.searchParams.get('type') === 'live' ? meetings.slice(0, 1) : meetings;
        const next = from + 3 < list.length ? String(from + 3) : '';
        return json(200, { page_size: 3, total_records: list.length, next_page_token: next, meetings: list.slice(from, from + 3) });
      }
      if (url.pathname === '/v2/metrics/meetings') {
        return json(200, { from: url.searchParams.get('from'), to: url.searchParams.get('to'), page_size: 300, total_records: 1, next_page_token: '', meetings: [{ uuid: 'u0==', id: 85_000_000_000, topic: 'Room 0', host: 'Jill Chill', email: 'jchill@example.com', user_type: 'Licensed', start_time: '2026-11-27T09:00:00Z', duration: '01:00:00', participants: 12, has_pstn: false }] });
      }
      if (url.pathname === '/v2/meetings/3542471135') {
        return json(200, { uuid: 'p==', id: 3542471135, host_id: 'KDcuGIm1QgePTO8WbOqwIQ', topic: 'Jill Chill\'s Personal Meeting Room', type: 4, status: 'waiting', join_url: 'https://us06web.zoom.us/j/3542471135?pwd=pmi', start_url: 'https://us06web.zoom.us/s/3542471135?zak=NEVER' });
      }
      if (url.pathname === '/v2/meetings/85000000000/status' && req.method === 'PUT') {
        res.writeHead(204);
        return res.end();
      }
      json(404, { code: 3001, message: 'Meeting does not exist.' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, seen, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

test('the service shows an account served in Zoom\'s documented wire format, and ends its meetings', async () => {
  const zoom = await documentedZoom();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-wire-'));
  const config = parseServeArgs(['--port', '0', '--data-dir', dir, '--api-token', 'wire-format-test-token'], {
    ZOOM_ACCOUNT_ID: 'acct-1',
    ZOOM_CLIENT_ID: 'client-1',
    ZOOM_CLIENT_SECRET: 'secret-1',
    ZOOM_API_BASE_URL: `${zoom.base}/v2`,
    ZOOM_OAUTH_URL: `${zoom.base}/oauth/token`,
  });
  const service = await startService(config);
  try {
    await service.scheduler.refreshNow();
    await service.engine.detailsSettled(); // the personal room's link comes with its details, after the lists
    const res = await fetch(`${service.url}/api/v1/sessions`, { headers: { Authorization: 'Bearer wire-format-test-token' } });
    const { sessions } = (await res.json()) as { sessions: { meetingId: string; status: string; participants: number; joinUrl: string; hostEmail: string }[] };
    assert.equal(sessions.length, 8, '7 scheduled meetings over 3 pages and the personal room');
    const live = sessions.find((s) => s.meetingId === '85000000000')!;
    assert.equal(live.status, 'live');
    assert.equal(live.participants, 12);
    assert.equal(live.joinUrl, 'https://us06web.zoom.us/j/85000000000?pwd=enc0');
    assert.equal(sessions.find((s) => s.meetingId === '3542471135')!.joinUrl, 'https://us06web.zoom.us/j/3542471135?pwd=pmi');
    assert.ok(!JSON.stringify(sessions).includes('zak='));

    // What the client sent, as Zoom documents it.
    const oauth = zoom.seen.find((s) => s.url.pathname === '/oauth/token')!;
    assert.equal(oauth.method, 'POST');
    assert.equal(oauth.headers.authorization, `Basic ${Buffer.from('client-1:secret-1').toString('base64')}`);
    assert.equal(oauth.url.searchParams.get('grant_type'), 'account_credentials');
    assert.equal(oauth.url.searchParams.get('account_id'), 'acct-1');
    const users = zoom.seen.find((s) => s.url.pathname === '/v2/users')!;
    assert.equal(users.url.searchParams.get('status'), 'active');
    assert.equal(users.url.searchParams.get('page_size'), '300');
    const dash = zoom.seen.find((s) => s.url.pathname === '/v2/metrics/meetings')!;
    assert.equal(dash.url.searchParams.get('type'), 'live');
    assert.match(dash.url.searchParams.get('from')!, /^\d{4}-\d{2}-\d{2}$/);
    assert.match(dash.url.searchParams.get('to')!, /^\d{4}-\d{2}-\d{2}$/);
    const pages = zoom.seen.filter((s) => s.url.pathname.endsWith('/meetings') && s.url.searchParams.get('type') === 'scheduled');
    // Each catalog round (the start and our refresh) reads 3 pages, following the tokens.
    const tokens = pages.map((p) => p.url.searchParams.get('next_page_token') ?? '');
    assert.deepEqual([...new Set(tokens)].sort(), ['', '3', '6']);
    assert.equal(tokens.length % 3, 0);

    await service.engine.endMeeting('85000000000', 'dashboard');
    const end = zoom.seen.find((s) => s.method === 'PUT')!;
    assert.equal(end.url.pathname, '/v2/meetings/85000000000/status');
    assert.match(String(end.headers['content-type']), /^application\/json/);
    assert.deepEqual(JSON.parse(end.body), { action: 'end' });
  } finally {
    await service.stop();
    await zoom.close();
    await rm(dir, { recursive: true, force: true });
  }
});
