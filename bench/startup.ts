// bench/startup: from typing the command to the first HTTP answer, as users start the service, against a bare
// node:http server started the same way, in one run: `npm run serve` and `npm start` (its headless path) a
// second time, nothing changed (their quick build finds nothing to do), beside npm running a bare server (npm's
// own start is the floor); `node <bin> serve` beside `node bare.mjs`, with the service's settled RSS (Linux
// /proc) three seconds after the answer (no account set up, and the demo), and the first start after a build,
// before the CLI's code cache exists. And the quick build alone with nothing changed.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { NODE_MEMORY_FLAGS, PACKAGE_DIR, paths } from '../main/paths.js';
import { quantile } from './quantile.js';
import { memory } from './serve-process.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BUNDLE = path.dirname(paths.cli);

function answered(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/v1/health', agent: false }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
  });
}

interface Start {
  ms: number;
  rss: number;
}

/** Milliseconds from spawning `command` (given the port) to the first answer (polled every 2 ms), and the
 * service's RSS 3 s later where node serves directly (not measured through npm and its shell). */
async function once(command: string, args: (port: number) => string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Start> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const started = performance.now();
  const child = spawn(command, args(port), { stdio: 'ignore', cwd: opts.cwd, detached: true, env: { PATH: process.env.PATH, HOME: os.tmpdir(), ...opts.env } });
  while (!(await answered(port))) await new Promise((r) => setTimeout(r, 2));
  const ms = performance.now() - started;
  await new Promise((r) => setTimeout(r, 3_000));
  const rss = command === process.execPath ? memory(child.pid!).now : NaN;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid!, 'SIGTERM'); // npm, its shell and the service alike
  await exited;
  return { ms, rss };
}

const median = (xs: number[]) => quantile(xs, 0.5);
const removeCodeCaches = async () => {
  for (const f of (await readdir(BUNDLE)).filter((f) => f.endsWith('.v8cache'))) rmSync(path.join(BUNDLE, f), { force: true });
};

const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-startup-'));
const bare = path.join(dir, 'bare.mjs');
await writeFile(bare, "import http from 'node:http';\nhttp.createServer((q, r) => r.end('{}')).listen(Number(process.argv[2]), '127.0.0.1');\n");
await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'bare', private: true, scripts: { bare: 'node bare.mjs' } }));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const serveArgs = (i: string) => (port: number) => ['--port', String(port), '--data-dir', path.join(dir, i)];
try {
  // The quick build with nothing changed (the first one here brings it up to date).
  spawnSync(process.execPath, ['scripts/build.mjs', '--quick'], { cwd: PACKAGE_DIR });
  const quickBuild: number[] = [];
  const nodeAlone: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    for (const [args, times] of [[['scripts/build.mjs', '--quick'], quickBuild], [['-e', '0'], nodeAlone]] as const) {
      const t = performance.now();
      spawnSync(process.execPath, args, { cwd: PACKAGE_DIR });
      times.push(performance.now() - t);
    }
  }
  const runs: Record<string, Start[]> = { bare: [], npmBare: [], npmServe: [], npmStart: [], unset: [], demo: [], cold: [] };
  // Interleaved, so a slow moment of the machine falls on all alike.
  for (let i = 0; i < RUNS; i++) {
    runs.bare!.push(await once(process.execPath, (port) => [bare, String(port)]));
    runs.npmBare!.push(await once(npm, (port) => ['run', '--silent', 'bare', '--', String(port)], { cwd: dir }));
    runs.npmServe!.push(await once(npm, (port) => ['run', '--silent', 'serve', '--', ...serveArgs(`npm-serve-${i}`)(port)], { cwd: PACKAGE_DIR }));
    // The headless path: no display, and no Electron download.
    runs.npmStart!.push(await once(npm, (port) => ['start', '--silent', '--', ...serveArgs(`npm-start-${i}`)(port)], { cwd: PACKAGE_DIR, env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } }));
    runs.unset!.push(await once(process.execPath, (port) => [...NODE_MEMORY_FLAGS, paths.cli, 'serve', ...serveArgs(`unset-${i}`)(port)]));
    runs.demo!.push(await once(process.execPath, (port) => [...NODE_MEMORY_FLAGS, paths.cli, 'serve', '--demo', ...serveArgs(`demo-${i}`)(port)]));
  }
  // Apart, after: deleting the cache inside the loop would leave every demo start a cache without the demo's code.
  for (let i = 0; i < RUNS; i++) {
    await removeCodeCaches(); // as a new bundle leaves it; this start writes it again
    runs.cold!.push(await once(process.execPath, (port) => [...NODE_MEMORY_FLAGS, paths.cli, 'serve', ...serveArgs(`cold-${i}`)(port)]));
  }
  const ms = (name: string) => median(runs[name]!.map((x) => x.ms));
  const row = (label: string, name: string, base: string) => {
    const rss = runs[name]!.map((x) => x.rss).filter(Number.isFinite);
    return `| ${label} | ${ms(name).toFixed(0)} | ${(ms(name) / ms(base)).toFixed(2)} | ${rss.length ? median(rss).toFixed(0) : ''} |`;
  };
  console.log(`bench/startup: typed to first HTTP answer, median of ${RUNS} interleaved runs; RSS 3 s after it`);
  console.log(`quick build, nothing changed: ${median(quickBuild).toFixed(0)} ms (target <= 150; \`node -e 0\` alone: ${median(nodeAlone).toFixed(0)} ms)`);
  console.log(`target for the npm rows: 4 x bare + npm's own start = ${(4 * ms('bare') + ms('npmBare') - ms('bare')).toFixed(0)} ms`);
  console.log('| process | first answer ms | ratio to its bare floor | settled RSS MB |');
  console.log('|---|---:|---:|---:|');
  console.log(row('npm run bare (npm running a bare node:http: the floor)', 'npmBare', 'npmBare'));
  console.log(row('npm run serve, second start', 'npmServe', 'npmBare'));
  console.log(row('npm start, headless path, second start', 'npmStart', 'npmBare'));
  console.log(row('bare node:http', 'bare', 'bare'));
  console.log(row('node <bin> serve (no account yet)', 'unset', 'bare'));
  console.log(row('node <bin> serve --demo (target RSS <= 70)', 'demo', 'bare'));
  console.log(row('node <bin> serve, first start after a build (no code cache yet)', 'cold', 'bare'));
} finally {
  await rm(dir, { recursive: true, force: true });
}
