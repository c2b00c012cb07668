// The API's schemas compiled on first use behave as Fastify's own compilers do at start.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { Type } from 'typebox';
import { lazyCompilers } from '../../../main/api/lazy-compilers.js';

async function app() {
  const f = Fastify({ logger: false, ajv: { customOptions: { removeAdditional: false } }, schemaController: { compilersFactory: lazyCompilers() } });
  f.get('/q', { schema: { querystring: Type.Object({ limit: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }) } }, async (req) => ({ got: req.query }));
  f.get('/p/:id', { schema: { params: Type.Object({ id: Type.Integer() }) } }, async (req) => ({ got: req.params }));
  f.post('/b', { schema: { body: Type.Object({ name: Type.String() }, { additionalProperties: false }) } }, async (req) => ({ got: req.body }));
  f.get('/r', { schema: { response: { 200: Type.Object({ kept: Type.String() }) } } }, async () => ({ kept: 'yes', secret: 'left out by the serializer' }));
  // Compiled only when asked: a schema ajv cannot compile does not stop the start, only its route.
  f.get('/broken', { schema: { querystring: { type: 'object', properties: { x: { $ref: '#/nowhere' } } } } }, async () => ({}));
  await f.ready();
  return f;
}

test('query and params are coerced and checked, unknown fields refused, answers serialised by their schema', async () => {
  const f = await app();
  try {
    assert.deepEqual((await f.inject('/q?limit=5')).json(), { got: { limit: 5 } });
    const bad = await f.inject('/q?limit=0');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json<{ message: string }>().message, /querystring\/limit must be >= 1/);
    assert.equal((await f.inject('/q?limit=2&extra=1')).statusCode, 400);
    assert.deepEqual((await f.inject('/p/42')).json(), { got: { id: 42 } });
    assert.equal((await f.inject('/p/x')).statusCode, 400);
    assert.deepEqual((await f.inject({ method: 'POST', url: '/b', payload: { name: 'a' } })).json(), { got: { name: 'a' } });
    const extra = await f.inject({ method: 'POST', url: '/b', payload: { name: 'a', admin: true } });
    assert.equal(extra.statusCode, 400);
    assert.match(extra.json<{ message: string }>().message, /must NOT have additional properties/);
    // The same route twice: the compiled function is kept, and its errors are the second call's own.
    assert.equal((await f.inject('/q?limit=-1')).statusCode, 400);
    assert.equal((await f.inject('/q?limit=3')).statusCode, 200);
    assert.equal((await f.inject('/r')).body, '{"kept":"yes"}');
  } finally {
    await f.close();
  }
});

test('a schema is compiled on its route\'s first request, not at start', async () => {
  const f = await app(); // ready() passed with /broken's unresolvable $ref in it
  try {
    assert.equal((await f.inject('/broken?x=1')).statusCode, 500);
    assert.equal((await f.inject('/q?limit=1')).statusCode, 200);
  } finally {
    await f.close();
  }
});
