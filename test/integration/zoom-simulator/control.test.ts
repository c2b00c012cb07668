// The demo's simulator runs on the user's machine: its control API answers only its own address, and
// only JSON writes, so a web page can neither rebind a name to it nor drive it with a form post.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ZoomSimulator } from '../../../main/zoom-simulator/server.js';
import { raw } from '../../helpers/api.js';

let sim: ZoomSimulator;
let port: number;

before(async () => {
  sim = new ZoomSimulator();
  await sim.start();
  port = Number(new URL(sim.url).port);
});
after(() => sim.stop());

const ask = (method: string, path: string, headers: Record<string, string>, body?: string) => raw({ port }, { method, path, headers, body });

test('the control API refuses a foreign Host, another port, and writes that are not JSON', async () => {
  const own = `127.0.0.1:${port}`;
  assert.equal((await ask('GET', '/_sim/state', { Host: own })).status, 200);
  assert.equal((await ask('GET', '/_sim/state', { Host: `localhost:${port}` })).status, 200);
  for (const host of ['rebind.evil.example', `rebind.evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1']) {
    const res = await ask('GET', '/_sim/state', { Host: host });
    assert.equal(res.status, 403, host);
    assert.doesNotMatch(res.body, /meetings|users/, host);
  }
  const before = sim.account.users.size;
  const email = JSON.stringify({ email: 'page@evil.example' });
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
    const res = await ask('POST', '/_sim/users', { Host: own, 'Content-Type': type }, email);
    assert.equal(res.status, 415, type);
  }
  assert.equal((await ask('POST', '/_sim/tokens/revoke', { Host: own })).status, 415, 'a body-less write too');
  assert.equal(sim.account.users.size, before, 'nothing was added');
  assert.equal((await ask('POST', '/_sim/users', { Host: own, 'Content-Type': 'application/json' }, email)).status, 201);
});
