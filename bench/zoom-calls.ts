// bench/zoom-calls: Zoom API calls per minute, by rate category, against account size, for our sync
// beside the original exercise's algorithm. Both run for real against the simulator; our engine runs
// on a virtual clock over a steady-state window of 10 minutes (after a 10-minute warm-up).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedStore } from '../main/store/embedded.js';
import { SyncEngine } from '../main/sync/engine.js';
import { ZOOM_LIMITS, type ZoomPlan } from '../main/sync/rate-budget.js';
import { S2SOAuth } from '../main/zoom/auth.js';
import { ZoomClient } from '../main/zoom/client.js';
import type { SimRoute } from '../main/zoom-simulator/faults.js';
import { ZoomSimulator } from '../main/zoom-simulator/server.js';

type Category = 'light' | 'medium' | 'resource-intensive';
const CATEGORY: Record<SimRoute, Category | null> = {
  oauth: null,
  users: 'medium',
  'user-meetings': 'medium',
  dashboard: 'resource-intensive',
  'dashboard-participants': 'resource-intensive',
  meeting: 'light',
  'end-meeting': 'light',
};

interface Row {
  hosts: number;
  meetings: number;
  live: number;
  strategy: 'dashboard' | 'per-host';
}

const ROWS: Row[] = [
  { hosts: 1, meetings: 10, live: 0, strategy: 'dashboard' },
  { hosts: 10, meetings: 100, live: 5, strategy: 'dashboard' },
  { hosts: 100, meetings: 1000, live: 50, strategy: 'dashboard' },
  { hosts: 1000, meetings: 10_000, live: 500, strategy: 'dashboard' },
  { hosts: 1, meetings: 10, live: 0, strategy: 'per-host' },
  { hosts: 10, meetings: 100, live: 5, strategy: 'per-host' },
  { hosts: 100, meetings: 1000, live: 50, strategy: 'per-host' },
  { hosts: 1000, meetings: 10_000, live: 500, strategy: 'per-host' },
];
const PLAN: ZoomPlan = 'business';
const WINDOW_MS = 10 * 60_000;

function perMinute(sim: ZoomSimulator, from: number, to: number, durationMs: number): Record<Category, number> {
  const out: Record<Category, number> = { light: 0, medium: 0, 'resource-intensive': 0 };
  for (const c of sim.calls.slice(from, to)) {
    const cat = c.route === 'unknown' ? null : CATEGORY[c.route];
    if (cat) out[cat]++;
  }
  for (const k of Object.keys(out) as Category[]) out[k] = out[k] / (durationMs / 60_000);
  return out;
}

async function account(row: Row): Promise<{ sim: ZoomSimulator; client: ZoomClient }> {
  const sim = new ZoomSimulator();
  await sim.start();
  sim.dashboardForbidden = row.strategy === 'per-host';
  const hosts = Array.from({ length: row.hosts }, (_, i) => sim.account.addUser({ email: `host${i}@bench.example` }));
  // Each host's personal room counts as one of its meetings.
  const scheduled = Math.max(0, row.meetings - row.hosts);
  const ids: number[] = hosts.map((h) => h.pmi);
  for (let i = 0; i < scheduled; i++) ids.push(sim.account.addMeeting({ hostId: hosts[i % hosts.length]!.id, topic: `M${i}`, type: i % 3 === 0 ? 8 : 2 }).id);
  for (let i = 0; i < row.live; i++) sim.account.start(ids[(i * 7) % ids.length]!, 3);
  const auth = new S2SOAuth({ oauthUrl: sim.oauthUrl, accountId: sim.accountId, clientId: sim.clientId, clientSecret: sim.clientSecret });
  return { sim, client: new ZoomClient({ apiBaseUrl: sim.apiBaseUrl, auth }) };
}

