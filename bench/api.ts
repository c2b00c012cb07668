// bench/api: the real service (`zoom-sessions serve`, its own process) with 10 000 sessions from the simulator
// (1000 hosts), against a bare node:http server in its own process sending the same bytes (body and headers,
// read from our own answers), in one run:
// - GET /api/v1/sessions (full list) and the same GET answered 304 by ETag: requests/s and p99 from
//   autocannon (50 connections, in a child process), and each server's CPU per request (/proc, the same
//   figure as process.cpuUsage in the server) — the load generator's own CPU is printed beside it, so a
//   saturated generator is seen rather than mistaken for the server; medians of turns taken in alternation;
// - whether the list's ETag holds across live rounds in which no session changed;
// - one change (a participant joins, pushed by Zoom's WebSocket event) reaching 500 SSE clients spread over
//   4 processes, timed from the session's own updatedAt (the engine's commit) to its arrival;
// - the service's RSS with those 10 000 sessions and 500 clients.
// Measured in the steady state: a restart after every passcode was read, once that start's catalog is in.
import { fork, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmbeddedStore } from '../main/store/embedded.js';
import { ZoomSimulator } from '../main/zoom-simulator/server.js';
import type { SyncStatus } from '../shared/session.js';
import { cpuSeconds, get, memory, seedAccount, serve, stop, TOKEN, type Service } from './serve-process.js';
import { quantile } from './quantile.js';

const autocannonBin = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
/** Ours and the baseline take turns this many times; the medians are printed. One turn of each swung 2× on a
 * shared 2-core machine, from one round to the next. */
const ROUNDS = 3;
const here = path.dirname(fileURLToPath(import.meta.url));

interface Load {
  rps: number;
  p99: number;
  requests: number;
  serverCpuUs: number;
  generatorCpu: number;
}

