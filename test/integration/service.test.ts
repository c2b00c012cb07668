import assert from 'node:assert/strict';
import { paths } from '../../main/paths.js';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import type { Session, SyncStatus } from '../../shared/session.js';
import { parseServeArgs } from '../../main/config.js';
import { startService } from '../../main/service.js';
import { EmbeddedStore } from '../../main/store/embedded.js';
import { hashToken } from '../../main/store/tokens.js';
import { startOldMongo } from '../helpers/old-mongo.js';
import { until as waitUntil } from '../helpers/until.js';

// The bundles users run (npm start, zoom-sessions), not tsc's modules.
const CLI = paths.cli;
const tmp = () => mkdtemp(path.join(os.tmpdir(), 'zs-service-'));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI until it prints `until` on stdout (then leaves it running) or exits. */
function cli(args: string[], env: NodeJS.ProcessEnv, until?: RegExp) {
  const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, HOME: os.tmpdir(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const run: Run = { code: null, stdout: '', stderr: '' };
  const ready = new Promise<Run>((resolve) => {
    child.stdout.on('data', (c: Buffer) => {
      run.stdout += c.toString();
      if (until && until.test(run.stdout)) resolve(run);
    });
    child.stderr.on('data', (c: Buffer) => (run.stderr += c.toString()));
    child.on('exit', (code) => {
      run.code = code;
      resolve(run);
    });
  });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  return { child, ready, stop: async () => { if (run.code == null) { child.kill('SIGTERM'); await exited; } } };
}

async function getJson(url: string, token?: string) {
  const res = await fetch(url, { headers: token ? { SECURITY_TOKEN_AUTHENTICATION_KEY: token } : {} });
  return { status: res.status, body: (await res.json()) as { sessions: Session[]; status: SyncStatus; error?: { code: string } } };
}

test('serve --demo prints the URL and a token once; the token lists live and available sessions', async () => {
  const dir = await tmp();
  const p = cli(['serve', '--demo', '--port', '0', '--data-dir', dir], {}, /API token[^\n]*\n[^\n]*\n/);
  try {
    const out = await p.ready;
    const url = out.stdout.match(/serving (http:\/\/127\.0\.0\.1:\d+)/)![1]!;
    const token = out.stdout.match(/API token \(shown once, keep it\): (\S+)/)![1]!;
    assert.equal(Buffer.from(token, 'base64url').length, 32);
    assert.equal((await getJson(`${url}/api/v1/isalive`, token)).status, 200);
    assert.equal((await getJson(`${url}/api/v1/sessions`)).status, 401);
    assert.equal((await getJson(`${url}/api/v1/sessions`, 'wrong-token-wrong-token')).status, 401);
    assert.equal((await getJson(`${url}/api/v1/sessions`, 'ExampleAccess')).status, 200, 'the original test token, in demo only');
    const body = await waitUntil('the first catalog and live read', async () => {
      const b = (await getJson(`${url}/api/v1/sessions`, token)).body;
      return b.status.ready && b.status.lastCatalogSyncAt ? b : null;
    }, 5_000, 100);
    assert.ok(body.status.ready);
    assert.ok(body.sessions.some((s) => s.status === 'live'), 'the demo starts with meetings live');
    assert.ok(body.sessions.some((s) => s.status === 'available'));
    assert.ok(body.sessions.length >= 12);
    assert.ok(!out.stdout.includes('sim-client-secret') && !out.stderr.includes('sim-client-secret'));
  } finally {
    await p.stop();
  }
  // A restart keeps the token (hashed) and does not print it again.
  const again = cli(['serve', '--demo', '--port', '0', '--data-dir', dir], {}, /API token[^\n]*\n/);
  try {
    const out = await again.ready;
    assert.match(out.stdout, /API token: the one printed on first start/);
  } finally {
    await again.stop();
  }
  await rm(dir, { recursive: true, force: true });
});

test('no credentials: the service starts, says how to set Zoom up, and reports itself not configured', async () => {
  const dir = await tmp();
  const p = cli(['serve', '--port', '0', '--data-dir', dir], {}, /API token[^\n]*\n/);
  try {
    const out = await p.ready;
    assert.equal(out.code, null, out.stderr);
    assert.match(out.stdout, /Zoom is not set up yet: open the dashboard .*demo account\n.*ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET/);
    const url = out.stdout.match(/serving (http:\/\/127\.0\.0\.1:\d+)/)![1]!;
    const token = out.stdout.match(/API token \(shown once, keep it\): (\S+)/)![1]!;
    const { body } = await getJson(`${url}/api/v1/status`, token);
    assert.equal(body.status.configured, false);
    assert.equal(body.status.lastError, null, 'nothing is polled before setup');
  } finally {
    await p.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a bad ZOOM_API_BASE_URL is named in one line', async () => {
  const out = await cli(['serve'], { ZOOM_API_TOKEN: 'x', ZOOM_API_BASE_URL: 'nope' }).ready;
  assert.equal(out.code, 2);
  assert.match(out.stderr, /ZOOM_API_BASE_URL is not a valid URL/);
});

test('clean failures: a malformed MONGODB_URI, an impossible data dir, a wrong flag: one line, exit 2, no stack, the password never shown', async () => {
  const dir = await tmp();
  const cases: Array<[string[], NodeJS.ProcessEnv, RegExp]> = [
    [['serve', '--data-dir', dir], { MONGODB_URI: 'mongodb://ops:hunter2secret@db.example:99999/zs' }, /^zoom-sessions: MONGODB_URI mongodb:\/\/ops:\*\*\*@db\.example:99999\/zs cannot be used: /],
    [['serve', '--data-dir', dir], { MONGODB_URI: 'mongodb+srv://ops:hunter2secret@' }, /^zoom-sessions: MONGODB_URI .*ops:\*\*\*@ cannot be used: /],
    [['serve', '--demo', '--port', '0', '--data-dir', '/proc/zoom-sessions-test'], {}, /^zoom-sessions: Could not open the data dir in \/proc\/zoom-sessions-test\/demo \(ENOENT: no such file/],
    [['serve', '--port', '0', '--data-dir', '/proc/zs'], { MONGODB_URI: 'mongodb://127.0.0.1:1' }, /^zoom-sessions: Could not make the data dir \/proc\/zs \(ENOENT/],
    [['token', 'new', '--data-dir', '/proc/zs'], {}, /^zoom-sessions: Could not open the data dir/],
    [['token', 'new', '--bogus'], {}, /^zoom-sessions: Unknown option '--bogus'\nusage: zoom-sessions token new \[--label TEXT\] \| revoke-all/],
    [['token', 'new', '--label', '', '--data-dir', dir], {}, /^zoom-sessions: --label: 1 to 100 characters/],
    [['token', 'revoke-all', '--label', 'x', '--data-dir', dir], {}, /^zoom-sessions: --label goes with `token new`/],
    [['token', 'frobnicate'], {}, /^zoom-sessions: usage: zoom-sessions token/],
    [['migrate', '--nope'], {}, /^zoom-sessions: Unknown option '--nope'\nusage: zoom-sessions migrate/],
    [['serve', '--nope'], {}, /^zoom-sessions: Unknown option '--nope'\. Usage: zoom-sessions serve/],
  ];
  try {
    for (const [args, env, expected] of cases) {
      const started = Date.now();
      const out = await cli(args, env).ready;
      const what = `${args.join(' ')}: ${out.stderr}`;
      assert.equal(out.code, 2, what);
      assert.match(out.stderr, expected, what);
      assert.doesNotMatch(out.stderr, /hunter2|\n\s+at |EPERM: EPERM|ENOENT: ENOENT/, what);
      assert.ok(Date.now() - started < 5_000, `${what} took ${Date.now() - started} ms`);
    }
    for (const args of [['token', 'new', '--help'], ['serve', '--help'], ['migrate', '--help'], ['--help']]) {
      const out = await cli(args, {}).ready;
      assert.equal(out.code, 0, args.join(' '));
      assert.match(out.stdout, /zoom-sessions (token|serve|migrate)/, args.join(' '));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('token new --label: the token is printed once and its label is kept with its hash (never the token itself)', async () => {
  const dir = await tmp();
  try {
    const out = await cli(['token', 'new', '--label', 'wall display', '--data-dir', dir], {}).ready;
    assert.equal(out.code, 0, out.stderr);
    const token = /New API token “wall display” \(shown once, keep it\): (\S+)/.exec(out.stdout)?.[1];
    assert.ok(token, out.stdout);
    const store = new EmbeddedStore({ dataDir: dir });
    await store.open();
    try {
      assert.deepEqual((await store.tokens()).map((t) => [t.kind, t.label, t.hash === hashToken(token)]), [['api', 'wall display', true]]);
    } finally {
      await store.close();
    }
    for (const name of await readdir(dir)) assert.ok(!(await readFile(path.join(dir, name), 'utf8').catch(() => '')).includes(token), name);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the original exercise\'s MongoDB 3.6: reached, and named as too old, with the way forward; exit 2', async () => {
  const old = await startOldMongo(6); // MongoDB 3.6 speaks wire version 6
  const dir = await tmp();
  try {
    const started = Date.now();
    const out = await cli(['serve', '--port', '0', '--data-dir', dir], { MONGODB_IP: '127.0.0.1', MONGODB_PORT: String(old.port) }).ready;
    assert.equal(out.code, 2, out.stderr);
    assert.equal(out.stderr.trim(), `zoom-sessions: MongoDB at mongodb://127.0.0.1:${old.port} is version 3.6; zoom-sessions needs 4.4 or newer — see docs/migrate-from-the-original.md`);
    assert.ok(old.handshakes > 0, 'the server was reached');
    assert.ok(Date.now() - started < 8_000, `${Date.now() - started} ms`);
  } finally {
    await old.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test('the zoom-sessions command: an executable shim in bin/ (it survives rebuilds), --version, and npm start --demo without --', async () => {
  const bin = fileURLToPath(new URL('../../../bin/zoom-sessions.js', import.meta.url));
  assert.ok(((await stat(bin)).mode & 0o111) !== 0, 'bin/zoom-sessions.js is executable');
  const pkg = JSON.parse(await readFile(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')) as { version: string; bin: Record<string, string> };
  assert.equal(pkg.bin['zoom-sessions'], 'bin/zoom-sessions.js');
  const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0, version.stderr);
  assert.equal(version.stdout.trim(), `zoom-sessions ${pkg.version}`);
  // npm hands `npm start --demo` (no --) to the launcher as npm_config_demo.
  const dir = await tmp();
  const LAUNCH = paths.launch;
  const child = spawn(process.execPath, [LAUNCH, '--port', '0', '--data-dir', dir], { env: { PATH: process.env.PATH, HOME: os.tmpdir(), npm_config_demo: 'true', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    await waitUntil('serving the demo', () => /serving http:\/\/127\.0\.0\.1:\d+ \(demo account\)/.test(out), 20_000);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await rm(dir, { recursive: true, force: true });
  }
});

test('a port in use: one line naming the port and --port, exit code 2', async () => {
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
  const port = (blocker.address() as net.AddressInfo).port;
  const dir = await tmp();
  try {
    const out = await cli(['serve', '--demo', '--port', String(port), '--data-dir', dir], {}).ready;
    assert.equal(out.code, 2);
    assert.match(out.stderr, new RegExp(`port ${port} is already in use.*--port.*AirPlay`));
  } finally {
    blocker.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('the running service follows the account on its live interval (per-host mode, 2 s)', async () => {
  const dir = await tmp();
  const config = parseServeArgs(['--demo', '--port', '0', '--data-dir', dir], { ZOOM_SESSIONS_LIVE_INTERVAL: '2', ZOOM_PLAN: 'pro' });
  const service = await startService(config, { demoTickMs: 3_600_000 });
  try {
    const sim = service.simulator!;
    sim.dashboardForbidden = true; // per-host polling of 3 hosts fits a 2 s interval on Pro
    await service.scheduler.refreshNow(); // timers start over with the per-host interval
    const host = [...sim.account.users.values()][0]!;
    const m = sim.account.addMeeting({ hostId: host.id, topic: 'Appears by itself', type: 1 });
    sim.account.start(m.id, 2);
    const token = 'ExampleAccess';
    const seen = async (pred: (s: Session | undefined) => boolean) => {
      const started = Date.now();
      await waitUntil('seen through the API', async () => pred((await getJson(`${service.url}/api/v1/sessions`, token)).body.sessions.find((s) => s.meetingId === String(m.id))), 8_000, 100);
      return Date.now() - started;
    };
    await seen((s) => s?.status === 'live');
    sim.account.end(m.id);
    const took = await seen((s) => s?.status === 'available');
    assert.ok(took <= 2_000 + 1_500, `seen ended after ${took} ms`);
    assert.equal(service.engine.status().strategy, 'per-host');
  } finally {
    await service.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test('npm start where Electron cannot run: one line saying why, then the headless service serving the dashboard', async () => {
  const dir = await tmp();
  const LAUNCH = paths.launch;
  const child = spawn(process.execPath, [LAUNCH, '--demo', '--port', '0', '--data-dir', dir], {
    // No DISPLAY: on Linux that alone sends it headless (and nothing is downloaded at test time).
    env: { PATH: process.env.PATH, HOME: os.tmpdir(), ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        const m = stdout.match(/serving (http:\/\/127\.0\.0\.1:\d+)/);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(`exited: ${stderr}`)));
    });
    assert.match(stderr.split('\n')[0]!, /^zoom-sessions: no (Electron binary|display) \(.+\); running the headless service instead\.$/);
    const page = await fetch(`${url}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<div id="app">/);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await rm(dir, { recursive: true, force: true });
  }
});
