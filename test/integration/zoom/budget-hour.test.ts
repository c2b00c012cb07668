// The budget promise as a property: the whole service runs for a simulated hour against the Zoom simulator —
// people asking who is in a meeting, the usage history's backfill due, live reads asked again (as after a
// reconnect), Zoom answering 500 for a while, two restarts — and every 60-s window of the simulator's own
// call log holds at most a quarter of Zoom's per-minute limit for the Resource-intensive category (5 on
// Business), every 1-s window at most a quarter of the per-second ones. A person's explicit requests — End,
// a Join's passcode, Refresh now — may exceed (README says so); none is made here. Time is node:test's mock timers (the hour passes
// in seconds); the HTTP between the service and the simulator is real, on loopback. The simulated clock does
// not move while a request is on the wire: loopback takes well under a millisecond, and a second passing
// during one (a loaded machine, a fresh connection after a restart) would log calls later than they were sent.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import dc from 'node:diagnostics_channel';
import { mock, test } from 'node:test';
import { parseServeArgs } from '../../../main/config.js';
import { startService, type RunningService } from '../../../main/service.js';
import { ZoomSimulator } from '../../../main/zoom-simulator/server.js';
import { zoomFaults } from '../../../main/zoom-simulator/faults.js';
import { ZOOM_CALLS, type ZoomCallName } from '../../../shared/zoom-calls.js';
import { budgetWindows } from '../../../main/zoom/call-budget.js';
import type { RateCategory } from '../../../main/zoom/rate-limits.js';
import { busiestWindow } from '../../../bench/soak/measures.js';

const realSetTimeout = globalThis.setTimeout;
const realSleep = (ms: number) => new Promise<void>((r) => realSetTimeout(r, ms));

/** HTTP requests sent and not yet answered (node:http's diagnostics channels; ZoomClient speaks node:http). */
const onTheWire = new Set<object>();
const sent = (m: unknown) => void onTheWire.add((m as { request: object }).request);
const done = (m: unknown) => void onTheWire.delete((m as { request: object }).request);
/** Real time until every request on the wire has its answer (at most `ms`): true if they all did. */
async function landed(ms: number): Promise<boolean> {
  for (const until = performance.now() + ms; onTheWire.size > 0; ) {
    if (performance.now() > until) return false;
    await realSleep(1);
  }
  return true;
}
const T0 = Date.parse('2026-12-07T08:00:00Z');
const MIN = 60_000;

/** Each route's category, from the one table the client budgets by and the simulator limits by. */
const CATEGORY = (route: string): RateCategory | null => (route in ZOOM_CALLS ? ZOOM_CALLS[route as ZoomCallName].category : null);

function seed(sim: ZoomSimulator): number[] {
  const a = sim.account;
  const ids: number[] = [];
  for (let i = 0; i < 30; i++) {
    const u = a.addUser({ email: `room${i}@example.com`, firstName: `Room ${i}` });
    ids.push(a.addMeeting({ hostId: u.id, topic: `Class ${i}` }).id);
  }
  // 35 days of past meetings: the backfill of 30 days is due from the first minute.
  for (let d = 1; d <= 35; d++) {
    const start = T0 - d * 86_400_000;
    for (let k = 0; k < 3; k++) a.past.push({ uuid: `past-${d}-${k}`, id: ids[k]!, topic: `Class ${k}`, hostId: [...a.users.keys()][k]!, startedAt: new Date(start).toISOString(), endedAt: new Date(start + 45 * MIN).toISOString(), participants: 5 });
  }
  return ids;
}

