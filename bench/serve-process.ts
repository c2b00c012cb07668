// The real service for the benchmarks: `zoom-sessions serve` (the bundle users run) in its own process,
// signed in to the simulator, with what Linux's /proc says about it.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { NODE_MEMORY_FLAGS, paths } from '../main/paths.js';
import type { ZoomSimulator } from '../main/zoom-simulator/server.js';

export const TOKEN = 'bench-api-token-0123456789';

export interface Service {
  child: ChildProcess;
  url: string;
  /** performance.now() when it was spawned. */
  started: number;
}

/** `events`: Zoom's WebSocket events from the simulator, as well as polling. `port`: a fixed one (a restart
 * comes back where its clients left it); default any free one. */
export function serve(sim: ZoomSimulator, dir: string, opts: { events?: boolean; port?: number } = {}): Promise<Service> {
  const started = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, ZOOM_API_BASE_URL: sim.apiBaseUrl, ZOOM_OAUTH_URL: sim.oauthUrl, ZOOM_ACCOUNT_ID: sim.accountId, ZOOM_CLIENT_ID: sim.clientId, ZOOM_CLIENT_SECRET: sim.clientSecret };
  if (opts.events) Object.assign(env, { ZOOM_WS_URL: sim.wsUrl, ZOOM_WS_SUBSCRIPTION_ID: sim.events.subscriptionId });
  const child = spawn(process.execPath, [...NODE_MEMORY_FLAGS, paths.cli, 'serve', '--port', String(opts.port ?? 0), '--data-dir', dir, '--api-token', TOKEN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
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
export function memory(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)![1]);
  return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 };
}

/** CPU seconds (user + system) a process has used: the same figure as process.cpuUsage() inside it. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

export async function get<T>(s: Service, route: string): Promise<T> {
  const res = await fetch(`${s.url}/api/v1${route}`, { headers: { SECURITY_TOKEN_AUTHENTICATION_KEY: TOKEN } });
  return (await res.json()) as T;
}

export async function stop(s: Service): Promise<void> {
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}

/** The simulator with `hosts` users of 10 scheduled meetings each, one in 50 of them live. */
export function seedAccount(sim: ZoomSimulator, hosts: number): Set<string> {
  const liveIds = new Set<string>();
  for (let h = 0; h < hosts; h++) {
    const u = sim.account.addUser({ email: `host${h}@example.com`, firstName: `Host${h}` });
    for (let i = 0; i < 10; i++) {
      const m = sim.account.addMeeting({ hostId: u.id, topic: `Room ${h}-${i}`, type: 2, password: `p${h}x${i}` });
      if ((h * 10 + i) % 50 === 0) {
        sim.account.start(m.id, 3);
        liveIds.add(String(m.id));
      }
    }
  }
  return liveIds;
}
