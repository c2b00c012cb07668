// bench/freshness: how far behind Zoom is what people see? Measured in one run against the simulator:
// from a meeting starting in "Zoom" to (a) its SSE event from the API and (b) the dashboard showing it in
// Chromium (its row, or Live's count where the row sorts below the window) — with Zoom's WebSocket events,
// and with polling alone — beside the original exercise's bound (30 s poll + 5 s page refresh ≈ 35 s).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseServeArgs } from '../main/config.js';
import { startService } from '../main/service.js';
import { ZoomSimulator } from '../main/zoom-simulator/server.js';
import { launchChromium } from '../test/helpers/browser.js';
import { connectSse } from '../test/helpers/sse-client.js';
import { quantile } from './quantile.js';

const CHANGES = 50;
const ORIGINAL_BOUND_MS = 35_000;
const now = () => performance.timeOrigin + performance.now();
const browser = await launchChromium([], { trace: false });

interface Result {
  mode: string;
  sse: number[];
  dom: number[];
}

async function run(mode: 'events' | 'polling'): Promise<Result> {
  const sim = new ZoomSimulator();
  await sim.start();
  const host = sim.account.addUser({ email: 'bench@example.com', firstName: 'Bench' });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-fresh-'));
  const env: NodeJS.ProcessEnv = {
    ZOOM_API_BASE_URL: sim.apiBaseUrl,
    ZOOM_OAUTH_URL: sim.oauthUrl,
    ZOOM_ACCOUNT_ID: sim.accountId,
    ZOOM_CLIENT_ID: sim.clientId,
    ZOOM_CLIENT_SECRET: sim.clientSecret,
    ...(mode === 'events' ? { ZOOM_WS_SUBSCRIPTION_ID: sim.events.subscriptionId, ZOOM_WS_URL: sim.wsUrl } : {}),
  };
  const token = 'freshness-bench-token-0123';
  const service = await startService(parseServeArgs(['--port', '0', '--data-dir', dir, '--api-token', token], env));
  const want = mode === 'events' ? 'events' : 'polling';
  while (!(service.engine.status().ready && service.engine.status().liveVia === want && service.engine.status().lastCatalogSyncAt)) await new Promise((r) => setTimeout(r, 20));

  const sse = await connectSse(`${service.url}/api/v1/events`, { SECURITY_TOKEN_AUTHENTICATION_KEY: token });
  const page = await (await browser.newContext()).newPage();
  await page.goto(service.loginUrl);
  await page.getByRole('heading', { name: /Live now/ }).waitFor();
  // The page notes when each live row first appears, and when Live's heading first counts n meetings (same
  // machine, same clock): Live draws the rows near the window, so a meeting that sorts below it shows first
  // in the count, and its row when scrolled to.
  await page.evaluate(`(() => {
    window.__seen = {};
    window.__counted = {};
    const note = () => {
      const t = performance.timeOrigin + performance.now();
      for (const el of document.querySelectorAll('[aria-label="Live meetings"] [data-meeting-id]')) {
        const id = el.getAttribute('data-meeting-id');
        if (!(id in window.__seen)) window.__seen[id] = t;
      }
      const n = Number(/\\((\\d+)\\)/.exec(document.getElementById('live-h')?.textContent ?? '')?.[1] ?? 0);
      for (let k = 1; k <= n; k++) if (!(k in window.__counted)) window.__counted[k] = t;
    };
    new MutationObserver(note).observe(document.body, { childList: true, subtree: true, characterData: true });
  })()`);

  const started = new Map<string, number>();
  // Spread over more than one live interval in polling mode, so the starts fall all across it.
  const gap = mode === 'events' ? 100 : 300;
  for (let i = 0; i < CHANGES; i++) {
    const m = sim.account.addMeeting({ hostId: host.id, topic: `Fresh ${i}`, type: 2 });
    started.set(String(m.id), now());
    sim.account.start(m.id, 1);
    await new Promise((r) => setTimeout(r, gap));
  }
  const deadline = now() + 40_000;
  // Meeting i (in the order started, none live before) is shown once its row is drawn or the count reaches i + 1.
  const shownAt = new Map<string, number>();
  while (now() < deadline) {
    const { seen, counted } = await page.evaluate<{ seen: Record<string, number>; counted: Record<number, number> }>('({ seen: window.__seen, counted: window.__counted })');
    [...started.keys()].forEach((id, i) => {
      const t = Math.min(seen[id] ?? Infinity, counted[i + 1] ?? Infinity);
      if (Number.isFinite(t)) shownAt.set(id, t);
    });
    if (shownAt.size === started.size) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const firstSse = new Map<string, number>();
  for (const e of sse.events) {
    if (e.event !== 'session') continue;
    const { session } = JSON.parse(e.data) as { session: { meetingId: string; status: string } };
    if (session.status === 'live' && !firstSse.has(session.meetingId)) firstSse.set(session.meetingId, e.at);
  }
  const delays = (at: (id: string) => number | undefined) => [...started].map(([id, t]) => (at(id) ?? NaN) - t);
  const result = { mode, sse: delays((id) => firstSse.get(id)), dom: delays((id) => shownAt.get(id)) };
  sse.close();
  await page.context().close();
  await service.stop();
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
  return result;
}

const q = quantile;
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

const results = [await run('events'), await run('polling')];
await browser.close();
console.log(`From a meeting starting in the simulator to what people see; ${CHANGES} starts per mode.`);
console.log('| mode | SSE p50 | SSE p95 | DOM p50 | DOM p95 | missed | original bound / DOM p95 |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  const missed = r.dom.filter((d) => !Number.isFinite(d)).length + r.sse.filter((d) => !Number.isFinite(d)).length;
  const p95 = q(r.dom, 0.95);
  console.log(`| ${r.mode} | ${fmt(q(r.sse, 0.5))} | ${fmt(q(r.sse, 0.95))} | ${fmt(q(r.dom, 0.5))} | ${fmt(p95)} | ${missed} | ${(ORIGINAL_BOUND_MS / p95).toFixed(1)}x |`);
}
console.log('Target: event mode DOM p95 <= 1 s.');