test('a simulated hour: no 60-s window over 5 Dashboard calls, no 1-s window over a quarter of the others', { timeout: 240_000 }, async (t) => {
  const sim = new ZoomSimulator({ now: () => Date.now() });
  await sim.start();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-budget-hour-'));
  mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'], now: T0 });
  dc.subscribe('http.client.request.start', sent);
  dc.subscribe('http.client.response.finish', done);
  dc.subscribe('http.client.request.error', done);
  let svc: RunningService | null = null;
  t.after(async () => {
    dc.unsubscribe('http.client.request.start', sent);
    dc.unsubscribe('http.client.response.finish', done);
    dc.unsubscribe('http.client.request.error', done);
    await svc?.stop();
    mock.timers.reset();
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  });
  const ids = seed(sim);
  const config = parseServeArgs(['--port', '0', '--data-dir', dir], {
    ZOOM_API_BASE_URL: sim.apiBaseUrl,
    ZOOM_OAUTH_URL: sim.oauthUrl,
    ZOOM_ACCOUNT_ID: sim.accountId,
    ZOOM_CLIENT_ID: sim.clientId,
    ZOOM_CLIENT_SECRET: sim.clientSecret,
  });
  const start = async () => {
    svc = await startService(config, { rendererDir: null });
  };
  await start();
  const whoIsIn: string[] = [];
  const ask = (id: number) => void svc!.engine.participants(String(id)).then((p) => whoIsIn.push(p?.source ?? p?.note ?? 'unknown meeting'), (e: Error) => whoIsIn.push(e.message));

  let stuck = 0;
  for (let s = 1; s <= 3_600; s++) {
    if (!(await landed(1_000))) stuck++;
    mock.timers.tick(1_000);
    await realSleep(2);
    const m = Math.floor(s / 60);
    const sec = s % 60;
    // Meetings come and go: a few live at any time.
    if (sec === 5) {
      sim.account.start(ids[m % 30]!, 3);
      if (m >= 3) sim.account.end(ids[(m - 3) % 30]!);
    }
    // People ask who is in (two meetings live since the minutes before): twice a minute in the first minutes,
    // then every fourth minute.
    if ((m % 4 === 1 || m < 3) && m >= 1 && (sec === 20 || sec === 40)) ask(ids[(m + 30 - (sec === 40 ? 2 : 1)) % 30]!);
    // Live read again after a reconnect (three at once), and a Zoom outage of a few 500s.
    if (m % 10 === 3 && sec === 10) for (let k = 0; k < 3; k++) void svc!.scheduler.pollNow();
    if (m === 15 && sec === 0) sim.faults.add(zoomFaults.serverError('dashboard', 500, 6));
    // Two restarts: the new run counts the minute the last one began.
    if ((m === 20 || m === 41) && sec === 50) {
      const old = svc!;
      svc = null;
      await old.stop();
      await start();
    }
  }

  const windows = budgetWindows('business');
  const byCategory = new Map<RateCategory, number[]>();
  for (const c of sim.calls) {
    const cat = CATEGORY(c.route);
    if (cat && c.route !== 'end-meeting') byCategory.set(cat, [...(byCategory.get(cat) ?? []), c.at]);
  }
  const perMinute: Record<string, number[]> = {};
  for (const [cat, times] of byCategory) {
    const counts = Array.from({ length: 60 }, () => 0);
    for (const at of times) counts[Math.min(59, Math.floor((at - T0) / MIN))]!++;
    perMinute[cat] = counts;
  }
  t.diagnostic(`calls per category per minute over the hour: ${JSON.stringify(perMinute)}`);
  t.diagnostic(`seconds that passed with a request still unanswered after 1 s of real time: ${stuck}`);
  t.diagnostic(`who-is-in answers: ${JSON.stringify(whoIsIn.reduce<Record<string, number>>((o, k) => ({ ...o, [k.slice(0, 40)]: (o[k.slice(0, 40)] ?? 0) + 1 }), {}))}`);
  const ri = byCategory.get('resource-intensive') ?? [];
  assert.ok(ri.length >= 4 * 50, `the live poll ran all hour (${ri.length} Dashboard calls)`);
  assert.ok(sim.calls.filter((c) => c.route === 'dashboard-participants').length >= 3, 'names were read from the Dashboard');
  const backfilled = (await svc!.store.instances({ from: new Date(T0 - 40 * 86_400_000).toISOString(), to: new Date(T0).toISOString() })).filter((i) => i.uuid?.startsWith('past-'));
  t.diagnostic(`backfilled: ${backfilled.length} past meetings`);
  assert.ok(backfilled.length > 0, 'the backfill ran');
  for (const [cat, times] of byCategory) {
    const worst = busiestWindow(times, windows[cat].ms);
    t.diagnostic(`${cat}: at most ${worst.count} in ${windows[cat].ms / 1000} s (limit ${windows[cat].limit})`);
    assert.ok(worst.count <= windows[cat].limit, `${cat}: ${worst.count} calls in the ${windows[cat].ms / 1000}-s window from ${new Date(worst.at).toISOString()}`);
  }
  const firstTen = ri.filter((at) => at < T0 + 10 * MIN);
  assert.ok(busiestWindow(firstTen, MIN).count <= 5, 'a fresh start: at most 5 in every minute of its first ten');
});
