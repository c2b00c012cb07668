// A running API on loopback over a real engine, store and Zoom simulator.
import http from 'node:http';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Session } from '../../shared/session.js';
import type { ErrorBody } from '../../shared/api-schema.js';
import { ApiAuth } from '../../main/api/auth.js';
import { buildApi, type Api } from '../../main/api/server.js';
import type { EventHubOptions } from '../../main/api/sse.js';
import { EmbeddedStore } from '../../main/store/embedded.js';
import { SyncEngine } from '../../main/sync/engine.js';
import { startSim, type SimHarness } from './sim.js';

export interface ApiHarness {
  url: string;
  port: number;
  token: string;
  api: Api;
  auth: ApiAuth;
  engine: SyncEngine;
  store: EmbeddedStore;
  h: SimHarness;
  clock: { now: number };
  refreshes: number;
  stop(): Promise<void>;
}

export async function startApi(
  opts: { sessions?: Session[]; rendererDir?: string | null; sse?: EventHubOptions; beforeApi?: (engine: SyncEngine) => void } = {},
): Promise<ApiHarness> {
  const h = await startSim({ client: { timeoutMs: 2000, maxRetries: 1 } });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-api-'));
  const store = new EmbeddedStore({ dataDir: dir });
  await store.open();
  if (opts.sessions) await store.apply(opts.sessions.map((session) => ({ type: 'upsert' as const, session })));
  const clock = { now: Date.now() };
  const engine = new SyncEngine({ zoom: h.client, store, sleep: async () => {} });
  await engine.load();
  opts.beforeApi?.(engine);
  const auth = new ApiAuth(store, { now: () => clock.now });
  await auth.load();
  const token = (await auth.ensureApiToken(null))!;
  const harness = { refreshes: 0 } as ApiHarness;
  const api = await buildApi({
    engine,
    auth,
    host: '127.0.0.1',
    refresh: async () => {
      harness.refreshes++;
      await engine.syncNow();
    },
    rendererDir: opts.rendererDir ?? null,
    sse: opts.sse,
    now: () => Date.now(),
    usage: { instances: (range) => store.instances(range), licenses: 12 },
  });
  await api.listen({ port: 0, host: '127.0.0.1' });
  const port = (api.server.address() as AddressInfo).port;
  return Object.assign(harness, {
    url: `http://127.0.0.1:${port}`,
    port,
    token,
    api,
    auth,
    engine,
    store,
    h,
    clock,
    async stop() {
      await api.close();
      await store.close();
      await h.stop();
      await rm(dir, { recursive: true, force: true });
    },
  });
}

/** fetch with the token in the original's header unless told otherwise. */
export function call(a: ApiHarness, route: string, init: RequestInit & { token?: string | null } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = init.token === undefined ? a.token : init.token;
  if (token) headers.set('SECURITY_TOKEN_AUTHENTICATION_KEY', token);
  return fetch(`${a.url}${route}`, { ...init, headers, redirect: 'manual' });
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The body as received (compressed when the answer says so). */
  bytes: Buffer;
}

/** A request with exactly these headers (fetch would not let us set Host). */
export function raw(a: { port: number }, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawAnswer> {
  // A body always goes with its length: Node does not frame DELETE or OPTIONS bodies by itself.
  const headers = opts.body === undefined ? opts.headers : { ...opts.headers, 'Content-Length': String(Buffer.byteLength(opts.body)) };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: a.port, method: opts.method ?? 'GET', path: opts.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString('utf8'), bytes });
      });
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A stand-in for the built dashboard: index.html and one hashed asset (with its .br and .gz, as the build
 * writes them), in a temp dir. */
export async function fakeRendererDir(asset = 'app-3f9a1c.js'): Promise<string> {
  const dist = await mkdtemp(path.join(os.tmpdir(), 'zs-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), `<!doctype html><title>dash</title><script type="module" src="/assets/${asset}"></script>`);
  await writeFile(path.join(dist, 'assets', asset), 'console.log(1)');
  await writeFile(path.join(dist, 'assets', `${asset}.br`), brotliCompressSync('console.log(1)'));
  await writeFile(path.join(dist, 'assets', `${asset}.gz`), gzipSync('console.log(1)'));
  return dist;
}

/** The `error` of an error answer's body. */
export function errorOf(body: string): ErrorBody['error'] {
  return (JSON.parse(body) as ErrorBody).error;
}