/** autocannon against `url` for `seconds`; the server's CPU (pid) and autocannon's are read from /proc. */
async function load(url: string, headers: Record<string, string>, serverPid: number, seconds = DURATION_S): Promise<Load> {
  const args = [autocannonBin, '-c', '50', '-d', String(seconds), '-j'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  args.push(url);
  const cpuBefore = cpuSeconds(serverPid);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  let generatorCpu = 0;
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const sampler = setInterval(() => {
    try {
      generatorCpu = cpuSeconds(child.pid!);
    } catch {
      // exited between two samples: the last one stands
    }
  }, 200);
  await new Promise((r) => child.once('exit', r));
  clearInterval(sampler);
  const serverCpu = cpuSeconds(serverPid) - cpuBefore;
  const r = JSON.parse(stdout) as { requests: { average: number; total: number }; latency: { p99: number } };
  return { rps: r.requests.average, p99: r.latency.p99, requests: r.requests.total, serverCpuUs: (serverCpu / r.requests.total) * 1e6, generatorCpu: generatorCpu / seconds };
}

interface Target {
  url: string;
  headers: Record<string, string>;
  pid: number;
}

/** Each figure's median over ROUNDS turns, ours then the baseline's, after 2 s of warm-up each (the JIT). */
async function compare(ours: Target, bare: Target): Promise<{ ours: Load; bare: Load; rounds: string[] }> {
  for (const t of [ours, bare]) await load(t.url, t.headers, t.pid, 2);
  const runs: Array<{ ours: Load; bare: Load }> = [];
  for (let i = 0; i < ROUNDS; i++) runs.push({ ours: await load(ours.url, ours.headers, ours.pid), bare: await load(bare.url, bare.headers, bare.pid) });
  const med = (side: 'ours' | 'bare'): Load => {
    const of = (k: keyof Load) => quantile(runs.map((r) => r[side][k]), 0.5);
    return { rps: of('rps'), p99: of('p99'), requests: of('requests'), serverCpuUs: of('serverCpuUs'), generatorCpu: of('generatorCpu') };
  };
  const rounds = runs.map((r) => `p99 ${r.ours.p99}/${r.bare.p99} ms, CPU ${r.ours.serverCpuUs.toFixed(0)}/${r.bare.serverCpuUs.toFixed(0)} µs`);
  return { ours: med('ours'), bare: med('bare'), rounds };
}

/** The headers of one of our answers that the baseline sends too; node:http adds its own Date, Connection,
 * Keep-Alive and Content-Length. */
function answerHeaders(res: Response): Record<string, string> {
  const own = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
  return Object.fromEntries([...res.headers].filter(([name]) => !own.has(name)));
}

/** The baseline, answering with our bytes: the same body, and the same headers on its 200 and its 304. */
async function bareServer(body: string, etag: string, headers: { ok: Record<string, string>; notModified: Record<string, string> }): Promise<{ url: string; pid: number; stop: () => void }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-bare-'));
  await writeFile(path.join(dir, 'body.json'), body);
  await writeFile(path.join(dir, 'headers.json'), JSON.stringify(headers));
  const child = fork(path.join(here, 'bare-server.js'), [path.join(dir, 'body.json'), etag, path.join(dir, 'headers.json')], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((r) => child.once('message', (m) => r(m as number)));
  return {
    url: `http://127.0.0.1:${port}/api/v1/sessions`,
    pid: child.pid!,
    stop: () => {
      child.kill();
      void rm(dir, { recursive: true, force: true });
    },
  };
}

async function until(what: string, done: () => Promise<boolean>, limitS: number): Promise<void> {
  const started = performance.now();
  while (!(await done())) {
    if (performance.now() - started > limitS * 1000) throw new Error(`bench/api: ${what} took over ${limitS} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The state after a first start has read everything: the catalog from the service itself, then the
 * passcodes written into its store as its own background reads would (they take ~9 min at our budget). */
async function settledDataDir(sim: ZoomSimulator, dir: string): Promise<void> {
  const first = await serve(sim, dir);
  await until('the first start\'s catalog', async () => (await get<{ status: SyncStatus }>(first, '/status')).status.lastCatalogSyncAt != null, 300);
  await stop(first);
  const store = new EmbeddedStore({ dataDir: dir });
  await store.open();
  const filled = (await store.list()).map((session) => {
    const m = sim.account.meeting(Number(session.meetingId));
    return { type: 'upsert' as const, session: { ...session, joinUrl: sim.account.joinUrl(m), passcode: m.password } };
  });
  await store.apply(filled);
  await store.close();
}

const sim = new ZoomSimulator();
await sim.start();
seedAccount(sim, 1000);
const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-bench-api-'));
await settledDataDir(sim, dir);
const svc: Service = await serve(sim, dir, { events: true });
const pid = svc.child.pid!;
try {
  await until('the catalog', async () => (await get<{ status: SyncStatus }>(svc, '/status')).status.lastCatalogSyncAt != null, 300);
  const auth = { SECURITY_TOKEN_AUTHENTICATION_KEY: TOKEN };
  // As autocannon asks: not compressed (fetch would ask for gzip by itself).
  const first = await fetch(`${svc.url}/api/v1/sessions`, { headers: { ...auth, 'Accept-Encoding': 'identity' } });
  const body = await first.text();
  const etag = first.headers.get('etag')!;
  const count = (JSON.parse(body) as { sessions: unknown[] }).sessions.length;
  const unchanged = await fetch(`${svc.url}/api/v1/sessions`, { headers: { ...auth, 'Accept-Encoding': 'identity', 'If-None-Match': etag } });
  const bare = await bareServer(body, etag, { ok: answerHeaders(first), notModified: answerHeaders(unchanged) });
  console.log(`bench/api: the real serve process, ${count} sessions (${(body.length / 1048576).toFixed(2)} MB JSON), 50 connections, ${ROUNDS} turns of ${DURATION_S} s each`);

  const full = await compare({ url: `${svc.url}/api/v1/sessions`, headers: auth, pid }, { url: bare.url, headers: {}, pid: bare.pid });
  const unchangedList = { 'If-None-Match': etag };
  const notModified = await compare({ url: `${svc.url}/api/v1/sessions`, headers: { ...auth, ...unchangedList }, pid }, { url: bare.url, headers: unchangedList, pid: bare.pid });
  bare.stop();
  const row = (name: string, o: Load, x: Load) =>
    `| ${name} | ${o.rps.toFixed(0)} / ${x.rps.toFixed(0)} | ${o.p99} / ${x.p99} = ${(o.p99 / Math.max(1, x.p99)).toFixed(2)} | ${o.serverCpuUs.toFixed(0)} / ${x.serverCpuUs.toFixed(0)} = ${(o.serverCpuUs / x.serverCpuUs).toFixed(2)} | ${(o.generatorCpu * 100).toFixed(0)}% / ${(x.generatorCpu * 100).toFixed(0)}% |`;
  console.log('| request | req/s ours / bare | p99 ms ours / bare = ratio (target <= 2 for 304) | server CPU µs per request ours / bare = ratio | autocannon CPU (of one core) |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(row('GET 200 (full list)', full.ours, full.bare));
  console.log(row('GET 304 (ETag)', notModified.ours, notModified.bare));
  console.log(`Medians of ${ROUNDS} turns each (ours / bare): GET 200: ${full.rounds.join('; ')}. GET 304: ${notModified.rounds.join('; ')}.`);

  // The ETag across live rounds with nothing changed: the status has its own route and event.
  const liveAt = async () => (await get<{ status: SyncStatus }>(svc, '/status')).status.lastLiveSyncAt ?? '';
  const before = await liveAt();
  await until('another live round', async () => (await liveAt()) > before, 120);
  const again = (await fetch(`${svc.url}/api/v1/sessions`, { headers: { ...auth, 'If-None-Match': etag } })).status;
  console.log(`ETag across a live round with no session changed: ${again === 304 ? 'unchanged (304)' : `changed (${again})`}`);

  await sseFanOut(svc, sim);
} finally {
  await stop(svc);
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
}

/** 500 SSE clients over 4 processes; 50 joins pushed by WebSocket events; latency from the commit. */
async function sseFanOut(s: Service, zoom: ZoomSimulator): Promise<void> {
  const CLIENTS = 500;
  const PROCESSES = 4;
  const CHANGES = 50;
  const WARMUP = 10;
  const host = zoom.account.addUser({ email: 'bench@example.com' });
  const meeting = zoom.account.addMeeting({ hostId: host.id, topic: 'Fan-out' });
  zoom.account.start(meeting.id, 1);
  const children = Array.from({ length: PROCESSES }, (_, i) =>
    fork(path.join(here, 'sse-clients.js'), [`${s.url}/api/v1/events`, TOKEN, String(Math.floor(CLIENTS / PROCESSES) + (i < CLIENTS % PROCESSES ? 1 : 0))], { stdio: 'inherit' }),
  );
  await Promise.all(children.map((c) => new Promise<void>((resolve) => c.once('message', () => resolve()))));
  // RSS is sampled for 10 s once the snapshots are sent: how soon V8 gives their garbage back varies by run.
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 500));
    samples.push(memory(s.child.pid!).now);
  }
  const peak = memory(s.child.pid!).peak;
  for (let i = 0; i < CHANGES; i++) {
    zoom.account.join(meeting.id, 1);
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 1_000));
  const arrivals = (
    await Promise.all(
      children.map(
        (c) =>
          new Promise<{ participants: number; latency: number }[]>((resolve) => {
            c.once('message', (m) => resolve(m as { participants: number; latency: number }[]));
            c.send('report');
          }),
      ),
    )
  ).flat();
  for (const c of children) c.kill();
  const firstCounted = 2 + WARMUP; // the meeting started with 1 person; each join adds one
  const warm = arrivals.filter((a) => a.participants < firstCounted).map((a) => a.latency);
  const counted = arrivals.filter((a) => a.participants >= firstCounted).map((a) => a.latency).sort((x, y) => x - y);
  const q = (p: number) => quantile(counted, p);
  console.log(`SSE: ${CLIENTS} clients in ${PROCESSES} processes; RSS with them connected, over 10 s: ${samples[0]!.toFixed(0)} → ${samples.at(-1)!.toFixed(0)} MB (min ${Math.min(...samples).toFixed(0)}; peak ${peak.toFixed(0)} MB; target <= 100)`);
  console.log(`SSE warm-up (first ${WARMUP} changes after the snapshots): ${warm.length} deliveries, p50 ${warm.length ? quantile(warm, 0.5).toFixed(0) : '-'} ms, max ${Math.max(...warm).toFixed(0)} ms`);
  console.log(`SSE: ${CHANGES - WARMUP} changes: ${counted.length} deliveries of ${(CHANGES - WARMUP) * CLIENTS}; from commit to arrival p50 ${q(0.5).toFixed(0)} ms, p99 ${q(0.99).toFixed(0)} ms, max ${counted.at(-1)!.toFixed(0)} ms`);
  console.log(`RSS after the changes: ${memory(s.child.pid!).now.toFixed(0)} MB`);
}
