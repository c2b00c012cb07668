// bench/scale: a large account, first start and restart, through the real `serve` process against the
// simulator. For 100 and 1000 hosts (10 scheduled meetings each, 2% of them live) it prints the time to
// the first live view (the status says ready and the live meetings are listed), to the full catalog
// (every host's list read), to every passcode read (100 hosts only: at our quarter of Zoom's Light budget
// 10 000 passcodes take ~500 s by design), and the service's peak and settled RSS (Linux /proc).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ZoomSimulator } from '../main/zoom-simulator/server.js';
import type { Session, SyncStatus } from '../shared/session.js';
import { get, memory, seedAccount, serve, stop, type Service } from './serve-process.js';

/** Seconds from the process start until `done` holds, polled every 100 ms. */
async function secondsUntil(s: Service, done: () => Promise<boolean>, limitS: number): Promise<number | null> {
  for (;;) {
    if (await done()) return (performance.now() - s.started) / 1000;
    if ((performance.now() - s.started) / 1000 > limitS) return null;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function run(hosts: number): Promise<void> {
  const sim = new ZoomSimulator();
  await sim.start();
  const liveIds = seedAccount(sim, hosts);
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
for (const hosts of (process.env.BENCH_HOSTS ?? '100,1000').split(',').map(Number)) await run(hosts);
