// bench/scale: a large account, first start and restart, through the real `serve` process against the
// simulator. For 100 and 1000 hosts (10 scheduled meetings each, 2% of them live) it prints the time to
// the first live view (the status says ready and the live meetings are listed), to the full catalog
// (every host's list read), to every passcode read (100 hosts only: at our quarter of Zoom's Light budget
// 10 000 passcodes take ~500 s by design), and the service's peak and settled RSS (Linux /proc).
import { spawn, type ChildProcess } from 'node:child_process';
import { paths } from '../main/paths.js';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ZoomSimulator } from '../main/zoom-simulator/server.js';
import type { Session, SyncStatus } from '../shared/session.js';

const CLI = paths.cli;
const TOKEN = 'scale-bench-token-0123456789';
const MEETINGS_PER_HOST = 10;

interface Service {
  child: ChildProcess;
  url: string;
  started: number;
}

function serve(sim: ZoomSimulator, dir: string): Promise<Service> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dir, '--api-token', TOKEN], {
    env: { ...process.env, ZOOM_API_BASE_URL: sim.apiBaseUrl, ZOOM_OAUTH_URL: sim.oauthUrl, ZOOM_ACCOUNT_ID: sim.accountId, ZOOM_CLIENT_ID: sim.clientId, ZOOM_CLIENT_SECRET: sim.clientSecret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (m) resolve({ child, url: m[0], started });
    });
    child.stderr.resume();
    child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
  });
}

/** VmHWM (peak) and VmRSS (now) of a process, in MB. */
function memory(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)![1]);
  return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 };
}

async function get<T>(s: Service, route: string): Promise<T> {
  const res = await fetch(`${s.url}/api/v1${route}`, { headers: { SECURITY_TOKEN_AUTHENTICATION_KEY: TOKEN } });
  return (await res.json()) as T;
}

/** Seconds from the process start until `done` holds, polled every 100 ms. */
async function secondsUntil(s: Service, done: () => Promise<boolean>, limitS: number): Promise<number | null> {
  for (;;) {
    if (await done()) return (performance.now() - s.started) / 1000;
    if ((performance.now() - s.started) / 1000 > limitS) return null;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(s: Service): Promise<void> {
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}

async function run(hosts: number): Promise<void> {
  const sim = new ZoomSimulator();
  await sim.start();
  const liveIds = new Set<string>();
  for (let h = 0; h < hosts; h++) {
    const u = sim.account.addUser({ email: `host${h}@example.com`, firstName: `Host${h}` });
    for (let i = 0; i < MEETINGS_PER_HOST; i++) {
      const m = sim.account.addMeeting({ hostId: u.id, topic: `Room ${h}-${i}`, type: 2, password: `p${h}x${i}` });
      if ((h * MEETINGS_PER_HOST + i) % 50 === 0) {
        sim.account.start(m.id, 3);
        liveIds.add(String(m.id));
      }
    }
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-scale-'));
  const liveShown = async (s: Service) => {
    const { sessions, status } = await get<{ sessions: Session[]; status: SyncStatus }>(s, '/sessions/state');
    return status.ready && liveIds.size > 0 && [...liveIds].every((id) => sessions.some((x) => x.meetingId === id));
  };
  const catalogRead = async (s: Service) => (await get<{ status: SyncStatus }>(s, '/status')).status.lastCatalogSyncAt != null;
  const passcodesRead = async (s: Service) => !(await get<{ status: SyncStatus }>(s, '/status')).status.notes.some((n) => n.startsWith('passcodes:'));
  try {
    const first = await serve(sim, dir);
    const live = await secondsUntil(first, () => liveShown(first), 60);
    const catalog = await secondsUntil(first, () => catalogRead(first), 300);
    const passcodes = hosts <= 100 ? await secondsUntil(first, () => passcodesRead(first), 300) : null;
    await new Promise((r) => setTimeout(r, 2_000));
    const mem = memory(first.child.pid!);
    const sessions = (await get<{ sessions: Session[] }>(first, '/sessions')).sessions.length;
    await stop(first);
    const again = await serve(sim, dir);
    const liveAgain = await secondsUntil(again, () => liveShown(again), 60);
    await stop(again);
    const f = (v: number | null) => (v == null ? 'n/a' : `${v.toFixed(1)} s`);
    console.log(
      `${String(hosts).padStart(5)} hosts, ${sessions} sessions (${liveIds.size} live): first live view ${f(live)} (restart ${f(liveAgain)}), ` +
        `full catalog ${f(catalog)}, passcodes ${hosts <= 100 ? f(passcodes) : 'not waited for'}; RSS peak ${mem.peak.toFixed(0)} MB, settled ${mem.now.toFixed(0)} MB`,
    );
  } finally {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

console.log('bench/scale: the real serve process against the simulator (Business plan budget: we pace at a quarter of it)');
console.log(`  floor for the full catalog: hosts / ${Math.floor(60 * 0.25)} Medium calls per second (1000 hosts: ~67 s), plus the user list`);
for (const hosts of [100, 1000]) await run(hosts);
