// A list large enough to go in many pieces (byte-chunks.ts): whole and exact as JSON and gzipped, with the
// length it says, and the SSE snapshot the same sessions; HEAD has the headers and no body.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { Session } from '../../../shared/session.js';
import { raw, startApi, type ApiHarness } from '../../helpers/api.js';
import { makeSession } from '../../helpers/sessions.js';

const N = 2000; // ~1.3 MB of JSON: a dozen pieces, and characters of 2, 3 and 4 bytes astride their edges
let a: ApiHarness;
before(async () => {
  const sessions = Array.from({ length: N }, (_, i) => makeSession(String(81_000_000_000 + i), { topic: `Räum ${i} 漢字 😀 ${'x'.repeat(i % 97)}` }));
  a = await startApi({ sessions });
});
after(() => a.stop());

const headers = () => ({ Host: `127.0.0.1:${a.port}`, SECURITY_TOKEN_AUTHENTICATION_KEY: a.token });

test('a list of many pieces arrives whole, with its length, plain and gzipped', async () => {
  const plain = await raw(a, { path: '/api/v1/sessions', headers: headers() });
  assert.equal(plain.status, 200);
  assert.equal(Number(plain.headers['content-length']), plain.bytes.length);
  const list = JSON.parse(plain.body) as { sessions: Session[] };
  assert.equal(list.sessions.length, N);
  assert.ok(list.sessions.every((s) => s.topic.includes('漢字 😀')));

  const zipped = await raw(a, { path: '/api/v1/sessions', headers: { ...headers(), 'Accept-Encoding': 'gzip' } });
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.equal(Number(zipped.headers['content-length']), zipped.bytes.length);
  assert.equal(gunzipSync(zipped.bytes).toString(), plain.body);

  const head = await raw(a, { method: 'HEAD', path: '/api/v1/sessions', headers: headers() });
  assert.equal(head.status, 200);
  assert.equal(head.bytes.length, 0);
  assert.equal(head.headers.etag, plain.headers.etag);
});

test('the SSE snapshot carries the same sessions as the list', async () => {
  const plain = JSON.parse((await raw(a, { path: '/api/v1/sessions', headers: headers() })).body) as { sessions: Session[] };
  const text = await new Promise<string>((resolve, reject) => {
    const req = http.get(`${a.url}/api/v1/events`, { headers: { SECURITY_TOKEN_AUTHENTICATION_KEY: a.token } }, (res) => {
      let got = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        got += d;
        if (/event: snapshot\ndata: [^\n]*\n\n/.test(got)) {
          req.destroy();
          resolve(got);
        }
      });
    });
    req.on('error', reject);
  });
  const data = /event: snapshot\ndata: ([^\n]*)\n\n/.exec(text)![1]!;
  assert.deepEqual((JSON.parse(data) as { sessions: Session[] }).sessions, plain.sessions);
});
