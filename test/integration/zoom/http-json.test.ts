// The Zoom client's HTTP exchange against a loopback server that answers the ways a gateway can.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { keepAliveAgents, MAX_ANSWER_BYTES, requestJson } from '../../../main/zoom/http-json.js';

let server: http.Server;
let base: string;
const seen: { method?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
const agents = keepAliveAgents();

before(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, headers: req.headers, body });
      const json = JSON.stringify({ meetings: [{ id: 1, topic: 'Ops — stand-up' }] });
      switch (new URL(req.url!, 'http://x').pathname) {
        case '/gzip':
          return res.writeHead(200, { 'Content-Encoding': 'gzip' }).end(gzipSync(json));
        case '/br':
          return res.writeHead(200, { 'Content-Encoding': 'br' }).end(brotliCompressSync(json));
        case '/deflate':
          return res.writeHead(200, { 'Content-Encoding': 'deflate' }).end(deflateSync(json));
        case '/broken-gzip':
          return res.writeHead(200, { 'Content-Encoding': 'gzip' }).end('not gzip at all');
        case '/text':
          return res.writeHead(502).end('<html>Bad gateway</html>');
        case '/empty':
          return res.writeHead(204).end();
        case '/slow':
          return void setTimeout(() => res.writeHead(200).end(json), 1_000);
        case '/dribble':
          // Headers at once, the body never: the deadline covers the whole answer, not the first byte.
          res.writeHead(200, { 'Content-Type': 'application/json' });
          return void res.write('{"meetings": [');
        case '/huge': {
          res.writeHead(200);
          const chunk = Buffer.alloc(1024 * 1024, 0x20);
          const chunks = Array.from({ length: MAX_ANSWER_BYTES / chunk.length + 2 }, () => chunk);
          return void Readable.from(chunks).pipe(res).on('error', () => undefined);
        }
        case '/cut':
          res.writeHead(200, { 'Content-Length': '1000' });
          res.write('{"meetings"');
          return void res.socket?.destroy();
        default:
          return res.writeHead(200, { 'Content-Type': 'application/json' }).end(json);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  agents.http.destroy();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const get = (path: string, timeoutMs = 2_000) => requestJson({ method: 'GET', url: base + path, timeoutMs, agent: agents.http });
const expected = { meetings: [{ id: 1, topic: 'Ops — stand-up' }] };

test('JSON answers are parsed, plain or compressed (gzip, br, deflate), and compression is asked for', async () => {
  for (const path of ['/plain', '/gzip', '/br', '/deflate']) {
    const reply = await get(path);
    assert.equal(reply.status, 200, path);
    assert.deepEqual(reply.data, expected, path);
  }
  assert.match(String(seen.at(-1)!.headers['accept-encoding']), /gzip/);
  assert.equal(seen.at(-1)!.headers.accept, 'application/json');
});

test('a body that is not JSON is kept as text; an empty one is undefined; any status resolves', async () => {
  assert.deepEqual(await get('/text').then((r) => [r.status, r.data]), [502, '<html>Bad gateway</html>']);
  assert.deepEqual(await get('/empty').then((r) => [r.status, r.data]), [204, undefined]);
});

test("a body is sent with its length, and the caller's headers", async () => {
  await requestJson({ method: 'PUT', url: `${base}/meetings/1/status`, body: '{"action":"end"}', headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' }, timeoutMs: 2_000 });
  const last = seen.at(-1)!;
  assert.equal(last.method, 'PUT');
  assert.equal(last.body, '{"action":"end"}');
  assert.equal(last.headers['content-length'], '16');
  assert.equal(last.headers.authorization, 'Bearer t');
});

test('the deadline covers the whole answer: a slow start or a body that never ends is ETIMEDOUT', async () => {
  for (const path of ['/slow', '/dribble']) {
    const started = Date.now();
    await assert.rejects(get(path, 200), (e: NodeJS.ErrnoException) => e.code === 'ETIMEDOUT', path);
    assert.ok(Date.now() - started < 900, `${path} gave up in time`);
  }
});

test('below HTTP: a refused connection, a cut answer and a broken gzip reject with a code, never hang', async () => {
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((r) => closed.close(r));
  await assert.rejects(requestJson({ method: 'GET', url: `http://127.0.0.1:${port}/`, timeoutMs: 2_000 }), (e: NodeJS.ErrnoException) => e.code === 'ECONNREFUSED');
  await assert.rejects(get('/cut'), (e: NodeJS.ErrnoException) => typeof e.code === 'string');
  await assert.rejects(get('/broken-gzip'), (e: NodeJS.ErrnoException) => e.code === 'Z_DATA_ERROR');
});

test(`an answer over ${MAX_ANSWER_BYTES >> 20} MB is refused, not held in memory`, async () => {
  await assert.rejects(get('/huge', 10_000), (e: NodeJS.ErrnoException) => e.code === 'ERR_ANSWER_TOO_LARGE');
});