/** Our engine, on a virtual clock: catalog every 10 min, live polls at the interval it chooses. */
async function ours(row: Row): Promise<Record<Category, number>> {
  const { sim, client } = await account(row);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-bench-'));
  const store = new EmbeddedStore({ dataDir: dir });
  await store.open();
  let t = Date.now();
  // The pacers ask for their sleeps in slot order, so advancing a virtual clock by each is exact.
  const engine = new SyncEngine({ zoom: client, store, plan: PLAN, now: () => t, sleep: async (ms) => void (t += ms) });
  const start = t;
  let nextCatalog = start;
  let nextLive = start;
  let windowFrom = -1;
  let windowStartT = 0;
  for (;;) {
    const isCatalog = nextCatalog <= nextLive;
    const at = isCatalog ? nextCatalog : nextLive;
    if (at >= start + 2 * WINDOW_MS) break;
    t = Math.max(t, at);
    if (windowFrom < 0 && at >= start + WINDOW_MS) {
      windowFrom = sim.calls.length;
      windowStartT = t;
    }
    if (isCatalog) {
      await engine.refreshCatalog();
      nextCatalog = at + 10 * 60_000;
    } else {
      await engine.pollLive();
      // As the scheduler does: the interval counts from the start of the round.
      nextLive = at + engine.liveIntervalMs();
    }
  }
  // Paced rounds can run past their nominal time: the rate is over the virtual time really spent.
  const result = perMinute(sim, windowFrom, sim.calls.length, Math.max(t, start + 2 * WINDOW_MS) - windowStartT);
  await store.close();
  await rm(dir, { recursive: true, force: true });
  await sim.stop();
  return result;
}

/** The original: every 30 s one Dashboard call, then GET /meetings/{id} for every meeting ever seen
 * (here: every meeting of the account, as a long-running install ends up with). One round is run
 * for real and counted; a minute is two rounds. */
async function original(row: Row): Promise<Record<Category, number>> {
  const { sim, client } = await account(row);
  const ids = [...sim.account.meetings.keys()].map(String);
  const from = sim.calls.length;
  await client.listDashboardLiveMeetings('2026-11-27', '2026-11-27').catch(() => []);
  for (const id of ids) await client.getMeeting(id).catch(() => null);
  await sim.stop();
  return perMinute(sim, from, sim.calls.length, 30_000); // one round per 30 s
}

function share(c: Record<Category, number>): number {
  const l = ZOOM_LIMITS[PLAN];
  return Math.max(c.light / (l.lightPerSec * 60), c.medium / (l.mediumPerSec * 60), c['resource-intensive'] / l.resourceIntensivePerMin);
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const pct = (n: number) => `${(n * 100).toFixed(n < 0.1 ? 1 : 0)}%`;

console.log(`Zoom API calls per minute (steady state), ${PLAN} plan limits: Light ${ZOOM_LIMITS[PLAN].lightPerSec}/s, Medium ${ZOOM_LIMITS[PLAN].mediumPerSec}/s, Resource-intensive ${ZOOM_LIMITS[PLAN].resourceIntensivePerMin}/min`);
console.log('"budget" = the largest share of any one category\'s limit that the sync spends (ours targets <= 25%).');
console.log('');
console.log('| hosts | meetings | live | ours: mode | ours light | ours medium | ours res-int | ours budget | original light | original res-int | original budget | all calls: original/ours |');
console.log('|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const row of ROWS) {
  const a = await ours(row);
  const b = row.strategy === 'dashboard' ? await original(row) : null;
  const total = (c: Record<Category, number>) => c.light + c.medium + c['resource-intensive'];
  const ratio = b ? `${fmt(total(b) / total(a))}x` : '–';
  console.log(
    `| ${row.hosts} | ${row.meetings} | ${row.live} | ${row.strategy} | ${fmt(a.light)} | ${fmt(a.medium)} | ${fmt(a['resource-intensive'])} | ${pct(share(a))} | ` +
      `${b ? fmt(b.light) : '–'} | ${b ? fmt(b['resource-intensive']) : '–'} | ${b ? pct(share(b)) : '–'} | ${ratio} |`,
  );
}
console.log('');
console.log('The original has no per-host mode: without Dashboard rights it saw nothing live. Its budget column');
console.log('is over 100% where it would be throttled by Zoom (429) and stop showing the truth.');
