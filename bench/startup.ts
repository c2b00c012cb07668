// bench/startup: from spawning the process to the first HTTP answer, the service as users run it (the bundle
// `zoom-sessions serve`) against a bare node:http server started the same way, measured in one run; and the
// service's settled RSS (Linux /proc) three seconds after that answer, with no account set up and with the demo;
// and the first start after a build, before the CLI's code cache exists (each start writes it 2 s in).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { NODE_MEMORY_FLAGS, paths } from '../main/paths.js';
import { quantile } from './quantile.js';
import { memory } from './serve-process.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Written beside the bundle by scripts/code-cached-entry.cjs. */
const CODE_CACHE = path.join(path.dirname(paths.cli), 'service.cjs.v8cache');

function answered(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/v1/health', agent: false }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
  });
}

/** Milliseconds from spawn to the first answer (polled every 2 ms), and the RSS 3 s later. */
async function once(args: string[]): Promise<{ ms: number; rss: number }> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const started = performance.now();
  const child = spawn(process.execPath, [...args, ...(args.length > 1 ? ['--port', String(port)] : [String(port)])], { stdio: 'ignore', env: { PATH: process.env.PATH, HOME: os.tmpdir() } });
  while (!(await answered(port))) await new Promise((r) => setTimeout(r, 2));
  const ms = performance.now() - started;
  await new Promise((r) => setTimeout(r, 3_000));
  const rss = memory(child.pid!).now;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return { ms, rss };
}

const median = (xs: number[]) => quantile(xs, 0.5);

const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-startup-'));
const bare = path.join(dir, 'bare.mjs');
await writeFile(bare, "import http from 'node:http';\nhttp.createServer((q, r) => r.end('{}')).listen(Number(process.argv[2]), '127.0.0.1');\n");
try {
  const runs = { bare: [] as { ms: number; rss: number }[], unset: [] as { ms: number; rss: number }[], demo: [] as { ms: number; rss: number }[], cold: [] as { ms: number; rss: number }[] };
  // Interleaved, so a slow moment of the machine falls on all three alike.
  for (let i = 0; i < RUNS; i++) {
    runs.bare.push(await once([bare]));
    runs.unset.push(await once([...NODE_MEMORY_FLAGS, paths.cli, 'serve', '--data-dir', path.join(dir, `unset-${i}`)]));
    runs.demo.push(await once([...NODE_MEMORY_FLAGS, paths.cli, 'serve', '--demo', '--data-dir', path.join(dir, `demo-${i}`)]));
  }
  // Apart, after: deleting the cache inside the loop would leave every demo start a cache without the demo's code.
  for (let i = 0; i < RUNS; i++) {
    rmSync(CODE_CACHE, { force: true }); // as `npm run build` leaves it; this start writes it again
    runs.cold.push(await once([...NODE_MEMORY_FLAGS, paths.cli, 'serve', '--data-dir', path.join(dir, `cold-${i}`)]));
  }
  const row = (name: string, xs: { ms: number; rss: number }[]) => {
    const ms = median(xs.map((x) => x.ms));
    return `| ${name} | ${ms.toFixed(0)} | ${(ms / median(runs.bare.map((x) => x.ms))).toFixed(2)} | ${median(xs.map((x) => x.rss)).toFixed(0)} |`;
  };
  console.log(`bench/startup: spawn to first HTTP answer, median of ${RUNS} interleaved runs; RSS 3 s after it`);
  console.log('| process | first answer ms | ratio to bare (target <= 4) | settled RSS MB |');
  console.log('|---|---:|---:|---:|');
  console.log(row('bare node:http', runs.bare));
  console.log(row('zoom-sessions serve (no account yet)', runs.unset));
  console.log(row('zoom-sessions serve --demo (target RSS <= 70)', runs.demo));
  console.log(row('zoom-sessions serve, first start after a build (no code cache yet)', runs.cold));
} finally {
  await rm(dir, { recursive: true, force: true });
}
